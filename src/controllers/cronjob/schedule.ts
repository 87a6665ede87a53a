/**
 * Cron schedules as the Kubernetes API server and CronJob controller parse and evaluate them: a
 * port of `github.com/robfig/cron/v3` (`parser.go`, `spec.go`, `constantdelay.go`, v3.0.1 as
 * vendored by Kubernetes v1.34), with the Go `time` semantics it relies on (`time.Date`
 * normalization of wall clocks that fall in a DST gap or overlap, `AddDate`, `Truncate`,
 * `time.ParseDuration`, `time.LoadLocation` error texts).
 *
 * Time zones come from the tz data of the JavaScript runtime (`Intl.DateTimeFormat`), asked only
 * about given instants; nothing here reads the wall clock. Instants are epoch milliseconds.
 * Go's `time.Local` (the controller manager's zone, UTC on a typical control plane) is UTC here.
 */

import { goQuote } from '../../api/errors.js';

/** Epoch ms of Go's zero `time.Time{}` (January 1, year 1, 00:00:00 UTC). */
export const GO_ZERO_TIME = -62_135_596_800_000;

/** A parse failure, with robfig/cron's (or Go's) error text as the message. */
export class ScheduleParseError extends Error {
  readonly code = 'CRON_PARSE';
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleParseError';
  }
}

/** A `time.LoadLocation` failure, with Go's error text (`unknown time zone X`). */
export class LoadLocationError extends Error {
  readonly code = 'UNKNOWN_TIME_ZONE';
  constructor(message: string) {
    super(message);
    this.name = 'LoadLocationError';
  }
}

// ----- time zones -----

const BUCKET_SECONDS = 900;

/**
 * A time zone (`*time.Location`): the UTC offset in force at any instant.
 *
 * @example
 * ```ts
 * loadLocation('America/New_York').offsetSeconds(Date.parse('2026-07-01T00:00:00Z') / 1000); // -14400
 * ```
 */
export class Zone {
  /** The name it was loaded by (`UTC` for `''`, `UTC` and `Local`). */
  readonly name: string;
  private readonly fmt: Intl.DateTimeFormat | undefined;
  private readonly cache = new Map<number, number>();

  constructor(name: string, ianaName?: string) {
    this.name = name;
    this.fmt =
      ianaName === undefined
        ? undefined
        : new Intl.DateTimeFormat('en-US', {
            timeZone: ianaName,
            hourCycle: 'h23',
            era: 'short',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          });
  }

  /** Offset east of UTC, in seconds, at the instant `unixSec`. */
  offsetSeconds(unixSec: number): number {
    if (this.fmt === undefined) return 0;
    // Offsets change at most once per 15 minutes of UTC (tz data transitions fall on such
    // boundaries since 1970); a bucket whose two ends agree is cached.
    const bucket = Math.floor(unixSec / BUCKET_SECONDS);
    const hit = this.cache.get(bucket);
    if (hit !== undefined) return hit;
    const start = bucket * BUCKET_SECONDS;
    const a = this.rawOffset(start);
    const b = this.rawOffset(start + BUCKET_SECONDS - 1);
    if (a === b) {
      if (this.cache.size > 100_000) this.cache.clear();
      this.cache.set(bucket, a);
      return a;
    }
    return this.rawOffset(unixSec);
  }

  private rawOffset(unixSec: number): number {
    const parts = this.fmt!.formatToParts(new Date(unixSec * 1000));
    let y = 0;
    let mo = 1;
    let d = 1;
    let h = 0;
    let mi = 0;
    let s = 0;
    let bc = false;
    for (const p of parts) {
      switch (p.type) {
        case 'year':
          y = Number(p.value);
          break;
        case 'month':
          mo = Number(p.value);
          break;
        case 'day':
          d = Number(p.value);
          break;
        case 'hour':
          h = Number(p.value);
          break;
        case 'minute':
          mi = Number(p.value);
          break;
        case 'second':
          s = Number(p.value);
          break;
        case 'era':
          bc = p.value.startsWith('B');
          break;
        default:
          break;
      }
    }
    if (bc) y = 1 - y;
    const local = daysFromCivil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s;
    return local - unixSec;
  }
}

/** The UTC zone. */
export const UTC: Zone = new Zone('UTC');

const zones = new Map<string, Zone>();

/**
 * `time.LoadLocation`: `''` and `UTC` give UTC; `Local` gives the controller's local zone (UTC
 * in jobsim); other names must be IANA zone names, spelled with their exact case as in the tz
 * database.
 * @throws LoadLocationError `unknown time zone <name>` (or `time: invalid location name`).
 *
 * @example
 * ```ts
 * loadLocation('Asia/Seoul').name; // 'Asia/Seoul'
 * loadLocation('Mars/Base'); // throws: unknown time zone Mars/Base
 * ```
 */
export function loadLocation(name: string): Zone {
  if (name === '' || name === 'UTC' || name === 'Local') return UTC;
  const cached = zones.get(name);
  if (cached) return cached;
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\'))
    throw new LoadLocationError('time: invalid location name');
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw new LoadLocationError(`unknown time zone ${name}`);
  }
  // Intl matches zone names case-insensitively and accepts offsets; Go opens tz data files by
  // their exact names.
  const caseOnly = resolved !== name && resolved.toLowerCase() === name.toLowerCase();
  const badCase = name.split('/').some((part) => !/^[A-Z]/.test(part));
  if (caseOnly || badCase) throw new LoadLocationError(`unknown time zone ${name}`);
  const zone = new Zone(name, name);
  zones.set(name, zone);
  return zone;
}

// ----- civil time (proleptic Gregorian, like Go) -----

/** Days since 1970-01-01 of a civil date (month 1..12). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Civil fields of a day number. */
function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Wall-clock fields of an instant in a zone. */
export interface Civil {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 = Sunday. */
  readonly weekday: number;
  /** Offset east of UTC in seconds. */
  readonly offset: number;
}

/** Wall-clock fields of `unixSec` in `zone` (`t.In(zone).Date()`, `.Clock()`, `.Weekday()`). */
export function civil(unixSec: number, zone: Zone): Civil {
  const offset = zone.offsetSeconds(unixSec);
  const local = unixSec + offset;
  const days = Math.floor(local / 86_400);
  const sod = local - days * 86_400;
  const [year, month, day] = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(sod / 3600),
    minute: Math.floor((sod % 3600) / 60),
    second: sod % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
    offset,
  };
}

/**
 * `time.Date(y, mo, d, h, mi, s, 0, zone)` as unix seconds, with Go's normalization of
 * out-of-range fields and its choice for wall clocks that do not exist (DST gap) or exist twice
 * (overlap): the offset in force at (wall clock read as UTC), corrected once if that reading
 * crosses a transition.
 */
export function goDate(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  zone: Zone,
): number {
  const m0 = mo - 1;
  const yy = y + Math.floor(m0 / 12);
  const mm = (((m0 % 12) + 12) % 12) + 1;
  const unix = (daysFromCivil(yy, mm, 1) + d - 1) * 86_400 + h * 3600 + mi * 60 + s;
  const off1 = zone.offsetSeconds(unix);
  if (off1 === 0 && zone === UTC) return unix;
  const off2 = zone.offsetSeconds(unix - off1);
  return unix - off2;
}

/** `t.AddDate(years, months, days)` in `zone`. */
function addDate(unixSec: number, years: number, months: number, days: number, zone: Zone): number {
  const c = civil(unixSec, zone);
  return goDate(c.year + years, c.month + months, c.day + days, c.hour, c.minute, c.second, zone);
}

const pad = (n: number, w = 2) => {
  const s = String(Math.abs(n)).padStart(w, '0');
  return n < 0 ? `-${s}` : s;
};

/**
 * Go's `t.In(zone).Format(time.RFC3339)` for an instant in epoch ms (`Z` for a zero offset).
 *
 * @example
 * ```ts
 * formatRFC3339(Date.parse('2026-03-08T07:00:00Z'), loadLocation('America/New_York')); // '2026-03-08T03:00:00-04:00'
 * ```
 */
export function formatRFC3339(epochMs: number, zone: Zone): string {
  const c = civil(Math.floor(epochMs / 1000), zone);
  const date = `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
  if (c.offset === 0) return `${date}Z`;
  const sign = c.offset < 0 ? '-' : '+';
  const abs = Math.abs(c.offset);
  return `${date}${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor((abs % 3600) / 60))}`;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Go's `t.UTC().Format(time.RFC1123Z)`.
 *
 * @example
 * ```ts
 * formatRFC1123Z(Date.parse('2026-03-08T07:00:00Z')); // 'Sun, 08 Mar 2026 07:00:00 +0000'
 * ```
 */
export function formatRFC1123Z(epochMs: number): string {
  const c = civil(Math.floor(epochMs / 1000), UTC);
  return `${DAY_NAMES[c.weekday]}, ${pad(c.day)} ${MONTH_NAMES[c.month - 1]} ${pad(c.year, 4)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)} +0000`;
}

// ----- schedules -----

/** robfig/cron's `Schedule`: the next activation strictly after a time. */
export interface Schedule {
  /**
   * Next activation after `epochMs` (epoch ms, always on a whole second), or
   * {@link GO_ZERO_TIME} when a spec schedule finds none within five years.
   */
  next(epochMs: number): number;
}

/** The top bit of a field: set when the field was given as `*` or `?`. */
export const STAR_BIT = 1n << 63n;

/** The bounds (and names) of one field (robfig `bounds`). */
export interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

export const SECONDS: Bounds = { min: 0, max: 59 };
export const MINUTES: Bounds = { min: 0, max: 59 };
export const HOURS: Bounds = { min: 0, max: 23 };
export const DOM: Bounds = { min: 1, max: 31 };
export const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: {
    jan: 1,
    feb: 2,
    mar: 3,
    apr: 4,
    may: 5,
    jun: 6,
    jul: 7,
    aug: 8,
    sep: 9,
    oct: 10,
    nov: 11,
    dec: 12,
  },
};
export const DOW: Bounds = {
  min: 0,
  max: 6,
  names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 },
};

function bitTable(bits: bigint): Uint8Array {
  const t = new Uint8Array(64);
  for (let i = 0; i < 64; i++) if ((bits >> BigInt(i)) & 1n) t[i] = 1;
  return t;
}

/**
 * A crontab schedule as bit sets (robfig `SpecSchedule`), evaluated in `location`.
 *
 * @example
 * ```ts
 * parseStandard('*\/15 * * * *').next(Date.parse('2026-01-01T00:07:00Z')); // Date.parse('2026-01-01T00:15:00Z')
 * ```
 */
export class SpecSchedule implements Schedule {
  readonly second: bigint;
  readonly minute: bigint;
  readonly hour: bigint;
  readonly dom: bigint;
  readonly month: bigint;
  readonly dow: bigint;
  readonly location: Zone;
  private readonly tSec: Uint8Array;
  private readonly tMin: Uint8Array;
  private readonly tHour: Uint8Array;
  private readonly tDom: Uint8Array;
  private readonly tMonth: Uint8Array;
  private readonly tDow: Uint8Array;
  private readonly star: boolean;
  private readonly nextMin: Uint8Array;
  private readonly nextSec: Uint8Array;

  constructor(
    fields: { second: bigint; minute: bigint; hour: bigint; dom: bigint; month: bigint; dow: bigint },
    location: Zone,
  ) {
    this.second = fields.second;
    this.minute = fields.minute;
    this.hour = fields.hour;
    this.dom = fields.dom;
    this.month = fields.month;
    this.dow = fields.dow;
    this.location = location;
    this.tSec = bitTable(fields.second);
    this.tMin = bitTable(fields.minute);
    this.tHour = bitTable(fields.hour);
    this.tDom = bitTable(fields.dom);
    this.tMonth = bitTable(fields.month);
    this.tDow = bitTable(fields.dow);
    this.star = (fields.dom & STAR_BIT) !== 0n || (fields.dow & STAR_BIT) !== 0n;
    this.nextMin = nextSetTable(this.tMin, 60);
    this.nextSec = nextSetTable(this.tSec, 60);
  }

  /** `dayMatches`: day-of-month and day-of-week both match when either was `*`, else either. */
  private dayMatches(c: Civil): boolean {
    const domMatch = this.tDom[c.day] === 1;
    const dowMatch = this.tDow[c.weekday] === 1;
    return this.star ? domMatch && dowMatch : domMatch || dowMatch;
  }

  /** `SpecSchedule.Next`, field by field, wrapping around as robfig does. */
  next(epochMs: number): number {
    const loc = this.location;
    // Start at the earliest possible time (the upcoming second).
    let t = Math.floor(epochMs / 1000) + 1;
    let added = false;
    const yearLimit = civil(t, loc).year + 5;
    wrap: for (;;) {
      let c = civil(t, loc);
      if (c.year > yearLimit) return GO_ZERO_TIME;

      while (this.tMonth[c.month] !== 1) {
        if (!added) {
          added = true;
          t = goDate(c.year, c.month, 1, 0, 0, 0, loc);
        }
        t = addDate(t, 0, 1, 0, loc);
        c = civil(t, loc);
        if (c.month === 1) continue wrap;
      }

      while (!this.dayMatches(c)) {
        if (!added) {
          added = true;
          t = goDate(c.year, c.month, c.day, 0, 0, 0, loc);
        }
        t = addDate(t, 0, 0, 1, loc);
        c = civil(t, loc);
        // Notice if the hour is no longer midnight due to DST.
        if (c.hour !== 0) {
          t = c.hour > 12 ? t + (24 - c.hour) * 3600 : t - c.hour * 3600;
          c = civil(t, loc);
        }
        if (c.day === 1) continue wrap;
      }

      while (this.tHour[hourOf(t, loc)] !== 1) {
        if (!added) {
          added = true;
          t = goDate(c.year, c.month, c.day, hourOf(t, loc), 0, 0, loc);
        }
        t += 3600;
        if (hourOf(t, loc) === 0) continue wrap;
      }

      let m = minuteOf(t, loc);
      while (this.tMin[m] !== 1) {
        if (!added) {
          added = true;
          t = Math.floor(t / 60) * 60;
        }
        // Step to the next wanted minute (or the top of the hour) in one go when the offset is
        // the same at both ends; otherwise one minute at a time, as robfig does.
        const target = this.nextMin[m]!;
        const jump = (target - m) * 60;
        if (jump > 60 && loc.offsetSeconds(t) === loc.offsetSeconds(t + jump)) t += jump;
        else t += 60;
        m = minuteOf(t, loc);
        if (m === 0) continue wrap;
      }

      let sec = secondOf(t, loc);
      while (this.tSec[sec] !== 1) {
        added = true;
        const target = this.nextSec[sec]!;
        const jump = target - sec;
        if (jump > 1 && loc.offsetSeconds(t) === loc.offsetSeconds(t + jump)) t += jump;
        else t += 1;
        sec = secondOf(t, loc);
        if (sec === 0) continue wrap;
      }

      return t * 1000;
    }
  }
}

/** For each value v, the next value > v whose bit is set, or `limit` (the wrap-around value). */
function nextSetTable(table: Uint8Array, limit: number): Uint8Array {
  const out = new Uint8Array(limit);
  let next = limit;
  for (let v = limit - 1; v >= 0; v--) {
    out[v] = next;
    if (table[v] === 1) next = v;
  }
  return out;
}

function localSeconds(t: number, loc: Zone): number {
  return t + loc.offsetSeconds(t);
}

function hourOf(t: number, loc: Zone): number {
  return Math.floor((((localSeconds(t, loc) % 86_400) + 86_400) % 86_400) / 3600);
}

function minuteOf(t: number, loc: Zone): number {
  return Math.floor((((localSeconds(t, loc) % 3600) + 3600) % 3600) / 60);
}

function secondOf(t: number, loc: Zone): number {
  return ((localSeconds(t, loc) % 60) + 60) % 60;
}

/**
 * `@every <duration>` (robfig `ConstantDelaySchedule`): activations `delay` apart, on whole
 * seconds. Delays under a second become a second; fractions of a second are dropped.
 */
export class ConstantDelaySchedule implements Schedule {
  /** The delay in ms (a whole number of seconds). */
  readonly delay: number;
  constructor(delayMs: number) {
    this.delay = delayMs;
  }

  next(epochMs: number): number {
    return Math.floor(epochMs / 1000) * 1000 + this.delay;
  }
}

/** robfig `Every(duration)` for a duration in nanoseconds. */
export function every(durationNs: bigint): ConstantDelaySchedule {
  let d = durationNs;
  if (d < 1_000_000_000n) d = 1_000_000_000n;
  d -= d % 1_000_000_000n;
  return new ConstantDelaySchedule(Number(d / 1_000_000n));
}

// ----- parsing -----

const MAX_INT64 = (1n << 63n) - 1n;

/** Go's `strconv.Atoi`, as a bigint. */
function atoi(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`);
  const v = BigInt(s);
  if (v > MAX_INT64 || v < -MAX_INT64 - 1n)
    throw new Error(`strconv.Atoi: parsing ${goQuote(s)}: value out of range`);
  return v;
}

/** `mustParseInt`: a non-negative integer. */
function mustParseInt(expr: string): bigint {
  let num: bigint;
  try {
    num = atoi(expr);
  } catch (e) {
    throw new ScheduleParseError(`failed to parse int from ${expr}: ${(e as Error).message}`);
  }
  if (num < 0n) throw new ScheduleParseError(`negative number (${num}) not allowed: ${expr}`);
  return num;
}

/** `parseIntOrName`. */
function parseIntOrName(expr: string, names: Readonly<Record<string, number>> | undefined): bigint {
  if (names !== undefined) {
    const n = names[expr.toLowerCase()];
    if (n !== undefined && Object.hasOwn(names, expr.toLowerCase())) return BigInt(n);
  }
  return mustParseInt(expr);
}

/** `getBits`: the bits of [min, max] stepping by `step`. */
export function getBits(min: number, max: number, step: number): bigint {
  let bits = 0n;
  for (let i = min; i <= max; i += step) bits |= 1n << BigInt(i);
  return bits;
}

/** `all`: every bit within the bounds, plus the star bit. */
export function allBits(r: Bounds): bigint {
  return getBits(r.min, r.max, 1) | STAR_BIT;
}

/**
 * `getRange`: `number | number "-" number [ "/" number ]`, `*` or `?`, with names.
 * @throws ScheduleParseError with robfig's text.
 *
 * @example
 * ```ts
 * getRange('5-7/2', { min: 0, max: 7 }); // (1n << 5n) | (1n << 7n)
 * ```
 */
export function getRange(expr: string, r: Bounds): bigint {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: bigint;
  let end: bigint;
  let step: bigint;
  let extra = 0n;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = BigInt(r.min);
    end = BigInt(r.max);
    extra = STAR_BIT;
  } else {
    start = parseIntOrName(lowAndHigh[0]!, r.names);
    switch (lowAndHigh.length) {
      case 1:
        end = start;
        break;
      case 2:
        end = parseIntOrName(lowAndHigh[1]!, r.names);
        break;
      default:
        throw new ScheduleParseError(`too many hyphens: ${expr}`);
    }
  }
  switch (rangeAndStep.length) {
    case 1:
      step = 1n;
      break;
    case 2:
      step = mustParseInt(rangeAndStep[1]!);
      // Special handling: "N/step" means "N-max/step".
      if (singleDigit) end = BigInt(r.max);
      if (step > 1n) extra = 0n;
      break;
    default:
      throw new ScheduleParseError(`too many slashes: ${expr}`);
  }
  if (start < BigInt(r.min))
    throw new ScheduleParseError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > BigInt(r.max))
    throw new ScheduleParseError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end)
    throw new ScheduleParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0n) throw new ScheduleParseError(`step of range should be a positive number: ${expr}`);
  const s = step > 64n ? 64 : Number(step);
  return getBits(Number(start), Number(end), s) | extra;
}

/**
 * `getField`: a comma-separated list of ranges (empty items are skipped, as Go's
 * `strings.FieldsFunc` does).
 */
export function getField(field: string, r: Bounds): bigint {
  let bits = 0n;
  for (const expr of field.split(',')) {
    if (expr === '') continue;
    bits |= getRange(expr, r);
  }
  return bits;
}

/** Go's `unicode.IsSpace` characters, as `strings.Fields` splits on them. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/;

function goFields(s: string): string[] {
  return s.split(GO_SPACE).filter((f) => f !== '');
}

function goTrimSpace(s: string): string {
  return s.replace(new RegExp(`^${GO_SPACE.source}|${GO_SPACE.source}$`, 'g'), '');
}

const NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n,
  μs: 1000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/**
 * Go's `time.ParseDuration`, in nanoseconds.
 * @throws Error with Go's text (`time: invalid duration "x"`, `time: missing unit in duration ...`,
 * `time: unknown unit "x" in duration ...`).
 *
 * @example
 * ```ts
 * goParseDuration('1h30m'); // 5_400_000_000_000n
 * ```
 */
export function goParseDuration(orig: string): bigint {
  let s = orig;
  const invalid = () => new Error(`time: invalid duration ${goQuote(orig)}`);
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let d = 0n;
  const limit = 1n << 63n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9'))) throw invalid();
    let i = 0;
    while (i < s.length && s[i]! >= '0' && s[i]! <= '9') i++;
    const pre = i > 0;
    let v = pre ? BigInt(s.slice(0, i)) : 0n;
    if (v > limit) throw invalid();
    s = s.slice(i);
    let post = false;
    let frac = '';
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      while (j < s.length && s[j]! >= '0' && s[j]! <= '9') j++;
      post = j > 0;
      frac = s.slice(0, j);
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid();
    let k = 0;
    while (k < s.length && s[k] !== '.' && !(s[k]! >= '0' && s[k]! <= '9')) k++;
    if (k === 0) throw new Error(`time: missing unit in duration ${goQuote(orig)}`);
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = Object.hasOwn(NS, u) ? NS[u] : undefined;
    if (unit === undefined) throw new Error(`time: unknown unit ${goQuote(u)} in duration ${goQuote(orig)}`);
    if (v > limit / unit) throw invalid();
    v *= unit;
    if (frac !== '') {
      // float64(f) * (float64(unit) / scale), truncated, as Go computes it.
      const digits = frac.length > 18 ? frac.slice(0, 18) : frac;
      const f = Number(digits);
      const scale = 10 ** digits.length;
      v += BigInt(Math.trunc(f * (Number(unit) / scale)));
      if (v > limit) throw invalid();
    }
    d += v;
    if (d > limit) throw invalid();
  }
  if (neg) return -d;
  if (d > limit - 1n) throw invalid();
  return d;
}

function parseDescriptor(descriptor: string, loc: Zone): Schedule {
  const spec = (s: bigint, m: bigint, h: bigint, dom: bigint, month: bigint, dow: bigint) =>
    new SpecSchedule({ second: s, minute: m, hour: h, dom, month, dow }, loc);
  const one = (r: Bounds) => 1n << BigInt(r.min);
  switch (descriptor) {
    case '@yearly':
    case '@annually':
      return spec(one(SECONDS), one(MINUTES), one(HOURS), one(DOM), one(MONTHS), allBits(DOW));
    case '@monthly':
      return spec(one(SECONDS), one(MINUTES), one(HOURS), one(DOM), allBits(MONTHS), allBits(DOW));
    case '@weekly':
      return spec(one(SECONDS), one(MINUTES), one(HOURS), allBits(DOM), allBits(MONTHS), one(DOW));
    case '@daily':
    case '@midnight':
      return spec(one(SECONDS), one(MINUTES), one(HOURS), allBits(DOM), allBits(MONTHS), allBits(DOW));
    case '@hourly':
      return spec(one(SECONDS), one(MINUTES), allBits(HOURS), allBits(DOM), allBits(MONTHS), allBits(DOW));
    default:
      break;
  }
  const EVERY = '@every ';
  if (descriptor.startsWith(EVERY)) {
    let ns: bigint;
    try {
      ns = goParseDuration(descriptor.slice(EVERY.length));
    } catch (e) {
      throw new ScheduleParseError(`failed to parse duration ${descriptor}: ${(e as Error).message}`);
    }
    return every(ns);
  }
  throw new ScheduleParseError(`unrecognized descriptor: ${descriptor}`);
}

/** Parser options (robfig `NewParser` flags). */
export interface ParseOptions {
  /**
   * Parse a leading seconds field and make day-of-week optional, like robfig's tests'
   * `NewParser(Second | Minute | Hour | Dom | Month | DowOptional | Descriptor)`. The default is
   * the standard parser (`Minute | Hour | Dom | Month | Dow | Descriptor`).
   */
  readonly seconds?: boolean;
}

/**
 * robfig `Parser.Parse`: an optional `TZ=`/`CRON_TZ=` prefix, then a descriptor (`@hourly`,
 * `@every 1h30m`, ...) or the fields.
 * @throws ScheduleParseError with robfig's error text.
 */
export function parseSchedule(input: string, options: ParseOptions = {}): Schedule {
  // Schedules are immutable and parsing is pure: remember recent results (and failures).
  const cacheKey = `${options.seconds ? 's' : ''}|${input}`;
  const hit = parseCache.get(cacheKey);
  if (hit !== undefined) {
    if (typeof hit === 'string') throw new ScheduleParseError(hit);
    return hit;
  }
  let result: Schedule | string;
  try {
    result = parseUncached(input, options);
  } catch (e) {
    if (!(e instanceof ScheduleParseError)) throw e;
    result = e.message;
  }
  if (parseCache.size >= 1000) parseCache.clear();
  parseCache.set(cacheKey, result);
  if (typeof result === 'string') throw new ScheduleParseError(result);
  return result;
}

const parseCache = new Map<string, Schedule | string>();

function parseUncached(input: string, options: ParseOptions): Schedule {
  if (input.length === 0) throw new ScheduleParseError('empty spec string');
  let spec = input;
  let loc = UTC;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    // Go slices spec[eq+1:i] and panics when there is no space after the name.
    if (i < eq + 1)
      throw new ScheduleParseError(
        `runtime error: slice bounds out of range [${i < 0 ? ':' : `${eq + 1}:`}${i}]`,
      );
    const name = spec.slice(eq + 1, i);
    try {
      loc = loadLocation(name);
    } catch (e) {
      throw new ScheduleParseError(`provided bad location ${name}: ${(e as Error).message}`);
    }
    spec = goTrimSpace(spec.slice(i));
  }
  if (spec.startsWith('@')) return parseDescriptor(spec, loc);
  let fields = goFields(spec);
  const min = 5;
  const max = options.seconds ? 6 : 5;
  const count = fields.length;
  if (count < min || count > max) {
    const shown = `[${fields.join(' ')}]`;
    if (min === max) throw new ScheduleParseError(`expected exactly ${min} fields, found ${count}: ${shown}`);
    throw new ScheduleParseError(`expected ${min} to ${max} fields, found ${count}: ${shown}`);
  }
  if (options.seconds) {
    if (fields.length === 5) fields = [...fields, '*'];
  } else {
    fields = ['0', ...fields];
  }
  return new SpecSchedule(
    {
      second: getField(fields[0]!, SECONDS),
      minute: getField(fields[1]!, MINUTES),
      hour: getField(fields[2]!, HOURS),
      dom: getField(fields[3]!, DOM),
      month: getField(fields[4]!, MONTHS),
      dow: getField(fields[5]!, DOW),
    },
    loc,
  );
}

/**
 * robfig `ParseStandard`, what the API server validates `spec.schedule` with: five fields
 * (minute, hour, day of month, month, day of week) or a descriptor; `TZ=`/`CRON_TZ=` prefixes are
 * understood.
 * @throws ScheduleParseError with robfig's error text.
 *
 * @example
 * ```ts
 * parseStandard('0 0 * *'); // throws: expected exactly 5 fields, found 4: [0 0 * *]
 * ```
 */
export function parseStandard(spec: string): Schedule {
  return parseSchedule(spec, {});
}
