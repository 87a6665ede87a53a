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

/**
 * A shallow copy of `obj` with `key` set to `value`, or left out when `value` is undefined; the
 * other keys keep their order (and the key its place when it was there). Unlike `delete` on a
 * copy, the result stays a fast object.
 *
 * @example
 * ```ts
 * withKey({ a: 1, finalizers: ['x'], b: 2 }, 'finalizers', undefined); // { a: 1, b: 2 }
 * ```
 */
export function withKey<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): T {
  const out: Record<string, unknown> = {};
  let seen = false;
  for (const k of Object.keys(obj)) {
    if (k === key) {
      seen = true;
      if (value !== undefined) out[k] = value;
    } else out[k] = (obj as Record<string, unknown>)[k];
  }
  if (!seen && value !== undefined) out[key as string] = value;
  return out as T;
}
