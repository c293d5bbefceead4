/**
 * Help, usage and errors: what `/cx` answers when a command cannot be done as typed. Every error names
 * the word that was wrong and says what to type instead. Spread into `en` (./en.ts).
 */
import type { DomainError, ValueError } from '../../domain/errors.js';
import { MAX_ESSENTIAL } from '../../domain/types.js';
import { lifecycle } from './en-lifecycle.js';
import { metrics } from './en-metrics.js';
import { rounds } from './en-rounds.js';
import { join, line, type Mrkdwn, md, mention } from './mrkdwn.js';

const I = (id: number) => md`I-${id}`;

const DATE_FIELD = { due: 'due date', start: 'start date', until: '"away until" date' } as const;
/** What the user typed, quoted back as code. */
const typed = (text: string) => md`\`${line(text)}\``;

function valueError(e: ValueError): Mrkdwn {
  switch (e.code) {
    case 'bad_ref':
      return e.expected
        ? md`${typed(e.text)} is not a valid reference; expected \`${line(e.expected)}-&lt;number&gt;\`, like \`${line(e.expected)}-7\`.`
        : md`${typed(e.text)} is not a valid reference; use \`I-&lt;n&gt;\`, \`A-&lt;n&gt;\` or \`P-&lt;n&gt;\`.`;
    case 'bad_date': {
      const what = line(DATE_FIELD[e.field]);
      const range = e.latest
        ? md`between ${line(e.earliest)} and ${line(e.latest)}`
        : md`after ${line(e.earliest)}`;
      switch (e.reason) {
        case 'format':
          return e.field === 'due'
            ? md`${typed(e.text)} is not a ${what}: use \`YYYY-MM-DD\` or \`+Nd\` (e.g. \`+7d\`).`
            : md`${typed(e.text)} is not a ${what}: use \`YYYY-MM-DD\`.`;
        case 'not_a_date':
          return md`${typed(e.text)} is not a real calendar date.`;
        default:
          return md`The ${what} ${typed(e.text)} must lie ${range}.`;
      }
    }
    case 'unknown_dept':
      return e.allowHub
        ? md`${typed(e.text)} is not a department; use marketing, sales, service, it or hub.`
        : md`${typed(e.text)} is not a department; use marketing, sales, service or it.`;
    case 'bad_number':
      return e.reason === 'range'
        ? md`${typed(e.text)} must be a whole number from ${e.min ?? md``} to ${e.max ?? md``}.`
        : md`${typed(e.text)} is not a number.`;
    case 'bad_user':
      return md`${typed(e.text)} is not a Slack user: pick the person from the @-mention list so it becomes a mention.`;
  }
}

const USAGE_DETAIL: Record<string, Mrkdwn> = {
  missing_ref: md`A reference is missing.`,
  missing_title: md`A title is missing.`,
  missing_note: md`A note is missing.`,
  missing_reason: md`Say why it is blocked.`,
  missing_text: md`The text is missing.`,
  missing_args: md`Something is missing.`,
  missing_metric_name: md`The metric needs a name in quotes.`,
  missing_arrow: md`Write baseline and target as \`&lt;baseline&gt; -&gt; &lt;target&gt;\`.`,
  extra_args: md`There is more than this command takes.`,
  duplicate_option: md`An option is given twice.`,
  conflicting_options: md`Two options contradict each other.`,
  bad_option: md`An option is not one this command knows.`,
  no_change: md`Baseline and target are equal: a metric needs a direction.`,
  conflicting_units: md`Baseline and target carry different units.`,
  bad_unit: md`A unit is a short label like \`%\`, \`pts\` or \`€\`, without mentions, markup or line breaks.`,
};

export const errors = {
  comingSoon: (name: string) =>
    md`\`/cx ${line(name)}\` is coming soon. For now: \`/cx help\` lists what works today.`,

  help: {
    title: 'CX Bridge: turn the CX strategy into next steps',
    intro: md`Initiatives (\`I-n\`) are broken into concrete actions (\`A-n\`) with an owner and a due date. At most ${MAX_ESSENTIAL} initiatives are *essential* at once; they always come first.`,
    footer: md`References are case-insensitive (\`a-7\` works). Dates: \`YYYY-MM-DD\` or \`+Nd\`.`,
  },

  usageHeading: (command: string) => md`Usage of \`/cx ${line(command)}\`:`,
  seeHelp: md`Type \`/cx help\` for every command.`,

  error(e: DomainError): Mrkdwn {
    switch (e.code) {
      case 'unknown_subcommand':
        return md`\`/cx ${line(e.text)}\` is not a CX Bridge command.`;
      case 'usage':
        if (e.detail === 'invalid_value' && e.cause) return valueError(e.cause);
        if (e.command === 'drop' && e.detail === 'missing_reason') return lifecycle.dropNeedsReason;
        if (e.detail === 'too_long') return md`That is too long: at most ${e.max ?? md``} characters.`;
        if (e.detail === 'bad_unit')
          return md`A unit is a short label after the numbers, like \`%\`, \`€\` or \`pts\`: at most ${e.max ?? md``} letters, digits or signs, without mentions, links or line breaks.`;
        return USAGE_DETAIL[e.detail] ?? md`That is not how this command is used.`;
      case 'unknown_ref':
        return md`There is no ${typed(e.ref)}.`;
      case 'forbidden':
        return e.need === 'admin'
          ? md`Only CX Bridge admins can do that (workspace admins, or people listed in CX_ADMINS).`
          : md`Only ${join(e.owners.map(mention), ' or ')} or an admin can change that.`;
      case 'essential_limit':
        return md`At most ${e.max} initiatives can be essential at once, and ${join(e.current.map(I), ', ')} already are. Focus is the point: make one of them \`important\` first (\`/cx important I-n\`).`;
      case 'bad_transition':
        return lifecycle.badTransition(e);
      case 'not_a_person':
        return lifecycle.notAPerson(e.userId);
      case 'inactive_initiative':
        return md`${I(e.initiativeId)} is ${line(e.status)}; it takes no new actions or changes.`;
      case 'no_metric':
        return metrics.noMetric(e.initiativeId, e.kind);
      case 'already_adopted':
        return rounds.adoptedMeanwhile(e.painPointId, e.initiativeId, e.by);
      default:
        return valueError(e);
    }
  },
};
