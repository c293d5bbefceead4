/**
 * What a signed body must look like before Bolt and the listeners see it. A signature proves the body came
 * from Slack (or whoever holds the secret), not that it is whole: `payload=null`, `event: null` or a missing
 * `user` would throw deep inside Bolt. So every kind of body the bot handles is checked for the fields Bolt
 * and the listeners read, and a body for another workspace or app is dropped.
 */
import { z } from 'zod';
import type { RequestKind } from '../../metrics/metrics.js';

/** The one workspace and app this bot serves, learned at start (auth.test, users.info of the bot user). */
export interface Installation {
  teamId: string | null;
  /** Unknown when Slack did not say (then only the team is compared). */
  appId: string | null;
}

export type Inspection =
  | { kind: 'ok' }
  /** Signed but not a body the bot can handle: 400. */
  | { kind: 'malformed'; problem: string }
  /** Well-formed but not for this bot (another workspace or app, or informational): acknowledged, dropped. */
  | { kind: 'ignored'; reason: string };

const id = z.string().min(1);
const userRef = z.looseObject({ id, team_id: z.string().optional() });
const teamRef = z.looseObject({ id: z.string().nullish() }).nullish();
const channelRef = z.looseObject({ id }).optional();

/** Bolt reads `item.channel` of any event that has an item, and `channel` or `channel.id` when present. */
const anyEvent = z.looseObject({
  type: id,
  item: z.looseObject({}).optional(),
  channel: z.union([z.string(), z.looseObject({ id: z.string() })]).optional(),
});
/** A vote names the message it is on; reactions on files carry no channel or ts and are ignored later. */
const reactionEvent = z.looseObject({
  user: id,
  reaction: id,
  item: z.union([
    z.looseObject({ type: z.literal('message'), channel: id, ts: id }),
    z.looseObject({ type: id.refine((t) => t !== 'message') }),
  ]),
});
const homeEvent = z.looseObject({ user: id, tab: z.string().optional() });

const eventCallback = z.looseObject({
  team_id: id,
  api_app_id: id,
  event_id: id,
  event: anyEvent,
});
const command = z.looseObject({
  command: id,
  text: z.string(),
  user_id: id,
  channel_id: id,
  team_id: id,
  trigger_id: z.string().optional(),
});
const interactive = {
  block_actions: z.looseObject({
    user: userRef,
    team: teamRef,
    channel: channelRef,
    actions: z.array(z.looseObject({ action_id: id })).min(1),
  }),
  view_submission: z.looseObject({
    user: userRef,
    team: teamRef,
    view: z.looseObject({
      id,
      callback_id: z.string().optional(),
      state: z.looseObject({ values: z.record(z.string(), z.unknown()) }),
    }),
  }),
  view_closed: z.looseObject({
    user: userRef,
    team: teamRef,
    view: z.looseObject({ id, callback_id: z.string().optional() }),
  }),
  shortcut: z.looseObject({ user: userRef, team: teamRef, callback_id: id, trigger_id: id }),
  message_action: z.looseObject({
    user: userRef,
    team: teamRef,
    callback_id: id,
    trigger_id: id,
    channel: z.looseObject({ id }),
    message: z.looseObject({ ts: id }),
  }),
} as const;

export type Obj = Record<string, unknown>;

function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid';
}

/** The team a body speaks for, and the app it is addressed to (absent in some payloads, e.g. shortcuts). */
function addressOf(body: Obj): { teamId: string | undefined; appId: string | undefined } {
  const team = body.team as { id?: unknown } | null | undefined;
  const user = body.user as { team_id?: unknown } | undefined;
  const teamId = [body.team_id, team?.id, user?.team_id].find((v) => typeof v === 'string') as
    | string
    | undefined;
  return { teamId, appId: typeof body.api_app_id === 'string' ? body.api_app_id : undefined };
}

function shapeOf(body: Obj): z.ZodType | 'ignored' | null {
  const type = body.type;
  if (type === 'event_callback') return eventCallback;
  if (type === 'url_verification') return z.looseObject({ challenge: z.string() });
  // Slack tells the app it is over its event rate limit; nothing to do but acknowledge.
  if (type === 'app_rate_limited') return 'ignored';
  if (typeof type === 'string' && Object.hasOwn(interactive, type)) {
    return interactive[type as keyof typeof interactive];
  }
  if (type === undefined && body.command !== undefined) return command;
  return null;
}

/** What kind of request a parsed body is, for the ack histogram and the request log line. */
export function kindOf(body: unknown): RequestKind {
  if (typeof body !== 'object' || body === null) return 'other';
  const b = body as Obj;
  if (b.type === undefined && b.command !== undefined) return 'command';
  switch (b.type) {
    case 'event_callback':
      return 'event';
    case 'block_actions':
      return 'action';
    case 'view_submission':
    case 'view_closed':
      return 'view';
    case 'shortcut':
    case 'message_action':
      return 'shortcut';
    case 'block_suggestion':
      return 'options';
    default:
      return 'other';
  }
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The two commonest bodies checked by hand, a slash command and a vote (a reaction on a message): zod's
 * parse cost a quarter of the time a vote spends in this process (issue 13). True only for a body the
 * schemas above accept too; anything else, including anything this finds wrong, goes through them, so
 * the problem is named the same way.
 */
export function plainlyValid(obj: Obj): boolean {
  if (obj.type === undefined) {
    return (
      isId(obj.command) &&
      typeof obj.text === 'string' &&
      isId(obj.user_id) &&
      isId(obj.channel_id) &&
      isId(obj.team_id) &&
      (obj.trigger_id === undefined || typeof obj.trigger_id === 'string')
    );
  }
  if (obj.type !== 'event_callback') return false;
  if (!isId(obj.team_id) || !isId(obj.api_app_id) || !isId(obj.event_id) || !isObject(obj.event)) {
    return false;
  }
  const event = obj.event;
  if (event.type !== 'reaction_added' && event.type !== 'reaction_removed') return false;
  const item = event.item;
  return (
    event.channel === undefined &&
    isId(event.user) &&
    isId(event.reaction) &&
    isObject(item) &&
    item.type === 'message' &&
    isId(item.channel) &&
    isId(item.ts)
  );
}

/** What zod says of a body plainlyValid did not vouch for: null when it is fine. */
export function shapeProblem(obj: Obj): Inspection | null {
  const shape = shapeOf(obj);
  if (shape === null) return { kind: 'malformed', problem: 'not a kind of request this app handles' };
  if (shape === 'ignored') return { kind: 'ignored', reason: String(obj.type) };
  const parsed = shape.safeParse(obj);
  if (!parsed.success) return { kind: 'malformed', problem: problemOf(parsed.error) };
  if (obj.type === 'url_verification') return { kind: 'ok' };

  if (obj.type === 'event_callback') {
    const event = obj.event as Obj;
    const specific =
      event.type === 'reaction_added' || event.type === 'reaction_removed'
        ? reactionEvent
        : event.type === 'app_home_opened'
          ? homeEvent
          : null;
    const checked = specific?.safeParse(event);
    if (checked && !checked.success)
      return { kind: 'malformed', problem: `event.${problemOf(checked.error)}` };
  }
  return null;
}

/** Checks one parsed body (HTTP or a Socket Mode envelope's payload) against `installation`. */
export function inspectBody(body: unknown, installation: Installation): Inspection {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { kind: 'malformed', problem: 'the body is not an object' };
  }
  const obj = body as Obj;
  if (!plainlyValid(obj)) {
    const problem = shapeProblem(obj);
    if (problem) return problem;
  }

  const { teamId, appId } = addressOf(obj);
  if (teamId === undefined) return { kind: 'malformed', problem: 'no team' };
  if (installation.teamId !== null && teamId !== installation.teamId) {
    return { kind: 'ignored', reason: `another workspace (${teamId})` };
  }
  if (installation.appId !== null && appId !== undefined && appId !== installation.appId) {
    return { kind: 'ignored', reason: `another app (${appId})` };
  }
  return { kind: 'ok' };
}
