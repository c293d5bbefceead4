/**
 * Wall-clock arithmetic in an IANA zone for the sandbox's time-travel buttons. The sandbox is Slack seen
 * from outside, so it keeps its own few lines of zone maths instead of importing the bot's domain.
 */

export interface LocalParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function localParts(at: Date, zone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    weekday: WEEKDAYS.indexOf(get('weekday')),
  };
}

/** The instant at which the wall clock in `zone` shows the given local time (the later one in a DST gap). */
export function zonedInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  zone: string,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall;
  // Two corrections settle the offset, also across a DST change between the guess and the answer.
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), zone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += wall - shown;
  }
  return new Date(guess);
}

export const TRAVELS = ['day', 'week', 'friday', 'half-year'] as const;
export type Travel = (typeof TRAVELS)[number];

/**
 * Where a time-travel button takes the clock: +1 day, +1 week, the next Friday 14:00 (the digest's hour)
 * strictly after now, or +6 calendar months at the same local time (clamped to the month's last day).
 */
export function travelTarget(travel: Travel, now: Date, zone: string): Date {
  const p = localParts(now, zone);
  switch (travel) {
    case 'day':
      return zonedInstant(p.year, p.month, p.day + 1, p.hour, p.minute, zone);
    case 'week':
      return zonedInstant(p.year, p.month, p.day + 7, p.hour, p.minute, zone);
    case 'friday': {
      let ahead = (5 - p.weekday + 7) % 7;
      if (ahead === 0 && p.hour >= 14) ahead = 7;
      return zonedInstant(p.year, p.month, p.day + ahead, 14, 0, zone);
    }
    case 'half-year': {
      const lastDay = new Date(Date.UTC(p.year, p.month - 1 + 6 + 1, 0)).getUTCDate();
      return zonedInstant(p.year, p.month + 6, Math.min(p.day, lastDay), p.hour, p.minute, zone);
    }
  }
}
