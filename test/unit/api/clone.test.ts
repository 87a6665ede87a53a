import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneJson } from '../../../src/api/clone.js';

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
