import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneJson, withKey } from '../../../src/api/clone.js';

describe('cloneJson', () => {
  it('copies deeply, like structuredClone', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const c = cloneJson(v);
        expect(c).toEqual(structuredClone(v));
        if (v !== null && typeof v === 'object') expect(c).not.toBe(v);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps an own "__proto__" key a key', () => {
    const v = JSON.parse('{"__proto__": {"a": 1}}') as object;
    expect(cloneJson(v)).toEqual(structuredClone(v));
    expect(Object.getPrototypeOf(cloneJson(v))).toBe(Object.prototype);
  });

  it('keeps shared objects shared and keys with undefined values', () => {
    const labels = { a: 'b' };
    const job = { metadata: { labels }, spec: { template: { metadata: { labels } } }, x: undefined };
    const c = cloneJson(job);
    expect(c.metadata.labels).toBe(c.spec.template.metadata.labels);
    expect(c.metadata.labels).not.toBe(labels);
    expect('x' in c).toBe(true);
  });
});

describe('withKey', () => {
  it('replaces a key in place, drops it for undefined, appends a new one', () => {
    const o = { a: 1, finalizers: ['x'], b: 2 };
    expect(Object.keys(withKey(o, 'finalizers', ['y']))).toEqual(['a', 'finalizers', 'b']);
    expect(withKey(o, 'finalizers', undefined)).toEqual({ a: 1, b: 2 });
    expect(Object.keys(withKey({ a: 1 } as { a: number; c?: number }, 'c', 3))).toEqual(['a', 'c']);
    expect(o).toEqual({ a: 1, finalizers: ['x'], b: 2 });
  });
});
