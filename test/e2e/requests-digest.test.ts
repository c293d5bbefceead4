/**
 * Issue 15 in the weekly digest and the CSV export: an "Open requests" reply in each digest thread (the
 * channel's department's requests; all of them in the hub) with the "who waits on whom" table, and the
 * requests as rows of `cx export`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildExportCsv } from '../../src/app/export-csv.js';
import { readExportRows } from '../../src/db/repositories/export-repo.js';
import { digestJob } from '../../src/jobs/digest.js';
import type { EmuMessage } from '../../src/sandbox/emulator/index.js';
import { CHANNELS, type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const keyOf = (m: EmuMessage) => String(m.metadata?.event_payload?.key ?? '');
const shown = (m: EmuMessage | undefined) => `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;

/** Monday: R-1 Marketing → IT; Tuesday: R-2 Sales → IT, R-3 Sales → Service (by 2026-03-20). */
async function threeRequests() {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [digestJob] });
  await h.bot.scheduler.idle();
  await h.cx('UALICE', 'new Faster refunds lead:marketing');
  await h.cx('UALICE', 'ask it I-1 Export of last year’s refund tickets');
  h.clock.set(new Date('2026-03-03T10:00:00Z'));
  await h.cx('UBOB', 'ask it I-1 A refund status page', CHANNELS.sales);
  await h.cx('UBOB', 'ask service I-1 Call back the angry ones by:2026-03-20', CHANNELS.sales);
  await h.drain();
}

describe('the weekly digest', () => {
  it('replies "Open requests" in each digest thread, with who waits on whom', async () => {
    await threeRequests();
    const friday = new Date('2026-03-06T14:00:00Z');
    h.clock.set(friday);
    expect(await h.bot.scheduler.runNow('digest', friday)).toMatchObject({ status: 'done' });
    await h.drain();
    const reply = (channel: string) => {
      const found = h.emulator
        .messages(channel)
        .filter((m) => keyOf(m) === `digest:2026-W10:${keyFor(channel)}:requests`);
      expect(found, channel).toHaveLength(1);
      return found[0] as EmuMessage;
    };
    const hub = shown(reply(CHANNELS.hub));
    expect(hub).toContain('Open requests between departments');
    expect(hub).toContain(
      '*R-1* Marketing → IT · Export of last year’s refund tickets · for *I-1* · waiting 4 working days',
    );
    expect(hub).toContain(
      '*R-3* Sales → Service · Call back the angry ones · for *I-1* · waiting 3 working days · by 2026-03-20',
    );
    expect(hub).toContain('Who waits on whom');
    expect(hub).toContain('Marketing waits on IT: 1 request, the oldest for 4 working days');
    expect(hub).toContain('Sales waits on IT: 1 request, the oldest for 3 working days');
    // A department channel lists what concerns it; the table is the whole company's.
    const service = shown(reply(CHANNELS.service));
    expect(service).toContain('*R-3*');
    expect(service).not.toContain('*R-1*');
    expect(service).toContain('Marketing waits on IT');
    // In the digest's thread.
    const parent = h.emulator.messages(CHANNELS.hub).find((m) => keyOf(m) === 'digest:2026-W10:hub');
    expect(reply(CHANNELS.hub).thread_ts).toBe(parent?.ts);
  });

  it('has no requests reply when no request is open', async () => {
    h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [digestJob] });
    await h.bot.scheduler.idle();
    await h.cx('UALICE', 'new Faster refunds lead:marketing');
    const friday = new Date('2026-03-06T14:00:00Z');
    h.clock.set(friday);
    await h.bot.scheduler.runNow('digest', friday);
    await h.drain();
    const rows = h.bot.handle.sqlite
      .prepare(`select count(*) n from outbox where kind = 'digest_requests'`)
      .get();
    expect(rows).toEqual({ n: 0 });
    expect(h.bot.handle.sqlite.prepare(`select count(*) n from outbox where kind = 'digest'`).get()).toEqual({
      n: 5,
    });
  });
});

describe('the CSV export', () => {
  it('lists each request after its initiative’s actions: ref, status, departments, asker, by date', async () => {
    await threeRequests();
    const csv = buildExportCsv(readExportRows(h.bot.handle));
    const lines = csv.split('\r\n');
    expect(lines).toContain(
      'request,R-1,I-1,Export of last year’s refund tickets,,open,IT,Marketing,UALICE,,,,2026-03-02T10:00:00.000Z,',
    );
    expect(lines).toContain(
      'request,R-3,I-1,Call back the angry ones,,open,Service,Sales,UBOB,,2026-03-20,,2026-03-03T10:00:00.000Z,',
    );
  });
});

function keyFor(channel: string): string {
  return Object.entries(CHANNELS).find(([, id]) => id === channel)?.[0] ?? '';
}
