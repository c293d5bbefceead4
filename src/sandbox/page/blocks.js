// Block Kit as the bot uses it — section (text, fields, accessory), header, context, divider, actions,
// input, image (a file the bot uploaded as the picture, others as their alt text) — for messages, modals and the App Home. DOM nodes only, never markup.

import { translate } from './i18n.js';
import { renderMrkdwn, renderPlain, renderText } from './mrkdwn.js';

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const plainText = (obj) => String(obj?.text ?? '');

/** The page's own words in the reader's language (`ctx.lang`, English when none). */
const say = (ctx, key) => translate(ctx?.lang ?? 'en', key);

function optionsOf(element) {
  if (Array.isArray(element.options)) return element.options;
  if (Array.isArray(element.option_groups)) return element.option_groups.flatMap((g) => g.options ?? []);
  return [];
}

/**
 * Slack's overflow menu: a "⋯" button that opens a short list of options; choosing one is an action at
 * once (`selectedOption`). Escape or a click elsewhere closes it.
 */
function overflow(elem, act, ctx) {
  const wrap = el('span', 'bk-overflow');
  const button = el('button', 'bk-button bk-overflow-button', '⋯');
  button.type = 'button';
  button.setAttribute('aria-label', say(ctx, 'msg.moreActions'));
  button.setAttribute('aria-haspopup', 'menu');
  button.setAttribute('aria-expanded', 'false');
  const list = el('div', 'bk-overflow-menu');
  list.setAttribute('role', 'menu');
  list.hidden = true;
  const close = popupMenu(wrap, button, list);
  for (const o of optionsOf(elem)) {
    const item = el('button', 'bk-overflow-item', plainText(o.text));
    item.type = 'button';
    item.setAttribute('role', 'menuitem');
    item.dataset.value = o.value;
    item.addEventListener('click', () => {
      close();
      if (elem.confirm && !window.confirm(plainText(elem.confirm.text) || say(ctx, 'blocks.areYouSure')))
        return;
      act({ selectedOption: o.value });
    });
    list.append(item);
  }
  wrap.append(button, list);
  return wrap;
}

/**
 * A "⋯" menu's behaviour, as Slack's: the button opens and closes `list` (the wrapper gets `open`), Escape or
 * a click elsewhere closes it. Returns `close`, for items to call once chosen. Shared by the overflow
 * element and the message menu.
 */
export function popupMenu(wrap, button, list) {
  const close = () => {
    list.hidden = true;
    wrap.classList.remove('open');
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('click', outside, true);
  };
  const outside = (e) => {
    if (!wrap.contains(e.target)) close();
  };
  button.addEventListener('click', () => {
    if (!list.hidden) return close();
    list.hidden = false;
    wrap.classList.add('open');
    button.setAttribute('aria-expanded', 'true');
    document.addEventListener('click', outside, true);
    list.querySelector('button')?.focus();
  });
  wrap.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      close();
      button.focus();
    }
  });
  return close;
}

let uid = 0;
const nextId = (prefix) => `${prefix}-${++uid}`;

/**
 * An interactive element. In a message or the Home tab a change is an action at once (`opts.onAction`);
 * in a modal's input block the value is kept for the submission (`field` collects its getter).
 */
function element(elem, blockId, ctx, opts, field) {
  const type = elem.type;
  const actionId = elem.action_id;
  const act = (extra) => opts.onAction?.({ actionId, blockId, ...extra });
  const immediate = !field || field.dispatch;

  if (type === 'button') {
    const b = el('button', `bk-button${elem.style ? ` bk-${elem.style}` : ''}`);
    renderPlain(elem.text, b);
    b.type = 'button';
    if (elem.url) b.title = elem.url;
    b.addEventListener('click', () => {
      if (elem.confirm && !window.confirm(plainText(elem.confirm.text) || say(ctx, 'blocks.areYouSure')))
        return;
      act(elem.value !== undefined ? { value: elem.value } : {});
    });
    return b;
  }

  if (type === 'overflow') return overflow(elem, act, ctx);

  if (type === 'static_select' || type === 'external_select' || type === 'users_select') {
    const s = el('select', 'bk-select');
    s.id = field?.inputId ?? nextId('sel');
    s.append(new Option(elem.placeholder ? plainText(elem.placeholder) : say(ctx, 'blocks.select'), ''));
    if (type === 'users_select') {
      for (const u of ctx.people()) s.append(new Option(`${u.realName} (@${u.name})`, u.id));
      s.value = elem.initial_user ?? '';
    } else if (Array.isArray(elem.option_groups)) {
      for (const g of elem.option_groups) {
        const group = el('optgroup');
        group.label = plainText(g.label);
        for (const o of g.options ?? []) group.append(new Option(plainText(o.text), o.value));
        s.append(group);
      }
      s.value = elem.initial_option?.value ?? '';
    } else {
      for (const o of optionsOf(elem)) s.append(new Option(plainText(o.text), o.value));
      s.value = elem.initial_option?.value ?? '';
    }
    if (field) field.get = () => s.value || null;
    if (immediate) {
      s.addEventListener('change', () =>
        act(type === 'users_select' ? { selectedUser: s.value } : { selectedOption: s.value }),
      );
    }
    return s;
  }

  if (
    type === 'multi_static_select' ||
    type === 'checkboxes' ||
    type === 'multi_users_select' ||
    type === 'multi_external_select'
  ) {
    const box = el('div', 'bk-checks');
    box.setAttribute('role', 'group');
    const initial = new Set(
      type === 'multi_users_select'
        ? (elem.initial_users ?? [])
        : (elem.initial_options ?? []).map((o) => o.value),
    );
    const choices =
      type === 'multi_users_select'
        ? ctx.people().map((u) => ({ value: u.id, label: u.realName }))
        : optionsOf(elem).map((o) => ({ value: o.value, label: plainText(o.text) }));
    const inputs = [];
    for (const c of choices) {
      const label = el('label', 'bk-check');
      const input = el('input');
      input.type = 'checkbox';
      input.value = c.value;
      input.checked = initial.has(c.value);
      label.append(input, ` ${c.label}`);
      box.append(label);
      inputs.push(input);
      if (immediate) {
        input.addEventListener('change', () =>
          act({ selectedOptions: inputs.filter((i) => i.checked).map((i) => i.value) }),
        );
      }
    }
    if (field) field.get = () => inputs.filter((i) => i.checked).map((i) => i.value);
    return box;
  }

  if (type === 'radio_buttons') {
    const box = el('div', 'bk-radios');
    box.setAttribute('role', 'radiogroup');
    const name = nextId('radio');
    const inputs = [];
    for (const o of optionsOf(elem)) {
      const label = el('label', 'bk-check');
      const input = el('input');
      input.type = 'radio';
      input.name = name;
      input.value = o.value;
      input.checked = elem.initial_option?.value === o.value;
      label.append(input, ` ${plainText(o.text)}`);
      box.append(label);
      inputs.push(input);
      if (immediate) input.addEventListener('change', () => act({ selectedOption: o.value }));
    }
    if (field) field.get = () => inputs.find((i) => i.checked)?.value ?? null;
    return box;
  }

  if (type === 'datepicker' || type === 'timepicker') {
    const input = el('input', 'bk-input');
    input.type = type === 'datepicker' ? 'date' : 'time';
    input.id = field?.inputId ?? nextId('date');
    input.value = (type === 'datepicker' ? elem.initial_date : elem.initial_time) ?? '';
    if (field) field.get = () => input.value || null;
    if (immediate) {
      input.addEventListener('change', () =>
        act(type === 'datepicker' ? { selectedDate: input.value } : { value: input.value }),
      );
    }
    return input;
  }

  if (
    type === 'plain_text_input' ||
    type === 'number_input' ||
    type === 'email_text_input' ||
    type === 'url_text_input'
  ) {
    const input = elem.multiline ? el('textarea', 'bk-input bk-textarea') : el('input', 'bk-input');
    if (!elem.multiline) {
      input.type =
        type === 'number_input'
          ? 'number'
          : type === 'email_text_input'
            ? 'email'
            : type === 'url_text_input'
              ? 'url'
              : 'text';
    }
    if (type === 'number_input') {
      input.step = elem.is_decimal_allowed ? 'any' : '1';
      if (elem.min_value !== undefined) input.min = elem.min_value;
      if (elem.max_value !== undefined) input.max = elem.max_value;
    }
    input.id = field?.inputId ?? nextId('text');
    if (elem.max_length) input.maxLength = elem.max_length;
    if (elem.placeholder) input.placeholder = plainText(elem.placeholder);
    input.value = elem.initial_value ?? '';
    if (field) {
      field.get = () => (input.value.trim() === '' ? null : input.value);
      field.minLength = elem.min_length;
    }
    return input;
  }

  if (type === 'image') {
    return el('span', 'bk-image', `[image: ${elem.alt_text ?? ''}]`);
  }

  return el('span', 'bk-unsupported', `[${type}]`);
}

function section(block, ctx, opts) {
  const node = el('div', 'bk-section');
  const body = el('div', 'bk-section-body');
  if (block.text) body.append(renderText(block.text, ctx));
  if (Array.isArray(block.fields) && block.fields.length > 0) {
    const fields = el('div', 'bk-fields');
    for (const f of block.fields) fields.append(renderText(f, ctx, el('div', 'bk-field')));
    body.append(fields);
  }
  node.append(body);
  if (block.accessory) {
    const acc = el('div', 'bk-accessory');
    acc.append(element(block.accessory, block.block_id, ctx, opts));
    node.append(acc);
  }
  return node;
}

/**
 * An input block in a modal. `form` collects one field per input: its key (`block_id/action_id`, as the
 * emulator fills a submission), how to read its value, whether it is optional, and where errors go.
 */
function input(block, ctx, opts) {
  const node = el('div', 'bk-input-block');
  node.dataset.blockId = block.block_id ?? '';
  const elem = block.element ?? {};
  const field = {
    key: `${block.block_id}/${elem.action_id}`,
    blockId: block.block_id,
    optional: block.optional === true,
    dispatch: block.dispatch_action === true,
    inputId: nextId('in'),
    get: () => null,
    error: el('div', 'bk-error'),
  };
  const label = el('label', 'bk-label');
  renderPlain(block.label, label);
  if (field.optional) label.append(el('span', 'bk-optional', ' (optional)'));
  label.htmlFor = field.inputId;
  node.append(label, element(elem, block.block_id, ctx, opts, field));
  if (block.hint) node.append(renderPlain(block.hint, el('div', 'bk-hint')));
  field.error.setAttribute('role', 'alert');
  node.append(field.error);
  opts.form?.push(field);
  return node;
}

export function renderBlocks(blocks, ctx, opts = {}) {
  const root = el('div', 'blocks');
  for (const block of blocks ?? []) {
    switch (block?.type) {
      case 'section':
        root.append(section(block, ctx, opts));
        break;
      case 'header':
        root.append(renderPlain(block.text, el('div', 'bk-header')));
        break;
      case 'context': {
        const c = el('div', 'bk-context');
        for (const e of block.elements ?? []) {
          if (e.type === 'image') c.append(el('span', 'bk-image', `[${e.alt_text ?? 'image'}]`));
          else c.append(renderText(e, ctx, el('span', 'bk-context-item')));
        }
        root.append(c);
        break;
      }
      case 'divider':
        root.append(el('hr', 'bk-divider'));
        break;
      case 'actions': {
        const a = el('div', 'bk-actions');
        for (const e of block.elements ?? []) a.append(element(e, block.block_id, ctx, opts));
        root.append(a);
        break;
      }
      case 'input':
        root.append(input(block, ctx, opts));
        break;
      case 'image': {
        // A file the bot uploaded (a verdict chart) is shown from the emulator; an outside URL stays text.
        const fileId = block.slack_file?.id;
        if (typeof fileId === 'string') {
          const img = el('img', 'bk-image bk-file');
          img.src = `/_files/${encodeURIComponent(fileId)}`;
          img.alt = String(block.alt_text ?? '');
          root.append(img);
        } else root.append(el('div', 'bk-image', `[image: ${block.alt_text ?? ''}]`));
        break;
      }
      case 'rich_text':
        root.append(renderMrkdwn(richTextToMrkdwn(block), ctx));
        break;
      default:
        root.append(el('div', 'bk-unsupported', `[unsupported block: ${block?.type}]`));
    }
  }
  return root;
}

/** Enough of rich_text to read it: its text runs joined, mentions kept as tokens. */
function richTextToMrkdwn(block) {
  const out = [];
  const walk = (node) => {
    if (!node) return;
    if (node.type === 'text')
      out.push(
        String(node.text ?? '')
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;'),
      );
    else if (node.type === 'user') out.push(`<@${node.user_id}>`);
    else if (node.type === 'channel') out.push(`<#${node.channel_id}>`);
    else if (node.type === 'link') out.push(String(node.text ?? node.url ?? ''));
    else if (node.type === 'emoji') out.push(`:${node.name}:`);
    for (const child of node.elements ?? []) walk(child);
    if (node.type === 'rich_text_section' || node.type === 'rich_text_preformatted') out.push('\n');
  };
  walk(block);
  return out.join('');
}
