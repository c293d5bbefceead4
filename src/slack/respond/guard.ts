import { performance } from 'node:perf_hooks';
import type {
  AllMiddlewareArgs,
  BlockAction,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcut,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewOutput,
  ViewResponseAction,
  ViewSubmitAction,
} from '@slack/bolt';
import type { Logger } from '@slack/logger';
import { DuplicateDelivery } from '../../app/context.js';
import { structuredOf } from '../../log/logger.js';
import { msg } from '../messages/index.js';
import { SUBCOMMAND_NAMES } from '../parse/command/index.js';
import type { BuiltMessage } from '../views/blocks.js';
import { textReply } from '../views/replies.js';
import { commitOf } from './ack-after-commit.js';
import { say } from './say.js';

/** What one request's log line says about it: fields only, never what the person typed. */
interface RequestFields {
  kind: 'command' | 'action' | 'view' | 'shortcut' | 'event';
  userId: string | undefined;
  /** The subcommand (known names only), action id, callback id or event type. */
  [detail: string]: string | undefined;
}

/**
 * The one place a listener's failure is answered, for every listener kind. A repeated delivery (a Slack
 * retry, a double click) already took effect, so it is answered quietly; anything else is logged and the
 * person gets the generic "nothing was changed" text, never a stack trace. Listeners hold no try/catch.
 * Each request is logged once, at debug, with its kind, what it asked for, who, the outcome and `ms`; its
 * lines carry the receiver's request id.
 */
async function guarded(
  name: string,
  { logger, context }: { logger: Logger; context: Record<string, unknown> },
  requestFields: RequestFields,
  work: () => Promise<unknown>,
  answer: { duplicate: () => Promise<unknown>; failure: () => Promise<unknown> },
): Promise<void> {
  const log = structuredOf(logger);
  // Named here: without debug logging, no request scope adds it to every line (log/request.ts).
  const fields =
    typeof context.reqId === 'string' ? { ...requestFields, reqId: context.reqId } : requestFields;
  const started = performance.now();
  let outcome: 'ok' | 'duplicate' | 'failed' = 'ok';
  try {
    await work();
  } catch (error) {
    if (error instanceof DuplicateDelivery) {
      outcome = 'duplicate';
      await answer.duplicate();
      return;
    }
    outcome = 'failed';
    log.error({ listener: name, ...fields, err: error }, `${name} failed`);
    await answer.failure();
  } finally {
    if (log.isLevelEnabled('debug')) {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      log.debug({ listener: name, ...fields, outcome, ms }, `${fields.kind} handled`);
    }
  }
}

const KNOWN_SUBCOMMANDS: ReadonlySet<string> = new Set(SUBCOMMAND_NAMES);

/** The subcommand of `/cx <text>` when it is one we know; anything else typed is not logged. */
function subcommandOf(text: string | undefined): string {
  const first = (text ?? '').trim().split(/\s+/, 1)[0]?.toLowerCase() ?? '';
  if (first === '') return '(none)';
  return KNOWN_SUBCOMMANDS.has(first) ? first : '(unknown)';
}

/** Answers a slash command once: the reply travels in the ack; `null` acks empty (before a modal opens). */
export type CommandReply = (message: BuiltMessage | null) => Promise<void>;
export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * A reply's ack body, serialized once per reply object: a cached reply (/cx list, show, mine: the same
 * object until the next write) costs no JSON.stringify per request. The HTTP guard sends a command's
 * answer as JSON whatever the body type; in Socket Mode the guard parses it back into the envelope.
 */
const serialized = new WeakMap<BuiltMessage, string>();
function ackBody(message: BuiltMessage): string {
  let body = serialized.get(message);
  if (body === undefined) {
    body = JSON.stringify({ response_type: 'ephemeral', ...message });
    serialized.set(message, body);
  }
  return body;
}

/** Slack waits 3 s for a slash command's ack, so the answer is the ack; later replies are dropped. */
export function commandListener(
  name: string,
  handle: (args: CommandArgs, reply: CommandReply) => Promise<unknown>,
): Middleware<SlackCommandMiddlewareArgs> {
  return async (args) => {
    let acked = false;
    const reply: CommandReply = async (message) => {
      if (acked) return;
      acked = true;
      // A string is sent as it is (Bolt's ack takes one); see ackBody.
      try {
        const commit = commitOf(args.context);
        if (commit) await commit;
        await args.ack(message ? (ackBody(message) as never) : undefined);
      } catch (error) {
        // Not sent (its change was not committed, see ack-after-commit.ts): the failure answer may go instead.
        acked = false;
        throw error;
      }
    };
    const fields: RequestFields = {
      kind: 'command',
      userId: args.command.user_id,
      subcommand: subcommandOf(args.command.text),
    };
    await guarded(name, args, fields, () => handle(args, reply), {
      duplicate: () => reply(textReply(msg.duplicate)),
      failure: () => reply(textReply(msg.genericFailure)),
    });
  };
}

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** A button is acked at once; its answer goes to the presser only (ephemeral, through response_url). */
export function actionListener(
  name: string,
  handle: (args: ActionArgs) => Promise<unknown>,
): Middleware<SlackActionMiddlewareArgs<BlockAction>> {
  return async (args) => {
    await args.ack();
    const fields: RequestFields = {
      kind: 'action',
      userId: args.body.user.id,
      actionId: args.action.action_id,
    };
    await guarded(name, args, fields, () => handle(args), {
      duplicate: async () => undefined,
      failure: () => say(args.respond, msg.genericFailure),
    });
  };
}

export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * A modal submission is acked by its handler (with inline errors, or empty to close it). A failure before
 * that ack shows the generic text next to `field` and keeps the modal open; after it, it is only logged.
 */
export function viewListener(
  name: string,
  field: string | ((view: ViewOutput) => string),
  handle: (args: ViewArgs) => Promise<unknown>,
): Middleware<SlackViewMiddlewareArgs<ViewSubmitAction>> {
  return async (args) => {
    let acked = false;
    const ack = async (response?: ViewResponseAction): Promise<void> => {
      if (acked) return;
      acked = true;
      try {
        const commit = commitOf(args.context);
        if (commit) await commit;
        await args.ack(response);
      } catch (error) {
        acked = false; // not sent: see commandListener
        throw error;
      }
    };
    const at = typeof field === 'string' ? field : field(args.view);
    const fields: RequestFields = {
      kind: 'view',
      userId: args.body.user.id,
      callbackId: args.view.callback_id,
    };
    await guarded(name, args, fields, () => handle({ ...args, ack }), {
      duplicate: () => ack(),
      failure: () => ack({ response_action: 'errors', errors: { [at]: msg.genericFailure } }),
    });
  };
}

export type ShortcutArgs<S extends SlackShortcut> = SlackShortcutMiddlewareArgs<S> & AllMiddlewareArgs;

/** A shortcut is acked at once; it has no reply of its own, so a failure is logged. */
export function shortcutListener<S extends SlackShortcut>(
  name: string,
  handle: (args: ShortcutArgs<S>) => Promise<unknown>,
): Middleware<SlackShortcutMiddlewareArgs<S>> {
  return async (args) => {
    await args.ack();
    const fields: RequestFields = {
      kind: 'shortcut',
      userId: args.shortcut.user.id,
      callbackId: args.shortcut.callback_id,
    };
    await guarded(name, args, fields, () => handle(args), {
      duplicate: async () => undefined,
      failure: async () => undefined,
    });
  };
}

export type EventArgs<E extends string> = SlackEventMiddlewareArgs<E> & AllMiddlewareArgs;

/** Events are acked by Bolt; nobody waits for an answer, so a failure is logged. */
export function eventListener<E extends string>(
  name: string,
  handle: (args: EventArgs<E>) => Promise<unknown>,
): Middleware<SlackEventMiddlewareArgs<E>> {
  return async (args) => {
    const user = (args.event as { user?: unknown }).user;
    const fields: RequestFields = {
      kind: 'event',
      userId: typeof user === 'string' ? user : undefined,
      eventType: args.event.type,
    };
    await guarded(name, args, fields, () => handle(args), {
      duplicate: async () => undefined,
      failure: async () => undefined,
    });
  };
}
