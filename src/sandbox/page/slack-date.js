// Slack's `<!date^seconds^format^link|fallback>`: a moment shown in the *reader's* time zone. Each
// `{token}` is replaced as Slack does; a token Slack would not know makes the whole thing fall back to
// the fallback text. The words (Today, month and weekday names, AM/PM) follow the *reader's* locale, as
// in Slack: a reader in de-AT sees "Heute", "8. September 2026", "16:30". Pure (Intl only), so it is
// tested without a browser.

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_MS = 86_400_000;

function partsOf(ms, zone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  }).formatToParts(new Date(ms));
  const get = (type) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday')),
  };
}

function ordinal(n) {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

const pad = (n) => String(n).padStart(2, '0');

function clock(p, seconds) {
  const h = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${h}:${pad(p.minute)}${seconds ? `:${pad(p.second)}` : ''} ${p.hour < 12 ? 'AM' : 'PM'}`;
}

/** How far `ms` is from now, in Slack's {ago} steps: `{ n, unit, past }`. */
function elapsed(ms, nowMs) {
  const diff = Math.round((nowMs - ms) / 1000);
  const abs = Math.abs(diff);
  const steps = [
    [60, 'second', 1],
    [3600, 'minute', 60],
    [86_400, 'hour', 3600],
    [30 * 86_400, 'day', 86_400],
    [365 * 86_400, 'month', 30 * 86_400],
    [Number.POSITIVE_INFINITY, 'year', 365 * 86_400],
  ];
  const [, unit, size] = steps.find(([limit]) => abs < limit);
  return { n: Math.floor(abs / size), unit, past: diff >= 0 };
}

function ago(ms, nowMs) {
  const { n, unit, past } = elapsed(ms, nowMs);
  const amount = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return past ? `${amount} ago` : `in ${amount}`;
}

/** German words for each token, from Intl in the reader's own locale (`de-AT` writes "Jänner"). */
function germanTokens(ms, nowMs, p, zone, locale, daysFromToday) {
  const fmt = (options) =>
    new Intl.DateTimeFormat(locale, { timeZone: zone, ...options }).format(new Date(ms));
  const relative = { '-1': 'Gestern', 0: 'Heute', 1: 'Morgen' }[daysFromToday];
  const date = fmt({ day: 'numeric', month: 'long', year: 'numeric' });
  const short = fmt({ day: 'numeric', month: 'short', year: 'numeric' });
  const long = fmt({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const { n, unit, past } = elapsed(ms, nowMs);
  const ago = new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(past ? -n : n, unit);
  return {
    date_num: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    date,
    date_short: short,
    date_long: long,
    date_pretty: relative ?? date,
    date_short_pretty: relative ?? short,
    date_long_pretty: relative ?? long,
    time: `${pad(p.hour)}:${pad(p.minute)}`,
    time_secs: `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`,
    ago,
  };
}

/**
 * The text Slack shows for `format` at `seconds` to a reader in `zone` with Slack locale `locale`
 * (English unless it is German), with "now" at `nowMs` (for Today / Yesterday / Tomorrow and {ago});
 * null when a token is unknown or the moment is not a number.
 */
export function formatSlackDate(seconds, format, zone, nowMs, locale = 'en-US') {
  const ms = Number(seconds) * 1000;
  if (!Number.isFinite(ms) || typeof format !== 'string') return null;
  let p;
  let today;
  try {
    p = partsOf(ms, zone);
    today = partsOf(nowMs, zone);
  } catch {
    return null;
  }
  const daysFromToday = Math.round(
    (Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(today.year, today.month - 1, today.day)) / DAY_MS,
  );
  const german = /^de\b/i.test(String(locale));
  const tokens = german
    ? germanTokens(ms, nowMs, p, zone, locale, daysFromToday)
    : englishTokens(ms, nowMs, p, daysFromToday);
  let unknown = false;
  const text = format.replace(/\{([^{}]*)\}/g, (_m, name) => {
    if (Object.hasOwn(tokens, name)) return tokens[name];
    unknown = true;
    return '';
  });
  return unknown ? null : text;
}

function englishTokens(ms, nowMs, p, daysFromToday) {
  const relative = { '-1': 'Yesterday', 0: 'Today', 1: 'Tomorrow' }[daysFromToday];
  const month = MONTHS[p.month - 1];
  const date = `${month} ${ordinal(p.day)}, ${p.year}`;
  const short = `${month.slice(0, 3)} ${p.day}, ${p.year}`;
  const long = `${WEEKDAYS[p.weekday]}, ${date}`;
  const tokens = {
    date_num: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    date,
    date_short: short,
    date_long: long,
    date_pretty: relative ?? date,
    date_short_pretty: relative ?? short,
    date_long_pretty: relative ?? long,
    time: clock(p, false),
    time_secs: clock(p, true),
    ago: ago(ms, nowMs),
  };
  return tokens;
}
