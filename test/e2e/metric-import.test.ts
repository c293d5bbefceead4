/**
 * Issue 16: `cx metrics import <file.csv>`, the rules of POST /api/metrics for a file: every row or none,
 * one problem per bad row naming its line, the same initiative, metric and day replaces, values recorded
 * as coming from an import (and `/cx show` says so). The CLI runs in-process on the bot's database file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runCli } from '../../src/cli.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z') });
  for (const title of ['Faster answers', 'Self-service portal']) {
    const reply = h.replyText(await h.cx('UALICE', `new ${title} lead:service`));
    const id = /I-(\d+)/.exec(reply)?.[1];
    await h.cx('UALICE', `metric I-${id} customer "NPS" 30 -> 45`);
    await h.cx('UALICE', `metric I-${id} business "Cost to serve" 12€ -> 9€`);
  }
});
afterEach(async () => {
  await h.stop();
});

async function importCsv(csv: string, extra: string[] = ['--at', '2026-03-02T10:00:00Z']) {
  const file = path.join(h.dir, 'values.csv');
  fs.writeFileSync(file, csv);
  let stdout = '';
  let stderr = '';
  const code = await runCli(['metrics', 'import', file, ...extra], {
    env: { DATABASE_PATH: h.config.databasePath },
    cwd: h.dir,
    jobs: {},
    jobDeps: () => ({}),
    stdout: {
      write: (s: string) => {
        stdout += s;
        return true;
      },
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
        return true;
      },
    },
  });
  return { code, stdout, stderr };
}

const checkins = () =>
  h.bot.handle.sqlite
    .prepare(
      'select initiative_id as i, customer_value as c, business_value as b, value_date as d, source, recorded_by as by from metric_checkins order by id',
    )
    .all();

describe('cx metrics import', () => {
  it('stores every row as a value from an import; a second import of the same days replaces them', async () => {
    const csv =
      '\uFEFFinitiative,metric,value,date\r\nI-1,customer,38,2026-01-31\r\ni-1,Business,"10.5",2026-02-28\r\nI-2,customer,33,\r\n';
    const first = await importCsv(csv);
    expect(first).toMatchObject({ code: EXIT_OK, stderr: '' });
    expect(first.stdout).toContain('stored 3 values from');
    expect(checkins()).toEqual([
      { i: 1, c: 38, b: null, d: '2026-01-31', source: 'import', by: 'import' },
      { i: 1, c: null, b: 10.5, d: '2026-02-28', source: 'import', by: 'import' },
      { i: 2, c: 33, b: null, d: '2026-03-02', source: 'import', by: 'import' },
    ]);
    const again = await importCsv('initiative,metric,value,date\nI-1,customer,39,2026-01-31\n');
    expect(again.code).toBe(EXIT_OK);
    expect(checkins()).toHaveLength(3);
    expect(checkins()[0]).toMatchObject({ c: 39 });
    const show = JSON.stringify((await h.cx('UBOB', 'show I-1')).body);
    expect(show).toContain('NPS 39 on 2026-01-31, from import');
  });

  it('a file with bad rows stores nothing and names each bad line', async () => {
    const before = h.snapshot();
    const bad = await importCsv(
      [
        'initiative,metric,value,date',
        'I-1,customer,38,2026-01-31',
        'I-1,customer,1\u00a0000,2026-01-31',
        'I-1,revenue,38,2026-01-31',
        'I-1,customer,38,31.01.2026',
        'I-2,business,9,2026-03-09',
        '',
      ].join('\n'),
    );
    expect(bad.code).toBe(EXIT_FAILURE);
    expect(bad.stderr.split('\n').filter(Boolean)).toEqual([
      'cx: metrics import: line 3: value must be a number, e.g. 41.5',
      'cx: metrics import: line 4: metric must be "customer" or "business"',
      'cx: metrics import: line 5: date "31.01.2026" is not a real date written YYYY-MM-DD',
      'cx: metrics import: line 6: date 2026-03-09 is in the future (today is 2026-03-02)',
      'cx: metrics import: nothing stored (4 problems)',
    ]);
    const unknown = await importCsv('initiative,metric,value,date\nI-1,customer,38,\nI-7,customer,38,\n');
    expect(unknown.code).toBe(EXIT_FAILURE);
    expect(unknown.stderr).toContain('line 3: I-7 does not exist');
    expect(h.snapshot()).toEqual(before);
  });

  it('a missing column, a missing file or a missing argument is a usage error', async () => {
    const header = await importCsv('initiative,value\nI-1,38\n');
    expect(header.code).toBe(EXIT_FAILURE);
    expect(header.stderr).toContain('line 1: the header must name the columns initiative,metric,value,date');
    let stderr = '';
    const io = {
      env: { DATABASE_PATH: h.config.databasePath },
      cwd: h.dir,
      jobs: {},
      jobDeps: () => ({}),
      stdout: { write: () => true },
      stderr: {
        write: (s: string) => {
          stderr += s;
          return true;
        },
      },
    };
    expect(await runCli(['metrics', 'import', 'nope.csv'], io)).toBe(EXIT_USAGE);
    expect(stderr).toContain('no file');
    expect(await runCli(['metrics', 'import'], io)).toBe(EXIT_USAGE);
    expect(await runCli(['metrics', 'export', 'x.csv'], io)).toBe(EXIT_USAGE);
    expect(stderr).toContain('metrics import <file.csv>');
  });
});
