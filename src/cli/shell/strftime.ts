/**
 * Python's datetime.strftime and time.strptime for the directives cqlsh's time_format and COPY's
 * DATETIMEFORMAT use, in a time zone of the IANA database (cqlsh's `timezone` setting or $TZ) or UTC.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A time zone: its IANA name, or null for UTC (cqlsh's default without tzlocal). */
export type TimeZone = string | null;

/** Whether the IANA database knows the zone (zoneinfo.ZoneInfo(name) succeeds). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `ms`, in minutes (east positive). */
export function offsetMinutes(zone: TimeZone, ms: number): number {
  if (zone === null) return 0;
  let format = offsetFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormats.set(zone, format);
  }
  const name = format.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  return match === null ? 0 : (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** The zone's abbreviation at `ms` (%Z): UTC for UTC, else what the IANA data calls it in English. */
function zoneName(zone: TimeZone, ms: number): string {
  if (zone === null) return 'UTC';
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(new Date(ms));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * strftime of an instant (milliseconds since the epoch plus the microseconds within its millisecond) in
 * `zone`; null when the local year is outside Python's 1 to 9999 (cqlsh then prints milliseconds).
 */
export function strftime(format: string, ms: number, zone: TimeZone, microsWithinMs = 0): string | null {
  const offset = offsetMinutes(zone, ms);
  const local = new Date(ms + offset * 60_000);
  const year = local.getUTCFullYear();
  if (year < 1 || year > 9999) return null;
  const month = local.getUTCMonth();
  const day = local.getUTCDay();
  const hours = local.getUTCHours();
  const dayOfYear = Math.floor((Date.UTC(year, month, local.getUTCDate()) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  const sign = offset < 0 ? '-' : '+';
  const fields: Readonly<Record<string, () => string>> = {
    Y: () => pad(year, 4), y: () => pad(year % 100, 2), m: () => pad(month + 1, 2), d: () => pad(local.getUTCDate(), 2),
    H: () => pad(hours, 2), I: () => pad(hours % 12 === 0 ? 12 : hours % 12, 2), p: () => (hours < 12 ? 'AM' : 'PM'),
    M: () => pad(local.getUTCMinutes(), 2), S: () => pad(local.getUTCSeconds(), 2),
    f: () => pad(local.getUTCMilliseconds() * 1000 + microsWithinMs, 6),
    z: () => `${sign}${pad(Math.floor(Math.abs(offset) / 60), 2)}${pad(Math.abs(offset) % 60, 2)}`, Z: () => zoneName(zone, ms),
    j: () => pad(dayOfYear, 3), b: () => MONTHS[month]!.slice(0, 3), B: () => MONTHS[month]!, a: () => DAYS[day]!.slice(0, 3),
    A: () => DAYS[day]!, w: () => String(day), '%': () => '%',
  };
  return format.replace(/%(.)/g, (whole, directive: string) => fields[directive]?.() ?? whole);
}

/** What each strptime directive matches, and how it sets the fields. */
const PARSERS: Readonly<Record<string, readonly [string, (fields: TimeFields, text: string) => void]>> = {
  Y: ['(\\d{4})', (f, t) => { f.year = Number(t); }],
  y: ['(\\d{2})', (f, t) => { f.year = Number(t) + (Number(t) < 69 ? 2000 : 1900); }],
  m: ['(\\d{1,2})', (f, t) => { f.month = Number(t); }],
  d: ['(\\d{1,2})', (f, t) => { f.day = Number(t); }],
  H: ['(\\d{1,2})', (f, t) => { f.hour = Number(t); }],
  M: ['(\\d{1,2})', (f, t) => { f.minute = Number(t); }],
  S: ['(\\d{1,2})', (f, t) => { f.second = Number(t); }],
  f: ['(\\d{1,6})', (f, t) => { f.micros = Number(t.padEnd(6, '0')); }],
  z: ['(Z|[+-]\\d\\d:?\\d\\d)', (f, t) => {
    const m = /^([+-])(\d\d):?(\d\d)$/.exec(t);
    f.offsetMinutes = m === null ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  }],
  '%': ['%', () => undefined],
};

interface TimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micros: number;
  offsetMinutes: number;
}

/**
 * time.strptime of the numeric directives (and %z), then timegm as copyutil does: the instant in
 * milliseconds, the fields read as UTC unless %z gave an offset; null when the text does not match.
 */
export function strptime(text: string, format: string): number | null {
  const setters: ((fields: TimeFields, text: string) => void)[] = [];
  let pattern = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    const parser = c === '%' ? PARSERS[format[i + 1] ?? ''] : undefined;
    if (parser === undefined) {
      pattern += c === ' ' ? '\\s+' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    pattern += parser[0];
    if (parser[0].startsWith('(')) setters.push(parser[1]);
    i++;
  }
  const match = new RegExp(`^${pattern}$`).exec(text);
  if (match === null) return null;
  const fields: TimeFields = { year: 1900, month: 1, day: 1, hour: 0, minute: 0, second: 0, micros: 0, offsetMinutes: 0 };
  setters.forEach((set, i) => set(fields, match[i + 1]!));
  const { year, month, day, hour, minute, second } = fields;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 61) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Math.floor(fields.micros / 1000));
  if (date.getUTCDate() !== day) return null;
  return date.getTime() - fields.offsetMinutes * 60_000;
}
