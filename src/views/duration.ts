/**
 * Human durations and timestamps as kubectl prints them: apimachinery's `duration.HumanDuration`
 * and `ShortHumanDuration` (`staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go`), the
 * printers' `translateTimestampSince`, and Go's `time.RFC1123Z` layout used by `kubectl describe`.
 * All functions are pure: the virtual clock's `now` (epoch milliseconds) is always passed in.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * apimachinery `HumanDuration`: ~2-3 significant figures. Less than -1s is `<invalid>`, -1s..0 is
 * `0s` (tolerated clock skew).
 *
 * @example
 * ```ts
 * humanDuration(125_000);    // '2m5s'
 * humanDuration(3 * 3600e3); // '3h'
 * humanDuration(-5_000);     // '<invalid>'
 * ```
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = Math.trunc(ms / SECOND) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = Math.trunc(ms / MINUTE) % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/**
 * apimachinery `ShortHumanDuration` (one unit: `45s`, `12m`, `5h`, `3d`, `2y`), used by older
 * printers.
 *
 * @example
 * ```ts
 * shortHumanDuration(90_000); // '1m'
 * ```
 */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

/**
 * Parses an RFC3339 timestamp (as objects carry them) into epoch milliseconds; `undefined` for a
 * missing or unparseable value (Go's zero `metav1.Time`).
 *
 * @example
 * ```ts
 * parseTimestamp('2024-09-09T18:42:24Z'); // 1725907344000
 * parseTimestamp(undefined);              // undefined
 * ```
 */
export function parseTimestamp(iso: string | null | undefined): number | undefined {
  if (iso === undefined || iso === null || iso === '') return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The printers' `translateTimestampSince`: `<unknown>` for a missing timestamp, else
 * `HumanDuration(now - t)`.
 *
 * @example
 * ```ts
 * translateTimestampSince('2024-09-09T18:42:24Z', Date.parse('2024-09-09T18:47:24Z')); // '5m'
 * translateTimestampSince(undefined, 0);                                               // '<unknown>'
 * ```
 */
export function translateTimestampSince(iso: string | null | undefined, nowMs: number): string {
  const t = parseTimestamp(iso);
  if (t === undefined) return '<unknown>';
  return humanDuration(nowMs - t);
}

/**
 * The printers' `translateTimestampUntil`: `<unknown>` for a missing timestamp, else
 * `HumanDuration(t - now)`.
 *
 * @example
 * ```ts
 * translateTimestampUntil('2024-09-09T18:47:24Z', Date.parse('2024-09-09T18:42:24Z')); // '5m'
 * ```
 */
export function translateTimestampUntil(iso: string | null | undefined, nowMs: number): string {
  const t = parseTimestamp(iso);
  if (t === undefined) return '<unknown>';
  return humanDuration(t - nowMs);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Go's `time.RFC1123Z` layout (`Mon, 02 Jan 2006 15:04:05 -0700`) in UTC, as `kubectl describe`
 * prints Start Time, Completed At and condition times. (Real kubectl uses the local zone of the
 * machine it runs on; jobsim always prints UTC, `+0000`.)
 *
 * @example
 * ```ts
 * formatRFC1123Z(Date.parse('2024-09-09T18:42:24Z')); // 'Mon, 09 Sep 2024 18:42:24 +0000'
 * ```
 */
export function formatRFC1123Z(ms: number): string {
  const d = new Date(ms);
  return (
    `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate(), 2)} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCFullYear(), 4)} ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)} +0000`
  );
}

/**
 * {@link formatRFC1123Z} of an RFC3339 string; a missing timestamp prints Go's zero time
 * (`Mon, 01 Jan 0001 00:00:00 +0000`), as `metav1.Time{}.Format` does.
 *
 * @example
 * ```ts
 * formatTimestampRFC1123Z('2024-09-09T18:42:24Z'); // 'Mon, 09 Sep 2024 18:42:24 +0000'
 * ```
 */
export function formatTimestampRFC1123Z(iso: string | null | undefined): string {
  const t = parseTimestamp(iso);
  if (t === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  return formatRFC1123Z(t);
}
