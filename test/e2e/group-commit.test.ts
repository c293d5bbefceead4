/**
 * Group commit (issue 13): the commands that arrive in one turn of the event loop share one transaction, each
 * in a savepoint of its own; every answer waits for that commit. Through signed HTTP against the real bot.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/sandbox/emulator/index.js';
import { ACTION, FIELD } from '../../src/slack/ids.js';
import {
  eventually,
  type Harness,
  SIGNING_SECRET,
  startHarness,
  submitLogModal,
} from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [] });
  await h.cx('UALICE', 'new Faster answers lead:service');
});
afterEach(async () => {
  await h.stop();
});

const actionCount = () =>
  (h.bot.handle.sqlite.prepare('select count(*) as n from actions').get() as { n: number }).n;

/** One `/cx` delivery, signed as Slack signs it: the same body sent twice is a Slack retry. */
function commandBody(text: string, triggerId: string): string {
  return new URLSearchParams({
    token: 'unused',
    team_id: 'T0CXBRIDGE',
    team_domain: 'cxbridge-sandbox',
    channel_id: 'CSERVICE',
    channel_name: 'cx-service',
    user_id: 'UALICE',
    user_name: 'alice',
    command: '/cx',
    text,
    api_app_id: 'A0CXBRIDGE',
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/unused',
    trigger_id: triggerId,
  }).toString();
}

async function post(body: string): Promise<{ status: number; text: string }> {
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`http://127.0.0.1:${h.bot.port}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signRequest(SIGNING_SECRET, ts, body),
    },
    body,
  });
  const json = (await res.json()) as { text?: string };
  return { status: res.status, text: json.text ?? '' };
}

describe('commands that arrive together', () => {
  it('twenty /cx log at once: each answered with its own action, each saved once', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.cx('UALICE', `log I-1 Step ${i + 1}`)),
    );
    const texts = replies.map((r) => h.replyText(r));
    const ids = texts.map((t) => /A-(\d+)/.exec(t)?.[1]);
    expect(new Set(ids).size).toBe(20);
    expect(actionCount()).toBe(20);
    const titles = h.bot.handle.sqlite.prepare('select title from actions order by id').all() as {
      title: string;
    }[];
    expect(new Set(titles.map((t) => t.title)).size).toBe(20);
  });

  it('a Slack retry delivered with the original takes effect once, whichever turn each lands in', async () => {
    const body = commandBody('log I-1 Call the top accounts', 'T-retry-1');
    const [a, b] = await Promise.all([post(body), post(body)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const texts = [a.text, b.text].sort();
    expect(texts.filter((t) => /Logged \*A-1\*/.test(t))).toHaveLength(1);
    expect(texts).toContain('That request was already handled.');
    expect(actionCount()).toBe(1);
  });

  it('when the commit fails, the answer says so and nothing of it is saved — never "Logged" for a change that was lost', async () => {
    // A constraint SQLite checks only at COMMIT (a deferred foreign key), broken by every new action: the
    // command's own statements all succeed, and only the commit fails.
    h.bot.handle.sqlite.exec(`
      create temp table gc_parent (id integer primary key);
      create temp table gc_child (pid integer references gc_parent(id) deferrable initially deferred);
      create temp trigger gc_break after insert on main.actions begin insert into gc_child values (999); end;
    `);
    const reply = h.replyText(await h.cx('UALICE', 'log I-1 Will not be saved'));
    expect(reply).toContain('Something went wrong on our side, and nothing was changed.');
    expect(reply).not.toContain('Logged');
    expect(actionCount()).toBe(0);
    // A modal's submission likewise: it stays open with the failure, rather than closing as if saved.
    const submitted = await submitLogModal(h, 'UALICE', {
      [FIELD.initiative]: '1',
      [FIELD.title]: 'Also lost',
      [FIELD.owner]: 'UALICE',
    });
    expect(submitted.viewClosed).toBe(false);
    expect(JSON.stringify(submitted.body)).toContain('Something went wrong on our side');
    expect(actionCount()).toBe(0);
    h.bot.handle.sqlite.exec('drop trigger temp.gc_break');
    expect(h.replyText(await h.cx('UALICE', 'log I-1 Saved now'))).toMatch(/Logged \*A-\d+\*/);
    expect(actionCount()).toBe(1);
  });

  it('a button whose change is lost with its commit shows nothing done: no Slack call goes out before the commit', async () => {
    await h.cx('UALICE', 'log I-1 Quick one <@UBOB> due:+2d');
    await h.drain();
    const dm = h.emulator.dms('UBOB')[0];
    if (!dm) throw new Error('no DM');
    h.bot.handle.sqlite.exec(`
      create temp table gc_parent (id integer primary key);
      create temp table gc_child (pid integer references gc_parent(id) deferrable initially deferred);
      create temp trigger gc_break after update on main.actions begin insert into gc_child values (9); end;
    `);
    const updates = h.emulator.callsTo('chat.update').length;
    const shown = h.emulator.ephemerals.length;
    await h.emulator.blockAction({
      userId: 'UBOB',
      actionId: ACTION.done,
      value: 'A-1',
      channelId: dm.channel,
      messageTs: dm.ts,
    });
    // The generic failure reaches the person; the DM keeps its buttons, as nothing was done.
    const answer = await eventually(() => h.emulator.ephemerals.slice(shown).find((e) => e.user === 'UBOB'));
    expect(answer.text).toContain('Something went wrong on our side, and nothing was changed.');
    expect(h.emulator.callsTo('chat.update')).toHaveLength(updates);
    expect(JSON.stringify(h.emulator.dms('UBOB')[0]?.blocks)).toContain(ACTION.done);
    expect(h.bot.handle.sqlite.prepare('select status from actions where id = 1').get()).toEqual({
      status: 'open',
    });
  });
});
