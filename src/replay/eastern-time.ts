/**
 * US Eastern wall time, where the NBA keeps its schedule: tip times, `gameEt`, game dates, and
 * (as the 2017-18 data shows: a 7:30 pm tip in Los Angeles is stamped `10:41 PM`) the
 * WCTIMESTRING stamps. DST is taken from the platform's time-zone database, never hard-coded.
 */
const ZONE = 'America/New_York';
const FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface EasternParts {
  /** `YYYY-MM-DD` */
  readonly date: string;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Offset from UTC in minutes (−300 in winter, −240 in summer). */
  readonly offset: number;
}

/** UTC offsets only change on the hour, so one lookup per UTC hour serves every instant in it. */
const offsetByHour = new Map<number, number>();

/** Offset of US Eastern from UTC at `ms`, in minutes. */
export function easternOffset(ms: number): number {
  const hour = Math.floor(ms / 3_600_000);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const at = hour * 3_600_000;
    const p: Record<string, string> = {};
    for (const part of FORMAT.formatToParts(at)) p[part.type] = part.value;
    const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    offset = Math.round((asUtc - at) / 60_000);
    offsetByHour.set(hour, offset);
  }
  return offset;
}

export function easternParts(ms: number): EasternParts {
  const offset = easternOffset(ms);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000);
  return {
    date: local.toISOString().slice(0, 10),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    offset,
  };
}

/** The instant of `minuteOfDay` minutes after midnight ET on `date` (values past 1440 run into the next day). */
export function easternToEpoch(date: string, minuteOfDay: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d) + minuteOfDay * 60_000;
  // Guess with the offset near the target, then correct once: right except inside the DST jump.
  const first = naive - easternOffset(naive + 5 * 3_600_000) * 60_000;
  return naive - easternOffset(first) * 60_000;
}

const pad = (n: number): string => String(Math.abs(n)).padStart(2, '0');

/** `2018-01-10T19:30:00-05:00`, the form of `gameEt`. */
export function easternIso(ms: number): string {
  const e = easternParts(ms);
  const sign = e.offset < 0 ? '-' : '+';
  const off = Math.abs(e.offset);
  return `${e.date}T${pad(e.hour)}:${pad(e.minute)}:${pad(e.second)}${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`;
}

/** `7:30 pm ET`, the scoreboard's text for a game not yet started. */
export function tipText(ms: number): string {
  const e = easternParts(ms);
  const hour12 = e.hour % 12 === 0 ? 12 : e.hour % 12;
  return `${hour12}:${pad(e.minute)} ${e.hour < 12 ? 'am' : 'pm'} ET`;
}

/** `2018-01-11T00:30:00Z`, the form of `gameTimeUTC`. */
export function utcSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
