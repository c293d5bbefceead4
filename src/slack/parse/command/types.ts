/** What the `/cx` grammar produces: one typed command per subcommand, values already validated. */
import type { SubcommandName } from '../../../domain/errors.js';
import type {
  BindingKey,
  Department,
  LocalDate,
  Metric,
  MetricKind,
  Ref,
  Tier,
  UserId,
} from '../../../domain/types.js';

export interface NewInitiativeCommand {
  name: 'new';
  modal: false;
  title: string;
  /** null: the caller's bound channel's department, if any. */
  lead: Department | null;
  /** Other departments as typed, de-duplicated (may include the lead; see resolveDepartments). */
  withDepts: Department[];
  /** `important` unless given. */
  tier: Tier;
  /** null: the caller. */
  ownerId: UserId | null;
  /** Today unless given. */
  start: LocalDate;
}

export interface LogActionCommand {
  name: 'log';
  modal: false;
  initiativeId: number;
  title: string;
  /** null: the caller. */
  ownerId: UserId | null;
  due: LocalDate | null;
  /** null: the initiative's lead department. */
  dept: Department | null;
}

export type ParsedCommand =
  /**
   * `topic`: a subcommand named after `help`, for its usage alone; null for everything. `unknown`: a
   * word after `help` that is no subcommand, with the subcommands close to it.
   */
  | { name: 'help'; topic: SubcommandName | null; unknown?: { text: string; suggestions: readonly string[] } }
  | { name: 'new'; modal: true }
  | NewInitiativeCommand
  | { name: 'log'; modal: true }
  | LogActionCommand
  | { name: 'done'; actionId: number; note: string | null }
  | { name: 'update'; actionId: number; note: string }
  | { name: 'block'; actionId: number; reason: string }
  | { name: 'snooze'; actionId: number; days: number }
  | { name: 'due'; actionId: number; due: LocalDate; reason: string | null }
  | { name: 'assign'; actionId: number; ownerId: UserId }
  | { name: 'edit'; ref: Ref; title: string }
  | { name: 'unblock'; actionId: number; note: string | null }
  | { name: 'drop'; actionId: number; reason: string }
  | { name: 'close'; initiativeId: number; outcome: string }
  | { name: 'verdict'; initiativeId: number; verdict: 'pass' | 'partial' | 'fail'; reason: string }
  | { name: 'mine' }
  /** `until` null: `away off`. */
  | { name: 'away'; until: LocalDate | null }
  | { name: 'list'; dept: Department | null }
  /** `R-n` (a request across departments) is answered by its own handler (commands/asks.ts). */
  | { name: 'show'; ref: Ref | { kind: 'R'; n: number } }
  | { name: 'essential'; initiativeId: number }
  | { name: 'important'; initiativeId: number }
  | { name: 'metric'; initiativeId: number; kind: MetricKind; metric: Metric }
  | { name: 'check'; initiativeId: number; modal: true }
  | { name: 'check'; initiativeId: number; modal: false; customer: number | null; business: number | null }
  | { name: 'pain'; text: string }
  | { name: 'round'; op: 'status' | 'open' | 'close' }
  | { name: 'setup'; op: 'channel'; key: BindingKey }
  | { name: 'setup'; op: 'show' }
  /** `/cx ask`: `askedDept` as typed (the hub is refused by the app, with a clear answer). */
  | { name: 'ask'; modal: true }
  | {
      name: 'ask';
      modal: false;
      askedDept: BindingKey;
      initiativeId: number;
      what: string;
      byDate: LocalDate | null;
    }
  | { name: 'asks'; dept: Department | null }
  /** `/cx lang`: null shows the language in effect (issue 14). */
  | { name: 'lang'; choice: 'en' | 'de' | 'auto' | null };

export type CommandOf<N extends SubcommandName> = Extract<ParsedCommand, { name: N }>;

export interface ParseContext {
  now: Date;
  /** CX_TIMEZONE: "today" for due/start/away dates is the date in this zone. */
  zone: string;
}
