/**
 * The notifier's `merge` option for the bot: a burst of wins to one channel becomes one post (see
 * slack/notifier/merge.ts), written in the language of its reader, as render-in-language.ts does for one.
 */
import type { AppContext } from '../../app/context.js';
import type { OutboxEntry } from '../../domain/outbox.js';
import { inLanguage } from '../messages/index.js';
import type { BuiltMessage } from './blocks.js';
import { renderMerged } from './render.js';
import { recipientLanguage } from './render-in-language.js';

/** Entries the notifier may merge into one post with the like ones queued right behind them: wins. */
export const mergeable = (entry: OutboxEntry): boolean =>
  entry.kind === 'win' && entry.threadOf === undefined;

export function mergeInLanguage(ctx: AppContext): {
  mergeable: (entry: OutboxEntry) => boolean;
  render: (entries: readonly OutboxEntry[]) => BuiltMessage | null;
} {
  return {
    mergeable,
    render: (entries) => {
      const [first] = entries;
      return first ? inLanguage(recipientLanguage(ctx, first.recipient), () => renderMerged(entries)) : null;
    },
  };
}
