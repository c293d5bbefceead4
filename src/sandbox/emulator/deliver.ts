/** Delivering signed requests to the bot, and the pure helpers that shape what is delivered. */

import { signRequest } from './signing.js';
import type { SlackView } from './state.js';

export interface DeliveryResult {
  status: number;
  /** Parsed JSON when the answer is JSON, else the text ('' for an empty ack). */
  body: unknown;
  headers: Record<string, string>;
  durationMs: number;
  /** Whether the bot answered within Slack's 3-second acknowledgement window. */
  ackedInTime: boolean;
}

export interface RawDelivery {
  body: string;
  contentType: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number | string;
  /** Overrides the computed signature (tests of bad signatures). */
  signature?: string;
  headers?: Record<string, string>;
}

export const ACK_WINDOW_MS = 3000;

export async function postSigned(
  appUrl: string,
  signingSecret: string,
  raw: RawDelivery,
  timeoutMs: number,
): Promise<DeliveryResult> {
  const timestamp = raw.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = raw.signature ?? signRequest(signingSecret, timestamp, raw.body);
  const started = Date.now();
  const res = await fetch(appUrl, {
    method: 'POST',
    headers: {
      'Content-Type': raw.contentType,
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': signature,
      'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...raw.headers,
    },
    body: raw.body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  const durationMs = Date.now() - started;
  let body: unknown = text;
  const ct = res.headers.get('content-type') ?? '';
  if (text && (ct.includes('json') || /^\s*[{[]/.test(text))) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return {
    status: res.status,
    body,
    headers: Object.fromEntries(res.headers.entries()),
    durationMs,
    ackedInTime: durationMs <= ACK_WINDOW_MS,
  };
}

export function formEncode(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Tokens Slack leaves unescaped in text: user/channel mentions, special mentions, links. */
const TOKEN_RE =
  /<(?:@[UW][A-Z0-9]+(?:\|[^<>]*)?|#[CGD][A-Z0-9]+(?:\|[^<>]*)?|![a-z]+(?:\^[^<>|]*)?(?:\|[^<>]*)?)>/g;

export interface NameLookup {
  userName(id: string): string | undefined;
  channelName(id: string): string | undefined;
}

/**
 * Text as Slack delivers it (should_escape: true): bare `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`;
 * mention tokens stay, and `<@U1>` / `<#C1>` gain their `|name`.
 */
export function escapeSlackText(text: string, names?: NameLookup): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  let out = '';
  let last = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    const idx = m.index ?? 0;
    out += esc(text.slice(last, idx));
    let token = m[0];
    if (names && !token.includes('|')) {
      const id = token.slice(2, -1);
      const name =
        token[1] === '@' ? names.userName(id) : token[1] === '#' ? names.channelName(id) : undefined;
      if (name) token = `<${token[1]}${id}|${name}>`;
    }
    out += token;
    last = idx + m[0].length;
  }
  return out + esc(text.slice(last));
}

// ---------- view state ----------

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a test may give for one element: a value, option value(s), user/date, or the raw state object. */
export type FillValue = string | number | boolean | null | string[] | Obj;

export interface ElementRef {
  blockId: string;
  actionId: string;
  element: Obj;
  blockType: string;
}

/** Every interactive element with an action_id in a list of blocks. */
export function elementsOf(blocks: unknown[]): ElementRef[] {
  const out: ElementRef[] = [];
  blocks.forEach((b, i) => {
    if (!isObj(b)) return;
    const blockId = typeof b.block_id === 'string' ? b.block_id : `block_${i}`;
    const blockType = String(b.type);
    const els: unknown[] =
      b.type === 'input'
        ? [b.element]
        : b.type === 'actions'
          ? Array.isArray(b.elements)
            ? b.elements
            : []
          : b.type === 'section'
            ? [b.accessory]
            : [];
    for (const el of els) {
      if (isObj(el) && typeof el.action_id === 'string') {
        out.push({ blockId, actionId: el.action_id, element: el, blockType });
      }
    }
  });
  return out;
}

function allOptions(el: Obj): Obj[] {
  const opts: Obj[] = [];
  if (Array.isArray(el.options)) opts.push(...el.options.filter(isObj));
  if (Array.isArray(el.option_groups)) {
    for (const g of el.option_groups)
      if (isObj(g) && Array.isArray(g.options)) opts.push(...g.options.filter(isObj));
  }
  return opts;
}

function findOption(el: Obj, value: string, where: string): Obj {
  if (el.type === 'external_select' || el.type === 'multi_external_select') {
    return { text: { type: 'plain_text', text: value, emoji: true }, value };
  }
  const opt = allOptions(el).find((o) => o.value === value);
  if (!opt) {
    const known = allOptions(el)
      .map((o) => String(o.value))
      .join(', ');
    throw new Error(`${where}: no option with value "${value}" (options: ${known})`);
  }
  return opt;
}

const asList = (v: FillValue): string[] =>
  v === null || v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

/** The state value Slack reports for an element, from a test's simple value (or the initial value). */
export function elementState(el: Obj, given: FillValue | undefined, where: string): Obj {
  if (isObj(given)) return given;
  const type = String(el.type);
  const has = given !== undefined;
  const one = (v: FillValue | undefined): string | null =>
    v === undefined || v === null ? null : Array.isArray(v) ? (v[0] ?? null) : String(v);
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: has ? one(given) : ((el.initial_value as string | undefined) ?? null) };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
    case 'overflow': {
      const v = has ? one(given) : null;
      const selected = v !== null ? findOption(el, v, where) : has ? null : (el.initial_option ?? null);
      return { type, selected_option: selected };
    }
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes': {
      const selected = has
        ? asList(given as FillValue).map((v) => findOption(el, v, where))
        : Array.isArray(el.initial_options)
          ? el.initial_options
          : [];
      return { type, selected_options: selected };
    }
    case 'users_select':
      return { type, selected_user: has ? one(given) : (el.initial_user ?? null) };
    case 'multi_users_select':
      return { type, selected_users: has ? asList(given as FillValue) : (el.initial_users ?? []) };
    case 'conversations_select':
      return { type, selected_conversation: has ? one(given) : (el.initial_conversation ?? null) };
    case 'multi_conversations_select':
      return {
        type,
        selected_conversations: has ? asList(given as FillValue) : (el.initial_conversations ?? []),
      };
    case 'channels_select':
      return { type, selected_channel: has ? one(given) : (el.initial_channel ?? null) };
    case 'multi_channels_select':
      return { type, selected_channels: has ? asList(given as FillValue) : (el.initial_channels ?? []) };
    case 'datepicker':
      return { type, selected_date: has ? one(given) : (el.initial_date ?? null) };
    case 'timepicker':
      return { type, selected_time: has ? one(given) : (el.initial_time ?? null) };
    case 'datetimepicker':
      return {
        type,
        selected_date_time: has ? (given === null ? null : Number(given)) : (el.initial_date_time ?? null),
      };
    case 'rich_text_input': {
      const text = has ? one(given) : null;
      return {
        type,
        rich_value:
          text === null
            ? (el.initial_value ?? null)
            : {
                type: 'rich_text',
                elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
              },
      };
    }
    case 'file_input':
      return { type, files: [] };
    default:
      return { type, value: has ? one(given) : null };
  }
}

/**
 * `view.state.values` as Slack would send it on submission, from values keyed by action_id
 * (or `block_id/action_id` when an action_id repeats). Input blocks not mentioned carry their initial
 * value (or null) unless `includeDefaults: false`; other interactive elements appear only when given.
 * Unknown keys and unknown option values throw.
 */
export function fillView(
  view: Pick<SlackView, 'blocks'>,
  values: Record<string, FillValue> = {},
  opts: { includeDefaults?: boolean } = {},
): Record<string, Record<string, Obj>> {
  const includeDefaults = opts.includeDefaults ?? true;
  const refs = elementsOf(view.blocks);
  const used = new Set<string>();
  const out: Record<string, Record<string, Obj>> = {};
  for (const ref of refs) {
    const full = `${ref.blockId}/${ref.actionId}`;
    const key = full in values ? full : ref.actionId in values ? ref.actionId : undefined;
    if (key === undefined && (ref.blockType !== 'input' || !includeDefaults)) continue;
    if (key !== undefined) used.add(key);
    const block = out[ref.blockId] ?? {};
    block[ref.actionId] = elementState(ref.element, key !== undefined ? values[key] : undefined, full);
    out[ref.blockId] = block;
  }
  const unknown = Object.keys(values).filter((k) => !used.has(k));
  if (unknown.length) {
    const known = refs.map((r) => r.actionId).join(', ');
    throw new Error(`fillView: no element for ${unknown.join(', ')} in the view (action_ids: ${known})`);
  }
  return out;
}

export function randomEventId(): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let s = 'Ev';
  for (let i = 0; i < 10; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}
