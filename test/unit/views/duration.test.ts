import { describe, expect, it } from 'vitest';
import {
  formatRFC1123Z,
  formatTimestampRFC1123Z,
  humanDuration,
  shortHumanDuration,
  translateTimestampSince,
  translateTimestampUntil,
} from '../../../src/views/duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration', () => {
  // apimachinery duration_test.go TestHumanDuration
  it.each([
    [S, '1s'],
    [70 * S, '70s'],
    [190 * S, '3m10s'],
    [70 * M, '70m'],
    [47 * H, '47h'],
    [49 * H, '2d1h'],
    [(8 * 24 + 2) * H, '8d'],
    [367 * 24 * H, '367d'],
    [(365 * 2 * 24 + 25) * H, '2y1d'],
    [(365 * 8 * 24 + 2) * H, '8y'],
  ])('TestHumanDuration %d ms -> %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  // apimachinery duration_test.go TestHumanDurationBoundaries (nanosecond offsets become 1 ms)
  it.each([
    [-2 * S, '<invalid>'],
    [-2 * S + 1, '0s'],
    [0, '0s'],
    [S - 1, '0s'],
    [2 * M - 1, '119s'],
    [2 * M, '2m'],
    [2 * M + S, '2m1s'],
    [10 * M - 1, '9m59s'],
    [10 * M, '10m'],
    [10 * M + S, '10m'],
    [3 * H - 1, '179m'],
    [3 * H, '3h'],
    [3 * H + M, '3h1m'],
    [8 * H - 1, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 59 * M, '8h'],
    [2 * D - 1, '47h'],
    [2 * D, '2d'],
    [2 * D + H, '2d1h'],
    [8 * D - 1, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 23 * H, '8d'],
    [2 * Y - 1, '729d'],
    [2 * Y, '2y'],
    [2 * Y + 23 * H, '2y'],
    [2 * Y + 23 * H + 59 * M, '2y'],
    [2 * Y + D - 1, '2y'],
    [2 * Y + D, '2y1d'],
    [3 * Y, '3y'],
    [7 * Y, '7y'],
    [8 * Y - 1, '7y364d'],
    [8 * Y, '8y'],
    [8 * Y + 364 * D, '8y'],
    [9 * Y, '9y'],
  ])('TestHumanDurationBoundaries %d ms -> %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('shortHumanDuration', () => {
  // apimachinery duration_test.go TestShortHumanDurationBoundaries
  it.each([
    [-2 * S, '<invalid>'],
    [-2 * S + 1, '0s'],
    [0, '0s'],
    [S - 1, '0s'],
    [S, '1s'],
    [2 * S - 1, '1s'],
    [M - 1, '59s'],
    [M, '1m'],
    [2 * M - 1, '1m'],
    [H - 1, '59m'],
    [H, '1h'],
    [2 * H - 1, '1h'],
    [D - 1, '23h'],
    [D, '1d'],
    [2 * D - 1, '1d'],
    [Y - 1, '364d'],
    [Y, '1y'],
    [2 * Y - 1, '1y'],
    [2 * Y, '2y'],
  ])('%d ms -> %s', (ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});

describe('translateTimestampSince / translateTimestampUntil', () => {
  const now = Date.parse('2024-09-09T18:45:00Z');
  const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();

  // printers_test.go TestTranslateTimestampSince
  it.each([
    ['a while from now', at(2100), '<invalid>'],
    ['almost now', at(1900), '0s'],
    ['now', at(0), '0s'],
    ['30 seconds ago', at(-30 * S), '30s'],
    ['5 minutes ago', at(-5 * M), '5m'],
    ['an hour ago', at(-100 * M), '100m'],
    ['2 days ago', at(-2 * D), '2d'],
    ['months ago', at(-90 * D), '90d'],
    ['10 years ago', at(-10 * Y), '10y'],
  ])('TestTranslateTimestampSince %s', (_name, iso, want) => {
    expect(translateTimestampSince(iso, now)).toBe(want);
  });

  it('prints <unknown> for a missing or unparseable timestamp (the zero metav1.Time)', () => {
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
    expect(translateTimestampSince('', now)).toBe('<unknown>');
    expect(translateTimestampSince('not a time', now)).toBe('<unknown>');
    expect(translateTimestampUntil(undefined, now)).toBe('<unknown>');
  });

  // printers_test.go TestTranslateTimestampUntil
  it.each([
    ['a while ago', at(-2100), '<invalid>'],
    ['almost now', at(-1900), '0s'],
    ['in 30 seconds', at(30 * S + 100), '30s'],
    ['in 5 minutes', at(5 * M + 100), '5m'],
    ['in 2 days', at(2 * D + 100), '2d'],
  ])('TestTranslateTimestampUntil %s', (_name, iso, want) => {
    expect(translateTimestampUntil(iso, now)).toBe(want);
  });
});

describe('RFC1123Z', () => {
  it("formats in Go's RFC1123Z layout, in UTC", () => {
    expect(formatRFC1123Z(Date.parse('2024-09-09T18:42:24Z'))).toBe('Mon, 09 Sep 2024 18:42:24 +0000');
    expect(formatRFC1123Z(Date.parse('2006-01-02T15:04:05-07:00'))).toBe('Mon, 02 Jan 2006 22:04:05 +0000');
    expect(formatTimestampRFC1123Z('2025-03-01T00:00:09.5Z')).toBe('Sat, 01 Mar 2025 00:00:09 +0000');
  });

  it("prints Go's zero time for a missing timestamp", () => {
    expect(formatTimestampRFC1123Z(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
  });
});
