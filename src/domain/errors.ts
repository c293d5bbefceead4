/**
 * Domain errors are values. Each variant carries the data a message needs; the wording lives in the
 * Slack-side catalogue, so nothing here is user-facing English.
 */
import type { ActionStatus, InitiativeStatus, LocalDate, MetricKind, RefKind, UserId } from './types.js';

/**
 * The operations people ask for by name (`/cx <name>`). A usage error says which one it is about, so the
 * reply can show that operation's usage; the grammar itself lives in `slack/parse/command/`.
 */
export const SUBCOMMAND_NAMES = [
  'help',
  'new',
  'log',
  'done',
  'update',
  'block',
  'snooze',
  'due',
  'assign',
  'edit',
  'unblock',
  'drop',
  'close',
  'verdict',
  'mine',
  'away',
  'list',
  'show',
  'essential',
  'important',
  'metric',
  'check',
  'pain',
  'round',
  'setup',
  'ask',
  'asks',
  'lang',
] as const;
export type SubcommandName = (typeof SUBCOMMAND_NAMES)[number];

/** Which date a `bad_date` is about: its bounds and wording differ. */
export type DateField = 'due' | 'start' | 'until';

export type DateProblem =
  /** Neither `YYYY-MM-DD` nor (where allowed) `+Nd` with N ≥ 1. */
  | 'format'
  /** Well-formed but not on the calendar, e.g. 2026-02-30. */
  | 'not_a_date'
  /** Before today (due dates). */
  | 'past'
  /** Today or earlier where a future date is required (`away until`). */
  | 'not_future'
  /** Before the earliest allowed date (start more than 5 years ago). */
  | 'too_early'
  /** After the latest allowed date. */
  | 'too_far';

/** A single value that failed to parse; raised on its own (modals) or as the cause of a `usage` error. */
export type ValueError =
  /** `expected` is the kind that was asked for, null when any kind would do. */
  | { code: 'bad_ref'; text: string; expected: RefKind | null }
  /** `earliest`/`latest` are the inclusive bounds that applied (latest null: open-ended). */
  | {
      code: 'bad_date';
      text: string;
      field: DateField;
      reason: DateProblem;
      earliest: LocalDate;
      latest: LocalDate | null;
    }
  /** `allowHub`: whether `hub` would have been accepted here (channel bindings). */
  | { code: 'unknown_dept'; text: string; allowHub: boolean }
  /** `min`/`max` are set when the number was well-formed but out of range. */
  | { code: 'bad_number'; text: string; reason: 'format' | 'range'; min?: number; max?: number }
  /** Expected a Slack user mention (`<@U…>`); a plain `@name` arrives when Slack did not resolve it. */
  | { code: 'bad_user'; text: string };

/** What is wrong with a command's arguments, beyond a single bad value. */
export type UsageDetail =
  | 'missing_ref'
  | 'missing_title'
  | 'missing_note'
  | 'missing_reason'
  | 'missing_text'
  /** Something the command needs is not there; which, follows from the command (see the messages). */
  | 'missing_args'
  /** The date of `/cx due` or `/cx away until`. */
  | 'missing_date'
  /** The new owner of `/cx assign`. */
  | 'missing_user'
  /** The word that says what to do: `away until|off`, `setup channel|show`, a verdict, a metric kind. */
  | 'missing_choice'
  /** The department of `/cx setup channel`. */
  | 'missing_dept'
  /** Baseline or target of `/cx metric`, values of `/cx check`. */
  | 'missing_values'
  | 'missing_metric_name'
  | 'missing_arrow'
  | 'extra_args'
  | 'duplicate_option'
  | 'conflicting_options'
  | 'bad_option'
  | 'too_long'
  /** Baseline equals target: a metric needs a direction. */
  | 'no_change'
  /** Baseline and target carry different glued units, e.g. `72% -> 80pts`. */
  | 'conflicting_units'
  /** A unit that is not a short plain label (markup, mentions, control characters, too long); `max` is the limit. */
  | 'bad_unit'
  /** A single value was wrong; see `cause`. */
  | 'invalid_value';

/** Which operation was refused on an action in a given state. */
export type ActionEvent =
  | 'done'
  | 'block'
  | 'update'
  | 'unblock'
  | 'drop'
  | 'snooze'
  | 'reschedule'
  | 'assign'
  | 'rename';

export type DomainError =
  | ValueError
  /** `suggestions`: subcommands close to what was typed ("did you mean"), when there are any. */
  | { code: 'unknown_subcommand'; text: string; suggestions?: readonly string[] }
  /**
   * The arguments don't fit `command`'s grammar; the message shows that command's usage.
   * `text`: the offending input when there is one; `max`: the limit for `too_long`;
   * `cause`: the value error for `invalid_value`; `suggestions`: for `bad_option`, the words close to
   * what was typed ("did you mean").
   */
  | {
      code: 'usage';
      command: SubcommandName;
      detail: UsageDetail;
      text?: string;
      max?: number;
      cause?: ValueError;
      suggestions?: readonly string[];
    }
  /** A well-formed reference to nothing, e.g. `A-999`. `ref` is printed form (`A-999`). */
  | { code: 'unknown_ref'; ref: string }
  /**
   * Not allowed. `need: 'admin'`: admins only. `need: 'owner'`: one of `owners` (action owner and/or
   * initiative owner) or an admin.
   */
  | { code: 'forbidden'; need: 'owner' | 'admin'; owners: UserId[] }
  /** Making this initiative essential would exceed `max`; `current` are the active essential ids. */
  | { code: 'essential_limit'; current: number[]; max: number }
  /** `event` is not possible on action `actionId` while it is `from` (e.g. completing a done action). */
  | { code: 'bad_transition'; actionId: number; from: ActionStatus; event: ActionEvent }
  /** An action's (or an initiative's) owner must be a person; `userId` is an app (a bot user). */
  | { code: 'not_a_person'; userId: UserId; owns: 'action' | 'initiative' }
  /** `userId`'s Slack account is deactivated: no DM reaches it, so it can own no work. */
  | { code: 'deactivated_person'; userId: UserId }
  /** Slack knows no such person (users.info: user_not_found), so nobody could own the action or get its DMs. */
  | { code: 'unknown_person'; userId: UserId }
  /** The initiative is closed or dropped, so it can't be changed. */
  | { code: 'inactive_initiative'; initiativeId: number; status: InitiativeStatus }
  /** A metric check-in names a metric the initiative does not have yet (`/cx metric` sets it). */
  | { code: 'no_metric'; initiativeId: number; kind: MetricKind }
  /** Pain point `painPointId` was adopted meanwhile (by `by`, as `initiativeId`): nothing new was created. */
  | { code: 'already_adopted'; painPointId: number; initiativeId: number | null; by: UserId | null }
  /**
   * `/cx ask` refused: the hub is asked (`hub`: it is no department), or the asked department has no
   * channel to post in (`unbound`). `dept` is the key as parsed.
   */
  | { code: 'ask_refused'; reason: 'hub' | 'unbound'; dept: string }
  /** Request `requestId` was answered meanwhile: taken by `by` as `actionId`, or declined by `by`. */
  | {
      code: 'request_answered';
      requestId: number;
      status: 'taken' | 'declined';
      by: UserId;
      actionId: number | null;
    };

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export function ok(): Result<void>;
export function ok<T>(value: T): Result<T>;
export function ok<T>(value?: T): Result<T | undefined> {
  return { ok: true, value };
}

export function err<T = never>(error: DomainError): Result<T> {
  return { ok: false, error };
}
