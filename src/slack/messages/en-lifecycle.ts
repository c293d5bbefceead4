/**
 * Words for changing work after it was logged (issue 11): the replies to `/cx due`, `assign`, `edit`,
 * `unblock`, `drop`, the history lines they leave, and the DMs when work lands on someone.
 */
import type { DomainError } from '../../domain/errors.js';
import {
  feedSourceOf,
  type HistoryFact,
  readFact,
  readTier,
  readVerdictValue,
} from '../../domain/history-facts.js';
import type { InitiativeHandedOverPayload } from '../../domain/payloads/initiatives.js';
import type {
  ActionAssignedPayload,
  ActionBlockedPayload,
  ActionUnassignedPayload,
} from '../../domain/payloads/work.js';
import type { HistoryEntry } from '../../domain/types.js';
import { metrics } from './en-metrics.js';
import { nudges } from './en-nudges.js';
import { join, line, type Mrkdwn, md, mention, number } from './mrkdwn.js';

const A = (id: number) => md`A-${id}`;
const I = (id: number) => md`I-${id}`;
/** A title, quoted so where it starts and ends shows. */
const quoted = (title: string) => md`“${line(title)}”`;
const date = (d: string | null | undefined) => (d ? line(d) : md`none`);
const user = (id: string | null | undefined) => (id ? mention(id) : md`nobody`);

/** Who made a history entry: a person (a mention), or the metric feed by its source's name. */
const actor = (id: string) => {
  const source = feedSourceOf(id);
  return source === 'api' ? md`the API` : source === 'import' ? md`an import` : mention(id);
};
type Transition = Extract<DomainError, { code: 'bad_transition' }>;

/** A value with the unit a person typed (their text). */
const num = (value: number, unit: string | null) => md`${number(value, 'en')}${line(unit ?? '')}`;
/** What a history fact (a metric set, values checked in or fed, a check asked or judged) says, in words. */
function fact(f: HistoryFact): Mrkdwn {
  if (f.fact === 'metric')
    return md`${f.kind === 'customer' ? md`customer` : md`business`} metric: ${line(f.name)} ${num(
      f.baseline,
      f.unit,
    )} → ${num(f.target, f.unit)}`;
  if (f.fact === 'check-asked') return md`${metrics.checkName(f.check)} asked for (due ${line(f.due)})`;
  if (f.fact === 'verdict')
    return md`${metrics.checkName(f.check)} (due ${line(f.due)}): ${metrics.verdictWord(f.verdict)}`;
  if (f.fact === 'recommitted') return md`kept going; next check ${line(f.due)}`;
  const values = join(
    f.values.map(
      (v) => md`${line(v.name)} ${num(v.value, v.unit)}${v.date ? md` on ${line(v.date)}` : md``}`,
    ),
    ', ',
  );
  const from = f.source === 'api' ? md`, from API` : f.source === 'import' ? md`, from import` : md``;
  return md`check-in: ${values}${from}`;
}

export const lifecycle = {
  /** An operation the action's status does not allow; done and dropped are final. */
  badTransition(e: Transition): Mrkdwn {
    if (e.from === 'done') return md`${A(e.actionId)} is already done: a finished action can't be changed.`;
    if (e.from === 'dropped') return md`${A(e.actionId)} was dropped and can't be changed.`;
    if (e.event === 'unblock') return md`${A(e.actionId)} is not blocked.`;
    return md`${A(e.actionId)} is ${line(e.from)}; that can't be done now.`;
  },

  notAPerson: (userId: string, owns: 'action' | 'initiative') =>
    md`${mention(userId)} is an app, not a person: ${owns === 'action' ? md`an action` : md`an initiative`} needs a person to own it.`,
  deactivatedPerson: (userId: string) =>
    md`${mention(userId)}'s Slack account is deactivated: pick someone who can act on it.`,
  /** The id alone: a mention of someone Slack does not know shows nothing useful. */
  unknownPerson: (userId: string) =>
    md`Slack knows no one as \`${line(userId)}\` in this workspace: pick the person from the @-list.`,
  dropNeedsReason: md`Say why it is no longer needed: the reason stays in its history.`,
  rescheduled: (id: number, title: string, from: string | null, to: string) =>
    md`*${A(id)}* ${line(title)} is now due ${line(to)} (was ${date(from)}).`,
  alreadyDue: (id: number, due: string) => md`*${A(id)}* is already due ${line(due)}; nothing changed.`,
  assigned: (id: number, title: string, to: string, self: boolean, from: string) =>
    self
      ? md`You now own *${A(id)}* ${line(title)} (it was ${mention(from)}'s; they are told).`
      : md`*${A(id)}* ${line(title)} is now with ${mention(to)}; they get a DM, and ${mention(from)} is told.`,
  alreadyOwns: (id: number, ownerId: string) =>
    md`${mention(ownerId)} already owns *${A(id)}*; nothing changed.`,
  renamedAction: (id: number, from: string, to: string) =>
    md`*${A(id)}* is now called ${quoted(to)} (was ${quoted(from)}).`,
  renamedInitiative: (id: number, from: string, to: string) =>
    md`*${I(id)}* is now called ${quoted(to)} (was ${quoted(from)}).`,
  alreadyCalled: (ref: string, title: string) => md`*${line(ref)}* is already called ${quoted(title)}.`,
  unblocked: (id: number, title: string) =>
    md`*${A(id)}* ${line(title)} is no longer blocked; its stall clock starts again.`,
  dropped: (id: number, title: string, initiativeId: number) =>
    md`*${A(id)}* ${line(title)} is dropped. It no longer counts toward ${I(initiativeId)}'s progress and gets no reminders; no win is posted.`,
  /** `/cx update` on a blocked action: recorded, still blocked, and how to lift the block. */
  updatedStillBlocked: (id: number, reason: string | null) =>
    md`Progress on *${A(id)}* recorded. It is still blocked${
      reason ? md` (${line(reason)})` : md``
    }: when it moves again, \`/cx unblock ${A(id)}\`.`,
  loggedFor: (ownerId: string) => md` ${mention(ownerId)} gets a DM.`,

  /** Handing an initiative to a new owner: the button under `/cx show I-n`, its modal, and the answers. */
  handOver: {
    button: 'Hand over',
    modalTitle: 'Hand over initiative',
    modalSubmit: 'Hand over',
    field: 'New owner',
    intro: (id: number, title: string, ownerId: string) =>
      md`*${I(id)}* ${line(title)} · owned by ${mention(ownerId)}.\nThe new owner gets its 6- and 12-month checks and the escalations of its stalled actions. Its actions keep their owners.`,
    done: (id: number, title: string, to: string, toldPrevious: string | null) =>
      md`*${I(id)}* ${line(title)} now belongs to ${mention(to)}: its checks and escalations go to them. They get a DM${
        toldPrevious ? md`, and ${mention(toldPrevious)} is told.` : md`.`
      }`,
    doneSelf: (id: number, title: string, from: string) =>
      md`You now own *${I(id)}* ${line(title)} (it was ${mention(from)}'s): its checks and escalations come to you.`,
    alreadyOwns: (id: number, ownerId: string) =>
      md`${mention(ownerId)} already owns *${I(id)}*; nothing changed.`,
  },

  /** One history line: when (a moment(), the reader's own zone), who, what changed (old → new), why. */
  historyLine(at: Mrkdwn, h: HistoryEntry): Mrkdwn | null {
    const why = h.note ? md`: ${line(h.note)}` : md``;
    const head = md`${at} · ${actor(h.actorId)}`;
    const f = readFact(h.newValue);
    if (f) return md`${head} · ${fact(f)}`;
    switch (h.kind) {
      case 'due':
        return md`${head} · due ${date(h.oldValue)} → ${date(h.newValue)}${why}`;
      case 'assigned':
        return md`${head} · owner ${user(h.oldValue)} → ${user(h.newValue)}${why}`;
      case 'renamed':
        return md`${head} · renamed ${quoted(h.oldValue ?? '')} → ${quoted(h.newValue ?? '')}${why}`;
      case 'created':
        // An action logged for someone else says for whom (its owner when created).
        return h.entity === 'A' && h.newValue && h.newValue !== h.actorId
          ? md`${head} · created for ${user(h.newValue)}${why}`
          : null;
      // On an initiative: an action logged under it, a request sent for it (the note is its reference).
      case 'action':
        return h.entity === 'I' && h.note ? md`${head} · logged ${line(h.note)}` : null;
      case 'request':
        return h.entity === 'I' && h.note ? md`${head} · sent request ${line(h.note)}` : null;
      case 'unblocked':
        return md`${head} · unblocked${why}`;
      case 'dropped':
        return md`${head} · dropped${why}`;
      case 'tier': {
        const tier = readTier(h.note);
        return tier ? md`${head} · tier → ${tier === 'essential' ? md`essential` : md`important`}` : null;
      }
      case 'verdict override': {
        const [was, is] = [readVerdictValue(h.oldValue), readVerdictValue(h.newValue)];
        if (!was || !is) return null;
        return md`${head} · verdict override: ${metrics.checkName(is.check)} (due ${line(is.due)}) ${metrics.verdictWord(
          was.verdict,
        )} → ${metrics.verdictWord(is.verdict)}${why}`;
      }
      default:
        return null;
    }
  },

  changesHeading: md`*Changed by others lately*`,
  /** A history entry with the item it is about, e.g. in the App Home. */
  changeLine(ref: string, at: Mrkdwn, h: HistoryEntry): Mrkdwn {
    const rest =
      lifecycle.historyLine(at, h) ??
      md`${at} · ${mention(h.actorId)} · ${line(h.kind)}${h.note ? md`: ${line(h.note)}` : md``}`;
    return md`*${line(ref)}* · ${rest}`;
  },

  dm: {
    assignedFallback: (p: ActionAssignedPayload) =>
      md`${mention(p.actorId)} gave you ${A(p.action.id)} ${line(p.action.title)} (${I(p.initiative.id)})${
        p.action.dueDate ? md`, due ${line(p.action.dueDate)}` : md``
      }.`,
    assigned: (p: ActionAssignedPayload) =>
      md`:inbox_tray: ${mention(p.actorId)} ${
        p.how === 'logged' ? md`logged an action for you` : md`handed you an action`
      }${
        // "(it was X's)" only when someone else moved it: an owner handing on their own work needs no aside.
        p.previousOwnerId && p.previousOwnerId !== p.actorId
          ? md` (it was ${mention(p.previousOwnerId)}'s)`
          : md``
      }:\n*${A(p.action.id)}* ${line(
        p.action.title,
      )}\nInitiative: *${I(p.initiative.id)}* ${line(p.initiative.title)}\n${
        p.action.dueDate
          ? md`Due ${line(p.action.dueDate)}${
              p.action.daysLate ? md`, ${nudges.lateBy(p.action.daysLate)}` : md``
            }`
          : md`No due date yet: \`/cx due ${A(p.action.id)} +7d\` gives it one.`
      }${p.action.status === 'blocked' ? md`\n_It is blocked at the moment._` : md``}`,
    unassigned: (p: ActionUnassignedPayload) =>
      md`:outbox_tray: ${mention(p.actorId)} handed *${A(p.action.id)}* ${line(p.action.title)} (${I(
        p.initiative.id,
      )}) to ${mention(p.newOwnerId)}. It is no longer yours: no more reminders about it.`,
    unassignedFallback: (p: ActionUnassignedPayload) =>
      md`${A(p.action.id)} ${line(p.action.title)} is now with ${mention(p.newOwnerId)}.`,
    handedOver: (p: InitiativeHandedOverPayload) =>
      p.role === 'new_owner'
        ? md`:inbox_tray: ${mention(p.actorId)} handed you the initiative *${I(p.initiative.id)}* ${line(
            p.initiative.title,
          )}${p.previousOwnerId !== p.actorId ? md` (it was ${mention(p.previousOwnerId)}'s)` : md``}.\nYou own it now: its 6- and 12-month checks and the escalations of its stalled actions come to you. ${
            p.openActions === 0
              ? md`It has no open action: \`/cx log ${I(p.initiative.id)} &lt;next step&gt;\` gives it one.`
              : md`It has ${number(p.openActions, 'en')} open ${p.openActions === 1 ? md`action` : md`actions`}: \`/cx show ${I(p.initiative.id)}\`.`
          }${
            p.openCheck
              ? md`\nIts ${metrics.checkName(p.openCheck.kind)} (due ${line(p.openCheck.dueDate)}) is waiting for values: \`/cx check ${I(p.initiative.id)}\`.`
              : md``
          }${
            p.openDecision
              ? md`\nThe verdict of its ${metrics.checkName(p.openDecision.kind)} waits for a decision, now yours: *${line(metrics.recommit)}* or *${line(metrics.close)}* in \`/cx show ${I(p.initiative.id)}\`.`
              : md``
          }`
        : md`:outbox_tray: ${mention(p.actorId)} handed *${I(p.initiative.id)}* ${line(p.initiative.title)} to ${mention(
            p.newOwnerId,
          )}. Its checks and escalations go to them now; actions of yours in it stay yours.`,
    handedOverFallback: (p: InitiativeHandedOverPayload) =>
      p.role === 'new_owner'
        ? md`${mention(p.actorId)} handed you ${I(p.initiative.id)} ${line(p.initiative.title)}.`
        : md`${I(p.initiative.id)} ${line(p.initiative.title)} now belongs to ${mention(p.newOwnerId)}.`,
    blocked: (p: ActionBlockedPayload) =>
      p.role === 'mentioned'
        ? md`:hourglass: ${mention(p.actorId)} blocked *${A(p.action.id)}* ${line(p.action.title)} (${I(
            p.initiative.id,
          )}) and it is waiting on you. The reason given:`
        : md`:construction: *${A(p.action.id)}* ${line(p.action.title)} in your initiative *${I(
            p.initiative.id,
          )}* ${line(p.initiative.title)} is blocked by ${mention(p.actorId)}. The reason given:`,
    // One quoted line: the mentions in it stay mentions (contract: text from people stays text).
    blockedReason: (p: ActionBlockedPayload) => md`> ${line(p.reason)}`,
    /** What a phone shows: what is blocked, and why (the reason is what the reader can act on). */
    blockedFallback: (p: ActionBlockedPayload) =>
      p.role === 'mentioned'
        ? md`${A(p.action.id)} is waiting on you: ${line(p.reason)}`
        : md`${A(p.action.id)} in ${I(p.initiative.id)} is blocked: ${line(p.reason)}`,
    blockedFooter: (p: ActionBlockedPayload) =>
      md`Owner: ${mention(p.action.ownerId)} · when it moves again: \`/cx unblock ${A(p.action.id)}\``,
  },
};
