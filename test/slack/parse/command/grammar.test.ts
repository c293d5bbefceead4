import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../../../src/domain/errors.js';
import { MAX_NOTE_LENGTH, MAX_TITLE_LENGTH } from '../../../../src/domain/limits.js';
import {
  type ParsedCommand,
  parseCommand,
  SUBCOMMAND_NAMES,
  SUBCOMMANDS,
  synopsisOf,
} from '../../../../src/slack/parse/command/index.js';

// Tuesday 2026-03-10, 12:00 in Berlin.
const ctx = { now: new Date('2026-03-10T11:00:00Z'), zone: 'Europe/Berlin' };
const TODAY = '2026-03-10';

function parsed(text: string): ParsedCommand {
  const result = parseCommand(text, ctx);
  if (!result.ok)
    throw new Error(`expected ${JSON.stringify(text)} to parse, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function failed(text: string): DomainError {
  const result = parseCommand(text, ctx);
  if (result.ok)
    throw new Error(`expected ${JSON.stringify(text)} to fail, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('subcommand dispatch', () => {
  it.each(['', '   ', '\n'])('empty text %j is help', (text) => {
    expect(parsed(text)).toEqual({ name: 'help', topic: null });
  });

  it.each([
    ['help', null],
    ['HELP', null],
    ['help log', 'log'],
    ['help LOG', 'log'],
  ])('%j → help topic %s', (text, topic) => {
    expect(parsed(text)).toEqual({ name: 'help', topic });
  });

  it.each([
    ['help nonsense', 'nonsense', []],
    ['help hepl', 'hepl', ['help']],
  ])('%j → every command, saying %j is none (close: %j)', (text, word, suggestions) => {
    expect(parsed(text)).toEqual({ name: 'help', topic: null, unknown: { text: word, suggestions } });
  });

  it.each([
    ['foo', 'foo'],
    ['I-3', 'I-3'],
    ['Q&amp;A', 'Q&A'],
    ['<@U1> done', '<@U1>'],
  ])('%j → unknown_subcommand %j', (text, word) => {
    expect(failed(text)).toEqual({ code: 'unknown_subcommand', text: word });
  });

  it.each([
    ['hepl', ['help']],
    ['dne A-1', ['done', 'due']],
    ['"done" A-1', ['done']],
    ['shwo I-1', ['show']],
    ['esential I-1', ['essential']],
  ])('%j → unknown_subcommand, did you mean %j', (text, suggestions) => {
    expect(failed(text)).toMatchObject({ code: 'unknown_subcommand', suggestions });
  });

  it('accepts subcommand names in any case', () => {
    expect(parsed('Done a-1')).toEqual({ name: 'done', actionId: 1, note: null });
  });
});

describe('new', () => {
  const base = {
    name: 'new',
    modal: false,
    lead: null,
    withDepts: [],
    tier: 'important',
    ownerId: null,
    start: TODAY,
  };

  it('without arguments opens the modal', () => {
    expect(parsed('new')).toEqual({ name: 'new', modal: true });
  });

  it.each<[string, Record<string, unknown>]>([
    ['new Monthly feedback format', { title: 'Monthly feedback format' }],
    ['new   spaced    out  ', { title: 'spaced out' }],
    ['new Faster refunds lead:service', { title: 'Faster refunds', lead: 'service' }],
    ['new Faster refunds lead:IT', { title: 'Faster refunds', lead: 'it' }],
    ['new Faster refunds lead:Marketing', { title: 'Faster refunds', lead: 'marketing' }],
    ['new X with:sales,IT', { title: 'X', withDepts: ['sales', 'it'] }],
    ['new X with:sales, lead:it', { title: 'X', withDepts: ['sales'], lead: 'it' }],
    ['new X with:sales with:service,sales', { title: 'X', withDepts: ['sales', 'service'] }],
    ['new X essential', { title: 'X', tier: 'essential' }],
    ['new X IMPORTANT', { title: 'X', tier: 'important' }],
    ['new X owner:<@U2>', { title: 'X', ownerId: 'U2' }],
    ['new X owner:<@U2|maria>', { title: 'X', ownerId: 'U2' }],
    ['new X <@U2|Maria Schmidt>', { title: 'X', ownerId: 'U2' }],
    ['new X start:2025-01-15', { title: 'X', start: '2025-01-15' }],
    [
      'new Monthly feedback lead:service with:sales,it essential owner:<@U9> start:2026-04-01',
      {
        title: 'Monthly feedback',
        lead: 'service',
        withDepts: ['sales', 'it'],
        tier: 'essential',
        ownerId: 'U9',
        start: '2026-04-01',
      },
    ],
    // Options may come first; a tier word only counts after the last title word.
    ['new lead:it Faster refunds', { title: 'Faster refunds', lead: 'it' }],
    ['new Make essential services faster', { title: 'Make essential services faster' }],
    ['new essential fixes essential', { title: 'essential fixes', tier: 'essential' }],
    ['new Important fix essential lead:it', { title: 'Important fix', tier: 'essential', lead: 'it' }],
    // Quotes group words and shield them from option parsing.
    ['new "Make essential" lead:it', { title: 'Make essential', lead: 'it' }],
    ['new “lead:it is a title”', { title: 'lead:it is a title' }],
    ['new Fix the "Contact us" page', { title: 'Fix the "Contact us" page' }],
    ['new Q&amp;A for &lt;enterprise&gt;', { title: 'Q&A for <enterprise>' }],
    // A `name:` with nothing after it is just a word.
    ['new Lead: generation pilot', { title: 'Lead: generation pilot' }],
    ['new Phase 2: rollout', { title: 'Phase 2: rollout' }],
    ['new Call <#C1|general> people', { title: 'Call <#C1|general> people' }],
  ])('%j', (text, expected) => {
    expect(parsed(text)).toEqual({ ...base, ...expected });
  });

  it.each<[string, Record<string, unknown>]>([
    ['new lead:it', { detail: 'missing_title' }],
    ['new essential', { detail: 'missing_title' }],
    ['new <@U1>', { detail: 'missing_title' }],
    ['new ""', { detail: 'missing_title' }],
    ['new X lead:it lead:sales', { detail: 'duplicate_option', text: 'lead:sales' }],
    ['new X owner:<@U1> <@U2>', { detail: 'duplicate_option', text: '<@U2>' }],
    ['new X start:2026-01-01 start:2026-01-02', { detail: 'duplicate_option', text: 'start:2026-01-02' }],
    ['new X essential important', { detail: 'conflicting_options', text: 'important' }],
    ['new X essential essential', { detail: 'duplicate_option', text: 'essential' }],
    ['new X due:+3d', { detail: 'bad_option', text: 'due:+3d' }],
    ['new X dept:it', { detail: 'bad_option', text: 'dept:it' }],
    [
      'new X lead:hr',
      { detail: 'invalid_value', cause: { code: 'unknown_dept', text: 'hr', allowHub: false } },
    ],
    [
      'new X lead:hub',
      { detail: 'invalid_value', cause: { code: 'unknown_dept', text: 'hub', allowHub: false } },
    ],
    ['new X with:sales,legal', { detail: 'invalid_value', cause: { code: 'unknown_dept', text: 'legal' } }],
    ['new X owner:@maria', { detail: 'invalid_value', cause: { code: 'bad_user', text: '@maria' } }],
    ['new X owner:<#C1>', { detail: 'invalid_value', cause: { code: 'bad_user', text: '<#C1>' } }],
    [
      'new X start:2026-02-30',
      { detail: 'invalid_value', cause: { code: 'bad_date', reason: 'not_a_date' } },
    ],
    [
      'new X start:+3d',
      { detail: 'invalid_value', cause: { code: 'bad_date', field: 'start', reason: 'format' } },
    ],
    ['new X start:2020-01-01', { detail: 'invalid_value', cause: { code: 'bad_date', reason: 'too_early' } }],
    ['new X start:2027-03-11', { detail: 'invalid_value', cause: { code: 'bad_date', reason: 'too_far' } }],
    [`new ${'x'.repeat(MAX_TITLE_LENGTH + 1)}`, { detail: 'too_long', max: MAX_TITLE_LENGTH }],
  ])('%j → usage %o', (text, expected) => {
    expect(failed(text)).toMatchObject({ code: 'usage', command: 'new', ...expected });
  });

  it('accepts a title of exactly the maximum length', () => {
    expect(parsed(`new ${'x'.repeat(MAX_TITLE_LENGTH)}`)).toMatchObject({
      title: 'x'.repeat(MAX_TITLE_LENGTH),
    });
  });

  it("defaults start to the zone's today, not UTC's", () => {
    const late = { now: new Date('2026-03-10T23:30:00Z'), zone: 'Europe/Berlin' };
    expect(parseCommand('new X', late)).toMatchObject({ ok: true, value: { start: '2026-03-11' } });
  });
});

describe('log', () => {
  const base = { name: 'log', modal: false, initiativeId: 3, ownerId: null, due: null, dept: null };

  it('without arguments opens the modal', () => {
    expect(parsed('log')).toEqual({ name: 'log', modal: true });
  });

  it.each<[string, Record<string, unknown>]>([
    ['log I-3 Draft FAQ', { title: 'Draft FAQ' }],
    ['log i-3 Draft FAQ', { title: 'Draft FAQ' }],
    ['log I-3 Draft FAQ <@U2>', { title: 'Draft FAQ', ownerId: 'U2' }],
    ['log I-3 <@U2|maria> Draft FAQ', { title: 'Draft FAQ', ownerId: 'U2' }],
    ['log I-3 Draft FAQ owner:<@U2>', { title: 'Draft FAQ', ownerId: 'U2' }],
    ['log I-3 Draft FAQ due:2026-03-20', { title: 'Draft FAQ', due: '2026-03-20' }],
    ['log I-3 Draft FAQ due:+5d', { title: 'Draft FAQ', due: '2026-03-15' }],
    ['log I-3 Draft FAQ DUE:+1D', { title: 'Draft FAQ', due: '2026-03-11' }],
    [`log I-3 Draft FAQ due:${TODAY}`, { title: 'Draft FAQ', due: TODAY }],
    ['log I-3 Draft FAQ dept:IT', { title: 'Draft FAQ', dept: 'it' }],
    [
      'log I-3 Draft the returns FAQ <@U2> due:+5d dept:service',
      { title: 'Draft the returns FAQ', ownerId: 'U2', due: '2026-03-15', dept: 'service' },
    ],
    // Tier words are ordinary words in an action title.
    ['log I-3 Review essential docs essential', { title: 'Review essential docs essential' }],
    ['log I-3 Ship Q&amp;A page', { title: 'Ship Q&A page' }],
  ])('%j', (text, expected) => {
    expect(parsed(text)).toEqual({ ...base, ...expected });
  });

  it.each<[string, Record<string, unknown>]>([
    ['log I-3', { detail: 'missing_title' }],
    ['log I-3 due:+3d', { detail: 'missing_title' }],
    ['log Draft FAQ', { detail: 'invalid_value', cause: { code: 'bad_ref', text: 'Draft', expected: 'I' } }],
    [
      'log A-3 Draft FAQ',
      { detail: 'invalid_value', cause: { code: 'bad_ref', text: 'A-3', expected: 'I' } },
    ],
    ['log I-0 Draft FAQ', { detail: 'invalid_value', cause: { code: 'bad_ref', text: 'I-0' } }],
    ['log <@U1> Draft', { detail: 'invalid_value', cause: { code: 'bad_ref', text: '<@U1>' } }],
    [
      'log I-3 X due:2026-02-30',
      { detail: 'invalid_value', cause: { code: 'bad_date', reason: 'not_a_date' } },
    ],
    ['log I-3 X due:2026-03-09', { detail: 'invalid_value', cause: { code: 'bad_date', reason: 'past' } }],
    ['log I-3 X due:+0d', { detail: 'invalid_value', cause: { code: 'bad_date', reason: 'format' } }],
    ['log I-3 X due:2031-03-11', { detail: 'invalid_value', cause: { code: 'bad_date', reason: 'too_far' } }],
    [
      'log I-3 X due:soon',
      { detail: 'invalid_value', cause: { code: 'bad_date', field: 'due', reason: 'format' } },
    ],
    ['log I-3 X dept:legal', { detail: 'invalid_value', cause: { code: 'unknown_dept', text: 'legal' } }],
    ['log I-3 X owner:maria', { detail: 'invalid_value', cause: { code: 'bad_user', text: 'maria' } }],
    ['log I-3 X <@U1> <@U2>', { detail: 'duplicate_option', text: '<@U2>' }],
    ['log I-3 X due:+1d due:+2d', { detail: 'duplicate_option', text: 'due:+2d' }],
    ['log I-3 X lead:it', { detail: 'bad_option', text: 'lead:it' }],
    ['log I-3 X start:2026-01-01', { detail: 'bad_option' }],
    [`log I-3 ${'y'.repeat(MAX_TITLE_LENGTH + 1)}`, { detail: 'too_long', max: MAX_TITLE_LENGTH }],
  ])('%j → usage %o', (text, expected) => {
    expect(failed(text)).toMatchObject({ code: 'usage', command: 'log', ...expected });
  });

  // +Nd counts from the zone's today: at 00:30 Berlin time it is already the 11th there.
  it.each([
    ['2026-03-10T23:30:00Z', 'Europe/Berlin', '2026-03-12'],
    ['2026-03-10T23:30:00Z', 'UTC', '2026-03-11'],
    ['2026-03-11T04:30:00Z', 'America/New_York', '2026-03-12'],
  ])('due:+1d at %s in %s → %s', (iso, zone, due) => {
    expect(parseCommand('log I-1 X due:+1d', { now: new Date(iso), zone })).toMatchObject({
      ok: true,
      value: { due },
    });
  });
});

describe('done, update, block', () => {
  it.each<[string, ParsedCommand]>([
    ['done A-7', { name: 'done', actionId: 7, note: null }],
    ['done a-7', { name: 'done', actionId: 7, note: null }],
    ['done A-7 shipped it', { name: 'done', actionId: 7, note: 'shipped it' }],
    ['done A-7   shipped  &amp; live &lt;3 ', { name: 'done', actionId: 7, note: 'shipped  & live <3' }],
    ['update A-7 called the vendor', { name: 'update', actionId: 7, note: 'called the vendor' }],
    ['update A-7 line one\nline two', { name: 'update', actionId: 7, note: 'line one\nline two' }],
    ['update A-7 asked <@U2> to review', { name: 'update', actionId: 7, note: 'asked <@U2> to review' }],
    ['block A-7 waiting for legal', { name: 'block', actionId: 7, reason: 'waiting for legal' }],
    ['block A-7 waiting for "legal', { name: 'block', actionId: 7, reason: 'waiting for "legal' }],
    ['block A-7 "quoted" reason', { name: 'block', actionId: 7, reason: '"quoted" reason' }],
  ])('%j', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>]>([
    ['done', { command: 'done', detail: 'missing_ref' }],
    ['update', { command: 'update', detail: 'missing_ref' }],
    ['block', { command: 'block', detail: 'missing_ref' }],
    ['update A-7', { command: 'update', detail: 'missing_note' }],
    ['update A-7    ', { command: 'update', detail: 'missing_note' }],
    ['block A-7', { command: 'block', detail: 'missing_reason' }],
    [
      'done I-7',
      { command: 'done', detail: 'invalid_value', cause: { code: 'bad_ref', text: 'I-7', expected: 'A' } },
    ],
    ['update 7 note', { command: 'update', detail: 'invalid_value', cause: { code: 'bad_ref', text: '7' } }],
    ['block A-1x reason', { command: 'block', cause: { code: 'bad_ref', text: 'A-1x' } }],
    [
      `update A-7 ${'n'.repeat(MAX_NOTE_LENGTH + 1)}`,
      { command: 'update', detail: 'too_long', max: MAX_NOTE_LENGTH },
    ],
    [`done A-7 ${'n'.repeat(MAX_NOTE_LENGTH + 1)}`, { command: 'done', detail: 'too_long' }],
  ])('%j → usage %o', (text, expected) => {
    expect(failed(text)).toMatchObject({ code: 'usage', ...expected });
  });
});

describe('snooze', () => {
  it.each([
    ['snooze A-1', 3],
    ['snooze A-1 1d', 1],
    ['snooze A-1 10d', 10],
    ['snooze A-1 10D', 10],
    ['snooze A-1 7', 7],
    ['snooze A-1 90d', 90],
  ])('%j → %i days', (text, days) => {
    expect(parsed(text)).toEqual({ name: 'snooze', actionId: 1, days });
  });

  it.each<[string, Record<string, unknown>]>([
    ['snooze', { detail: 'missing_ref' }],
    ['snooze I-1', { detail: 'invalid_value', cause: { code: 'bad_ref', expected: 'A' } }],
    ['snooze A-1 0d', { cause: { code: 'bad_number', text: '0d', reason: 'range', min: 1, max: 90 } }],
    ['snooze A-1 91d', { cause: { code: 'bad_number', text: '91d', reason: 'range', min: 1, max: 90 } }],
    ['snooze A-1 99999999999999999999999d', { cause: { code: 'bad_number', reason: 'range' } }],
    ['snooze A-1 3w', { cause: { code: 'bad_number', text: '3w', reason: 'format' } }],
    ['snooze A-1 -3d', { cause: { code: 'bad_number', reason: 'format' } }],
    ['snooze A-1 1.5d', { cause: { code: 'bad_number', reason: 'format' } }],
    ['snooze A-1 +3d', { cause: { code: 'bad_number', reason: 'format' } }],
    ['snooze A-1 3d later', { detail: 'extra_args', text: 'later' }],
  ])('%j → usage %o', (text, expected) => {
    expect(failed(text)).toMatchObject({ code: 'usage', command: 'snooze', ...expected });
  });
});

describe('mine, list, show, essential, important', () => {
  it.each<[string, ParsedCommand]>([
    ['mine', { name: 'mine' }],
    ['list', { name: 'list', dept: null }],
    ['list it', { name: 'list', dept: 'it' }],
    ['list Marketing', { name: 'list', dept: 'marketing' }],
    ['show I-1', { name: 'show', ref: { kind: 'I', n: 1 } }],
    ['show a-22', { name: 'show', ref: { kind: 'A', n: 22 } }],
    ['show p-12', { name: 'show', ref: { kind: 'P', n: 12 } }],
    ['essential I-2', { name: 'essential', initiativeId: 2 }],
    ['important i-2', { name: 'important', initiativeId: 2 }],
  ])('%j', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>]>([
    ['mine please', { command: 'mine', detail: 'extra_args', text: 'please' }],
    ['list it sales', { command: 'list', detail: 'extra_args', text: 'sales' }],
    ['list hub', { command: 'list', detail: 'invalid_value', cause: { code: 'unknown_dept', text: 'hub' } }],
    ['show', { command: 'show', detail: 'missing_ref' }],
    ['show X-1', { command: 'show', cause: { code: 'bad_ref', text: 'X-1', expected: null } }],
    ['show I-1 A-2', { command: 'show', detail: 'extra_args', text: 'A-2' }],
    ['essential', { command: 'essential', detail: 'missing_ref' }],
    ['essential A-2', { command: 'essential', cause: { code: 'bad_ref', expected: 'I' } }],
    ['important I-2 now', { command: 'important', detail: 'extra_args', text: 'now' }],
  ])('%j → usage %o', (text, expected) => {
    expect(failed(text)).toMatchObject({ code: 'usage', ...expected });
  });
});

describe('away', () => {
  it.each<[string, ParsedCommand]>([
    ['away off', { name: 'away', until: null }],
    ['away OFF', { name: 'away', until: null }],
    ['away until 2026-03-11', { name: 'away', until: '2026-03-11' }],
    ['away Until 2026-12-24', { name: 'away', until: '2026-12-24' }],
  ])('%j', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>]>([
    ['away', { detail: 'missing_choice' }],
    ['away until', { detail: 'missing_date' }],
    ['away tomorrow', { detail: 'bad_option', text: 'tomorrow' }],
    ['away off now', { detail: 'extra_args', text: 'now' }],
    ['away until 2026-03-12 please', { detail: 'extra_args', text: 'please' }],
    ['away until 2026-03-10', { cause: { code: 'bad_date', field: 'until', reason: 'not_future' } }],
    ['away until 2026-02-30', { cause: { code: 'bad_date', reason: 'not_a_date' } }],
    ['away until +3d', { cause: { code: 'bad_date', reason: 'format' } }],
  ])('%j → usage %o', (text, expected) => {
    expect(failed(text)).toMatchObject({ code: 'usage', command: 'away', ...expected });
  });
});

describe('metric', () => {
  const metric = (
    kind: string,
    name: string,
    baseline: number,
    target: number,
    unit: string | null = null,
  ) => ({
    name: 'metric',
    initiativeId: 1,
    kind,
    metric: { name, baseline, target, unit },
  });

  it.each<[string, ReturnType<typeof metric>]>([
    ['metric I-1 customer "NPS" 32 -&gt; 45', metric('customer', 'NPS', 32, 45)],
    ['metric I-1 customer "NPS score" 32 -> 45', metric('customer', 'NPS score', 32, 45)],
    ['metric I-1 customer “NPS score” 32 → 45', metric('customer', 'NPS score', 32, 45)],
    [
      'metric I-1 customer „Kundenzufriedenheit“ 3.5 -&gt; 4.2',
      metric('customer', 'Kundenzufriedenheit', 3.5, 4.2),
    ],
    ['metric i-1 Business "Churn" 5.5% -&gt; 4.2%', metric('business', 'Churn', 5.5, 4.2, '%')],
    ['metric I-1 business "Churn" 5.5 -&gt; 4.2 %', metric('business', 'Churn', 5.5, 4.2, '%')],
    ['metric I-1 business "Churn" 5.5 -&gt; 4.2%', metric('business', 'Churn', 5.5, 4.2, '%')],
    ['metric I-1 business "Churn" 5.5%-&gt;4.2%', metric('business', 'Churn', 5.5, 4.2, '%')],
    ['metric I-1 business "Margin" -5 -&gt; -1.5', metric('business', 'Margin', -5, -1.5)],
    ['metric I-1 business "Margin" -5-&gt;-1.5', metric('business', 'Margin', -5, -1.5)],
    ['metric I-1 business "Margin" −5 -&gt; 0', metric('business', 'Margin', -5, 0)],
    ['metric I-1 business "Time" .5 -&gt; 0.25 h', metric('business', 'Time', 0.5, 0.25, 'h')],
    [
      'metric I-1 customer First contact resolution 60 -&gt; 75 %',
      metric('customer', 'First contact resolution', 60, 75, '%'),
    ],
    ['metric I-1 customer "A-&gt;B rate" 1 -&gt; 2', metric('customer', 'A->B rate', 1, 2)],
    [
      'metric I-1 business "Q&amp;A hits" 10 -&gt; 20 visits',
      metric('business', 'Q&A hits', 10, 20, 'visits'),
    ],
  ])('%j', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>]>([
    ['metric', { detail: 'missing_ref' }],
    ['metric I-1', { detail: 'missing_choice' }],
    ['metric I-1 happiness "NPS" 1 -&gt; 2', { detail: 'bad_option', text: 'happiness' }],
    ['metric I-1 customer', { detail: 'missing_values' }],
    ['metric I-1 customer "NPS" 32 45', { detail: 'missing_arrow' }],
    ['metric I-1 customer "NPS" -&gt; 45', { cause: { code: 'bad_number', text: 'NPS' } }],
    ['metric I-1 customer 32 -&gt; 45', { detail: 'missing_metric_name' }],
    ['metric I-1 customer -&gt; 45', { detail: 'missing_values' }],
    ['metric I-1 customer "NPS" 32 -&gt;', { detail: 'missing_values' }],
    ['metric I-1 customer "NPS" 32 -&gt; 45 % extra', { detail: 'extra_args', text: 'extra' }],
    ['metric I-1 customer "NPS" 32 -&gt; 45 -&gt; 50', { detail: 'extra_args' }],
    ['metric I-1 customer "NPS" 32 -&gt; 32', { detail: 'no_change' }],
    [
      'metric I-1 customer "NPS" 1,5 -&gt; 2',
      { cause: { code: 'bad_number', text: '1,5', reason: 'format' } },
    ],
    ['metric I-1 customer "NPS" abc -&gt; 2', { cause: { code: 'bad_number', text: 'abc' } }],
    ['metric I-1 customer "NPS" 1 -&gt; 2,5', { cause: { code: 'bad_number', text: '2,5' } }],
    ['metric I-1 customer "NPS" 1.2.3 -&gt; 2', { cause: { code: 'bad_number', text: '1.2.3' } }],
    ['metric I-1 customer "NPS" 72% -&gt; 80pts', { detail: 'conflicting_units', text: '% pts' }],
    ['metric I-1 customer "NPS" 72 -&gt; 80% pts', { detail: 'conflicting_units' }],
    ['metric A-1 customer "NPS" 1 -&gt; 2', { cause: { code: 'bad_ref', expected: 'I' } }],
    [`metric I-1 customer "${'m'.repeat(101)}" 1 -&gt; 2`, { detail: 'too_long', max: 100 }],
  ])('%j → usage %o', (text, expected) => {
    expect(failed(text)).toMatchObject({ code: 'usage', command: 'metric', ...expected });
  });
});

describe('check', () => {
  it.each<[string, ParsedCommand]>([
    ['check I-1', { name: 'check', initiativeId: 1, modal: true }],
    ['check I-1 customer=45', { name: 'check', initiativeId: 1, modal: false, customer: 45, business: null }],
    [
      'check I-1 business=1.2',
      { name: 'check', initiativeId: 1, modal: false, customer: null, business: 1.2 },
    ],
    [
      'check I-1 Business=-2 CUSTOMER=45%',
      { name: 'check', initiativeId: 1, modal: false, customer: 45, business: -2 },
    ],
    ['check I-1 customer:45', { name: 'check', initiativeId: 1, modal: false, customer: 45, business: null }],
  ])('%j', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>]>([
    ['check', { detail: 'missing_ref' }],
    ['check A-1', { cause: { code: 'bad_ref', expected: 'I' } }],
    ['check I-1 nps=4', { detail: 'bad_option', text: 'nps=4' }],
    ['check I-1 45', { detail: 'bad_option', text: '45' }],
    ['check I-1 customer=45 customer=46', { detail: 'duplicate_option', text: 'customer=46' }],
    ['check I-1 customer=', { cause: { code: 'bad_number', text: '', reason: 'format' } }],
    ['check I-1 customer=lots', { cause: { code: 'bad_number', text: 'lots' } }],
  ])('%j → usage %o', (text, expected) => {
    expect(failed(text)).toMatchObject({ code: 'usage', command: 'check', ...expected });
  });
});

describe('pain', () => {
  it.each([
    ['pain Checkout times out on mobile', 'Checkout times out on mobile'],
    [
      'pain   "Returns" take &gt; 14 days &amp; nobody answers  ',
      '"Returns" take > 14 days & nobody answers',
    ],
    ['pain first line\nsecond line', 'first line\nsecond line'],
    ['pain <!channel> is spammy', '<!channel> is spammy'],
  ])('%j', (text, expected) => {
    expect(parsed(text)).toEqual({ name: 'pain', text: expected });
  });

  it.each<[string, Record<string, unknown>]>([
    ['pain', { detail: 'missing_text' }],
    ['pain    ', { detail: 'missing_text' }],
    [`pain ${'p'.repeat(MAX_NOTE_LENGTH + 1)}`, { detail: 'too_long', max: MAX_NOTE_LENGTH }],
  ])('%j → usage %o', (text, expected) => {
    expect(failed(text)).toMatchObject({ code: 'usage', command: 'pain', ...expected });
  });
});

describe('round', () => {
  it.each([
    ['round', 'status'],
    ['round status', 'status'],
    ['round open', 'open'],
    ['round CLOSE', 'close'],
  ])('%j → %s', (text, op) => {
    expect(parsed(text)).toEqual({ name: 'round', op });
  });

  it.each<[string, Record<string, unknown>]>([
    ['round start', { detail: 'bad_option', text: 'start' }],
    ['round open now', { detail: 'extra_args', text: 'now' }],
  ])('%j → usage %o', (text, expected) => {
    expect(failed(text)).toMatchObject({ code: 'usage', command: 'round', ...expected });
  });
});

describe('setup', () => {
  it.each<[string, ParsedCommand]>([
    ['setup show', { name: 'setup', op: 'show' }],
    ['setup channel marketing', { name: 'setup', op: 'channel', key: 'marketing' }],
    ['setup channel IT', { name: 'setup', op: 'channel', key: 'it' }],
    ['setup channel hub', { name: 'setup', op: 'channel', key: 'hub' }],
    ['Setup Channel Hub', { name: 'setup', op: 'channel', key: 'hub' }],
  ])('%j', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>]>([
    ['setup', { detail: 'missing_choice' }],
    ['setup channel', { detail: 'missing_dept' }],
    ['setup channel legal', { cause: { code: 'unknown_dept', text: 'legal', allowHub: true } }],
    ['setup channel it sales', { detail: 'extra_args', text: 'sales' }],
    ['setup show all', { detail: 'extra_args', text: 'all' }],
    ['setup bind it', { detail: 'bad_option', text: 'bind' }],
  ])('%j → usage %o', (text, expected) => {
    expect(failed(text)).toMatchObject({ code: 'usage', command: 'setup', ...expected });
  });
});

describe('SUBCOMMANDS', () => {
  it('lists every subcommand once, in the order of the contract', () => {
    expect(SUBCOMMANDS.map((s) => s.name)).toEqual([...SUBCOMMAND_NAMES]);
  });

  it.each([
    ['help', ['/cx help']],
    [
      'new',
      [
        '/cx new',
        '/cx new <title> [lead:<dept>] [with:<dept>,<dept>…] [essential|important] [owner:@user] [start:YYYY-MM-DD]',
      ],
    ],
    ['log', ['/cx log', '/cx log <I-n> <title> [@owner] [due:YYYY-MM-DD|due:+Nd] [dept:<dept>]']],
    ['snooze', ['/cx snooze <A-n> [Nd]']],
    ['away', ['/cx away until YYYY-MM-DD', '/cx away off']],
    ['show', ['/cx show <I-n|A-n|P-n>']],
    ['metric', ['/cx metric <I-n> customer|business "<name>" <baseline> -> <target>']],
    ['check', ['/cx check <I-n> [customer=<value>] [business=<value>]']],
    ['setup', ['/cx setup channel <dept|hub>', '/cx setup show']],
  ] as const)('%s synopsis is the contract text', (name, synopsis) => {
    expect(synopsisOf(name)).toEqual(synopsis);
  });

  it('every synopsis starts with /cx and its own name', () => {
    for (const { name, synopsis } of SUBCOMMANDS) {
      expect(synopsis.length).toBeGreaterThan(0);
      for (const form of synopsis) expect(form.startsWith(`/cx ${name}`)).toBe(true);
    }
  });
});
