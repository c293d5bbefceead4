import { expect } from 'vitest';
import { validateBlocks } from '../../src/sandbox/emulator/block-kit.js';
import type { BuiltMessage } from '../../src/slack/views/blocks.js';

/** A forged list line after a break, a mass mention, a right-to-left override, a control character. */
export const EVIL =
  'Real text\n:two: *FORGED* <!channel> <!here> <!subteam^S1>\u2028:three: FORGED \u202eevil\u0007';
/** A line of ours that EVIL would forge if its breaks got through (a list line, or one inside a quote). */
const FORGED = /^\s*(?:•\s*)?(?:>\s*)?:(?:two|three): (?:\*FORGED\*|FORGED)/;
const SPECIALS = /<!(?:channel|here|everyone|subteam)/;
export const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/** Every text of a message (its fallback and each text field in its blocks), after checking the blocks are valid. */
export function textsOf(m: BuiltMessage): string[] {
  expect(validateBlocks(m.blocks, 'message')).toEqual([]);
  const found: string[] = [m.text];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string') found.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(m.blocks);
  return found;
}

/**
 * No mass mention, no invisible character, no forged line. A line that starts with `>` is a quoted note
 * line (people's notes keep their breaks, each line quoted), which can hold anything visible.
 */
export function expectInert(texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toMatch(SPECIALS);
    expect(text).not.toMatch(INVISIBLE);
    for (const l of text.split('\n')) {
      if (!l.startsWith('>')) expect(l).not.toMatch(FORGED);
    }
  }
}

/** EVIL shown on one line, escaped: the text is there, only inert. */
export function expectShownOnOneLine(texts: string[]): void {
  expect(texts.join('\n')).toContain('Real text :two: *FORGED* &lt;!channel&gt;');
}
