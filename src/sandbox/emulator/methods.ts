/**
 * The Web API methods the emulator answers: required arguments (from Slack's method reference) and
 * rate-limit tier. A copy of the facts we need, so nothing outside the project is read at run time.
 */

export type Tier = 't1' | 't2' | 't3' | 't4' | 'special';

/** A required argument, with the error Slack answers when it is missing (default `invalid_arguments`). */
export interface RequiredArg {
  arg: string;
  error?: string;
}

export interface MethodSpec {
  tier: Tier;
  required: readonly RequiredArg[];
}

/** Calls per minute for each tier (Slack's published figures). `special` methods get their own rules. */
export const TIER_PER_MINUTE: Record<Tier, number> = {
  t1: 1,
  t2: 20,
  t3: 50,
  t4: 100,
  special: 100,
};

const ch = { arg: 'channel', error: 'channel_not_found' };

export const METHODS = {
  'apps.connections.open': { tier: 't1', required: [] },
  'auth.test': { tier: 'special', required: [] },
  'chat.postMessage': { tier: 'special', required: [ch] },
  'chat.update': { tier: 't3', required: [ch, { arg: 'ts', error: 'message_not_found' }] },
  'chat.postEphemeral': { tier: 't4', required: [ch, { arg: 'user', error: 'user_not_found' }] },
  'chat.delete': { tier: 't3', required: [ch, { arg: 'ts', error: 'message_not_found' }] },
  'chat.getPermalink': { tier: 'special', required: [ch, { arg: 'message_ts', error: 'message_not_found' }] },
  'conversations.open': { tier: 't3', required: [] },
  'conversations.info': { tier: 't3', required: [ch] },
  'conversations.join': { tier: 't3', required: [ch] },
  'conversations.list': { tier: 't2', required: [] },
  'conversations.members': { tier: 't4', required: [ch] },
  'conversations.history': { tier: 't3', required: [ch] },
  'conversations.replies': { tier: 't3', required: [ch, { arg: 'ts', error: 'thread_not_found' }] },
  'users.info': { tier: 't4', required: [{ arg: 'user', error: 'user_not_found' }] },
  'users.list': { tier: 't2', required: [] },
  'views.open': { tier: 't4', required: [{ arg: 'view' }] },
  'views.update': { tier: 't4', required: [{ arg: 'view' }] },
  'views.push': { tier: 't4', required: [{ arg: 'view' }] },
  'views.publish': { tier: 't4', required: [{ arg: 'user_id' }, { arg: 'view' }] },
  'reactions.add': {
    tier: 't3',
    required: [ch, { arg: 'timestamp', error: 'no_item_specified' }, { arg: 'name', error: 'invalid_name' }],
  },
  'reactions.remove': { tier: 't2', required: [{ arg: 'name', error: 'invalid_name' }] },
  'reactions.get': { tier: 't3', required: [] },
  'team.info': { tier: 't3', required: [] },
  'files.getUploadURLExternal': { tier: 't4', required: [{ arg: 'filename' }, { arg: 'length' }] },
  'files.completeUploadExternal': { tier: 't4', required: [{ arg: 'files' }] },
} as const satisfies Record<string, MethodSpec>;

export type MethodName = keyof typeof METHODS;

export function isKnownMethod(name: string): name is MethodName {
  return Object.hasOwn(METHODS, name);
}

/** Arguments that arrive JSON-encoded inside a form body and are decoded before use and recording. */
export const JSON_ARGS = new Set(['blocks', 'attachments', 'view', 'metadata', 'user_auth_blocks', 'files']);
