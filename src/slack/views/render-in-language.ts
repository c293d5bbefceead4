/**
 * The outbox renders at delivery time, so a notification is written in the language its reader has then
 * (issue 14): a DM in the recipient's own language (their `/cx lang`, else their Slack locale, else
 * CX_LANGUAGE), a post in a shared channel in CX_LANGUAGE. Never a Slack call here: what is stored decides.
 */
import type { AppContext } from '../../app/context.js';
import { installationLanguage, storedLanguageOf } from '../../app/language.js';
import type { OutboxEntry, Recipient } from '../../domain/outbox.js';
import { inLanguage } from '../messages/index.js';
import type { BuiltMessage } from './blocks.js';
import { renderEntry } from './render.js';

export function recipientLanguage(ctx: AppContext, recipient: Recipient) {
  return recipient.type === 'user' ? storedLanguageOf(ctx, recipient.id) : installationLanguage(ctx);
}

export function renderInLanguage(ctx: AppContext): (entry: OutboxEntry) => BuiltMessage | null {
  return (entry) => inLanguage(recipientLanguage(ctx, entry.recipient), () => renderEntry(entry));
}
