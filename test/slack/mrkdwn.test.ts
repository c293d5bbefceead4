/**
 * "Impossible to forget" (issue 9 item 1): a raw string cannot reach a mrkdwn field. The type checker
 * (`npm test` runs `tsc`) proves the `@ts-expect-error` lines below are errors; the source scan proves
 * nobody sidesteps the brand with a cast.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/slack/messages/en.js';
import { join, line, lines, md } from '../../src/slack/messages/mrkdwn.js';
import { context, header, linesToSections, message, plain, section } from '../../src/slack/views/blocks.js';
import { textReply } from '../../src/slack/views/replies.js';

// Typed as people's text is: a string, not a literal of ours.
const title: string = 'Fix <!channel>\nnow';

describe('the Mrkdwn brand', () => {
  it('raw strings are compile errors in every builder and in md``', () => {
    // @ts-expect-error a person's text must go through line() or lines()
    section(title);
    // @ts-expect-error
    context(title);
    // @ts-expect-error
    message(title, []);
    // @ts-expect-error
    textReply(title);
    // @ts-expect-error
    linesToSections([title], 1);
    // @ts-expect-error
    md`Title: ${title}`;
    // @ts-expect-error a separator must be a literal of ours
    join([], title);
    // The neutralised forms are accepted, and neutralised.
    expect(JSON.stringify(section(md`Title: ${line(title)}`))).toContain('Title: Fix &lt;!channel&gt; now');
    expect(JSON.stringify(context(lines(title)))).toContain('> Fix &lt;!channel&gt;\\n> now');
  });

  it('catalogue entries that take people’s text neutralise it', () => {
    expect(en.actionBlocked(1, title)).toBe('*A-1* is marked blocked: Fix &lt;!channel&gt; now');
    expect(en.metricSet(1, 'customer', 'CSAT', 70, 80, '<!channel>')).toContain(
      '70&lt;!channel&gt; → 80&lt;!channel&gt;',
    );
    expect(en.metrics.recordedValue({ name: 'CSAT', baseline: 1, target: 2, unit: '<!here>\n' }, 3)).toBe(
      'CSAT 3&lt;!here&gt;  (baseline 1&lt;!here&gt; , target 2&lt;!here&gt; )',
    );
  });

  it('nothing outside src/slack/messages/mrkdwn.ts casts to Mrkdwn', () => {
    const root = path.resolve(import.meta.dirname, '../../src');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.ts$/.test(entry.name) && !full.endsWith(path.join('messages', 'mrkdwn.ts'))) {
          if (/\bas\s+(?:unknown\s+as\s+)?Mrkdwn\b|<Mrkdwn>/.test(fs.readFileSync(full, 'utf8')))
            offenders.push(full);
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});

describe('plain text objects', () => {
  it('carry the emoji flag only when an emoji code could be in them; one line, clipped', () => {
    expect(plain('Add update')).toEqual({ type: 'plain_text', text: 'Add update' });
    expect(plain(':tada: Done')).toEqual({ type: 'plain_text', text: ':tada: Done', emoji: true });
    expect(plain('two\nlines', 5)).toEqual({ type: 'plain_text', text: 'two…' });
    expect(header('Weekly progress · 2026-W10')).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Weekly progress · 2026-W10' },
    });
  });
});
