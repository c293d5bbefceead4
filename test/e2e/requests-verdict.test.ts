/**
 * Issue 15 in the 6–12-month test: the execution evidence of a partial or failing verdict counts the
 * initiative's requests that were declined or waited more than 5 working days for an answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { metricChecksJob } from '../../src/jobs/metric-checks.js';
import { ACTION, FIELD } from '../../src/slack/ids.js';
import { CHANNELS, type Harness, openedView, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const verdictPosts = (channel: string) =>
  h.emulator.messages(channel).filter((m) => /check of I-\d+/.test(m.text));

async function runAt(at: string) {
  const when = new Date(at);
  h.clock.set(when);
  await h.bot.scheduler.tick(when);
  await h.drain();
}

describe('the verdict’s execution evidence', () => {
  it('names the requests declined and those that waited more than 5 working days', async () => {
    h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [metricChecksJob] });
    await h.cx('UALICE', 'new Feedback loop start:2026-01-31 lead:service with:sales,it');
    await h.cx('UALICE', 'metric I-1 customer "NPS" 30 -> 45');
    await h.cx('UALICE', 'metric I-1 business "Cost to serve" 12 -> 9');
    // R-1 is declined; R-2 is never answered; R-3 is taken the next day (no evidence against it).
    await h.cx('UALICE', 'ask it I-1 Export of the tickets', CHANNELS.service);
    await h.cx('UALICE', 'ask sales I-1 Call the top accounts', CHANNELS.service);
    await h.cx('UALICE', 'ask it I-1 A status page', CHANNELS.service);
    await h.drain();
    const postOf = (ref: string) =>
      h.emulator.messages(CHANNELS.it).find((m) => m.metadata?.event_payload?.key === `request:${ref}`);
    const opened = h.emulator.callsTo('views.open').length;
    await h.emulator.blockAction({
      userId: 'UBOB',
      actionId: ACTION.requestDecline,
      value: 'R-1',
      channelId: CHANNELS.it,
      messageTs: postOf('R-1')?.ts,
    });
    const viewId = await openedView(h.emulator, 'UBOB', opened);
    await h.emulator.viewSubmission({ userId: 'UBOB', viewId, values: { [FIELD.reason]: 'No archive' } });
    h.clock.set(new Date('2026-03-03T10:00:00Z'));
    await h.emulator.blockAction({
      userId: 'UBOB',
      actionId: ACTION.requestTake,
      value: 'R-3',
      channelId: CHANNELS.it,
      messageTs: postOf('R-3')?.ts,
    });
    await h.drain();
    await runAt('2026-07-31T09:00:00Z');
    h.clock.set(new Date('2026-08-01T10:00:00Z'));
    await h.cx('UALICE', 'check I-1 customer=35 business=13');
    await h.drain();
    const text = JSON.stringify(verdictPosts(CHANNELS.service)[0]?.blocks ?? []);
    expect(verdictPosts(CHANNELS.service)[0]?.text).toBe('6-month check of I-1: partial');
    expect(text).toContain('Requests to other departments: 1 declined, 1 waited more than 5 working days');
  });
});
