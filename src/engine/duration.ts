/**
 * Go-style durations (`300ms`, `10s`, `1m30s`, `2h`), as Kubernetes and the scenario format use
 * them. Virtual time is an integer number of milliseconds.
 */

/** Error thrown for a duration string that is not Go syntax. */
export class DurationError extends Error {
  readonly code = 'INVALID_DURATION';
  constructor(message: string) {
    super(message);
    this.name = 'DurationError';
  }
}

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a Go duration (or a bare number of seconds) into integer milliseconds.
 *
 * @example
 * ```ts
 * parseDuration('1m30s'); // 90000
 * parseDuration(5);       // 5000 (bare numbers are seconds)
 * ```
 * @throws DurationError for anything else.
 */
export function parseDuration(input: string | number): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0)
      throw new DurationError(`invalid duration ${JSON.stringify(input)}`);
    return Math.round(input * 1000);
  }
  const s = input.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let pos = 0;
  let sign = 1;
  let body = s;
  if (body.startsWith('+') || body.startsWith('-')) {
    sign = body.startsWith('-') ? -1 : 1;
    body = body.slice(1);
  }
  if (body === '') throw new DurationError(`time: invalid duration ${JSON.stringify(input)}`);
  re.lastIndex = 0;
  while (pos < body.length) {
    re.lastIndex = pos;
    const m = re.exec(body);
    if (!m) throw new DurationError(`time: invalid duration ${JSON.stringify(input)}`);
    total += Number(m[1]) * (UNIT_MS[m[2]!] ?? 0);
    pos = re.lastIndex;
  }
  if (sign < 0 && total > 0) throw new DurationError(`time: negative duration ${JSON.stringify(input)}`);
  return Math.round(total);
}

/**
 * Formats milliseconds the way Go's `time.Duration.String()` does (`1m30s`, `300ms`, `0s`).
 *
 * @example
 * ```ts
 * formatDuration(90_000); // "1m30s"
 * formatDuration(1500);   // "1.5s"
 * ```
 */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let v = Math.abs(ms);
  if (v < 1000) return `${neg ? '-' : ''}${v}ms`;
  const h = Math.floor(v / 3_600_000);
  v -= h * 3_600_000;
  const m = Math.floor(v / 60_000);
  v -= m * 60_000;
  const sec = v / 1000;
  let out = '';
  if (h > 0) out += `${h}h`;
  if (h > 0 || m > 0) out += `${m}m`;
  out += `${trimFloat(sec)}s`;
  return (neg ? '-' : '') + out;
}

function trimFloat(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(3)));
}
