/**
 * The bot's cached read answers (`/cx list`, `/cx show I-n`, `/cx mine`) are dropped when another process
 * commits to the same file — a `cx` CLI run — which the bot learns from its WAL file's changes
 * (src/db/commit-watch.ts). Here a child process writes, exits, and only then does the next command arrive, as
 * when someone runs the CLI and then types in Slack.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { commitWatchOf } from '../../src/db/commit-watch.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

/** Another process renames I-1, commits and exits. */
async function renameElsewhere(file: string, title: string): Promise<void> {
  const script = `
    const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('busy_timeout = 5000');
    db.prepare('update initiatives set title = ? where id = 1').run(${JSON.stringify(title)});
    db.close();`;
  await promisify(execFile)(process.execPath, ['-e', script]);
}

describe('a commit by another process', () => {
  it('is in the next answer of a cached read', async () => {
    h = await startHarness({ now: new Date('2026-03-03T10:00:00Z') });
    expect(commitWatchOf(h.bot.handle.sqlite)?.trusted).toBe(true);
    await h.cx('UALICE', 'new Faster answers lead:marketing');
    // Twice: the second is answered from the cache.
    expect(h.replyText(await h.cx('UALICE', 'list'))).toContain('Faster answers');
    expect(h.replyText(await h.cx('UALICE', 'list'))).toContain('Faster answers');
    expect(h.replyText(await h.cx('UALICE', 'show I-1'))).toContain('Faster answers');

    for (const title of ['Quicker answers', 'Answers within a day']) {
      await renameElsewhere(h.config.databasePath, title);
      expect(h.replyText(await h.cx('UALICE', 'list'))).toContain(title);
      expect(h.replyText(await h.cx('UALICE', 'show I-1'))).toContain(title);
    }
  });
});
