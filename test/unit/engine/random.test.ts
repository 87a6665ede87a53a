import { describe, expect, it } from 'vitest';
import { RandomStreams, Rng } from '../../../src/engine/random.js';

describe('seeded random streams', () => {
  it('gives the same numbers for the same seed', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const xs = Array.from({ length: 20 }, () => a.nextU32());
    const ys = Array.from({ length: 20 }, () => b.nextU32());
    expect(xs).toEqual(ys);
    expect(new Set(xs).size).toBe(20);
  });

  it('gives different numbers for different seeds', () => {
    expect(new Rng(1).nextU32()).not.toBe(new Rng(2).nextU32());
  });

  it('keeps floats in [0, 1) and intBelow in range', () => {
    const r = new Rng(3);
    for (let i = 0; i < 10_000; i++) {
      const f = r.nextFloat();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      const n = r.intBelow(27);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(27);
    }
  });

  it('keeps named streams independent: drawing from one does not shift another', () => {
    const s1 = new RandomStreams(5);
    const s2 = new RandomStreams(5);
    for (let i = 0; i < 100; i++) s1.get('behaviors').nextU32();
    expect(s1.get('names').nextU32()).toBe(s2.get('names').nextU32());
    expect(s1.get('names').nextU32()).not.toBe(s1.get('uids').nextU32());
  });

  it('is roughly uniform', () => {
    const r = new Rng(11);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(r.nextFloat() * 10)]++;
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });
});
