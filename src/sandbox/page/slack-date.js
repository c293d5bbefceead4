// Slack's `<!date^seconds^format^link|fallback>`: a moment shown in the *reader's* time zone. Each
// `{token}` is replaced as Slack does; a token Slack would not know makes the whole thing fall back to
// the fallback text. Pure (Intl only), so it is tested without a browser.

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

function ago(ms, nowMs) {
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
  const n = Math.floor(abs / size);
  const amount = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return diff >= 0 ? `${amount} ago` : `in ${amount}`;
}

/**
 * The text Slack shows for `format` at `seconds` to a reader in `zone`, with "now" at `nowMs` (for
 * Today / Yesterday / Tomorrow and {ago}); null when a token is unknown or the moment is not a number.
 */
export function formatSlackDate(seconds, format, zone, nowMs) {
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
  let unknown = false;
  const text = format.replace(/\{([^{}]*)\}/g, (_m, name) => {
    if (Object.hasOwn(tokens, name)) return tokens[name];
    unknown = true;
    return '';
  });
  return unknown ? null : text;
}
