import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIndexes } from '../../../src/api/indexes.js';
import { IndexIntervals } from '../../../src/controllers/job/indexed.js';

describe('IndexIntervals (orderedIntervals)', () => {
  it('merges neighbours as indexes arrive in any order', () => {
    const iv = new IndexIntervals();
    for (const ix of [5, 0, 2, 1, 6, 9, 8, 2]) iv.add(ix);
    expect(iv.toString()).toBe('0-2,5,6,8,9');
    expect(iv.size).toBe(7);
    iv.add(7);
    expect(iv.toString()).toBe('0-2,5-9');
  });

  it('formats exactly as the sorted-list formatter, whatever the insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(60)), (xs) => {
        const iv = new IndexIntervals();
        for (const x of xs) iv.add(x);
        const sorted = [...new Set(xs)].sort((a, b) => a - b);
        expect(iv.toString()).toBe(formatIndexes(sorted));
        expect(iv.size).toBe(sorted.length);
      }),
    );
  });
});
