import type { KnownBlock } from '@slack/types';
import { truncate } from '../../domain/text.js';
import { clip, type Mrkdwn, md, plainLine } from '../messages/mrkdwn.js';

/** Slack's limits (Block Kit reference): builders clip to them instead of letting Slack reject a post. */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  optionText: 75,
  modalTitle: 24,
  fallbackText: 40000,
} as const;

export type Blocks = KnownBlock[];

/** A message as a builder returns it: the plain `text` is the notification / screen-reader fallback. */
export interface BuiltMessage {
  text: Mrkdwn;
  blocks: Blocks;
}

/** Mrkdwn only (see ../messages/mrkdwn.ts): people's text has been through the neutraliser. */
export const section = (text: Mrkdwn): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) },
});

/**
 * Slack parses nothing in plain text, so a typed `<@U1|liam>`, `<#C1|cx-service>` or `<!channel>` would
 * show as that markup: a plain field shows what a person reads instead (`@liam`, `#cx-service`,
 * `@channel`), which notifies nobody either.
 */
export const readable = (text: string): string =>
  text.replace(/<([@#!])([^<>|]*)(?:\|([^<>]*))?>/g, (_all, sigil: string, id: string, label?: string) => {
    if (label) return sigil === '!' ? label : `${sigil}${label.replace(/^[@#]/, '')}`;
    return sigil === '!' ? `@${id.split('^')[0]}` : `${sigil}${id}`;
  });

/**
 * A plain_text object. `emoji` only decides whether emoji codes (colon, name, colon) in it become emoji, so
 * it is sent only when the text has a colon: a `/cx mine` of ten actions carries sixty labels, and the flag
 * on each was 7 % of its bytes (6,434 → 5,966 in the floor bench).
 */
function plainText(text: string) {
  return text.includes(':')
    ? { type: 'plain_text' as const, text, emoji: true }
    : { type: 'plain_text' as const, text };
}

/** Plain text, on one line whatever it holds. */
export const header = (text: string): KnownBlock => ({
  type: 'header',
  text: plainText(truncate(plainLine(readable(text)), LIMITS.headerText)),
});

export const context = (...texts: Mrkdwn[]): KnownBlock => ({
  type: 'context',
  elements: texts
    .slice(0, LIMITS.contextElements)
    .map((t) => ({ type: 'mrkdwn' as const, text: clip(t, LIMITS.sectionText) })),
});

export const divider = (): KnownBlock => ({ type: 'divider' });

/** Plain text (labels, options, buttons), on one line whatever it holds. */
export const plain = (text: string, max: number = LIMITS.buttonText) =>
  plainText(truncate(plainLine(readable(text)), max));

/** A modal's input block: block_id and action_id are the field's id, so its state reads plainly. */
export const input = (
  field: string,
  label: string,
  element: Record<string, unknown>,
  opts: { optional?: boolean; hint?: string } = {},
): KnownBlock =>
  ({
    type: 'input',
    block_id: field,
    label: plain(label, 2000),
    optional: opts.optional ?? false,
    ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
    element: { action_id: field, ...element },
  }) as KnownBlock;

/**
 * Packs lines into as few sections as the 3,000-character limit allows, and at most `maxBlocks` of them;
 * what does not fit is counted so the caller can say "…and N more".
 */
export function linesToSections(
  lines: readonly Mrkdwn[],
  maxBlocks: number,
): { blocks: KnownBlock[]; omitted: number } {
  const blocks: KnownBlock[] = [];
  let current = md``;
  let used = 0;
  for (const line of lines) {
    const candidate = current ? md`${current}\n${line}` : line;
    if (candidate.length <= LIMITS.sectionText) {
      current = candidate;
      used++;
      continue;
    }
    if (blocks.length + 1 >= maxBlocks) break;
    if (current) blocks.push(section(current));
    current = clip(line, LIMITS.sectionText);
    used++;
  }
  if (current) blocks.push(section(current));
  return { blocks, omitted: lines.length - used };
}

export function message(text: Mrkdwn, blocks: Blocks): BuiltMessage {
  return { text: clip(text, LIMITS.fallbackText), blocks: blocks.slice(0, LIMITS.messageBlocks) };
}
