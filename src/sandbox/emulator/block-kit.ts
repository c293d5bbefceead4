/**
 * Block Kit validation with the limits Slack enforces (Block Kit docs and `@slack/types`).
 *
 * Pure functions: `validateBlocks(blocks, surface)` and `validateView(view)` return a list of problems,
 * each a human-readable message followed by a JSON pointer, in the shape Slack itself uses, e.g.
 * `must be less than 3001 characters [json-pointer:/blocks/0/text/text]`. An empty list means valid.
 */

export type Surface = 'message' | 'modal' | 'home';

export const BLOCK_KIT_LIMITS = {
  blocks: { message: 50, modal: 100, home: 100 },
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  blockId: 255,
  actionId: 255,
  callbackId: 255,
  externalId: 255,
  selectOptions: 100,
  optionGroups: 100,
  optionText: 75,
  optionValue: 75,
  optionDescription: 75,
  checkboxOptions: 10,
  radioOptions: 10,
  overflowOptions: 5,
  /** An overflow menu needs at least two options (Block Kit reference). */
  overflowOptionsMin: 2,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputMax: 3000,
  imageAltText: 2000,
  imageTitle: 2000,
  markdownBlockText: 12000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  messageText: 40000,
} as const;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Collector {
  readonly problems: string[] = [];
  add(path: string, message: string): void {
    this.problems.push(`${message} [json-pointer:${path}]`);
  }
}

const SELECTS = new Set([
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
]);

const ACCESSORY_TYPES = new Set([
  'button',
  'image',
  'overflow',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'checkboxes',
  'radio_buttons',
  ...SELECTS,
]);

const ACTIONS_TYPES = new Set([
  'button',
  'overflow',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'checkboxes',
  'radio_buttons',
  'rich_text_input',
  ...SELECTS,
]);

const INPUT_TYPES = new Set([
  'plain_text_input',
  'number_input',
  'email_text_input',
  'url_text_input',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'checkboxes',
  'radio_buttons',
  'rich_text_input',
  'file_input',
  ...SELECTS,
]);

const KNOWN_BLOCKS = new Set([
  'section',
  'header',
  'context',
  'actions',
  'divider',
  'image',
  'input',
  'rich_text',
  'markdown',
  'file',
  'video',
]);

function checkString(
  c: Collector,
  path: string,
  value: unknown,
  opts: { max?: number; min?: number; required?: boolean },
): value is string {
  if (value === undefined || value === null) {
    if (opts.required) c.add(path, 'missing required field');
    return false;
  }
  if (typeof value !== 'string') {
    c.add(path, 'must be a string');
    return false;
  }
  const min = opts.min ?? 0;
  if (value.length < min) c.add(path, `must be more than ${min - 1} characters`);
  if (opts.max !== undefined && value.length > opts.max) {
    c.add(path, `must be less than ${opts.max + 1} characters`);
  }
  return true;
}

/** A text composition object. `plainOnly` requires `plain_text`. */
function checkText(
  c: Collector,
  path: string,
  value: unknown,
  opts: { max: number; plainOnly?: boolean; required?: boolean },
): void {
  if (value === undefined || value === null) {
    if (opts.required ?? true) c.add(path, 'missing required field');
    return;
  }
  if (!isObj(value)) {
    c.add(path, 'must be a text object');
    return;
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
    c.add(`${path}/type`, 'must be one of plain_text, mrkdwn');
    return;
  }
  if (opts.plainOnly && value.type !== 'plain_text') {
    c.add(`${path}/type`, 'must be plain_text');
  }
  checkString(c, `${path}/text`, value.text, { min: 1, max: opts.max, required: true });
  if (value.type === 'plain_text' && value.emoji !== undefined && typeof value.emoji !== 'boolean') {
    c.add(`${path}/emoji`, 'must be a boolean');
  }
  if (value.type === 'mrkdwn' && value.verbatim !== undefined && typeof value.verbatim !== 'boolean') {
    c.add(`${path}/verbatim`, 'must be a boolean');
  }
}

function checkConfirm(c: Collector, path: string, value: unknown): void {
  if (value === undefined) return;
  if (!isObj(value)) {
    c.add(path, 'must be a confirmation dialog object');
    return;
  }
  checkText(c, `${path}/title`, value.title, { max: BLOCK_KIT_LIMITS.confirmTitle, plainOnly: true });
  checkText(c, `${path}/text`, value.text, { max: BLOCK_KIT_LIMITS.confirmText });
  checkText(c, `${path}/confirm`, value.confirm, {
    max: BLOCK_KIT_LIMITS.confirmButton,
    plainOnly: true,
  });
  checkText(c, `${path}/deny`, value.deny, { max: BLOCK_KIT_LIMITS.confirmButton, plainOnly: true });
  if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger') {
    c.add(`${path}/style`, 'must be one of primary, danger');
  }
}

function checkOption(c: Collector, path: string, value: unknown, allowMrkdwn: boolean): string | undefined {
  if (!isObj(value)) {
    c.add(path, 'must be an option object');
    return undefined;
  }
  checkText(c, `${path}/text`, value.text, { max: BLOCK_KIT_LIMITS.optionText, plainOnly: !allowMrkdwn });
  checkString(c, `${path}/value`, value.value, { min: 1, max: BLOCK_KIT_LIMITS.optionValue, required: true });
  if (value.description !== undefined) {
    checkText(c, `${path}/description`, value.description, {
      max: BLOCK_KIT_LIMITS.optionDescription,
      plainOnly: !allowMrkdwn,
    });
  }
  if (value.url !== undefined) checkString(c, `${path}/url`, value.url, { max: BLOCK_KIT_LIMITS.url });
  return typeof value.value === 'string' ? value.value : undefined;
}

function checkOptionList(
  c: Collector,
  path: string,
  value: unknown,
  opts: { min: number; max: number; allowMrkdwn: boolean },
): void {
  if (!Array.isArray(value)) {
    c.add(path, 'must be an array');
    return;
  }
  if (value.length < opts.min) c.add(path, `must provide at least ${opts.min} items`);
  if (value.length > opts.max) c.add(path, `must provide no more than ${opts.max} items`);
  const seen = new Set<string>();
  value.forEach((opt, i) => {
    const v = checkOption(c, `${path}/${i}`, opt, opts.allowMrkdwn);
    if (v !== undefined) {
      if (seen.has(v)) c.add(`${path}/${i}/value`, `duplicate option value '${v}'`);
      seen.add(v);
    }
  });
}

function checkActionId(c: Collector, path: string, el: Obj, seen: Set<string>): void {
  if (el.action_id === undefined) return;
  if (checkString(c, `${path}/action_id`, el.action_id, { min: 1, max: BLOCK_KIT_LIMITS.actionId })) {
    if (seen.has(el.action_id)) c.add(`${path}/action_id`, `duplicate action_id '${el.action_id}'`);
    seen.add(el.action_id);
  }
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^\d{2}:\d{2}$/;

function checkElement(c: Collector, path: string, el: unknown, allowed: Set<string>, actionIds: Set<string>) {
  if (!isObj(el)) {
    c.add(path, 'must be an element object');
    return;
  }
  const type = el.type;
  if (typeof type !== 'string') {
    c.add(`${path}/type`, 'missing required field');
    return;
  }
  if (!allowed.has(type)) {
    c.add(`${path}/type`, `element type '${type}' is not allowed here`);
    return;
  }
  if (type !== 'image') checkActionId(c, path, el, actionIds);
  if (SELECTS.has(type) || ['datepicker', 'timepicker', 'datetimepicker'].includes(type)) {
    if (el.placeholder !== undefined) {
      checkText(c, `${path}/placeholder`, el.placeholder, {
        max: BLOCK_KIT_LIMITS.placeholder,
        plainOnly: true,
      });
    }
  }
  if (el.confirm !== undefined) checkConfirm(c, `${path}/confirm`, el.confirm);
  switch (type) {
    case 'button':
      checkText(c, `${path}/text`, el.text, { max: BLOCK_KIT_LIMITS.buttonText, plainOnly: true });
      if (el.value !== undefined) {
        checkString(c, `${path}/value`, el.value, { max: BLOCK_KIT_LIMITS.buttonValue });
      }
      if (el.url !== undefined) checkString(c, `${path}/url`, el.url, { max: BLOCK_KIT_LIMITS.url });
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        c.add(`${path}/style`, 'must be one of primary, danger');
      }
      break;
    case 'image':
      if (el.slack_file === undefined) {
        checkString(c, `${path}/image_url`, el.image_url, {
          min: 1,
          max: BLOCK_KIT_LIMITS.url,
          required: true,
        });
      }
      checkString(c, `${path}/alt_text`, el.alt_text, {
        min: 1,
        max: BLOCK_KIT_LIMITS.imageAltText,
        required: true,
      });
      break;
    case 'static_select':
    case 'multi_static_select':
      if (el.options !== undefined && el.option_groups !== undefined) {
        c.add(path, 'must provide either options or option_groups, not both');
      } else if (el.option_groups !== undefined) {
        if (!Array.isArray(el.option_groups)) c.add(`${path}/option_groups`, 'must be an array');
        else {
          if (el.option_groups.length > BLOCK_KIT_LIMITS.optionGroups) {
            c.add(
              `${path}/option_groups`,
              `must provide no more than ${BLOCK_KIT_LIMITS.optionGroups} items`,
            );
          }
          el.option_groups.forEach((g, i) => {
            const gp = `${path}/option_groups/${i}`;
            if (!isObj(g)) {
              c.add(gp, 'must be an option group object');
              return;
            }
            checkText(c, `${gp}/label`, g.label, { max: BLOCK_KIT_LIMITS.optionText, plainOnly: true });
            checkOptionList(c, `${gp}/options`, g.options, {
              min: 1,
              max: BLOCK_KIT_LIMITS.selectOptions,
              allowMrkdwn: false,
            });
          });
        }
      } else {
        checkOptionList(c, `${path}/options`, el.options, {
          min: 1,
          max: BLOCK_KIT_LIMITS.selectOptions,
          allowMrkdwn: false,
        });
      }
      if (el.initial_option !== undefined) checkOption(c, `${path}/initial_option`, el.initial_option, false);
      if (Array.isArray(el.initial_options)) {
        el.initial_options.forEach((o, i) => {
          checkOption(c, `${path}/initial_options/${i}`, o, false);
        });
      }
      if (el.max_selected_items !== undefined) {
        if (typeof el.max_selected_items !== 'number' || el.max_selected_items < 1) {
          c.add(`${path}/max_selected_items`, 'must be a number greater than 0');
        }
      }
      break;
    case 'overflow':
      checkOptionList(c, `${path}/options`, el.options, {
        min: BLOCK_KIT_LIMITS.overflowOptionsMin,
        max: BLOCK_KIT_LIMITS.overflowOptions,
        allowMrkdwn: false,
      });
      break;
    case 'checkboxes':
      checkOptionList(c, `${path}/options`, el.options, {
        min: 1,
        max: BLOCK_KIT_LIMITS.checkboxOptions,
        allowMrkdwn: true,
      });
      break;
    case 'radio_buttons':
      checkOptionList(c, `${path}/options`, el.options, {
        min: 1,
        max: BLOCK_KIT_LIMITS.radioOptions,
        allowMrkdwn: true,
      });
      break;
    case 'datepicker':
      if (
        el.initial_date !== undefined &&
        (typeof el.initial_date !== 'string' || !DATE_RE.test(el.initial_date))
      ) {
        c.add(`${path}/initial_date`, 'must be a date in the format YYYY-MM-DD');
      }
      break;
    case 'timepicker':
      if (
        el.initial_time !== undefined &&
        (typeof el.initial_time !== 'string' || !TIME_RE.test(el.initial_time))
      ) {
        c.add(`${path}/initial_time`, 'must be a time in the format HH:mm');
      }
      break;
    case 'plain_text_input': {
      if (el.placeholder !== undefined) {
        checkText(c, `${path}/placeholder`, el.placeholder, {
          max: BLOCK_KIT_LIMITS.placeholder,
          plainOnly: true,
        });
      }
      if (el.initial_value !== undefined) {
        checkString(c, `${path}/initial_value`, el.initial_value, {
          max: BLOCK_KIT_LIMITS.plainTextInputMax,
        });
      }
      const { min_length: minL, max_length: maxL } = el;
      if (
        minL !== undefined &&
        (typeof minL !== 'number' || minL < 0 || minL > BLOCK_KIT_LIMITS.plainTextInputMax)
      ) {
        c.add(`${path}/min_length`, `must be a number between 0 and ${BLOCK_KIT_LIMITS.plainTextInputMax}`);
      }
      if (
        maxL !== undefined &&
        (typeof maxL !== 'number' || maxL < 1 || maxL > BLOCK_KIT_LIMITS.plainTextInputMax)
      ) {
        c.add(`${path}/max_length`, `must be a number between 1 and ${BLOCK_KIT_LIMITS.plainTextInputMax}`);
      }
      if (typeof minL === 'number' && typeof maxL === 'number' && minL > maxL) {
        c.add(`${path}/min_length`, 'must not be greater than max_length');
      }
      break;
    }
    case 'number_input':
      if (typeof el.is_decimal_allowed !== 'boolean') {
        c.add(`${path}/is_decimal_allowed`, 'missing required field');
      }
      if (el.placeholder !== undefined) {
        checkText(c, `${path}/placeholder`, el.placeholder, {
          max: BLOCK_KIT_LIMITS.placeholder,
          plainOnly: true,
        });
      }
      break;
    case 'email_text_input':
    case 'url_text_input':
      if (el.placeholder !== undefined) {
        checkText(c, `${path}/placeholder`, el.placeholder, {
          max: BLOCK_KIT_LIMITS.placeholder,
          plainOnly: true,
        });
      }
      break;
    default:
      break;
  }
}

function checkBlock(c: Collector, path: string, block: unknown, blockIds: Set<string>): void {
  if (!isObj(block)) {
    c.add(path, 'must be a block object');
    return;
  }
  const type = block.type;
  if (typeof type !== 'string') {
    c.add(`${path}/type`, 'missing required field');
    return;
  }
  if (!KNOWN_BLOCKS.has(type)) {
    c.add(`${path}/type`, `unsupported type '${type}'`);
    return;
  }
  if (block.block_id !== undefined) {
    if (checkString(c, `${path}/block_id`, block.block_id, { min: 1, max: BLOCK_KIT_LIMITS.blockId })) {
      if (blockIds.has(block.block_id)) c.add(`${path}/block_id`, `duplicate block_id '${block.block_id}'`);
      blockIds.add(block.block_id);
    }
  }
  // Slack requires action_id to be unique among the elements of the containing block.
  const actionIds = new Set<string>();
  switch (type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) {
        c.add(path, 'must provide either text or fields');
      }
      if (block.text !== undefined) {
        checkText(c, `${path}/text`, block.text, { max: BLOCK_KIT_LIMITS.sectionText });
      }
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) c.add(`${path}/fields`, 'must be an array');
        else {
          if (block.fields.length > BLOCK_KIT_LIMITS.sectionFields) {
            c.add(`${path}/fields`, `must provide no more than ${BLOCK_KIT_LIMITS.sectionFields} items`);
          }
          block.fields.forEach((f, i) => {
            checkText(c, `${path}/fields/${i}`, f, { max: BLOCK_KIT_LIMITS.sectionFieldText });
          });
        }
      }
      if (block.accessory !== undefined) {
        checkElement(c, `${path}/accessory`, block.accessory, ACCESSORY_TYPES, actionIds);
      }
      break;
    }
    case 'header':
      checkText(c, `${path}/text`, block.text, { max: BLOCK_KIT_LIMITS.headerText, plainOnly: true });
      break;
    case 'context': {
      if (!Array.isArray(block.elements)) {
        c.add(`${path}/elements`, 'missing required field');
        break;
      }
      if (block.elements.length < 1) c.add(`${path}/elements`, 'must provide at least 1 items');
      if (block.elements.length > BLOCK_KIT_LIMITS.contextElements) {
        c.add(`${path}/elements`, `must provide no more than ${BLOCK_KIT_LIMITS.contextElements} items`);
      }
      block.elements.forEach((el, i) => {
        const ep = `${path}/elements/${i}`;
        if (isObj(el) && (el.type === 'plain_text' || el.type === 'mrkdwn')) {
          checkText(c, ep, el, { max: BLOCK_KIT_LIMITS.sectionText });
        } else if (isObj(el) && el.type === 'image') {
          checkElement(c, ep, el, new Set(['image']), actionIds);
        } else {
          c.add(`${ep}/type`, 'must be one of image, plain_text, mrkdwn');
        }
      });
      break;
    }
    case 'actions': {
      if (!Array.isArray(block.elements)) {
        c.add(`${path}/elements`, 'missing required field');
        break;
      }
      if (block.elements.length < 1) c.add(`${path}/elements`, 'must provide at least 1 items');
      if (block.elements.length > BLOCK_KIT_LIMITS.actionsElements) {
        c.add(`${path}/elements`, `must provide no more than ${BLOCK_KIT_LIMITS.actionsElements} items`);
      }
      block.elements.forEach((el, i) => {
        checkElement(c, `${path}/elements/${i}`, el, ACTIONS_TYPES, actionIds);
      });
      break;
    }
    case 'divider':
      break;
    case 'image':
      if (block.slack_file === undefined) {
        checkString(c, `${path}/image_url`, block.image_url, {
          min: 1,
          max: BLOCK_KIT_LIMITS.url,
          required: true,
        });
      }
      checkString(c, `${path}/alt_text`, block.alt_text, {
        min: 1,
        max: BLOCK_KIT_LIMITS.imageAltText,
        required: true,
      });
      if (block.title !== undefined) {
        checkText(c, `${path}/title`, block.title, { max: BLOCK_KIT_LIMITS.imageTitle, plainOnly: true });
      }
      break;
    case 'input':
      checkText(c, `${path}/label`, block.label, { max: BLOCK_KIT_LIMITS.inputLabel, plainOnly: true });
      if (block.hint !== undefined) {
        checkText(c, `${path}/hint`, block.hint, { max: BLOCK_KIT_LIMITS.inputHint, plainOnly: true });
      }
      if (block.element === undefined) c.add(`${path}/element`, 'missing required field');
      else checkElement(c, `${path}/element`, block.element, INPUT_TYPES, actionIds);
      if (block.optional !== undefined && typeof block.optional !== 'boolean') {
        c.add(`${path}/optional`, 'must be a boolean');
      }
      break;
    case 'rich_text':
      if (!Array.isArray(block.elements)) c.add(`${path}/elements`, 'missing required field');
      break;
    case 'markdown':
      checkString(c, `${path}/text`, block.text, {
        min: 1,
        max: BLOCK_KIT_LIMITS.markdownBlockText,
        required: true,
      });
      break;
    default:
      break;
  }
}

function blocksInto(c: Collector, base: string, blocks: unknown, surface: Surface): void {
  if (!Array.isArray(blocks)) {
    c.add(base, 'must be an array');
    return;
  }
  const max = BLOCK_KIT_LIMITS.blocks[surface];
  if (blocks.length > max) c.add(base, `must provide no more than ${max} items`);
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => {
    checkBlock(c, `${base}/${i}`, b, blockIds);
  });
}

/** Validate a `blocks` array for a message, a modal or an App Home. Empty result: valid. */
export function validateBlocks(blocks: unknown, surface: Surface = 'message'): string[] {
  const c = new Collector();
  blocksInto(c, '/blocks', blocks, surface);
  return c.problems;
}

/** Validate a view object (modal or home) as views.open / views.push / views.update / views.publish would. */
export function validateView(view: unknown): string[] {
  const c = new Collector();
  if (!isObj(view)) {
    c.add('/view', 'must be a view object');
    return c.problems;
  }
  if (view.type !== 'modal' && view.type !== 'home') {
    c.add('/view/type', 'must be one of modal, home');
    return c.problems;
  }
  const surface: Surface = view.type;
  if (surface === 'modal') {
    checkText(c, '/view/title', view.title, { max: BLOCK_KIT_LIMITS.viewTitle, plainOnly: true });
    if (view.close !== undefined && view.close !== null) {
      checkText(c, '/view/close', view.close, { max: BLOCK_KIT_LIMITS.viewClose, plainOnly: true });
    }
    if (view.submit !== undefined && view.submit !== null) {
      checkText(c, '/view/submit', view.submit, { max: BLOCK_KIT_LIMITS.viewSubmit, plainOnly: true });
    } else if (Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input')) {
      c.add('/view/submit', 'submit is required when an input block is within the blocks array');
    }
  } else if (view.title !== undefined) {
    checkText(c, '/view/title', view.title, { max: BLOCK_KIT_LIMITS.viewTitle, plainOnly: true });
  }
  if (view.callback_id !== undefined) {
    checkString(c, '/view/callback_id', view.callback_id, { max: BLOCK_KIT_LIMITS.callbackId });
  }
  if (view.external_id !== undefined) {
    checkString(c, '/view/external_id', view.external_id, { max: BLOCK_KIT_LIMITS.externalId });
  }
  if (view.private_metadata !== undefined) {
    checkString(c, '/view/private_metadata', view.private_metadata, {
      max: BLOCK_KIT_LIMITS.privateMetadata,
    });
  }
  for (const flag of ['clear_on_close', 'notify_on_close', 'submit_disabled'] as const) {
    if (view[flag] !== undefined && typeof view[flag] !== 'boolean')
      c.add(`/view/${flag}`, 'must be a boolean');
  }
  if (view.blocks === undefined) c.add('/view/blocks', 'missing required field');
  else blocksInto(c, '/view/blocks', view.blocks, surface);
  return c.problems;
}

/** Validate message `text` (the notification fallback): at most 40,000 characters. */
export function validateMessageText(text: unknown): string[] {
  const c = new Collector();
  if (text !== undefined) checkString(c, '/text', text, { max: BLOCK_KIT_LIMITS.messageText });
  return c.problems;
}
