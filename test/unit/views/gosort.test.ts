import { describe, expect, it } from 'vitest';
import { goSort } from '../../../src/views/gosort.js';

describe('goSort (Go sort.Sort, pdqsort)', () => {
  it('sorts', () => {
    expect(goSort([5, 3, 9, 1, 1, 0, 7], (a, b) => a < b)).toEqual([0, 1, 1, 3, 5, 7, 9]);
  });

  it('is insertion sort (stable) for up to 12 elements', () => {
    const xs = Array.from({ length: 12 }, (_, i) => ({ k: i % 2, i }));
    expect(goSort(xs, (a, b) => a.k < b.k).map((x) => x.i)).toEqual([0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11]);
  });

  // Order observed from the real kubectl (v1.33.1, Go 1.24) describing a Job with 20 events whose
  // times are i % 3 seconds apart: equal elements are not kept in input order.
  it('reorders equal elements exactly as Go does beyond 12 elements', () => {
    const xs = Array.from({ length: 20 }, (_, i) => ({ k: i % 3, i }));
    expect(goSort(xs, (a, b) => a.k < b.k).map((x) => x.i)).toEqual([
      9, 18, 15, 3, 12, 0, 6, 10, 7, 4, 13, 16, 1, 19, 8, 5, 11, 14, 2, 17,
    ]);
  });

  it('sorts larger inputs with many duplicates, and deterministically', () => {
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const n of [13, 50, 51, 200, 1000]) {
      const xs = Array.from({ length: n }, (_, i) => ({ k: Math.floor(rnd() * 7), i }));
      const a = goSort([...xs], (p, q) => p.k < q.k);
      const b = goSort([...xs], (p, q) => p.k < q.k);
      expect(a.map((x) => x.k)).toEqual([...xs].map((x) => x.k).sort((p, q) => p - q));
      expect(a).toEqual(b);
    }
    const desc = Array.from({ length: 300 }, (_, i) => 300 - i);
    expect(goSort(desc, (p, q) => p < q)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });
});
