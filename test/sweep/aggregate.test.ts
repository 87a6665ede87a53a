import { describe, expect, it } from 'vitest';
import { quantiles, replayCommand } from '../../src/sweep/aggregate.js';
import { parseSeeds, parseShard, SweepInputError, seedSpec, shardSeeds } from '../../src/sweep/seeds.js';

describe('quantiles', () => {
  it('are nearest-rank over an exact histogram', () => {
    // 1..100, one seed each: p50 = 50, p90 = 90, p99 = 99.
    const h = Array.from({ length: 100 }, (_, i) => [i + 1, 1] as const);
    expect(quantiles(h)).toEqual({ count: 100, min: 1, p50: 50, p90: 90, p99: 99, max: 100 });
    expect(quantiles([[7, 3]])).toEqual({ count: 3, min: 7, p50: 7, p90: 7, p99: 7, max: 7 });
    expect(
      quantiles([
        [10, 1],
        [20, 1],
        [30, 1],
      ]),
    ).toMatchObject({ p50: 20, p90: 30, p99: 30 });
    expect(quantiles([])).toEqual({ count: 0, min: null, p50: null, p90: null, p99: null, max: null });
  });
});

describe('seeds and shards', () => {
  it('parses ranges and lists', () => {
    expect(parseSeeds('1-100000')).toEqual({ from: 1, to: 100000 });
    expect(parseSeeds('42')).toEqual([42]);
    expect(parseSeeds('1-3,9')).toEqual([1, 2, 3, 9]);
    expect(() => parseSeeds('ten')).toThrow(SweepInputError);
    expect(parseShard('3/8')).toEqual({ index: 3, count: 8 });
    expect(() => parseShard('8/8')).toThrow(/from 0 to 7/);
    expect(() => parseShard('1of2')).toThrow(/I\/N/);
  });

  it('interleaves: seed s of a range is in shard (s - from) mod N, and the shards partition the seeds', () => {
    const spec = seedSpec({ from: 5, to: 15 });
    expect(shardSeeds(spec, { index: 0, count: 3 })).toEqual([5, 8, 11, 14]);
    expect(shardSeeds(spec, { index: 2, count: 3 })).toEqual([7, 10, 13]);
    const all = [0, 1, 2].flatMap((index) => shardSeeds(spec, { index, count: 3 })).sort((a, b) => a - b);
    expect(all).toEqual(shardSeeds(spec));
    expect(shardSeeds(seedSpec([9, 3, 7]), { index: 1, count: 2 })).toEqual([7]);
  });

  it('quotes the file of a replay command when the shell needs it', () => {
    expect(replayCommand('sim/a.yaml', 3)).toBe('jobsim run sim/a.yaml --seed 3');
    expect(replayCommand("my dir/it's.yaml", 3)).toBe(`jobsim run 'my dir/it'\\''s.yaml' --seed 3`);
  });
});
