/**
 * Text people type, as the bot repeats it (issue 9, items 1 and 6): it never pings a crowd, never starts
 * a line of ours and never reorders what follows it. Each case goes in through signed HTTP (or, for the
 * metric unit, straight into storage, so the output side is proven whatever the input side accepts) and
 * is read back from the emulator's messages.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metricChecksJob } from '../../src/jobs/metric-checks.js';
import { roundOpenJob } from '../../src/jobs/round-open.js';
import type { EmuMessage } from '../../src/sandbox/emulator/index.js';
import { ACTION } from '../../src/slack/ids.js';
import { CHANNELS, type Harness, startHarness } from '../support/harness.js';
import { postsOf } from '../support/posts.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    now: new Date('2026-03-02T10:00:00Z'),
    admins: ['UADMIN'],
    jobs: [metricChecksJob, roundOpenJob],
  });
});
afterEach(async () => {
  await h.stop();
});

const sqlite = () => h.bot.handle.sqlite;
/** Everything a reader of the message sees or is notified by: the fallback text and every block. */
const shown = (m: EmuMessage | { text?: string; blocks?: unknown } | undefined) =>
  `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;
/** The mrkdwn strings of a message's blocks, JSON-decoded (real line breaks, real characters). */
function mrkdwnOf(m: EmuMessage | { blocks?: unknown } | undefined): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(m?.blocks);
  return out;
}
const SPECIALS = /<!(?:channel|here|everyone|subteam)/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

async function runAt(day: string) {
  const when = new Date(`${day}T09:00:00Z`);
  h.clock.set(when);
  await h.bot.scheduler.tick(when);
  await h.drain();
}

describe('metric units (issue 9.1): a stored `<!channel>` unit pings nobody', () => {
  /** An initiative with both metrics, then the units replaced in storage by mass mentions. */
  async function hostileUnits() {
    await h.cx('UALICE', 'new Feedback loop start:2026-01-31 lead:service with:sales,it');
    await h.cx('UALICE', 'metric I-1 customer "CSAT" 70 -> 80');
    await h.cx('UALICE', 'metric I-1 business "Cost" 12 -> 9');
    sqlite()
      .prepare(`update initiatives set customer_unit = '<!channel>', business_unit = '<!here>' where id = 1`)
      .run();
  }

  it('the check DM, the verdict posts in every department channel and the owner’s copy', async () => {
    await hostileUnits();
    await runAt('2026-07-31');
    const ask = h.emulator.dms('UALICE').filter((m) => shown(m).includes(ACTION.metricCheckOpen));
    expect(ask).toHaveLength(1);
    expect(shown(ask[0])).toContain('70&lt;!channel&gt;');
    expect(shown(ask[0])).not.toMatch(SPECIALS);

    h.clock.set(new Date('2026-08-01T10:00:00Z'));
    await h.cx('UALICE', 'check I-1 customer=75 business=10');
    await h.drain();
    for (const channel of [CHANNELS.service, CHANNELS.sales, CHANNELS.it]) {
      const posts = h.emulator.messages(channel).filter((m) => /check of I-1/.test(m.text));
      expect(posts).toHaveLength(1);
      expect(shown(posts[0])).toContain('75&lt;!channel&gt;');
      expect(shown(posts[0])).toContain('10&lt;!here&gt;');
      expect(shown(posts[0])).not.toMatch(SPECIALS);
    }
    const owner = h.emulator.dms('UALICE').filter((m) => /check of I-1/.test(m.text));
    expect(owner).toHaveLength(1);
    expect(shown(owner[0])).not.toMatch(SPECIALS);
  });

  it('/cx show and the /cx check reply', async () => {
    await hostileUnits();
    const show = await h.cx('UBOB', 'show I-1');
    expect(shown(show.body as { text?: string })).toContain('&lt;!channel&gt;');
    expect(shown(show.body as { text?: string })).not.toMatch(SPECIALS);
    const check = h.replyText(await h.cx('UALICE', 'check I-1 customer=75'));
    expect(check).toContain('recorded');
    expect(check).not.toMatch(SPECIALS);
  });
});

// A guard over both sides: since the input side refuses such units (its own tests), these passed before the
// output fix too; the stored-unit cases above are the ones that prove the output side.
describe('metric units typed in /cx metric: refused or shown neutralised, never a ping', () => {
  it.each([
    ['customer "CSAT" 70 -> 80 <!channel>'],
    ['business "Cost" 10<!here> -> 5<!here>'],
    ['customer "<!everyone>" 1 -> 2 <!subteam^S1|@all>'],
  ])('/cx metric I-1 %s', async (args) => {
    await h.cx('UALICE', 'new Feedback loop lead:service');
    const reply = await h.cx('UALICE', `metric I-1 ${args}`);
    expect(shown(reply.body as { text?: string })).not.toMatch(SPECIALS);
    const show = await h.cx('UALICE', 'show I-1');
    expect(shown(show.body as { text?: string })).not.toMatch(SPECIALS);
  });
});

describe('line breaks and bidi controls (issue 9.6) never forge a line of ours', () => {
  it('a pain point with a line break stays on its own poll line', async () => {
    await h.cx('UALICE', 'pain Invoices unreadable\n:two: *P-99* Fake option', CHANNELS.sales);
    await h.cx('UBOB', 'pain Password reset takes days', CHANNELS.it);
    await h.cx('UADMIN', 'round open');
    await h.drain();
    const poll = h.emulator.messages(CHANNELS.sales).find((m) => /vote/i.test(m.text));
    const lines = mrkdwnOf(poll).flatMap((t) => t.split('\n'));
    expect(lines).toContain(':one: *P-1* Invoices unreadable :two: *P-99* Fake option · _Sales_');
    expect(lines.filter((l) => l.startsWith(':two:'))).toEqual([
      ':two: *P-2* Password reset takes days · _IT_',
    ]);
    expect(shown(poll)).not.toContain('\\n:two: *P-99*');
  });

  it('a quoted action title with a line break does not start its own line in the win post', async () => {
    await h.cx('UALICE', 'new Faster answers lead:service');
    await h.cx('UALICE', 'log I-1 "Call back\n:tada: *Fake win* for everyone" due:+3d');
    await h.cx('UALICE', 'done A-1 Went well\n:rotating_light: second line');
    await h.drain();
    const [win] = postsOf(h.emulator, CHANNELS.service, 'win:');
    const lines = mrkdwnOf(win).flatMap((t) => t.split('\n'));
    expect(lines.some((l) => l.includes('*A-1* Call back :tada: *Fake win* for everyone'))).toBe(true);
    expect(lines.filter((l) => l.startsWith(':tada: *Fake'))).toEqual([]);
    // The note may keep its line break, but every line of it is quoted: none starts where ours do.
    const noteLines = lines.filter((l) => /Went well|second line/.test(l));
    expect(noteLines).toEqual(['> Went well', '> :rotating_light: second line']);
    expect(win?.text).not.toContain('\n');
    // Escaping is enough only while Slack is not asked to turn plain `@channel` into a ping.
    const posts = h.emulator.callsTo('chat.postMessage');
    expect(posts.length).toBeGreaterThan(0);
    for (const call of posts) {
      expect(call.args.link_names).toBeUndefined();
      expect(call.args.parse).toBeUndefined();
    }
  });

  it('U+202E and other bidi or control characters do not reach a public post', async () => {
    await h.cx('UALICE', 'new Refunds \u202eeton tuo\u202c fast\u0007 lead:service');
    await h.cx('UALICE', 'log I-1 Call \u2067back\u2069 \u200fnow due:+3d');
    await h.cx('UALICE', 'done A-1');
    await h.drain();
    const [win] = postsOf(h.emulator, CHANNELS.service, 'win:');
    expect(shown(win)).toContain('Refunds eton tuo fast');
    expect(shown(win)).not.toMatch(BIDI);
    expect(win?.text).not.toMatch(CONTROL);
    expect(mrkdwnOf(win).join(' ')).not.toMatch(CONTROL);
  });
});
