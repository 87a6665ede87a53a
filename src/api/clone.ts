/**
 * A deep copy of JSON-like data (plain objects, arrays, strings, numbers, booleans, null,
 * undefined), several times faster than `structuredClone` for API objects. Like
 * `structuredClone`, an object reached twice is copied once and shared in the copy (defaulting
 * relies on it: a Job without labels shares its template's). Anything else (a Date, a Map) goes
 * through `structuredClone`.
 *
 * @example
 * ```ts
 * const copy = cloneJson({ spec: { containers: [{ name: 'a' }] } });
 * ```
 */
export function cloneJson<T>(x: T): T {
  return copy(x, new Map()) as T;
}

function copy(x: unknown, seen: Map<object, unknown>): unknown {
  if (x === null || typeof x !== 'object') return x;
  const done = seen.get(x);
  if (done !== undefined) return done;
  if (Array.isArray(x)) {
    const out = new Array(x.length);
    seen.set(x, out);
    for (let i = 0; i < x.length; i++) out[i] = copy(x[i], seen);
    return out;
  }
  const proto = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) {
    const out = structuredClone(x);
    seen.set(x, out);
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(x, out);
  for (const k of Object.keys(x)) {
    const v = copy((x as Record<string, unknown>)[k], seen);
    // An own "__proto__" key stays a key (assigning it would set the prototype).
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}
