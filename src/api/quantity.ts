/**
 * `resource.Quantity` as upstream parses, rounds and prints it
 * (`staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go`, `suffix.go`, `amount.go`).
 *
 * Values are kept exactly as a signed count of nano-units (a bigint), which is the precision upstream
 * keeps: anything finer is rounded away from zero on parse (`0.1n` -> `1n`).
 */

/** The three serialization formats of a quantity. */
export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

const SPLIT_RE_STRING = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

/** Upstream `ErrFormatWrong` text. */
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE_STRING}'`;
/** Upstream `ErrNumeric` text. */
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
/** Upstream `ErrSuffix` text. */
export const ERR_SUFFIX = "unable to parse quantity's suffix";

/**
 * A quantity string that does not parse; `message` is upstream's error text.
 *
 * @example
 * ```ts
 * try { parseQuantity('1K'); } catch (e) { (e as QuantityParseError).message; } // "unable to parse quantity's suffix"
 * ```
 */
export class QuantityParseError extends Error {
  readonly code = 'QUANTITY_PARSE' as const;
  readonly input: string;
  constructor(input: string, message: string) {
    super(message);
    this.name = 'QuantityParseError';
    this.input = input;
  }
}

const NANO = 1_000_000_000n;
const MAX_INT64 = 9_223_372_036_854_775_807n;

const DECIMAL_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
]);
const BINARY_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['Ki', 10],
  ['Mi', 20],
  ['Gi', 30],
  ['Ti', 40],
  ['Pi', 50],
  ['Ei', 60],
]);
const DECIMAL_BY_EXP: ReadonlyMap<number, string> = new Map([...DECIMAL_SUFFIXES].map(([s, e]) => [e, s]));
const BINARY_BY_EXP: ReadonlyMap<number, string> = new Map([
  [0, ''],
  ...[...BINARY_SUFFIXES].map(([s, e]) => [e, s] as [number, string]),
]);

/**
 * An immutable, exact quantity.
 *
 * @example
 * ```ts
 * const q = parseQuantity('1.5');
 * q.milliValue(); // 1500
 * q.toString(); // '1500m'
 * ```
 */
export class Quantity {
  /** Value in nano-units (10^-9), exact. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;

  constructor(nanos: bigint, format: QuantityFormat) {
    this.nanos = nanos;
    this.format = format;
  }

  /** `ScaledValue(Milli)`: ceil(q * 1000) away from zero. Exact up to 2^53. */
  milliValue(): number {
    return Number(divAwayFromZero(this.nanos, 1_000_000n));
  }

  /** `Value()`: the value rounded up (away from zero) to an integer. Exact up to 2^53. */
  value(): number {
    return Number(divAwayFromZero(this.nanos, NANO));
  }

  /** `Value()` as a bigint (no precision limit). */
  valueBig(): bigint {
    return divAwayFromZero(this.nanos, NANO);
  }

  /** `IsZero()`. */
  isZero(): boolean {
    return this.nanos === 0n;
  }

  /** `Sign()`: -1, 0 or 1. */
  sign(): number {
    return this.nanos === 0n ? 0 : this.nanos < 0n ? -1 : 1;
  }

  /** `Cmp(other)`: -1, 0 or 1. */
  cmp(other: Quantity): number {
    return this.nanos === other.nanos ? 0 : this.nanos < other.nanos ? -1 : 1;
  }

  /** `RoundUp(Milli)`: rounds away from zero to a whole number of milli-units (defaulting does this). */
  roundUpMilli(): Quantity {
    const milli = divAwayFromZero(this.nanos, 1_000_000n) * 1_000_000n;
    return milli === this.nanos ? this : new Quantity(milli, this.format);
  }

  /** The canonical form upstream serializes (`String()`). */
  toString(): string {
    return formatQuantity(this);
  }
}

function divAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  if (q * d === n) return q;
  return n < 0n ? q - 1n : q + 1n;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

interface Scanned {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** Port of `parseQuantityString` (the fast scanner). */
function scan(str: string): Scanned | 'format' {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') {
      pos++;
    }
  }
  // strip leading zeros
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[i] === '0') pos++;
    else break;
  }
  let num = '';
  let i = pos;
  for (; ; i++) {
    if (i >= end)
      return { positive, value: str.slice(0, end), num: str.slice(pos, end), denom: '', suffix: '' };
    if (!isDigit(str[i])) break;
  }
  num = str.slice(pos, i);
  pos = i;
  if (num.length === 0) num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    let j = pos;
    for (; ; j++) {
      if (j >= end)
        return { positive, value: str.slice(0, end), num, denom: str.slice(pos, end), suffix: '' };
      if (!isDigit(str[j])) break;
    }
    denom = str.slice(pos, j);
    pos = j;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  for (let k = pos; ; k++) {
    if (k >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!'eEinumkKMGTP'.includes(str[k]!)) {
      pos = k;
      break;
    }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let k = pos; ; k++) {
    if (k >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!isDigit(str[k])) break;
  }
  return 'format';
}

interface Interpreted {
  base: 10 | 2;
  exponent: number;
  format: QuantityFormat;
}

function interpret(suffix: string): Interpreted | undefined {
  const d = DECIMAL_SUFFIXES.get(suffix);
  if (d !== undefined) return { base: 10, exponent: d, format: 'DecimalSI' };
  const b = BINARY_SUFFIXES.get(suffix);
  if (b !== undefined) return { base: 2, exponent: b, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'E' || suffix[0] === 'e')) {
    const rest = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(rest)) return undefined;
    const parsed = BigInt(rest);
    if (parsed > MAX_INT64 || parsed < -MAX_INT64 - 1n) return undefined;
    return { base: 10, exponent: Number(parsed), format: 'DecimalExponent' };
  }
  return undefined;
}

/**
 * `resource.ParseQuantity`. Numbers are converted with `String(n)` (as a JSON number would be).
 * Throws {@link QuantityParseError} with upstream's message on malformed input.
 *
 * @example
 * ```ts
 * parseQuantity('500m').milliValue(); // 500
 * parseQuantity('1Gi').value(); // 1073741824
 * parseQuantity('0.1m').milliValue(); // 1 (rounded up)
 * ```
 */
export function parseQuantity(s: string | number): Quantity {
  const str = typeof s === 'number' ? String(s) : s;
  if (str.length === 0) throw new QuantityParseError(str, ERR_FORMAT_WRONG);
  if (str === '0') return new Quantity(0n, 'DecimalSI');
  const sc = scan(str);
  if (sc === 'format') throw new QuantityParseError(str, ERR_FORMAT_WRONG);
  const it = interpret(sc.suffix);
  if (it === undefined) throw new QuantityParseError(str, ERR_SUFFIX);
  if (!/^[0-9]+$/.test(sc.num) || !/^[0-9]*$/.test(sc.denom)) throw new QuantityParseError(str, ERR_NUMERIC);
  // exact value = digits * base^exponent / 10^len(denom); keep nano precision, round away from zero.
  const digits = BigInt(sc.num + sc.denom);
  let numer = digits * NANO;
  let denomScale = 10n ** BigInt(sc.denom.length);
  if (it.base === 10) {
    if (it.exponent >= 0) numer *= 10n ** BigInt(it.exponent);
    else denomScale *= 10n ** BigInt(-it.exponent);
  } else {
    numer *= 2n ** BigInt(it.exponent);
  }
  let nanos = numer / denomScale;
  if (nanos * denomScale !== numer) nanos += 1n;
  let format = it.format;
  if (format === 'BinarySI' && nanos > MAX_INT64 * NANO) nanos = MAX_INT64 * NANO;
  if (format === 'BinarySI' && nanos > 0n && nanos < NANO) format = 'DecimalSI';
  if (!sc.positive) nanos = -nanos;
  return new Quantity(nanos, format);
}

/**
 * Parses without throwing: the quantity, or the upstream error text.
 *
 * @example
 * ```ts
 * tryParseQuantity('abc'); // { ok: false, error: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" }
 * ```
 */
export function tryParseQuantity(
  s: string | number,
): { readonly ok: true; readonly quantity: Quantity } | { readonly ok: false; readonly error: string } {
  try {
    return { ok: true, quantity: parseQuantity(s) };
  } catch (e) {
    if (e instanceof QuantityParseError) return { ok: false, error: e.message };
    throw e;
  }
}

/**
 * The canonical string of a quantity (`CanonicalizeBytes`): no fractional digits, the largest
 * suffix that loses nothing, binary suffixes kept for BinarySI values of at least 1024.
 *
 * @example
 * ```ts
 * formatQuantity(parseQuantity('1.5Gi')); // '1536Mi'
 * formatQuantity(parseQuantity('1000m')); // '1'
 * formatQuantity(parseQuantity('1e3')); // '1e3'
 * ```
 */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const neg = q.nanos < 0n;
  const abs = neg ? -q.nanos : q.nanos;
  let format = q.format;
  if (format === 'BinarySI') {
    if (abs < 1024n * NANO) format = 'DecimalSI';
    else if (abs % NANO !== 0n) format = 'DecimalSI';
  }
  let body: string;
  if (format === 'BinarySI') {
    let n = abs / NANO;
    let k = 0;
    while (n % 1024n === 0n && k < 6) {
      n /= 1024n;
      k++;
    }
    body = `${n}${BINARY_BY_EXP.get(k * 10) ?? ''}`;
  } else {
    let m = abs;
    let e = -9;
    while (m % 10n === 0n) {
      m /= 10n;
      e++;
    }
    while (((e % 3) + 3) % 3 !== 0) {
      m *= 10n;
      e--;
    }
    if (format === 'DecimalExponent') {
      body = e === 0 ? `${m}` : `${m}e${e}`;
    } else {
      const suffix = DECIMAL_BY_EXP.get(e);
      body = suffix === undefined ? `${m}e${e}` : `${m}${suffix}`;
    }
  }
  return neg ? `-${body}` : body;
}

/**
 * Canonicalizes a quantity string as the API server stores it after defaulting (rounded up to milli
 * precision, canonical form). Unparsable input is returned unchanged.
 *
 * @example
 * ```ts
 * canonicalQuantity('0.5'); // '500m'
 * canonicalQuantity(2); // '2'
 * ```
 */
export function canonicalQuantity(s: string | number): string {
  const r = tryParseQuantity(s);
  return r.ok ? formatQuantity(r.quantity.roundUpMilli()) : String(s);
}
