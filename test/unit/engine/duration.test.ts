import { describe, expect, it } from 'vitest';
import { DurationError, formatDuration, parseDuration } from '../../../src/engine/duration.js';

describe('parseDuration (Go syntax)', () => {
  it.each([
    ['300ms', 300],
    ['10s', 10_000],
    ['1m30s', 90_000],
    ['2h', 7_200_000],
    ['1h2m3s', 3_723_000],
    ['1.5s', 1500],
    ['0', 0],
    ['0s', 0],
    ['90', 90_000],
  ])('%s -> %i ms', (s, ms) => {
    expect(parseDuration(s)).toBe(ms);
  });

  it('treats bare numbers as seconds', () => {
    expect(parseDuration(5)).toBe(5000);
  });

  it.each(['', 'abc', '1x', 's', '-5s', '1m30'])('rejects %j', (s) => {
    expect(() => parseDuration(s)).toThrow(DurationError);
  });
});

describe('formatDuration (Go time.Duration.String)', () => {
  it.each([
    [0, '0s'],
    [300, '300ms'],
    [10_000, '10s'],
    [90_000, '1m30s'],
    [3_600_000, '1h0m0s'],
    [1500, '1.5s'],
    [630_000, '10m30s'],
  ])('%i ms -> %s', (ms, s) => {
    expect(formatDuration(ms)).toBe(s);
  });
});
