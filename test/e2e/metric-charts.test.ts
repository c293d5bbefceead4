/**
 * Issue 16: a verdict's charts. One PNG per metric is drawn and uploaded through Slack's upload flow
 * (files.getUploadURLExternal, the bytes, files.completeUploadExternal) once per verdict, shown as
 * `slack_file` image blocks in the channel post and the owner's copy, and in `/cx show`. When the upload
 * fails the posts show a text sparkline instead, and the upload is not tried again for that verdict.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { metricChecksJob } from '../../src/jobs/metric-checks.js';
import { CHANNELS, type Harness, startHarness } from '../support/harness.js';

const TOKEN = 'api-token-0123456789abcdef';
let h: Harness;

afterEach(async () => {
  await h?.stop();
});

async function verdictFromApi(language: 'en' | 'de' = 'en') {
  h = await startHarness({
    now: new Date('2026-03-02T10:00:00Z'),
    jobs: [metricChecksJob],
    config: { apiToken: TOKEN, language },
  });
  await h.cx('UALICE', 'new Faster answers lead:service');
  await h.cx('UALICE', 'metric I-1 customer "NPS" 30 -> 45');
  await h.cx('UALICE', 'metric I-1 business "Cost to serve" 12€ -> 9€');
  h.clock.set(new Date('2026-08-25T08:00:00Z'));
  const res = await fetch(`http://127.0.0.1:${h.bot.port}/api/metrics`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify([
      { initiative: 'I-1', metric: 'customer', value: 33, date: '2026-04-01' },
      { initiative: 'I-1', metric: 'customer', value: 38, date: '2026-06-01' },
      { initiative: 'I-1', metric: 'customer', value: 41, date: '2026-08-20' },
      { initiative: 'I-1', metric: 'business', value: 10.5, date: '2026-08-20' },
    ]),
  });
  expect(res.status).toBe(200);
  const at = new Date('2026-09-02T09:00:00Z');
  h.clock.set(at);
  await h.bot.scheduler.tick(at);
  await h.drain();
}

type Block = { type: string; slack_file?: { id: string }; alt_text?: string; elements?: { text?: string }[] };
const imagesOf = (blocks: unknown) => ((blocks ?? []) as Block[]).filter((b) => b.type === 'image');
const verdictPost = () => h.emulator.messages(CHANNELS.service).find((m) => /check of I-1/.test(m.text));
const ownerCopy = () => h.emulator.dms('UALICE').find((m) => /check of I-1/.test(m.text));
const uploads = () => h.emulator.callsTo('files.getUploadURLExternal');

describe('verdict charts', () => {
  it('uploads one PNG per metric once and shows them in the post, the owner’s copy and /cx show', async () => {
    await verdictFromApi();
    const files = h.emulator.files.list();
    expect(files).toHaveLength(2);
    for (const f of files) {
      expect(f.completed).toBe(true);
      expect(f.bytes?.subarray(1, 4).toString()).toBe('PNG');
      expect(f.bytes?.length).toBe(f.length);
    }
    expect(files.map((f) => f.title)).toEqual(['NPS', 'Cost to serve (€)']);
    // `CX_DOCS_CHART=docs/verdict-chart.png npx vitest run …` keeps the chart the bot uploaded (README's picture).
    if (process.env.CX_DOCS_CHART) fs.writeFileSync(process.env.CX_DOCS_CHART, files[0]?.bytes ?? '');
    // Two posts of the verdict (channel and owner), two metrics: two uploads, not four.
    expect(uploads()).toHaveLength(2);
    expect(h.emulator.callsTo('files.completeUploadExternal')).toHaveLength(2);

    const ids = files.map((f) => f.id);
    const post = verdictPost();
    expect(imagesOf(post?.blocks).map((b) => b.slack_file?.id)).toEqual(ids);
    expect(imagesOf(post?.blocks)[0]?.alt_text).toContain('Customer metric NPS: 3 values over time');
    expect(imagesOf(ownerCopy()?.blocks).map((b) => b.slack_file?.id)).toEqual(ids);

    const show = await h.cx('UBOB', 'show I-1');
    const body = show.body as { blocks?: unknown };
    expect(imagesOf(body.blocks).map((b) => b.slack_file?.id)).toEqual(ids);
    expect(JSON.stringify(body.blocks)).toContain('Charts of the 6-month check 2026-09-02');
  });

  it('with CX_LANGUAGE=de the drawn chart and the channel post are German; an English reader’s /cx show is English', async () => {
    await verdictFromApi('de');
    const [nps] = h.emulator.files.list();
    expect(nps?.altText).toBe('Kundenkennzahl NPS: 3 Werte im Verlauf, Ausgangswert 30, Ziel 45');
    const post = h.emulator.messages(CHANNELS.service).find((m) => imagesOf(m.blocks).length > 0);
    expect(imagesOf(post?.blocks)[0]?.alt_text).toBe(nps?.altText);
    // UBOB reads English (his Slack locale): his /cx show says so in English, with the same file.
    const show = (await h.cx('UBOB', 'show I-1')).body as { blocks?: unknown };
    expect(imagesOf(show.blocks)[0]?.slack_file?.id).toBe(nps?.id);
    expect(imagesOf(show.blocks)[0]?.alt_text).toContain('Customer metric NPS');
    expect(JSON.stringify(show.blocks)).toContain('Charts of the 6-month check 2026-09-02');
  });

  it('an upload that fails: the posts show a sparkline instead, and it is not tried again', async () => {
    await verdictFromApiWithFaults();
    expect(uploads()).toHaveLength(2);
    expect(h.emulator.files.list()).toHaveLength(0);
    const post = verdictPost();
    expect(imagesOf(post?.blocks)).toEqual([]);
    const text = JSON.stringify(post?.blocks);
    expect(text).toMatch(/NPS `[▁▂▃▄▅▆▇█]{4}` 2026-04-01 → 2026-08-20/);
    expect(text).toMatch(/Cost to serve `[▁▂▃▄▅▆▇█]{2}`/);
    expect(imagesOf(ownerCopy()?.blocks)).toEqual([]);
    const rows = h.bot.handle.sqlite.prepare('select kind, file_id, error from metric_charts').all();
    expect(rows).toEqual([
      { kind: 'customer', file_id: null, error: expect.stringContaining('internal_error') },
      { kind: 'business', file_id: null, error: expect.stringContaining('internal_error') },
    ]);
    // /cx show has no chart to show, and asks for none.
    const show = await h.cx('UBOB', 'show I-1');
    expect(imagesOf((show.body as { blocks?: unknown }).blocks)).toEqual([]);
    expect(uploads()).toHaveLength(2);
  });
});

async function verdictFromApiWithFaults() {
  h = await startHarness({
    now: new Date('2026-03-02T10:00:00Z'),
    jobs: [metricChecksJob],
    config: { apiToken: TOKEN },
  });
  h.emulator.failNext('files.getUploadURLExternal', { error: 'internal_error' }, { error: 'internal_error' });
  await h.cx('UALICE', 'new Faster answers lead:service');
  await h.cx('UALICE', 'metric I-1 customer "NPS" 30 -> 45');
  await h.cx('UALICE', 'metric I-1 business "Cost to serve" 12€ -> 9€');
  h.clock.set(new Date('2026-08-25T08:00:00Z'));
  await fetch(`http://127.0.0.1:${h.bot.port}/api/metrics`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify([
      { initiative: 'I-1', metric: 'customer', value: 33, date: '2026-04-01' },
      { initiative: 'I-1', metric: 'customer', value: 38, date: '2026-06-01' },
      { initiative: 'I-1', metric: 'customer', value: 41, date: '2026-08-20' },
      { initiative: 'I-1', metric: 'business', value: 10.5, date: '2026-08-20' },
    ]),
  });
  const at = new Date('2026-09-02T09:00:00Z');
  h.clock.set(at);
  await h.bot.scheduler.tick(at);
  await h.drain();
}
