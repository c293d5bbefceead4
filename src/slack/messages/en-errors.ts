/**
 * Help, usage and errors: what `/cx` answers when a command cannot be done as typed. Every error names
 * the word that was wrong (or what is missing) and says what to type instead. Spread into `en` (./en.ts).
 */
import type { DomainError, SubcommandName, UsageDetail, ValueError } from '../../domain/errors.js';
import { suggest } from '../../domain/suggest.js';
import { BINDING_KEYS, DEPARTMENTS } from '../../domain/types.js';
import { asks } from './en-asks.js';
import { exampleOf, help, orList } from './en-help.js';
import { lifecycle } from './en-lifecycle.js';
import { metrics } from './en-metrics.js';
import { rounds } from './en-rounds.js';
import { count, join, line, type Mrkdwn, md, mention } from './mrkdwn.js';

const I = (id: number) => md`I-${id}`;

const DATE_FIELD = { due: 'a due date', start: 'a start date', until: 'an "away until" date' } as const;
const DATE_NAME = { due: 'due date', start: 'start date', until: '"away until" date' } as const;
/** What the user typed, quoted back as code. */
const typed = (text: string) => md`\`${line(text)}\``;
const codes = (words: readonly string[]) => orList(words.map(typed));
/** ` Did you mean `help`?` — empty when nothing is close. */
const didYouMean = (words: readonly string[] | undefined) =>
  words && words.length > 0 ? md` Did you mean ${codes(words)}?` : md``;
const characters = (n: number) => count(n, { one: '# character', other: '# characters' });

/** How each subcommand's reference is asked for (`missing_ref`). */
const REF_OF: Partial<Record<SubcommandName, Mrkdwn>> = {
  log: md`The initiative reference`,
  close: md`The initiative reference`,
  verdict: md`The initiative reference`,
  essential: md`The initiative reference`,
  important: md`The initiative reference`,
  metric: md`The initiative reference`,
  check: md`The initiative reference`,
  edit: md`The reference of the initiative or action`,
  show: md`The reference of the initiative, action or pain point`,
};

/** What a `too_long` text is, per subcommand (`note` when not listed). */
const LONG_TEXT: Partial<Record<SubcommandName, string>> = {
  new: 'The title',
  log: 'The title',
  edit: 'The title',
  metric: 'The metric name',
  close: 'The outcome note',
  block: 'The reason',
  drop: 'The reason',
  verdict: 'The reason',
  pain: 'The pain point',
};

/** `bad_option`: what the word should have been, and the words that fit. */
const CHOICE_OF: Partial<Record<SubcommandName, { what: Mrkdwn; use: Mrkdwn }>> = {
  round: { what: md`a round step`, use: md`use status, open or close` },
  away: { what: md`a way to be away`, use: md`use \`/cx away until YYYY-MM-DD\` or \`/cx away off\`` },
  setup: { what: md`a setup step`, use: md`use channel or show` },
  verdict: { what: md`a verdict`, use: md`use pass, partial or fail` },
  metric: { what: md`a metric kind`, use: md`use customer or business` },
  check: {
    what: md`a metric value`,
    use: md`write \`customer=&lt;value&gt;\` or \`business=&lt;value&gt;\``,
  },
  new: {
    what: md`an option of \`/cx new\``,
    use: md`use \`lead:\`, \`with:\`, \`owner:\`, \`start:\`, \`essential\` or \`important\``,
  },
  log: { what: md`an option of \`/cx log\``, use: md`use \`@owner\`, \`due:\` or \`dept:\`` },
  lang: { what: md`a language`, use: md`use en, de or auto` },
};

const LEADS = codes(DEPARTMENTS.map((d) => `lead:${d}`));

/** Something the command needs is missing: which, and how to give it. */
function missing(command: SubcommandName, detail: UsageDetail): Mrkdwn {
  const example = exampleOf(command);
  switch (detail) {
    case 'missing_ref':
      return md`${REF_OF[command] ?? md`The action reference`} is missing: type it after \`/cx ${line(command)}\`, like ${example}.`;
    case 'missing_title':
      return md`The title is missing: say in a few words what it is, like ${example}.`;
    case 'missing_note':
      return command === 'close'
        ? md`The outcome note is missing: say what came of it, like ${example}.`
        : md`The note is missing: say what happened, like ${example}.`;
    case 'missing_reason':
      return command === 'drop'
        ? lifecycle.dropNeedsReason
        : md`The reason is missing: say why it is blocked, like ${example}.`;
    case 'missing_text':
      return command === 'ask'
        ? md`What is needed is missing: say what you ask the department for, like ${example}.`
        : md`The pain point is missing: describe what customers run into, like ${example}.`;
    case 'missing_date':
      return command === 'away'
        ? md`The date is missing: \`/cx away until YYYY-MM-DD\` names your last day away.`
        : md`The new due date is missing: \`YYYY-MM-DD\` or \`+Nd\`, like ${example}.`;
    case 'missing_user':
      return md`The new owner is missing: pick the person from the @-list, like ${example}.`;
    case 'missing_dept':
      return md`The department is missing: say which one this channel is for – ${codes(BINDING_KEYS)} – like ${example}.`;
    case 'missing_values':
      return command === 'check'
        ? md`The values are missing: \`customer=&lt;value&gt;\` or \`business=&lt;value&gt;\`, like ${example}.`
        : md`The metric is missing: its name in quotes, the baseline, an arrow and the target, like ${example}.`;
    case 'missing_choice':
      switch (command) {
        case 'away':
          return md`Say how: \`/cx away until YYYY-MM-DD\` pauses your reminders, \`/cx away off\` turns them back on.`;
        case 'setup':
          return md`Say what to set up: \`/cx setup channel &lt;dept|hub&gt;\` binds this channel, \`/cx setup show\` shows the bindings.`;
        case 'verdict':
          return md`The verdict is missing: pass, partial or fail, then why, like ${example}.`;
        case 'metric':
          return md`The metric kind is missing: customer or business, like ${example}.`;
        default:
          return md`Something is missing: see the usage below.`;
      }
    default:
      // `missing_args`: from the use cases, which know what the grammar could not.
      switch (command) {
        case 'new':
          return md`\`lead:&lt;dept&gt;\` is needed here: this channel belongs to no department, so say which one leads – ${LEADS}.`;
        case 'setup':
          return md`Type \`/cx setup channel &lt;dept|hub&gt;\` inside the channel you want to bind.`;
        case 'check':
          return missing('check', 'missing_values');
        default:
          return md`Something is missing: see the usage below.`;
      }
  }
}

function usageError(e: Extract<DomainError, { code: 'usage' }>): Mrkdwn {
  const { command, detail } = e;
  const text = e.text ?? '';
  switch (detail) {
    case 'invalid_value':
      return e.cause ? valueError(e.cause, command) : md`That is not how this command is used.`;
    case 'too_long':
      return md`${line(LONG_TEXT[command] ?? 'The note')} is too long: at most ${characters(e.max ?? 0)}. Shorten it.`;
    case 'bad_unit':
      return md`A unit is a short label after the numbers, like \`%\`, \`€\` or \`pts\`: at most ${characters(e.max ?? 0)}, letters, digits or signs, without mentions, links or line breaks.`;
    case 'extra_args':
      return md`${typed(text)} is more than this command takes: leave it out.`;
    case 'duplicate_option':
      return md`${typed(text)} repeats an option given before: give each option once.`;
    case 'conflicting_options':
      return md`${typed(text)} contradicts the tier given before: an initiative is either essential or important.`;
    case 'bad_option': {
      const choice = CHOICE_OF[command];
      const what = choice ? md`${choice.what}: ${choice.use}` : md`something \`/cx ${line(command)}\` takes`;
      return md`${typed(text)} is not ${what}.${didYouMean(e.suggestions)}`;
    }
    case 'missing_metric_name':
      return md`The metric needs a name in quotes, like ${exampleOf('metric')}.`;
    case 'missing_arrow':
      return md`Write baseline and target with an arrow between them, \`&lt;baseline&gt; -&gt; &lt;target&gt;\`, like ${exampleOf('metric')}.`;
    case 'no_change':
      return md`Baseline and target are equal: a metric needs a direction, so give a target above or below the baseline.`;
    case 'conflicting_units':
      return md`Baseline and target carry different units: use one unit for both, like \`70% -&gt; 80%\`.`;
    default:
      return missing(command, detail);
  }
}

function valueError(e: ValueError, command?: SubcommandName): Mrkdwn {
  switch (e.code) {
    case 'bad_ref':
      return e.expected
        ? md`${typed(e.text)} is not a valid reference; expected \`${line(e.expected)}-&lt;number&gt;\`, like \`${line(e.expected)}-7\`.`
        : md`${typed(e.text)} is not a valid reference; use \`I-&lt;n&gt;\`, \`A-&lt;n&gt;\` or \`P-&lt;n&gt;\`.`;
    case 'bad_date': {
      const range = e.latest
        ? md`between ${line(e.earliest)} and ${line(e.latest)}`
        : md`on or after ${line(e.earliest)}`; // the earliest day itself is allowed
      switch (e.reason) {
        case 'format':
          return e.field === 'due'
            ? md`${typed(e.text)} is not ${line(DATE_FIELD[e.field])}: use \`YYYY-MM-DD\` or \`+Nd\` (e.g. \`+7d\`).`
            : md`${typed(e.text)} is not ${line(DATE_FIELD[e.field])}: use \`YYYY-MM-DD\`.`;
        case 'not_a_date':
          return md`${typed(e.text)} is not a real calendar date: check the day and the month.`;
        default:
          return md`The ${line(DATE_NAME[e.field])} ${typed(e.text)} must lie ${range}.`;
      }
    }
    case 'unknown_dept': {
      const keys = e.allowHub ? BINDING_KEYS : DEPARTMENTS;
      const use = e.allowHub ? md`marketing, sales, service, it or hub` : md`marketing, sales, service or it`;
      return md`${typed(e.text)} is not a department; use ${use}.${didYouMean(suggest(e.text, keys))}`;
    }
    case 'bad_number':
      if (e.reason === 'range') {
        return md`${typed(e.text)} must be a whole number from ${e.min ?? md``} to ${e.max ?? md``}.`;
      }
      return command === 'snooze'
        ? md`${typed(e.text)} is not a number of days: write it like \`3d\` or \`3\`.`
        : md`${typed(e.text)} is not a number: write it like \`45\`, \`4.5\` or \`45%\`.`;
    case 'bad_user':
      return md`${typed(e.text)} is not a Slack user here: pick the person from the @-list so it becomes a mention.`;
  }
}

/** Where to look up a reference that names nothing. */
function whereToLook(ref: string): Mrkdwn {
  switch (ref.charAt(0)) {
    case 'I':
      return md` \`/cx list\` shows the active initiatives.`;
    case 'A':
      return md` \`/cx mine\` shows your actions, \`/cx show I-n\` an initiative's.`;
    default:
      return md``;
  }
}

export const errors = {
  comingSoon: (name: string) =>
    md`\`/cx ${line(name)}\` is coming soon. For now: \`/cx help\` lists what works today.`,

  help,

  usageHeading: (command: string) => md`Usage of \`/cx ${line(command)}\`:`,
  seeHelp: md`Type \`/cx help\` for every command.`,

  error(e: DomainError): Mrkdwn {
    switch (e.code) {
      case 'unknown_subcommand':
        return md`\`/cx ${line(e.text)}\` is not a CX Bridge command.${didYouMean(e.suggestions)}`;
      case 'usage':
        return usageError(e);
      case 'unknown_ref':
        return md`There is no ${typed(e.ref)}.${whereToLook(e.ref)}`;
      case 'forbidden':
        return e.need === 'admin'
          ? md`Only CX Bridge admins can do that (workspace admins, or people listed in CX_ADMINS).`
          : md`Only ${join(e.owners.map(mention), ' or ')} or an admin can change that.`;
      case 'essential_limit':
        return md`At most ${e.max} initiatives can be essential at once, and ${join(e.current.map(I), ', ')} already are. Focus is the point: make one of them \`important\` first (\`/cx important I-n\`).`;
      case 'bad_transition':
        return lifecycle.badTransition(e);
      case 'not_a_person':
        return lifecycle.notAPerson(e.userId, e.owns);
      case 'unknown_person':
        return lifecycle.unknownPerson(e.userId);
      case 'deactivated_person':
        return lifecycle.deactivatedPerson(e.userId);
      case 'inactive_initiative':
        return md`${I(e.initiativeId)} is ${line(e.status)}; it takes no new actions or changes.`;
      case 'no_metric':
        return metrics.noMetric(e.initiativeId, e.kind);
      case 'already_adopted':
        return rounds.adoptedMeanwhile(e.painPointId, e.initiativeId, e.by);
      case 'ask_refused':
      case 'request_answered':
        return asks.error(e);
      default:
        return valueError(e);
    }
  },
};
