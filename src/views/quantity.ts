/**
 * Just enough of apimachinery's `resource.Quantity` for `kubectl describe`: parsing, adding,
 * comparing, `MilliValue`/`Value` (rounded up) and the canonical `String()` (`1500m`, `128Mi`,
 * `1k`, `1e3`). Values are held exactly as integer nano-units (`ParseQuantity` rounds finer
 * precision up to nano).
 */

/** `resource.Format`. */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A parsed quantity: `nanos / 1e9` units, with the format it was written in. */
export interface Quantity {
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

const NANO = 1_000_000_000n;
const DEC_SUFFIX: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BIN_SUFFIX: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC_BY_EXP: Readonly<Record<number, string>> = {
  [-9]: 'n',
  [-6]: 'u',
  [-3]: 'm',
  0: '',
  3: 'k',
  6: 'M',
  9: 'G',
  12: 'T',
  15: 'P',
  18: 'E',
};
const BIN_BY_EXP = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;

/**
 * The zero quantity (`resource.Quantity{}`), which prints as `0`.
 *
 * @example
 * ```ts
 * quantityString(ZERO_QUANTITY); // '0'
 * ```
 */
export const ZERO_QUANTITY: Quantity = { nanos: 0n, format: 'DecimalSI' };

function pow(base: bigint, exp: number): bigint {
  let r = 1n;
  for (let i = 0; i < exp; i++) r *= base;
  return r;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n === b > 0n ? q + 1n : q;
}

/**
 * `resource.ParseQuantity`; `undefined` for a malformed string.
 *
 * @example
 * ```ts
 * parseQuantity('500m'); // { nanos: 500000000n, format: 'DecimalSI' }
 * ```
 */
export function parseQuantity(s: string | number | undefined): Quantity | undefined {
  if (s === undefined) return undefined;
  const text = String(s).trim();
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/.exec(text);
  if (m === null) return undefined;
  const negative = m[1] === '-';
  const [whole = '', frac = ''] = m[2]!.split('.');
  let num = BigInt(`${whole}${frac}` || '0');
  let den = pow(10n, frac.length);
  const suffix = m[3] ?? '';
  let format: QuantityFormat = 'DecimalSI';
  if (suffix in BIN_SUFFIX) {
    num *= pow(2n, BIN_SUFFIX[suffix]!);
    format = 'BinarySI';
  } else {
    const exp = suffix in DEC_SUFFIX ? DEC_SUFFIX[suffix]! : Number(suffix.slice(1));
    if (!(suffix in DEC_SUFFIX)) format = 'DecimalExponent';
    if (exp >= 0) num *= pow(10n, exp);
    else den *= pow(10n, -exp);
  }
  const nanos = ceilDiv(num * NANO, den);
  return { nanos: negative ? -nanos : nanos, format };
}

/**
 * `q.Add(y)`: the sum, keeping the receiver's format.
 *
 * @example
 * ```ts
 * quantityString(addQuantity(parseQuantity('100m')!, parseQuantity('1')!)); // '1100m'
 * ```
 */
export function addQuantity(q: Quantity, y: Quantity): Quantity {
  return { nanos: q.nanos + y.nanos, format: q.format };
}

/**
 * `q.Cmp(y)`: -1, 0 or 1.
 *
 * @example
 * ```ts
 * cmpQuantity(parseQuantity('1')!, parseQuantity('1000m')!); // 0
 * ```
 */
export function cmpQuantity(q: Quantity, y: Quantity): number {
  return q.nanos < y.nanos ? -1 : q.nanos > y.nanos ? 1 : 0;
}

/**
 * `q.MilliValue()` (rounded up).
 *
 * @example
 * ```ts
 * milliValue(parseQuantity('1.5')!); // 1500
 * ```
 */
export function milliValue(q: Quantity): number {
  return Number(ceilDiv(q.nanos, 1_000_000n));
}

/**
 * `q.Value()` (rounded up).
 *
 * @example
 * ```ts
 * quantityValue(parseQuantity('1Ki')!); // 1024
 * ```
 */
export function quantityValue(q: Quantity): number {
  return Number(ceilDiv(q.nanos, NANO));
}

/**
 * `q.String()`: the canonical form (`CanonicalizeBytes`).
 *
 * @example
 * ```ts
 * quantityString(parseQuantity('1000m')!); // '1'
 * quantityString(parseQuantity('1.5Gi')!); // '1536Mi'
 * ```
 */
export function quantityString(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const limit = 1024n * NANO;
    if (q.nanos > -limit && q.nanos < limit) format = 'DecimalSI';
    else if (q.nanos % NANO !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let amount = q.nanos / NANO;
    let exp = 0;
    while (amount % 1024n === 0n && exp < BIN_BY_EXP.length - 1) {
      amount /= 1024n;
      exp++;
    }
    return `${amount}${BIN_BY_EXP[exp]}`;
  }
  let amount = q.nanos;
  let exponent = -9;
  while (amount % 10n === 0n) {
    amount /= 10n;
    exponent++;
  }
  const r = exponent % 3;
  if (r === 1 || r === -2) {
    amount *= 10n;
    exponent -= 1;
  } else if (r === 2 || r === -1) {
    amount *= 100n;
    exponent -= 2;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  const suffix = DEC_BY_EXP[exponent];
  return suffix === undefined ? `${amount}e${exponent}` : `${amount}${suffix}`;
}

/** A resource list (`corev1.ResourceList`) as objects carry it. */
export type ResourceList = Readonly<Record<string, string | number>>;

/** Parsed resource list. */
export type ParsedResources = Map<string, Quantity>;

/**
 * Parses a `ResourceList`, skipping malformed entries.
 *
 * @example
 * ```ts
 * parseResources({ cpu: '500m' }).get('cpu'); // { nanos: 500000000n, format: 'DecimalSI' }
 * ```
 */
export function parseResources(list: ResourceList | undefined): ParsedResources {
  const out: ParsedResources = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = parseQuantity(v);
    if (q !== undefined) out.set(k, q);
  }
  return out;
}

/**
 * `addResourceList`: adds `add` into `list` in place (a new entry is copied, an existing one keeps
 * its format).
 *
 * @example
 * ```ts
 * const total = parseResources({ cpu: '100m' });
 * addResourceList(total, parseResources({ cpu: '1' })); // total cpu: 1100m
 * ```
 */
export function addResourceList(list: ParsedResources, add: ParsedResources): void {
  for (const [name, q] of add) {
    const cur = list.get(name);
    list.set(name, cur === undefined ? q : addQuantity(cur, q));
  }
}

/**
 * `maxResourceList`: keeps the larger of each entry in `list`, in place.
 *
 * @example
 * ```ts
 * const m = parseResources({ cpu: '100m' });
 * maxResourceList(m, parseResources({ cpu: '2' })); // m cpu: 2
 * ```
 */
export function maxResourceList(list: ParsedResources, other: ParsedResources): void {
  for (const [name, q] of other) {
    const cur = list.get(name);
    if (cur === undefined || cmpQuantity(q, cur) > 0) list.set(name, q);
  }
}
