import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../src/engine/queue.js';

describe('EventQueue', () => {
  it('pops in time order and breaks ties by insertion order', () => {
    const q = new EventQueue<string>();
    q.push(5, 'a');
    q.push(1, 'b');
    q.push(5, 'c');
    q.push(1, 'd');
    q.push(0, 'e');
    const out: string[] = [];
    for (let x = q.pop(); x !== undefined; x = q.pop()) out.push(x);
    expect(out).toEqual(['e', 'b', 'd', 'a', 'c']);
    expect(q.size).toBe(0);
    expect(q.pop()).toBeUndefined();
  });

  it('matches a stable sort by (time, seq) for any input (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), (times) => {
        const q = new EventQueue<number>();
        times.forEach((t, i) => {
          q.push(t, i);
        });
        const expected = times
          .map((t, i) => ({ t, i }))
          .sort((a, b) => a.t - b.t || a.i - b.i)
          .map((x) => x.i);
        const got: number[] = [];
        for (let x = q.pop(); x !== undefined; x = q.pop()) got.push(x);
        expect(got).toEqual(expected);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('interleaves pushes and pops correctly', () => {
    const q = new EventQueue<number>();
    q.push(10, 1);
    q.push(3, 2);
    expect(q.peekTime()).toBe(3);
    expect(q.pop()).toBe(2);
    q.push(3, 3);
    q.push(10, 4);
    expect([q.pop(), q.pop(), q.pop()]).toEqual([3, 1, 4]);
  });
});
