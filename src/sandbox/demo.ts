/**
 * A realistic demo, made the way people would make it: slash commands typed by the sandbox people and
 * reactions on the bot's posts, all delivered to the bot through the emulator. Nothing is written to the
 * bot's database directly, so the demo only ever shows what the bot really does.
 */

import { addDays } from '../domain/dates.js';
import { afterWorkingDays, isAsksTime } from '../domain/requests.js';
import type { LocalDate } from '../domain/types.js';
import type { SlackEmulator, SlackView } from './emulator/index.js';
import { SANDBOX_ADMIN, SANDBOX_CHANNELS } from './workspace.js';

export interface DemoResult {
  ok: boolean;
  summary: string;
}

/** The sandbox's clock as the page has it: what the demo needs to let days pass. */
export interface DemoClock {
  now(): Date;
  /** CX_TIMEZONE: working days and hours count in it. */
  timeZone: string;
  /** The page's "Jump to": the scheduled jobs due on the way run at their moments, as in production. */
  travel(to: Date): Promise<unknown>;
}

const HALF_HOUR_MS = 30 * 60_000;

const C = SANDBOX_CHANNELS;

/** The date a modal's date picker starts on (the action's current due date in Reschedule). */
function initialDate(view: SlackView, blockId: string): LocalDate {
  const block = view.blocks.find((b) => (b as { block_id?: string }).block_id === blockId) as
    | { element?: { initial_date?: string } }
    | undefined;
  const day = block?.element?.initial_date;
  if (!day) throw new Error(`the modal has no date in ${blockId}`);
  return day as LocalDate;
}

interface Button {
  type: 'button';
  action_id?: string;
  value?: string;
  text?: { text?: string };
}

/** Every button in a message's blocks (in actions blocks and section accessories). */
function buttonsOf(blocks: readonly unknown[]): Button[] {
  const out: Button[] = [];
  for (const block of blocks as { elements?: unknown[]; accessory?: unknown }[]) {
    for (const e of [...(block.elements ?? []), block.accessory]) {
      if ((e as Button | undefined)?.type === 'button') out.push(e as Button);
    }
  }
  return out;
}

/** The reply a person sees after a command: the ack's text, or the ephemeral posted through response_url. */
function replyOf(result: Awaited<ReturnType<SlackEmulator['command']>>): string {
  const body = result.body as { text?: unknown } | string;
  if (typeof body === 'string') return body;
  return typeof body?.text === 'string' ? body.text : '';
}

export class DemoScript {
  private readonly log: string[] = [];

  constructor(private readonly emulator: SlackEmulator) {}

  /** Types `/cx <text>` as `userId` in `channelId` and returns the reply; a refusal stops the demo. */
  async cx(userId: string, channelId: string, text: string, expect?: RegExp): Promise<string> {
    const result = await this.emulator.command({ userId, channelId, text });
    const reply = replyOf(result);
    if (result.status !== 200) throw new Error(`/cx ${text}: the bot answered HTTP ${result.status}`);
    if (expect && !expect.test(reply))
      throw new Error(`/cx ${text}: unexpected reply: ${reply.slice(0, 300)}`);
    return reply;
  }

  /** The number in the first `I-n` / `A-n` / `P-n` of a reply. */
  async create(
    kind: 'I' | 'A' | 'P' | 'R',
    userId: string,
    channelId: string,
    text: string,
  ): Promise<number> {
    const reply = await this.cx(userId, channelId, text);
    const match = new RegExp(`\\b${kind}-(\\d+)\\b`).exec(reply);
    if (!match) throw new Error(`/cx ${text}: no ${kind}-n in the reply: ${reply.slice(0, 300)}`);
    this.log.push(`${kind}-${match[1]}`);
    return Number(match[1]);
  }

  /** The bot's newest top-level post in a channel that satisfies `test`, once it has been delivered. */
  async botPost(channelId: string, test: (text: string) => boolean, timeoutMs = 5000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.emulator
        .messages(channelId)
        .filter(
          (m) =>
            m.bot_id !== undefined && !m.thread_ts && test(`${m.text} ${JSON.stringify(m.blocks ?? [])}`),
        )
        .at(-1);
      if (found) return found;
      if (Date.now() > until) return undefined;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Picks `choice` from the "⋯" menu of A-n in `userId`'s `/cx mine` list and submits its modal with
   * `values`, as a person would click through it; the modal must close (the bot accepted it).
   */
  async menu(
    userId: string,
    channelId: string,
    actionId: number,
    choice: 'reschedule' | 'reassign' | 'drop',
    values: Record<string, string> | ((view: SlackView) => Record<string, string>),
  ): Promise<void> {
    await this.cx(userId, channelId, 'mine');
    const list = this.emulator.ephemerals.filter((e) => e.user === userId && e.channel === channelId).at(-1);
    if (!list) throw new Error(`/cx mine: no list for ${userId}`);
    const before = this.emulator.openViews.filter((v) => v.userId === userId).length;
    await this.emulator.blockAction({
      userId,
      actionId: 'cx_action_menu',
      channelId,
      messageTs: list.ts,
      selectedOption: `${choice}:A-${actionId}`,
    });
    await this.submitModal(userId, before, values, `${choice} A-${actionId}`);
  }

  /** Waits for the modal a click opened for `userId` (they had `before` open) and submits it; it must close. */
  async submitModal(
    userId: string,
    before: number,
    values: Record<string, string> | ((view: SlackView) => Record<string, string>),
    what: string,
  ): Promise<void> {
    const open = () => this.emulator.openViews.filter((v) => v.userId === userId).length;
    const until = Date.now() + 5000;
    while (open() === before) {
      if (Date.now() > until) throw new Error(`${what}: no modal opened`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const view = this.emulator.openViews.filter((v) => v.userId === userId).at(-1)?.view;
    if (!view) throw new Error(`${what}: no modal`);
    const filled = typeof values === 'function' ? values(view) : values;
    const result = await this.emulator.viewSubmission({ userId, viewId: view.id, values: filled });
    if (!result.viewClosed) throw new Error(`${what}: ${JSON.stringify(result.body)}`);
    this.log.push(what);
  }

  /**
   * Presses the button labelled `label` on the bot's post of R-n in `channelId` as `userId`, as a person
   * would click it; returns how many modals `userId` had open before (a decline opens one).
   */
  async press(userId: string, channelId: string, ref: string, label: RegExp): Promise<number> {
    const mine = new RegExp(`\\b${ref}\\b`);
    const post = await this.botPost(channelId, (t) => mine.test(t) && t.includes('"button"'));
    if (!post) throw new Error(`${ref}: no post in ${channelId}`);
    const button = buttonsOf(post.blocks ?? []).find((b) => label.test(b.text?.text ?? ''));
    if (!button?.action_id) throw new Error(`${ref}: no ${label} button on its post`);
    const before = this.emulator.openViews.filter((v) => v.userId === userId).length;
    await this.emulator.blockAction({
      userId,
      actionId: button.action_id,
      value: button.value,
      channelId,
      messageTs: post.ts,
    });
    return before;
  }

  note(what: string): void {
    this.log.push(what);
  }

  summary(): string {
    return this.log.join(' ');
  }
}

/**
 * Four initiatives across the departments, actions in every state (open, done, blocked, updated, snoozed,
 * one initiative still without a next step), metrics, requests between departments (one taken, one
 * declined, one escalated once `clock` lets 5 working days pass), and — when the feedback round exists —
 * pain points with a few votes. Skipped when the sandbox already has initiatives (the demo is for an empty
 * sandbox).
 */
export async function seedDemo(emulator: SlackEmulator, clock?: DemoClock): Promise<DemoResult> {
  const s = new DemoScript(emulator);
  const list = await s.cx(SANDBOX_ADMIN, C.hub, 'list');
  if (/\bI-\d+\b/.test(list)) {
    return {
      ok: false,
      summary: 'The sandbox already has initiatives; the demo fills an empty one (start with --reset).',
    };
  }
  const maya = 'UMAYA';
  const liam = 'ULIAM';
  const priya = 'UPRIYA';
  const tomas = 'UTOMAS';
  const june = 'UJUNE';

  const i1 = await s.create(
    'I',
    maya,
    C.service,
    'new Answer every customer within 4 hours lead:service with:it,sales essential',
  );
  await s.cx(maya, C.service, `metric I-${i1} customer "First response time in hours" 26 -> 4`);
  await s.cx(maya, C.service, `metric I-${i1} business "Cost per ticket" 18 -> 12`);
  const i2 = await s.create(
    'I',
    june,
    C.marketing,
    'new Onboarding emails that keep what Sales promised lead:marketing with:sales',
  );
  const i3 = await s.create(
    'I',
    liam,
    C.sales,
    'new One customer view for account managers lead:sales with:it,service essential',
  );
  await s.cx(liam, C.sales, `metric I-${i3} customer "Renewal NPS" 21 -> 35`);
  await s.create('I', tomas, C.it, 'new Self-service password reset lead:it with:service');

  const a1 = await s.create(
    'A',
    maya,
    C.service,
    `log I-${i1} Route chat and email into one queue <@${priya}> due:+5d`,
  );
  const a2 = await s.create(
    'A',
    maya,
    C.service,
    `log I-${i1} Publish first-response targets per channel <@${priya}> due:+10d`,
  );
  const a3 = await s.create(
    'A',
    maya,
    C.service,
    `log I-${i1} Alert on tickets waiting longer than 3 hours <@${tomas}> due:+14d dept:it`,
  );
  const a4 = await s.create(
    'A',
    june,
    C.marketing,
    `log I-${i2} Rewrite the welcome email with Sales <@${june}> due:+7d`,
  );
  const a5 = await s.create(
    'A',
    june,
    C.marketing,
    `log I-${i2} Tag each deal with the promises made <@${liam}> due:+21d dept:sales`,
  );
  const a6 = await s.create(
    'A',
    liam,
    C.sales,
    `log I-${i3} Interview five account managers <@${liam}> due:+3d`,
  );
  await s.create(
    'A',
    liam,
    C.sales,
    `log I-${i3} Show open tickets on the account page <@${tomas}> due:+30d dept:it`,
  );

  await s.cx(priya, C.service, `done A-${a1} Both queues now land in one inbox`);
  await s.cx(liam, C.sales, `done A-${a6} Notes are in the hub channel`);
  await s.cx(tomas, C.it, `block A-${a3} Waiting for helpdesk API access from the vendor`);
  await s.cx(june, C.marketing, `update A-${a4} First draft reviewed with Liam`);
  await s.cx(liam, C.sales, `snooze A-${a5} 7d`);

  // Plans change: a due date moves, work changes hands, and a step nobody needs any more is dropped.
  await s.menu(june, C.marketing, a4, 'reschedule', (view) => ({
    due: addDays(initialDate(view, 'due'), 7),
    reason: 'Sales asked for one more review round',
  }));
  await s.cx(maya, C.service, `assign A-${a2} <@${june}>`, /A-\d+/);
  const a8 = await s.create(
    'A',
    liam,
    C.sales,
    `log I-${i3} Print account summaries for the quarterly review <@${liam}> due:+12d`,
  );
  await s.menu(liam, C.sales, a8, 'drop', { reason: 'The account page replaces the printouts' });

  // Departments ask each other (issue 15): IT takes one request, Sales can't do one, and one waits.
  const r1 = await s.create(
    'R',
    maya,
    C.service,
    `ask it I-${i1} Export last quarter's chat transcripts by:+5d`,
  );
  await s.press(tomas, C.it, `R-${r1}`, /take it/i);
  if (!(await s.botPost(C.it, (t) => new RegExp(`R-${r1}\\b[\\s\\S]*Taken by`).test(t))))
    throw new Error(`R-${r1}: the post does not say who took it`);
  s.note(`took R-${r1}`);
  const r2 = await s.create(
    'R',
    june,
    C.marketing,
    `ask sales I-${i2} List the promises made in the last 20 deals`,
  );
  const before = await s.press(liam, C.sales, `R-${r2}`, /can.t do it/i);
  await s.submitModal(liam, before, { reason: 'Deal notes only go back two months' }, `declined R-${r2}`);
  const r3 = await s.create(
    'R',
    liam,
    C.sales,
    `ask service I-${i3} Tag tickets from key accounts for a month`,
  );
  if (clock) {
    // Nobody answers R-3: the demo lets time pass with the page's own "Jump to" (every job runs on the way,
    // as in production) until the asks job escalates it after 5 working days, in working hours.
    let at = afterWorkingDays(clock.now(), 5, clock.timeZone).getTime();
    at = Math.ceil(at / HALF_HOUR_MS) * HALF_HOUR_MS;
    while (!isAsksTime(new Date(at), clock.timeZone)) at += HALF_HOUR_MS;
    await clock.travel(new Date(at));
    if (!(await s.botPost(C.hub, (t) => new RegExp(`\\bR-${r3}\\b`).test(t))))
      throw new Error(`R-${r3} was not escalated to the hub`);
    s.note(`escalated R-${r3}`);
  }

  const pains = [
    [priya, C.service, 'Customers repeat their story to every agent they talk to'],
    [liam, C.sales, 'Quotes take a week because pricing lives in three spreadsheets'],
    [june, C.marketing, 'Newsletter unsubscribes spike after the renewal reminder'],
    [tomas, C.it, 'Password resets are a third of all IT tickets'],
  ] as const;
  const first = await s.cx(pains[0][0], pains[0][1], `pain ${pains[0][2]}`);
  if (!/\bP-\d+\b/.test(first)) {
    return {
      ok: true,
      summary: `${s.summary()} (pain points: not available in this version of the bot yet)`,
    };
  }
  for (const [who, where, text] of pains.slice(1)) await s.create('P', who, where, `pain ${text}`);

  await s.cx(SANDBOX_ADMIN, C.hub, 'round open');
  const poll = await s.botPost(C.service, (t) => /\bP-\d+\b/.test(t));
  if (!poll) return { ok: true, summary: `${s.summary()} (the round opened, but no poll was posted yet)` };
  const votes: [string, string][] = [
    [priya, 'one'],
    [priya, 'two'],
    [liam, 'two'],
    [tomas, 'one'],
    [june, 'one'],
  ];
  for (const [who, name] of votes) await emulator.react(who, poll.channel, poll.ts, name);
  return { ok: true, summary: `${s.summary()}, round open with ${votes.length} votes` };
}
