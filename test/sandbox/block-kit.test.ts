import { describe, expect, it } from 'vitest';
import { validateBlocks, validateView } from '../../src/sandbox/emulator/block-kit.js';

const pt = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string) => ({ type: 'section', text: md(text) });
const button = (over: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: 'b',
  text: pt('Go'),
  ...over,
});
const option = (text: string, value = text) => ({ text: pt(text), value });
const select = (options: unknown[], over: Record<string, unknown> = {}) => ({
  type: 'static_select',
  action_id: 's',
  placeholder: pt('Pick'),
  options,
  ...over,
});
const actions = (elements: unknown[]) => ({ type: 'actions', elements });
const input = (block_id = 'in', element: unknown = { type: 'plain_text_input', action_id: 'v' }) => ({
  type: 'input',
  block_id,
  label: pt('Label'),
  element,
});
const modal = (over: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: pt('Title'),
  submit: pt('Save'),
  close: pt('Cancel'),
  blocks: [input()],
  ...over,
});

/** One problem, at this pointer. */
function expectOne(problems: string[], pointer: string, message?: RegExp): void {
  expect(problems).toHaveLength(1);
  expect(problems[0]).toContain(`[json-pointer:${pointer}]`);
  if (message) expect(problems[0]).toMatch(message);
}

describe('validateBlocks', () => {
  it('accepts a realistic message', () => {
    expect(
      validateBlocks([
        { type: 'header', text: pt('Weekly CX review') },
        {
          type: 'section',
          block_id: 's1',
          text: md('*Top*'),
          fields: [md('a'), md('b')],
          accessory: button(),
        },
        { type: 'divider' },
        {
          type: 'context',
          elements: [md('by <@U1>'), { type: 'image', image_url: 'https://x/y.png', alt_text: 'y' }],
        },
        actions([
          button({ action_id: 'yes', value: 'v', style: 'primary' }),
          select([option('a'), option('b')]),
        ]),
      ]),
    ).toEqual([]);
  });

  it('limits blocks per surface: message 50, modal and home 100', () => {
    const fifty = Array.from({ length: 50 }, () => ({ type: 'divider' }));
    expect(validateBlocks(fifty, 'message')).toEqual([]);
    expectOne(validateBlocks([...fifty, { type: 'divider' }], 'message'), '/blocks', /no more than 50/);
    const hundred = Array.from({ length: 100 }, () => ({ type: 'divider' }));
    expect(validateBlocks(hundred, 'modal')).toEqual([]);
    expect(validateBlocks(hundred, 'home')).toEqual([]);
    expectOne(validateBlocks([...hundred, { type: 'divider' }], 'home'), '/blocks', /no more than 100/);
  });

  it('section text ≤ 3000, fields ≤ 10 of ≤ 2000, text or fields required', () => {
    expect(validateBlocks([section('x'.repeat(3000))])).toEqual([]);
    expectOne(validateBlocks([section('x'.repeat(3001))]), '/blocks/0/text/text', /less than 3001/);
    const fields = (n: number, len = 1) => ({
      type: 'section',
      fields: Array.from({ length: n }, () => md('y'.repeat(len))),
    });
    expect(validateBlocks([fields(10, 2000)])).toEqual([]);
    expectOne(validateBlocks([fields(11)]), '/blocks/0/fields', /no more than 10/);
    expectOne(validateBlocks([fields(1, 2001)]), '/blocks/0/fields/0/text', /less than 2001/);
    expectOne(validateBlocks([{ type: 'section' }]), '/blocks/0', /text or fields/);
    expectOne(validateBlocks([section('')]), '/blocks/0/text/text', /more than 0/);
  });

  it('header is plain_text ≤ 150', () => {
    expect(validateBlocks([{ type: 'header', text: pt('h'.repeat(150)) }])).toEqual([]);
    expectOne(validateBlocks([{ type: 'header', text: pt('h'.repeat(151)) }]), '/blocks/0/text/text');
    expectOne(validateBlocks([{ type: 'header', text: md('h') }]), '/blocks/0/text/type', /plain_text/);
  });

  it('context ≤ 10 elements, actions ≤ 25 elements', () => {
    const ctx = (n: number) => ({ type: 'context', elements: Array.from({ length: n }, () => md('c')) });
    expect(validateBlocks([ctx(10)])).toEqual([]);
    expectOne(validateBlocks([ctx(11)]), '/blocks/0/elements', /no more than 10/);
    const acts = (n: number) => actions(Array.from({ length: n }, (_, i) => button({ action_id: `a${i}` })));
    expect(validateBlocks([acts(25)])).toEqual([]);
    expectOne(validateBlocks([acts(26)]), '/blocks/0/elements', /no more than 25/);
    expectOne(validateBlocks([actions([])]), '/blocks/0/elements', /at least 1/);
  });

  it('button text 75 (plain_text), value 2000, url 3000', () => {
    expect(
      validateBlocks([actions([button({ text: pt('t'.repeat(75)), value: 'v'.repeat(2000) })])]),
    ).toEqual([]);
    expectOne(
      validateBlocks([actions([button({ text: pt('t'.repeat(76)) })])]),
      '/blocks/0/elements/0/text/text',
    );
    expectOne(validateBlocks([actions([button({ value: 'v'.repeat(2001) })])]), '/blocks/0/elements/0/value');
    expectOne(
      validateBlocks([actions([button({ url: `https://x/${'u'.repeat(3000)}` })])]),
      '/blocks/0/elements/0/url',
    );
    expectOne(validateBlocks([actions([button({ text: md('x') })])]), '/blocks/0/elements/0/text/type');
    expectOne(validateBlocks([actions([button({ style: 'green' })])]), '/blocks/0/elements/0/style');
  });

  it('block_id and action_id ≤ 255', () => {
    expect(validateBlocks([{ ...section('x'), block_id: 'b'.repeat(255) }])).toEqual([]);
    expectOne(validateBlocks([{ ...section('x'), block_id: 'b'.repeat(256) }]), '/blocks/0/block_id');
    expectOne(
      validateBlocks([actions([button({ action_id: 'a'.repeat(256) })])]),
      '/blocks/0/elements/0/action_id',
    );
  });

  it('rejects duplicate block_ids in a message and duplicate action_ids within a block', () => {
    expectOne(
      validateBlocks([
        { ...section('a'), block_id: 'same' },
        { ...section('b'), block_id: 'same' },
      ]),
      '/blocks/1/block_id',
      /duplicate block_id/,
    );
    expectOne(
      validateBlocks([actions([button({ action_id: 'x' }), button({ action_id: 'x' })])]),
      '/blocks/0/elements/1/action_id',
      /duplicate action_id/,
    );
    // Slack allows the same action_id in different blocks (one "vote" button per row).
    expect(
      validateBlocks([actions([button({ action_id: 'vote' })]), actions([button({ action_id: 'vote' })])]),
    ).toEqual([]);
  });

  it('static_select ≤ 100 options, option text and value ≤ 75', () => {
    const opts = (n: number) => Array.from({ length: n }, (_, i) => option(`o${i}`));
    expect(validateBlocks([actions([select(opts(100))])])).toEqual([]);
    expectOne(
      validateBlocks([actions([select(opts(101))])]),
      '/blocks/0/elements/0/options',
      /no more than 100/,
    );
    expectOne(
      validateBlocks([actions([select([option('t'.repeat(76), 'v')])])]),
      '/blocks/0/elements/0/options/0/text/text',
    );
    expectOne(
      validateBlocks([actions([select([option('t', 'v'.repeat(76))])])]),
      '/blocks/0/elements/0/options/0/value',
    );
    expectOne(
      validateBlocks([actions([select([option('a'), option('a')])])]),
      '/blocks/0/elements/0/options/1/value',
    );
  });

  it('rejects unknown block and element types, and elements out of place', () => {
    expectOne(validateBlocks([{ type: 'carousel' }]), '/blocks/0/type', /unsupported type/);
    expectOne(
      validateBlocks([actions([{ type: 'plain_text_input', action_id: 'x' }])]),
      '/blocks/0/elements/0/type',
      /not allowed/,
    );
    expectOne(validateBlocks([{ type: 'context', elements: [button()] }]), '/blocks/0/elements/0/type');
    expectOne(validateBlocks({ not: 'an array' }), '/blocks', /array/);
  });

  it('checks images, inputs and date formats', () => {
    expectOne(validateBlocks([{ type: 'image', image_url: 'https://x/y.png' }]), '/blocks/0/alt_text');
    expectOne(validateBlocks([{ ...input(), label: md('x') }], 'modal'), '/blocks/0/label/type');
    expectOne(
      validateBlocks(
        [input('d', { type: 'datepicker', action_id: 'd', initial_date: '01/02/2026' })],
        'modal',
      ),
      '/blocks/0/element/initial_date',
    );
    expectOne(
      validateBlocks([input('n', { type: 'number_input', action_id: 'n' })], 'modal'),
      '/blocks/0/element/is_decimal_allowed',
    );
    expectOne(
      validateBlocks(
        [input('c', { type: 'checkboxes', action_id: 'c', options: Array(11).fill(option('x')) })],
        'modal',
      ).filter((p) => p.includes('no more than')),
      '/blocks/0/element/options',
    );
  });
});

describe('validateView', () => {
  it('accepts a normal modal and a home view', () => {
    expect(validateView(modal())).toEqual([]);
    expect(validateView({ type: 'home', blocks: [section('hi')] })).toEqual([]);
  });

  it('modal title, submit and close ≤ 24 plain_text; title required', () => {
    expect(validateView(modal({ title: pt('t'.repeat(24)) }))).toEqual([]);
    expectOne(validateView(modal({ title: pt('t'.repeat(25)) })), '/view/title/text', /less than 25/);
    expectOne(validateView(modal({ submit: pt('s'.repeat(25)) })), '/view/submit/text');
    expectOne(validateView(modal({ close: pt('c'.repeat(25)) })), '/view/close/text');
    expectOne(validateView(modal({ title: undefined })), '/view/title', /missing/);
  });

  it('submit is required when the view has an input block', () => {
    expectOne(validateView(modal({ submit: undefined })), '/view/submit', /submit is required/);
    expect(validateView(modal({ submit: undefined, blocks: [section('read only')] }))).toEqual([]);
  });

  it('private_metadata ≤ 3000, callback_id ≤ 255, blocks ≤ 100', () => {
    expect(validateView(modal({ private_metadata: 'p'.repeat(3000) }))).toEqual([]);
    expectOne(validateView(modal({ private_metadata: 'p'.repeat(3001) })), '/view/private_metadata');
    expectOne(validateView(modal({ callback_id: 'c'.repeat(256) })), '/view/callback_id');
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    expectOne(validateView(modal({ blocks, submit: undefined })), '/view/blocks', /no more than 100/);
  });

  it('reports problems inside the view’s blocks with their pointer', () => {
    expectOne(validateView(modal({ blocks: [section('x'.repeat(3001))] })), '/view/blocks/0/text/text');
    expectOne(validateView({ type: 'dialog', blocks: [] }), '/view/type');
  });
});
