import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPATCHED } from '../../src/slack/listeners/commands/dispatch.js';
import { count as countRows } from '../support/count.js';
import { CHANNELS, type Harness, startHarness } from '../support/harness.js';

/**
 * Issue 12: `/cx help` says what each command does, and every error names the word that was wrong and
 * the fix, with "did you mean" for near misses. Through signed HTTP and the emulator; nothing changes.
 */

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z') });
});
afterEach(async () => {
  await h.stop();
});

const rows = () => ({
  initiatives: countRows(h.bot.handle.sqlite, 'initiatives'),
  actions: countRows(h.bot.handle.sqlite, 'actions'),
  history: countRows(h.bot.handle.sqlite, 'history'),
});

/** The command is refused: its first line is `first`, it shows the usage, and no row changed. */
async function refused(text: string, first: string, channelId?: string): Promise<string> {
  const before = h.snapshot();
  const counted = rows();
  const result = await h.cx('UALICE', text, channelId);
  expect(result.status).toBe(200);
  const reply = h.replyText(result);
  expect(reply.split('\n')[0]).toBe(first);
  expect(reply).toMatch(/Usage of `\/cx [a-z]+`:|Type `\/cx help` for every command\./);
  expect(reply).not.toContain('(s)');
  expect(rows()).toEqual(counted);
  expect(h.snapshot()).toEqual(before);
  return reply;
}

describe('/cx help', () => {
  it('has one line per subcommand of the dispatch table, each with its syntax and what it does', async () => {
    const reply = h.replyText(await h.cx('UALICE', 'help'));
    const lines = reply.split('\n');
    expect(DISPATCHED.length).toBeGreaterThan(20);
    for (const name of DISPATCHED) {
      const own = lines.filter((l) => l.startsWith(`\`/cx ${name} `) || l.startsWith(`\`/cx ${name}\``));
      expect(own, name).toHaveLength(1);
      // `/cx done &lt;A-n&gt; [note]` – complete an action…
      expect(own[0], name).toMatch(/^`\/cx [^`]+`( · `\/cx [^`]+`)* – [a-z].{10,}$/);
    }
    expect(reply).toContain('`/cx done &lt;A-n&gt; [note]` – complete an action; its progress win is posted');
    expect(reply).toContain('For one command in full: `/cx help &lt;command&gt;`.');
  });

  it('`/cx help <subcommand>` shows its forms, its options and an example', async () => {
    const reply = h.replyText(await h.cx('UALICE', 'help log'));
    expect(reply).toBe(
      [
        '*`/cx log`*: log a concrete next step under an initiative (alone: opens a form).',
        '*Forms*',
        '`/cx log`',
        '`/cx log &lt;I-n&gt; &lt;title&gt; [@owner] [due:YYYY-MM-DD|due:+Nd] [dept:&lt;dept&gt;]`',
        '*Options*',
        '• `&lt;I-n&gt;` – the initiative',
        '• `&lt;title&gt;` – the step, in a few words',
        '• `@owner` – who does it, picked from the @-list (default: you)',
        '• `due:YYYY-MM-DD | due:+Nd` – when it is due',
        "• `dept:&lt;dept&gt;` – the department doing it (default: the initiative's lead)",
        '*Example:* `/cx log I-3 Call the top 20 accounts @maria due:+7d`',
        'Type `/cx help` for every command.',
      ].join('\n'),
    );
  });

  it.each(DISPATCHED)('`/cx help %s` has an example that starts with the command', async (name) => {
    const reply = h.replyText(await h.cx('UALICE', `help ${name}`));
    expect(reply).toContain(`*Example:* \`/cx ${name}`);
  });

  it('`/cx help hepl` says it is no command, suggests `help`, and lists every command', async () => {
    const reply = h.replyText(await h.cx('UALICE', 'help hepl'));
    expect(reply.split('\n')[1]).toBe(
      '`hepl` is not a command (did you mean `help`?); here is every command:',
    );
    expect(reply).toContain('`/cx mine` – your open actions');
  });
});

describe('every error names the word and the fix', () => {
  const LEAD_NEEDED =
    '`lead:&lt;dept&gt;` is needed here: this channel belongs to no department, so say which one leads – `lead:marketing`, `lead:sales`, `lead:service` or `lead:it`.';

  it('`/cx new Faster refunds essential` in the hub: `lead:<dept>` is needed, with the four keys', async () => {
    await refused('new Faster refunds essential', LEAD_NEEDED, CHANNELS.hub);
  });

  it('the same in a channel bound to nothing', async () => {
    h.emulator.addChannel({ id: 'CRANDOM', name: 'random', botIsMember: true });
    await refused('new Faster refunds', LEAD_NEEDED, 'CRANDOM');
    // With a lead it works there.
    await h.cx('UALICE', 'new Faster refunds lead:service', 'CRANDOM');
    expect(rows().initiatives).toBe(1);
  });

  it('`/cx away` alone says to use `away until YYYY-MM-DD` or `away off`', async () => {
    await refused(
      'away',
      'Say how: `/cx away until YYYY-MM-DD` pauses your reminders, `/cx away off` turns them back on.',
    );
  });

  it('a bad "away until" date is "an" "away until" date', async () => {
    await refused('away until tomorrow', '`tomorrow` is not an "away until" date: use `YYYY-MM-DD`.');
  });

  it('`/cx round foo` names `foo` and the three steps', async () => {
    await refused('round foo', '`foo` is not a round step: use status, open or close.');
  });

  it('`/cx hepl`: did you mean `help`?', async () => {
    await refused('hepl', '`/cx hepl` is not a CX Bridge command. Did you mean `help`?');
  });

  it('`/cx dne A-1`: two equally close subcommands are both offered', async () => {
    await refused('dne A-1', '`/cx dne` is not a CX Bridge command. Did you mean `done` or `due`?');
  });

  describe('with an initiative', () => {
    beforeEach(async () => {
      await h.cx('UALICE', 'new Faster refunds lead:service');
      expect(rows().initiatives).toBe(1);
    });

    it('`/cx metric I-1 revenue …` names `revenue` and suggests `business`', async () => {
      await refused(
        'metric I-1 revenue "Refund cost" 12 -> 9',
        '`revenue` is not a metric kind: use customer or business. Did you mean `business`?',
      );
    });

    it('`/cx metric I-1 revnue` suggests `business`', async () => {
      await refused(
        'metric I-1 revnue',
        '`revnue` is not a metric kind: use customer or business. Did you mean `business`?',
      );
    });

    it('`/cx log I-1 x deu:+3d` suggests `due:` instead of logging "x deu:+3d"', async () => {
      await refused(
        'log I-1 x deu:+3d',
        '`deu:+3d` is not an option of `/cx log`: use `@owner`, `due:` or `dept:`. Did you mean `due:`?',
      );
    });

    it('`/cx check I-1 custmer=38` suggests `customer=`', async () => {
      await refused(
        'check I-1 custmer=38',
        '`custmer=38` is not a metric value: write `customer=&lt;value&gt;` or `business=&lt;value&gt;`. Did you mean `customer=`?',
      );
    });

    it('`/cx log` with a department typo suggests the department', async () => {
      await refused(
        'log I-1 Call the top 20 accounts dept:servce',
        '`servce` is not a department; use marketing, sales, service or it. Did you mean `service`?',
      );
    });

    const NOBODY =
      '`@nobody` is not a Slack user here: pick the person from the @-list so it becomes a mention.';

    it.each([
      'log I-1 Call the top 20 accounts @nobody',
      'log I-1 Call @nobody about the refunds due:+3d',
      'new Refund desk with @nobody lead:it',
      'edit I-1 Faster refunds with @nobody.',
    ])('%j: an unknown @name is an error, not title text', async (text) => {
      await refused(text, NOBODY);
    });

    it('a known mention and an e-mail address stay in a title', async () => {
      await h.cx('UALICE', 'log I-1 Mail refunds@example.com about @-mentions');
      await h.cx('UALICE', 'edit I-1 Faster refunds with <@UBOB>');
      const sqlite = h.bot.handle.sqlite;
      expect(sqlite.prepare('select title from actions').pluck().get()).toBe(
        'Mail refunds@example.com about @-mentions',
      );
      expect(sqlite.prepare('select title from initiatives').pluck().get()).toBe(
        'Faster refunds with <@UBOB|bob>',
      );
    });
  });
});
