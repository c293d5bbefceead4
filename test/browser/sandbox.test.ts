/**
 * The sandbox end to end in a real browser: `npm start` (no credentials) in an empty folder, Debian's
 * Chromium driven by playwright-core, and the scenario typed and clicked as people would.
 * Every step leaves a screenshot in test-artifacts/sandbox/.
 *
 * The scenario is a list of steps run in order, each a test of its own; a later step builds on the ones
 * before it, so a new feature's step is appended to `steps`.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { VOTE_REACTIONS } from '../../src/domain/rounds.js';
import { localParts, zonedInstant } from '../../src/sandbox/zone-time.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TSX = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const ARTIFACTS = path.join(REPO, 'test-artifacts', 'sandbox');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The flags Chromium needs on these machines (closed network, root, no GPU); see the README. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const WAIT = 15_000;
const TRAVEL_WAIT = 120_000;

let sandbox: ChildProcess;
let url = '';
let browser: Browser;
let page: Page;
let stderr = '';
let shots = 0;

// ---------- starting ----------

/**
 * `npm start` without credentials, in an empty folder (with `env` added, e.g. CX_LANGUAGE); resolves
 * with the one line it prints.
 */
function startSandbox(cwd: string, env: Record<string, string> = {}): Promise<string> {
  sandbox = spawn(process.execPath, ['--import', TSX, path.join(REPO, 'src/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  sandbox.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`the sandbox printed no URL; stderr: ${stderr}`)),
      30_000,
    );
    sandbox.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.split('\n')[0] ?? '');
      }
    });
    sandbox.once('exit', (code) => reject(new Error(`the sandbox exited (${code}): ${stderr}`)));
  });
}

async function api(pathname: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(new URL(pathname, url), {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

/** The next Monday 08:00 UTC at least a day ahead: the scenario's week always has the same shape. */
function nextMonday(now: Date): Date {
  const d = new Date(now.getTime() + 86_400_000);
  d.setUTCHours(8, 0, 0, 0);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

// ---------- acting as people ----------

const PEOPLE = {
  maya: 'UMAYA',
  liam: 'ULIAM',
  priya: 'UPRIYA',
  tomas: 'UTOMAS',
  june: 'UJUNE',
  lena: 'ULENA',
} as const;
type Person = keyof typeof PEOPLE;

async function shot(name: string): Promise<void> {
  shots += 1;
  const file = path.join(ARTIFACTS, `${String(shots).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
}

async function actAs(person: Person): Promise<void> {
  await page.selectOption('#user-switcher', PEOPLE[person]);
  await page.locator('#user-meta', { hasText: `@${person}` }).waitFor({ timeout: WAIT });
}

async function openChannel(name: string): Promise<void> {
  await page.locator('#channel-list .nav-item', { hasText: `# ${name}` }).click();
  await page.locator('#title', { hasText: `# ${name}` }).waitFor({ timeout: WAIT });
}

async function openApp(tab: 'Home' | 'Messages'): Promise<void> {
  await page.click('#nav-app');
  await page.click(`#tab-${tab.toLowerCase()}`);
}

/** Types into the message box and sends with Enter, as a person would. */
async function type(text: string): Promise<void> {
  await page.fill('#composer-input', text);
  await page.press('#composer-input', 'Enter');
}

/** A message (or ephemeral reply) in the open conversation that contains `text`. */
function message(text: string | RegExp, where = '#messages'): Locator {
  return page.locator(`${where} .msg`, { hasText: text }).last();
}

async function see(text: string | RegExp, where = '#messages'): Promise<Locator> {
  const found = message(text, where);
  await found.waitFor({ timeout: WAIT });
  return found;
}

async function react(msg: Locator, emoji: string): Promise<void> {
  await msg.hover();
  await msg.locator('.add-reaction').click();
  await page.click(`#emoji-picker [data-emoji="${emoji}"]`);
  await msg.locator(`.reaction.mine[data-emoji="${emoji}"]`).waitFor({ timeout: WAIT });
}

/** Waits until the clock has moved on from `before` and the jobs on the way have run. */
async function clockMoved(before: string | null): Promise<void> {
  await page.locator(`#clock-now:not([data-iso="${before}"])`).waitFor({ timeout: TRAVEL_WAIT });
  await page.locator('#clock-status', { hasText: 'Moved from' }).waitFor({ timeout: TRAVEL_WAIT });
}

/** "Jump to" a wall-clock time (`YYYY-MM-DDTHH:MM`) in the acting person's own zone. */
async function jumpTo(local: string): Promise<void> {
  const before = await page.getAttribute('#clock-now', 'data-iso');
  await page.fill('#jump-at', local);
  await page.click('#jump button[type=submit]');
  await clockMoved(before);
}

/** The next `weekday` (0 = Sunday) at `hh:mm` in `zone`, at least a day after the sandbox clock. */
async function nextLocal(weekday: number, hhmm: string, zone: string, afterDays = 1): Promise<string> {
  const now = new Date((await page.getAttribute('#clock-now', 'data-iso')) ?? '');
  let p = localParts(new Date(now.getTime() + afterDays * 86_400_000), zone);
  while (p.weekday !== weekday) p = localParts(zonedInstant(p.year, p.month, p.day + 1, 12, 0, zone), zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${hhmm}`;
}

/** The same local time `days` later (`YYYY-MM-DDTHH:MM`). */
function laterLocal(local: string, days: number, hhmm: string): string {
  const d = new Date(`${local.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.toISOString().slice(0, 10)}T${hhmm}`;
}

/** Slack's `<@U…>` / `<!date^…>` must never reach the screen as text. */
async function noRawTokens(where = 'body'): Promise<void> {
  const text = (await page.textContent(where)) ?? '';
  const raw = /<[@#!][^>]*>|\{date_[a-z_]*\}|\{time\}/.exec(text);
  if (raw) throw new Error(`raw Slack token on the page: ${raw[0]}`);
}

/** The page's own words in German (Lena), checked on a few that are always there. */
async function germanChrome(channel: string): Promise<void> {
  await page
    .locator(`#composer-input[placeholder="Nachricht an #${channel} – oder /cx help"]`)
    .waitFor({ timeout: WAIT });
  await page.locator('#composer button[type=submit]', { hasText: 'Senden' }).waitFor({ timeout: WAIT });
  await page.locator('.clock-buttons button', { hasText: '+1 Tag' }).waitFor({ timeout: WAIT });
  await page.locator('.switcher span', { hasText: 'Du bist' }).waitFor({ timeout: WAIT });
  const lang = await page.getAttribute('html', 'lang');
  if (lang !== 'de') throw new Error(`the page's language for a German reader: ${lang}`);
}

async function englishChrome(channel: string): Promise<void> {
  await page
    .locator(`#composer-input[placeholder="Message #${channel} — or /cx help"]`)
    .waitFor({ timeout: WAIT });
  await page.locator('#composer button[type=submit]', { hasText: 'Send' }).waitFor({ timeout: WAIT });
  await page.locator('.clock-buttons button', { hasText: '+1 day' }).waitFor({ timeout: WAIT });
}

const SLACK_DATE_TEXT = /^(Today|Yesterday|Tomorrow|[A-Z][a-z]{2} \d{1,2}, \d{4})( \d{1,2}:\d{2} [AP]M)?$/;

async function travel(label: string): Promise<void> {
  const before = await page.getAttribute('#clock-now', 'data-iso');
  await page.click(`.clock-buttons button:text-is("${label}")`);
  // Six months of jobs take 40 s or more on a busy two-core machine: travel gets its own, longer wait.
  await clockMoved(before);
}

/** What later steps need from earlier ones (ids the bot gave out). */
const seen: { painPoint?: string; initiative?: string } = {};

// ---------- the scenario ----------

interface Step {
  name: string;
  run(): Promise<void>;
}

const steps: Step[] = [
  {
    name: 'empty-sandbox',
    async run() {
      await page.goto(url);
      await page.locator('body[data-ready="true"]').waitFor({ timeout: WAIT });
      for (const c of ['cx-marketing', 'cx-sales', 'cx-service', 'cx-it', 'cx-hub']) {
        await page.locator('#channel-list .nav-item', { hasText: `# ${c}` }).waitFor();
      }
      await actAs('maya');
      await openChannel('cx-service');
      await page.locator('#messages', { hasText: 'No messages yet' }).waitFor();
    },
  },
  {
    name: 'initiative-in-the-modal',
    async run() {
      await type('/cx new');
      const modal = page.locator('.modal');
      await modal.waitFor({ timeout: WAIT });
      // Slack refuses an empty required field before anything is sent.
      await modal.locator('button[type=submit]').click();
      await modal.locator('.bk-error', { hasText: 'required' }).first().waitFor();
      await page.getByLabel('Title').fill('Answer every customer within 4 hours');
      await page.getByLabel('Lead department').selectOption('service');
      await modal.getByLabel('IT', { exact: true }).check();
      await page.getByLabel('Tier').selectOption('essential');
      // The bot's own validation comes back as inline errors (response_action: errors).
      await page.getByLabel('Start date').fill('2019-01-01');
      await modal.locator('button[type=submit]').click();
      await modal
        .locator('[data-block-id="start"] .bk-error')
        .filter({ hasText: /\S/ })
        .waitFor({ timeout: WAIT });
      await shot('modal-inline-error');
      const today = (await page.getAttribute('#clock-now', 'data-iso'))?.slice(0, 10) ?? '';
      await page.getByLabel('Start date').fill(today);
      await modal.locator('button[type=submit]').click();
      await modal.waitFor({ state: 'detached', timeout: WAIT });
      await see(/Created I-1/);
    },
  },
  {
    name: 'two-actions-by-command',
    async run() {
      await type('/cx log I-1 Route chat and email into one queue @priya due:+2d');
      await see(/Logged A-1/);
      await type('/cx log I-1 Alert on tickets waiting over 3 hours @tomas due:+4d dept:it');
      await see(/Logged A-2/);
      await see(/Priya Nair/);
    },
  },
  {
    name: 'one-done-win-in-two-channels',
    async run() {
      await actAs('tomas');
      await openChannel('cx-it');
      await type('/cx done A-2 Alerts are live');
      await see(/Done: A-2/);
      await see(/Progress win/);
      // The other involved department's channel shows the same win, marked unread.
      await page
        .locator('#channel-list .nav-item.unread', { hasText: 'cx-service' })
        .waitFor({ timeout: WAIT });
      await openChannel('cx-service');
      await see(/Progress win[\s\S]*A-2/);
    },
  },
  {
    name: 'a-week-later-reminder-and-digest',
    async run() {
      await travel('+1 week');
      await see(/Weekly progress/);
      const digest = message(/Weekly progress/);
      await digest.locator('.reply-link.has-replies').click();
      await page.locator('#thread .msg').nth(1).waitFor({ timeout: WAIT });
      await shot('digest-thread');
      await page.click('#thread-close');
      // Priya's action is overdue: her reminder DM, with its buttons.
      await actAs('priya');
      await openApp('Messages');
      const reminder = await see(/A-1/);
      await reminder.locator('button', { hasText: 'Snooze' }).waitFor();
    },
  },
  {
    name: 'round-opened-and-voted-by-three',
    async run() {
      await openChannel('cx-service');
      await type('/cx pain Customers repeat their story to every agent');
      await see(/P-1/);
      await actAs('liam');
      await openChannel('cx-sales');
      await type('/cx pain Quotes take a week because pricing lives in spreadsheets');
      await see(/P-2/);
      await actAs('maya');
      await openChannel('cx-hub');
      await type('/cx round open');
      await see(/Opened the/);
      await openChannel('cx-service');
      const poll = await see(/Pain-point vote:/);
      await react(poll, 'one');
      await actAs('priya');
      await react(message(/Pain-point vote:/), 'one');
      await actAs('liam');
      await openChannel('cx-sales');
      await react(await see(/Pain-point vote:/), 'two');
      await openChannel('cx-service');
      await see(/Pain-point vote:/);
    },
  },
  {
    name: 'round-closed-results',
    async run() {
      await actAs('maya');
      await openChannel('cx-hub');
      await type('/cx round close');
      await see(/Closed the/);
      await openChannel('cx-service');
      const results = await see(/Pain-point vote results/);
      await results.locator('button', { hasText: 'Adopt as initiative' }).first().waitFor();
    },
  },
  {
    name: 'top-pain-point-adopted',
    async run() {
      const results = message(/Pain-point vote results/);
      await results.locator('button', { hasText: 'Adopt as initiative' }).first().click();
      const modal = page.locator('.modal');
      await modal.waitFor({ timeout: WAIT });
      // The modal is filled from the top pain point (P-1, two votes).
      const title = await page.getByLabel('Title').inputValue();
      if (!title.includes('repeat their story')) throw new Error(`adopt modal title: ${title}`);
      await modal.locator('button[type=submit]').click();
      await modal.waitFor({ state: 'detached', timeout: WAIT });
      await type('/cx list');
      await see(/I-2[\s\S]*repeat their story/);
    },
  },
  {
    name: 'app-home-shows-the-new-initiative',
    async run() {
      // Opening the tab is an app_home_opened event; the bot publishes the home view for Maya.
      await openApp('Home');
      await page.locator('#home .blocks', { hasText: 'I-2' }).waitFor({ timeout: WAIT });
      await page.locator('#home', { hasText: 'repeat their story' }).waitFor({ timeout: WAIT });
    },
  },
  {
    name: 'reschedule-and-reassign-through-the-menu',
    async run() {
      // Priya's A-1 is long overdue: from her /cx mine list, "⋯" → Reschedule, then "⋯" → Reassign.
      await actAs('priya');
      await openChannel('cx-service');
      await type('/cx mine');
      const list = await see(/Your open actions/);
      await list.locator('.bk-overflow-button').first().click();
      await list.locator('.bk-overflow-item', { hasText: 'Reschedule' }).click();
      const modal = page.locator('.modal');
      await modal.waitFor({ timeout: WAIT });
      const today = (await page.getAttribute('#clock-now', 'data-iso'))?.slice(0, 10) ?? '';
      const day = (offset: number) =>
        new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('New due date').fill(day(-1));
      await modal.locator('button[type=submit]').click();
      await modal
        .locator('[data-block-id="due"] .bk-error')
        .filter({ hasText: /\S/ })
        .waitFor({ timeout: WAIT });
      await shot('reschedule-inline-error');
      await page.getByLabel('New due date').fill(day(14));
      await page.getByLabel('Reason').fill('Waiting for the new chat tool');
      await modal.locator('button[type=submit]').click();
      await modal.waitFor({ state: 'detached', timeout: WAIT });
      const redrawn = await see(new RegExp(`A-1\\S* is now due ${day(14)}`));
      await shot('mine-redrawn-after-reschedule');
      await redrawn.locator('.bk-overflow-button').first().click();
      await redrawn.locator('.bk-overflow-item', { hasText: 'Reassign' }).click();
      await modal.waitFor({ timeout: WAIT });
      await page.getByLabel('New owner').selectOption(PEOPLE.tomas);
      await modal.locator('button[type=submit]').click();
      await modal.waitFor({ state: 'detached', timeout: WAIT });
      await see(/now belongs to/);
      // Tomás hears of it at once, in a DM that carries the action's buttons and menu.
      await actAs('tomas');
      await openApp('Messages');
      const dm = await see(/A-1/);
      await dm.locator('.bk-overflow-button').waitFor({ timeout: WAIT });
    },
  },
  {
    name: 'close-an-initiative-with-open-actions',
    async run() {
      // I-2 (adopted from P-1) gets one action, then Maya closes it: the reply lists the open action and
      // offers one button; nothing changes until it is pressed.
      await actAs('maya');
      await openChannel('cx-service');
      await type('/cx log I-2 Map where customers repeat their story @priya due:+10d');
      await see(/Logged A-3/);
      await type('/cx close I-2 Merged into I-1: one queue answers it');
      const confirm = await see(/still has 1 open action/);
      await shot('close-asks-first');
      await confirm.locator('button', { hasText: 'Close and drop 1 open action' }).click();
      await see(/I-2\S*\s+is closed: 0 actions done, 1 dropped/);
      // The department's channel gets the closing post with the outcome.
      const post = await see(/I-2 Customers repeat their story to every agent\s*is closed/);
      await post.locator('text=Merged into I-1').waitFor({ timeout: WAIT });
    },
  },
  {
    name: 'six-months-later-the-metric-check',
    async run() {
      // Every scheduled job runs on the way (reminders thinned to 6-hourly on so long a jump).
      await travel('+6 months');
      await openApp('Messages');
      const ask = await see(/Time for the 6-month check[\s\S]*I-1/);
      await ask.locator('button', { hasText: 'Enter current values' }).waitFor();
    },
  },
  {
    name: 'log-as-pain-point-from-the-message-menu',
    async run() {
      // Issue 12: every poll names the message shortcut; the "⋯" menu on any message offers it.
      await actAs('liam');
      await openChannel('cx-sales');
      await type('Customers say the renewal form loses their data');
      const msg = await see(/renewal form loses their data/);
      await msg.hover();
      await msg.locator('.msg-menu-button').click();
      await shot('message-menu-open');
      await msg.locator('.msg-menu-item', { hasText: 'Log as pain point' }).click();
      const modal = page.locator('.modal');
      await modal.waitFor({ timeout: WAIT });
      const text = await page.getByLabel('What is the customer struggling with?').inputValue();
      if (!text.includes('renewal form loses their data')) throw new Error(`pain point modal text: ${text}`);
      await modal.locator('button[type=submit]').click();
      await modal.waitFor({ state: 'detached', timeout: WAIT });
      const logged = await see(/Logged P-\d+/);
      seen.painPoint = /P-\d+/.exec((await logged.textContent()) ?? '')?.[0];
    },
  },
  {
    name: 'unread-badges-are-each-persons-own',
    async run() {
      // Maya reads #cx-sales and leaves; Liam posts there; back as Maya, that one post is her unread.
      const sales = '#channel-list .nav-item[data-channel="CSALES"]';
      await actAs('maya');
      await openChannel('cx-sales');
      await openChannel('cx-hub');
      await page.locator(`${sales} .badge`).waitFor({ state: 'detached', timeout: WAIT });
      await actAs('liam');
      await openChannel('cx-sales');
      await type('Renewals call moved to 3 pm');
      await see(/Renewals call moved/);
      // The page keeps the open conversation across a switch: Liam leaves first, so Maya is not looking.
      await openChannel('cx-hub');
      await actAs('maya');
      await page.locator(`${sales} .badge`, { hasText: /^1$/ }).waitFor({ timeout: WAIT });
      await shot('maya-sees-one-unread');
      await openChannel('cx-sales');
      await page.locator(`${sales} .badge`).waitFor({ state: 'detached', timeout: WAIT });
      await openChannel('cx-hub');
      // June has never opened it: her badge counts everything others posted there, not Maya's 0.
      await actAs('june');
      const june = Number(await page.locator(`${sales} .badge`).textContent({ timeout: WAIT }));
      if (!(june > 1)) throw new Error(`June's unread in #cx-sales: ${june}`);
    },
  },
  {
    name: 'typed-mentions-become-mentions',
    async run() {
      await actAs('maya');
      await openChannel('cx-service');
      await type('/cx block A-1 waiting for @june');
      const blocked = await see(/A-1\S* is marked blocked/);
      // The bot repeats the typed mention as <@UJUNE>: the page shows it as June, a mention.
      await blocked.locator('.mention[data-user="UJUNE"]').waitFor({ timeout: WAIT });
      // A mention right after ':' is a mention too (issue 12: `owner:@june`).
      await openChannel('cx-marketing');
      await type('/cx new Win back churned accounts lead:marketing owner:@june');
      const created = await see(/Created I-\d+/);
      seen.initiative = /I-\d+/.exec((await created.textContent()) ?? '')?.[0];
      await type(`/cx show ${seen.initiative}`);
      const shown = await see(new RegExp(`${seen.initiative}[\\s\\S]*Win back churned accounts`));
      await shown.locator('.mention[data-user="UJUNE"]').first().waitFor({ timeout: WAIT });
      await noRawTokens('#messages');
    },
  },
  {
    name: 'dates-in-the-readers-own-zone',
    async run() {
      // <!date^…> shows in the reader's zone with Slack's words (Today …), never as the raw token.
      await actAs('liam');
      await openChannel('cx-sales');
      await type(`/cx show ${seen.painPoint}`);
      const shown = await see(new RegExp(`${seen.painPoint}[\\s\\S]*renewal form`));
      const date = shown.locator('.slack-date').first();
      await date.waitFor({ timeout: WAIT });
      const text = ((await date.textContent()) ?? '').trim();
      if (!/^Today\b/.test(text)) throw new Error(`the pain point was raised today, shown as: ${text}`);
      await openApp('Home');
      const updated = page.locator('#home .slack-date').first();
      await updated.waitFor({ timeout: WAIT });
      const home = ((await updated.textContent()) ?? '').trim();
      if (!SLACK_DATE_TEXT.test(home)) throw new Error(`Home tab moment: ${home}`);
      await noRawTokens();
    },
  },
  {
    name: 'reminder-only-inside-working-hours',
    async run() {
      // June (Los Angeles) logs an undated action on a Monday evening: it stalls a week later, Monday
      // 18:00, after working hours. Nothing arrives that evening; Tuesday at 09:30 her DM does.
      await actAs('june');
      const monday = await nextLocal(1, '18:00', 'America/Los_Angeles');
      await jumpTo(monday);
      await openChannel('cx-marketing');
      await type(`/cx log ${seen.initiative} Call the ten churned accounts @june`);
      const logged = await see(/Logged A-\d+/);
      const action = /A-\d+/.exec((await logged.textContent()) ?? '')?.[0] ?? 'A-?';
      await jumpTo(laterLocal(monday, 7, '20:00'));
      await openApp('Messages');
      await page.locator('#messages').waitFor();
      if ((await page.locator('#messages .msg', { hasText: action }).count()) > 0) {
        await shot('reminder-after-hours');
        throw new Error(`${action} was reminded outside working hours (Monday evening in Los Angeles)`);
      }
      await jumpTo(laterLocal(monday, 8, '10:00'));
      const dm = await see(new RegExp(`Good morning[\\s\\S]*${action}`));
      // It came at the 09:30 run, in June's morning.
      const at = ((await dm.locator('.msg-time').textContent()) ?? '').trim();
      if (at !== '09:30') throw new Error(`the reminder came at ${at} June's time`);
      await noRawTokens('#messages');
    },
  },
  {
    name: 'a-request-taken-through-its-button',
    async run() {
      // Issue 15: Maya asks IT for something I-1 needs; Tomás takes it with the post's button.
      await actAs('maya');
      await openChannel('cx-service');
      await type("/cx ask it I-1 Export last quarter's chat transcripts by:+5d");
      const asked = await see(/R-\d+ asked of IT: Export last quarter/);
      const ref = /R-\d+/.exec((await asked.textContent()) ?? '')?.[0] ?? 'R-?';
      await actAs('tomas');
      await openChannel('cx-it');
      const post = await see(new RegExp(`${ref}[\\s\\S]*chat transcripts`));
      await shot('request-in-the-asked-channel');
      await post.locator('button', { hasText: /take it/ }).click();
      // The post is rewritten in place: who took it as which action, and no buttons any more.
      const taken = await see(new RegExp(`${ref}[\\s\\S]*Taken by[\\s\\S]*A-\\d+`));
      await taken
        .locator('button', { hasText: /take it|Can.t do it/ })
        .waitFor({ state: 'detached', timeout: WAIT });
      // Maya hears of it in her DM.
      await actAs('maya');
      await openApp('Messages');
      await see(/took your request[\s\S]*A-\d+/);
    },
  },
  {
    name: 'a-verdict-shows-its-chart',
    async run() {
      // Issue 16: an initiative started six months (and a few days) ago, with both metrics. The next
      // metric-checks run (09:00) asks Maya for values; her /cx check completes the check, and the verdict
      // in #cx-service carries the charts the bot uploaded through the emulator's files flow.
      await actAs('maya');
      await openChannel('cx-service');
      const now = new Date((await page.getAttribute('#clock-now', 'data-iso')) ?? '');
      const start = new Date(now);
      start.setUTCMonth(start.getUTCMonth() - 6);
      start.setUTCDate(start.getUTCDate() - 3);
      await type(`/cx new Refunds paid within 3 days lead:service start:${start.toISOString().slice(0, 10)}`);
      const created = await see(/Created I-\d+ Refunds paid within 3 days/);
      const id = /Created (I-\d+)/.exec((await created.textContent()) ?? '')?.[1] ?? 'I-?';
      await type(`/cx metric ${id} customer "Refund time in days" 10 -> 3`);
      await see(/Refund time in days/);
      await type(`/cx metric ${id} business "Cost per refund" 12 -> 8`);
      await see(/Cost per refund/);
      await travel('+1 day');
      await openApp('Messages');
      await see(new RegExp(`6-month check[\\s\\S]*${id}`));
      await openChannel('cx-service');
      await type(`/cx check ${id} customer=5 business=9`);
      const verdict = page
        .locator('#messages .msg', { hasText: new RegExp(`6-month check of ${id}`) })
        .filter({ has: page.locator('img.bk-file') })
        .last();
      await verdict.waitFor({ timeout: WAIT });
      const img = verdict.locator('img.bk-file').first();
      await img.scrollIntoViewIfNeeded();
      await page.waitForFunction(
        (el) => {
          const loaded = el as unknown as { complete?: boolean; naturalWidth?: number } | null;
          return loaded?.complete === true && (loaded.naturalWidth ?? 0) > 0;
        },
        await img.elementHandle(),
        { timeout: WAIT },
      );
      await shot('verdict-with-chart');
    },
  },
  {
    name: 'a-german-reader-in-an-english-workspace',
    async run() {
      // Issue 14: Lena's Slack is German. Her replies are German; the channel post stays English.
      await actAs('lena');
      await openChannel('cx-service');
      // The page's own words follow her Slack locale (de-AT), as Slack's chrome does.
      await germanChrome('cx-service');
      await type('/cx help');
      const help = await see(/die CX-Strategie in nächste Schritte/);
      await help.locator('.only-you', { hasText: 'Nur für dich sichtbar' }).waitFor({ timeout: WAIT });
      await type('/cx new Schnellere Erstattungen lead:service');
      await see(/Schnellere Erstattungen angelegt/);
      await see(/New initiative[\s\S]*Schnellere Erstattungen/);
      // A moment in the bot's words reads in her words too: "Heute", not "Today".
      await type('/cx pain Kunden warten zu lange auf ihre Erstattung');
      const logged = await see(/P-\d+\S* erfasst/);
      const pain = /P-\d+/.exec((await logged.textContent()) ?? '')?.[0];
      await type(`/cx show ${pain}`);
      const shown = await see(new RegExp(`${pain}[\\s\\S]*warten zu lange`));
      const date = shown.locator('.slack-date').first();
      await date.waitFor({ timeout: WAIT });
      const text = ((await date.textContent()) ?? '').trim();
      if (!/^Heute\b/.test(text)) throw new Error(`Lena's view of today's moment: ${text}`);
      await noRawTokens('#messages');
      await shot('lena-in-german');
      // Back to an English reader: the page is English again, the same moment reads "Today".
      await actAs('maya');
      await englishChrome('cx-service');
      await type(`/cx show ${pain}`);
      const again = await see(new RegExp(`${pain}[\\s\\S]*warten zu lange`));
      const hers = ((await again.locator('.slack-date').first().textContent()) ?? '').trim();
      if (!/^Today\b/.test(hers)) throw new Error(`Maya's view of today's moment: ${hers}`);
    },
  },
];

// Every step of issue 6's scenario exists. A feature that lands later gets its step appended to `steps`.

interface Rendered {
  text: string;
  strong?: string;
  em: string[];
  strike?: string;
  code?: string;
  mentions: string[];
  links: number;
  href?: string | null;
  rel?: string | null;
  quote?: string;
  images: number;
  elements: string[];
}

/** Runs in the page: the page's own mrkdwn renderer on text that tries every trick. */
const RENDER_PROBE = `(async () => {
  const { renderMrkdwn } = await import('/mrkdwn.js');
  const ctx = {
    me: 'UMAYA',
    userName: (id) => (id === 'UMAYA' ? 'Maya Okafor' : undefined),
    channelName: (id) => (id === 'CSALES' ? 'cx-sales' : undefined),
  };
  const text =
    '*bold* _italic_ ~gone~ \`code\` <@UMAYA> <#CSALES> <!here> <https://example.com/a?b=1&amp;c=2|site> ' +
    '<javascript:alert(1)|bad> :tada: :no_such_emoji: snake_case_word &lt;img src=x onerror=alert(1)&gt;\\n&gt; quoted';
  const node = renderMrkdwn(text, ctx);
  const link = node.querySelector('a');
  return {
    text: node.textContent,
    strong: node.querySelector('strong')?.textContent,
    em: [...node.querySelectorAll('em')].map((e) => e.textContent),
    strike: node.querySelector('s')?.textContent,
    code: node.querySelector('code')?.textContent,
    mentions: [...node.querySelectorAll('.mention')].map((e) => e.textContent),
    links: node.querySelectorAll('a').length,
    href: link?.getAttribute('href'),
    rel: link?.getAttribute('rel'),
    quote: node.querySelector('blockquote')?.textContent,
    images: node.querySelectorAll('img').length,
    elements: [...new Set([...node.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()))].sort(),
  };
})()`;

describe('the sandbox in a real browser', () => {
  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
    }
    fs.rmSync(ARTIFACTS, { recursive: true, force: true });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    url = await startSandbox(fs.mkdtempSync(path.join(os.tmpdir(), 'cx-sandbox-browser-')));
    const moved = await api('/_sandbox/clock', { to: nextMonday(new Date()).toISOString() });
    if (moved.ok !== true) throw new Error(`could not set the clock: ${JSON.stringify(moved)}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => {
      stderr += `page error: ${error.message}\n`;
    });
  });

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') await shot(`FAILED-${test.task.name.replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    sandbox?.kill('SIGTERM');
  });

  for (const step of steps) {
    it(
      step.name,
      async () => {
        await step.run();
        await shot(step.name);
        if (stderr.includes('page error')) throw new Error(stderr);
      },
      TRAVEL_WAIT + 30_000,
    );
  }

  it('renders every emoji the bot writes, in mrkdwn and plain text', async () => {
    const names = [...VOTE_REACTIONS];
    for (const dir of ['src/slack/messages', 'src/slack/views']) {
      for (const file of fs.readdirSync(path.join(REPO, dir)).filter((f) => f.endsWith('.ts'))) {
        const text = fs.readFileSync(path.join(REPO, dir, file), 'utf8');
        for (const m of text.matchAll(/:([a-z0-9_+-]+):/g)) names.push(m[1] as (typeof names)[number]);
      }
    }
    const left = (await page.evaluate(`(async (names) => {
      const { renderMrkdwn, renderPlain } = await import('/mrkdwn.js');
      return names.filter((n) => {
        const md = renderMrkdwn('*:' + n + ': heading*', { me: 'U', userName: () => undefined, channelName: () => undefined });
        const plain = renderPlain({ type: 'plain_text', text: ':' + n + ':', emoji: true });
        return md.textContent.includes(':' + n + ':') || plain.textContent.includes(':' + n + ':');
      });
    })(${JSON.stringify([...new Set(names)])})`)) as string[];
    if (left.length > 0) throw new Error(`shown as text: ${left.join(', ')}`);
  });

  it('writes <!date^…> in the reader’s zone with Slack’s tokens, and the fallback for unknown ones', async () => {
    const shown = (await page.evaluate(`(async () => {
      const { renderMrkdwn } = await import('/mrkdwn.js');
      const ctx = (zone) => ({ me: 'U', userName: () => undefined, channelName: () => undefined, zone,
        now: Date.UTC(2026, 8, 8, 12) });
      const at = Date.UTC(2026, 8, 8, 16, 30) / 1000;
      const token = '<!date^' + at + '^{date_short_pretty} {time}|Tue 8 Sep 2026, 16:30 (UTC)>';
      return [
        renderMrkdwn('due ' + token, ctx('America/Los_Angeles')).textContent,
        renderMrkdwn('due ' + token, ctx('Asia/Tokyo')).textContent,
        renderMrkdwn('<!date^' + at + '^{date_long} {nope}|the fallback>', ctx('UTC')).textContent,
      ];
    })()`)) as string[];
    const expected = ['due Today 9:30 AM', 'due Tomorrow 1:30 AM', 'the fallback'];
    if (JSON.stringify(shown) !== JSON.stringify(expected)) throw new Error(JSON.stringify(shown));
  });

  it('renders mrkdwn as text and elements only: formatting, mentions, links, emoji — never markup', async () => {
    const rendered = (await page.evaluate(RENDER_PROBE)) as Rendered;
    if (rendered.strong !== 'bold' || rendered.strike !== 'gone' || rendered.code !== 'code') {
      throw new Error(JSON.stringify(rendered));
    }
    const expectations: [string, boolean][] = [
      ['italic only where underscores mark it', JSON.stringify(rendered.em) === '["italic"]'],
      ['mentions', JSON.stringify(rendered.mentions) === '["@Maya Okafor","#cx-sales","@here"]'],
      ['one safe link', rendered.links === 1 && rendered.href === 'https://example.com/a?b=1&c=2'],
      ['opened apart', rendered.rel === 'noopener noreferrer'],
      ['javascript: shown as text', rendered.text?.includes('bad') === true],
      ['emoji', rendered.text?.includes('🎉') === true && rendered.text.includes(':no_such_emoji:')],
      ['escaped markup stays text', rendered.images === 0 && rendered.text?.includes('<img src=x') === true],
      ['quote', rendered.quote === 'quoted'],
      [
        'only formatting elements',
        rendered.elements.every((t) =>
          ['a', 'blockquote', 'br', 'code', 'em', 's', 'span', 'strong'].includes(t),
        ),
      ],
    ];
    const failed = expectations.filter(([, ok]) => !ok).map(([what]) => what);
    if (failed.length > 0) throw new Error(`${failed.join(', ')}: ${JSON.stringify(rendered)}`);
  });
});

/**
 * Issue 14: `CX_LANGUAGE=de npm start` gives a German workspace. Its own sandbox (the scenario above
 * runs in English): channel posts are German for everyone; Maya (en-US) still reads her replies and the
 * page in English, Lena (de-AT) in German.
 */
describe('a German workspace: CX_LANGUAGE=de npm start', () => {
  beforeAll(async () => {
    url = await startSandbox(fs.mkdtempSync(path.join(os.tmpdir(), 'cx-sandbox-browser-de-')), {
      CX_LANGUAGE: 'de',
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => {
      stderr += `page error: ${error.message}\n`;
    });
  });

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') await shot(`FAILED-de-${test.task.name.replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    sandbox?.kill('SIGTERM');
  });

  it(
    'channel posts in German; each person reads replies and the page in their own language',
    async () => {
      await page.goto(url);
      await page.locator('body[data-ready="true"]').waitFor({ timeout: WAIT });
      await actAs('maya');
      await openChannel('cx-service');
      await englishChrome('cx-service');
      await type('/cx new Faster refunds lead:service');
      await see(/Created I-1/);
      // The channel post is in CX_LANGUAGE, whoever created the initiative.
      await see(/Neue Initiative[\s\S]*Faster refunds/);
      await actAs('lena');
      await germanChrome('cx-service');
      await see(/Neue Initiative[\s\S]*Faster refunds/);
      await type('/cx show I-1');
      await see(/I-1[\s\S]*Faster refunds/);
      await noRawTokens('#messages');
      // The clock's own words too; the same status reads in English for the next person who looks.
      const before = await page.getAttribute('#clock-now', 'data-iso');
      await page.click('.clock-buttons button:text-is("+1 Tag")');
      await page.locator(`#clock-now:not([data-iso="${before}"])`).waitFor({ timeout: TRAVEL_WAIT });
      await page.locator('#clock-status', { hasText: 'Vorgestellt von' }).waitFor({ timeout: TRAVEL_WAIT });
      await shot('german-workspace');
      await actAs('maya');
      await page.locator('#clock-status', { hasText: 'Moved from' }).waitFor({ timeout: WAIT });
      if (stderr.includes('page error')) throw new Error(stderr);
    },
    TRAVEL_WAIT,
  );
});
