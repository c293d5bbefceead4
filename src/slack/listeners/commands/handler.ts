import type { Logger } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import type { AppContext, Caller } from '../../../app/context.js';
import type { Result } from '../../../domain/errors.js';
import type { CommandOf, SubcommandName } from '../../parse/command/index.js';
import type { BuiltMessage } from '../../views/blocks.js';
import { errorReply } from '../../views/replies.js';

/** One `/cx` invocation as its handler sees it: the app, who asks, and the Slack side of the request. */
export interface CommandRequest {
  ctx: AppContext;
  caller: Caller;
  client: WebClient;
  triggerId: string;
  /** Acknowledge with no message (before opening a modal, which must happen within the 3 s). */
  ackEmpty: () => Promise<void>;
  /** Work for after the answer is sent (its change committed): Slack calls the answer need not wait for. */
  afterReply: (task: (logger: Logger) => Promise<void>) => void;
}

/** A subcommand's handler: the reply to send in the ack, or null when it acked already (a modal). */
export type CommandHandler<N extends SubcommandName> = (
  cmd: CommandOf<N>,
  req: CommandRequest,
) => Promise<BuiltMessage | null> | BuiltMessage | null;

/** Turns a use-case result into the reply: the success text, or the error paragraph with usage. */
export function answer<T>(
  result: Result<T>,
  command: SubcommandName,
  onOk: (value: T) => BuiltMessage,
): BuiltMessage {
  return result.ok ? onOk(result.value) : errorReply(result.error, command);
}
