/**
 * `resource.Quantity` arithmetic for `kubectl describe` (adding, comparing, `MilliValue`/`Value`,
 * the canonical `String()`), on top of the API's exact quantity parser (`src/api/quantity.ts`).
 */
import { formatQuantity, Quantity, tryParseQuantity } from '../api/quantity.js';

export type { QuantityFormat } from '../api/quantity.js';
export type { Quantity };

/**
 * The zero quantity (`resource.Quantity{}`), which prints as `0`.
 *
 * @example
 * ```ts
 * quantityString(ZERO_QUANTITY); // '0'
 * ```
 */
export const ZERO_QUANTITY: Quantity = new Quantity(0n, 'DecimalSI');

/**
 * `resource.ParseQuantity`; `undefined` for a malformed string.
 *
 * @example
 * ```ts
 * parseQuantity('500m')?.milliValue(); // 500
 * ```
 */
export function parseQuantity(s: string | number | undefined): Quantity | undefined {
  if (s === undefined) return undefined;
  const r = tryParseQuantity(typeof s === 'string' ? s.trim() : s);
  return r.ok ? r.quantity : undefined;
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
  return new Quantity(q.nanos + y.nanos, q.format);
}

/** `q.Cmp(y)`: -1, 0 or 1. */
export function cmpQuantity(q: Quantity, y: Quantity): number {
  return q.cmp(y);
}

/** `MilliValue()`, rounded up. */
export function milliValue(q: Quantity): number {
  return q.milliValue();
}

/** `Value()`, rounded up. */
export function quantityValue(q: Quantity): number {
  return q.value();
}

/**
 * The canonical `String()` (`1500m`, `128Mi`, `1k`, `1e3`).
 *
 * @example
 * ```ts
 * quantityString(parseQuantity('1.5')!); // '1500m'
 * ```
 */
export function quantityString(q: Quantity): string {
  return formatQuantity(q);
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
