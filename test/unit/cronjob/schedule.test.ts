/**
 * Cron parsing and next-activation times, ported from robfig/cron v3 `parser_test.go`
 * (TestRange, TestField, TestAll/TestBits, TestParseScheduleErrors, TestParseSchedule,
 * TestStandardSpecSchedule) and `spec_test.go` (TestActivation, TestNext, TestErrors,
 * TestNextWithTz, TestSlash0NoHang). robfig's TestNext uses its seconds-first test parser; it runs
 * here with `parseSchedule(spec, { seconds: true })`. Cases that rely on `time.Local` being the
 * zone of the time given name that zone with `TZ=` (jobsim has no local zone). Cases for the `L`
 * (last day of month) syntax of later robfig versions are left out: Kubernetes vendors v3.0.1.
 */
import { describe, expect, it } from 'vitest';
import {
  allBits,
  ConstantDelaySchedule,
  DOM,
  DOW,
  formatRFC1123Z,
  formatRFC3339,
  GO_ZERO_TIME,
  getBits,
  getField,
  getRange,
  goParseDuration,
  HOURS,
  loadLocation,
  MINUTES,
  MONTHS,
  parseSchedule,
  parseStandard,
  type SpecSchedule,
  STAR_BIT,
  UTC,
} from '../../../src/controllers/cronjob/schedule.js';

const MONTHS_BY_NAME: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

/** robfig's `getTime`: `Mon Jan 2 15:04[:05] 2006` in UTC, or `2006-01-02T15:04:05-0700`. */
function getTime(value: string): number {
  if (value === '') return GO_ZERO_TIME;
  const m = /^\w+ (\w+) (\d+) (\d+):(\d+)(?::(\d+))? (\d+)$/.exec(value);
  if (m) {
    return Date.UTC(
      Number(m[6]),
      MONTHS_BY_NAME[m[1]!]!,
      Number(m[2]),
      Number(m[3]),
      Number(m[4]),
      Number(m[5] ?? 0),
    );
  }
  const iso = /^(.*)([+-]\d\d)(\d\d)$/.exec(value);
  if (!iso) throw new Error(`bad time ${value}`);
  return Date.parse(`${iso[1]}${iso[2]}:${iso[3]}`);
}

const b = (...xs: number[]) => xs.reduce((a, x) => a | (1n << BigInt(x)), 0n);

describe('robfig/cron parser_test.go', () => {
  it('TestRange', () => {
    const ok: Array<[string, number, number, bigint]> = [
      ['5', 0, 7, b(5)],
      ['0', 0, 7, b(0)],
      ['7', 0, 7, b(7)],
      ['5-5', 0, 7, b(5)],
      ['5-6', 0, 7, b(5, 6)],
      ['5-7', 0, 7, b(5, 6, 7)],
      ['5-6/2', 0, 7, b(5)],
      ['5-7/2', 0, 7, b(5, 7)],
      ['5-7/1', 0, 7, b(5, 6, 7)],
      ['*', 1, 3, b(1, 2, 3) | STAR_BIT],
      ['*/2', 1, 3, b(1, 3)],
    ];
    for (const [expr, min, max, expected] of ok) expect(getRange(expr, { min, max }), expr).toBe(expected);
    const bad: Array<[string, number, number, string]> = [
      ['5--5', 0, 0, 'too many hyphens'],
      ['jan-x', 0, 0, 'failed to parse int from'],
      ['2-x', 1, 5, 'failed to parse int from'],
      ['*/-12', 0, 0, 'negative number'],
      ['*//2', 0, 0, 'too many slashes'],
      ['1', 3, 5, 'below minimum'],
      ['6', 3, 5, 'above maximum'],
      ['5-3', 3, 5, 'beyond end of range'],
      ['*/0', 0, 0, 'should be a positive number'],
    ];
    for (const [expr, min, max, err] of bad) expect(() => getRange(expr, { min, max }), expr).toThrow(err);
  });

  it('TestRange error texts are robfig/Go wording', () => {
    expect(() => getRange('2-x', { min: 1, max: 5 })).toThrow(
      'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax',
    );
    expect(() => getRange('*/-12', { min: 0, max: 0 })).toThrow('negative number (-12) not allowed: -12');
    expect(() => getRange('5-3', { min: 3, max: 5 })).toThrow(
      'beginning of range (5) beyond end of range (3): 5-3',
    );
    expect(() => getRange('1', { min: 3, max: 5 })).toThrow('beginning of range (1) below minimum (3): 1');
    expect(() => getRange('99999999999999999999', MINUTES)).toThrow(
      'failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range',
    );
  });

  it('TestField', () => {
    const cases: Array<[string, number, number, bigint]> = [
      ['5', 1, 7, b(5)],
      ['5,6', 1, 7, b(5, 6)],
      ['5,6,7', 1, 7, b(5, 6, 7)],
      ['1,5-7/2,3', 1, 7, b(1, 5, 7, 3)],
    ];
    for (const [expr, min, max, expected] of cases) expect(getField(expr, { min, max }), expr).toBe(expected);
  });

  it('TestAll and TestBits', () => {
    expect(allBits(MINUTES)).toBe(0xfffffffffffffffn | STAR_BIT);
    expect(allBits(HOURS)).toBe(0xffffffn | STAR_BIT);
    expect(allBits(DOM)).toBe(0xfffffffen | STAR_BIT);
    expect(allBits(MONTHS)).toBe(0x1ffen | STAR_BIT);
    expect(allBits(DOW)).toBe(0x7fn | STAR_BIT);
    expect(getBits(0, 0, 1)).toBe(0x1n);
    expect(getBits(1, 1, 1)).toBe(0x2n);
    expect(getBits(1, 5, 2)).toBe(0x2an);
    expect(getBits(1, 4, 2)).toBe(0xan);
  });

  it('TestParseScheduleErrors', () => {
    const cases: Array<[string, string]> = [
      ['* 5 j * * *', 'failed to parse int from'],
      ['@every Xm', 'failed to parse duration'],
      ['@unrecognized', 'unrecognized descriptor'],
      ['* * * *', 'expected 5 to 6 fields'],
      ['', 'empty spec string'],
    ];
    for (const [expr, err] of cases) expect(() => parseSchedule(expr, { seconds: true }), expr).toThrow(err);
  });

  it('TestParseSchedule', () => {
    const tokyo = loadLocation('Asia/Tokyo');
    const every5min = (s: SpecSchedule) => {
      expect(s.second).toBe(1n);
      expect(s.minute).toBe(1n << 5n);
      expect(s.hour).toBe(allBits(HOURS));
      expect(s.dom).toBe(allBits(DOM));
      expect(s.month).toBe(allBits(MONTHS));
      expect(s.dow).toBe(allBits(DOW));
    };
    const spec = (x: unknown) => x as SpecSchedule;
    every5min(spec(parseSchedule('0 5 * * * *', { seconds: true })));
    every5min(spec(parseStandard('5 * * * *')));
    expect(spec(parseSchedule('CRON_TZ=UTC  0 5 * * * *', { seconds: true })).location).toBe(UTC);
    every5min(spec(parseStandard('CRON_TZ=UTC  5 * * * *')));
    expect(spec(parseSchedule('CRON_TZ=Asia/Tokyo 0 5 * * * *', { seconds: true })).location).toBe(tokyo);
    expect(parseSchedule('@every 5m', { seconds: true })).toEqual(new ConstantDelaySchedule(300_000));
    const midnight = spec(parseSchedule('@midnight', { seconds: true }));
    expect([midnight.second, midnight.minute, midnight.hour]).toEqual([1n, 1n, 1n]);
    expect(spec(parseSchedule('TZ=Asia/Tokyo @midnight', { seconds: true })).location).toBe(tokyo);
    for (const d of ['@yearly', '@annually']) {
      const a = spec(parseStandard(d));
      expect([a.second, a.minute, a.hour, a.dom, a.month, a.dow]).toEqual([1n, 1n, 1n, 2n, 2n, allBits(DOW)]);
    }
    const s = spec(parseSchedule('* 5 * * * *', { seconds: true }));
    expect(s.second).toBe(allBits({ min: 0, max: 59 }));
  });

  it('TestStandardSpecSchedule', () => {
    const s = parseStandard('5 * * * *') as SpecSchedule;
    expect([s.second, s.minute]).toEqual([1n, 1n << 5n]);
    expect(parseStandard('@every 5m')).toEqual(new ConstantDelaySchedule(300_000));
    expect(() => parseStandard('5 j * * *')).toThrow('failed to parse int from');
    expect(() => parseStandard('* * * *')).toThrow('expected exactly 5 fields, found 4: [* * * *]');
  });

  it('API server wording of ParseStandard errors (validation messages)', () => {
    expect(() => parseStandard('error')).toThrow('expected exactly 5 fields, found 1: [error]');
    expect(() => parseStandard('0-60 * * * *')).toThrow('end of range (60) above maximum (59): 0-60');
    expect(() => parseStandard('@foo')).toThrow('unrecognized descriptor: @foo');
    expect(() => parseStandard('@every 5x')).toThrow(
      'failed to parse duration @every 5x: time: unknown unit "x" in duration "5x"',
    );
    expect(() => parseStandard('@every 5')).toThrow(
      'failed to parse duration @every 5: time: missing unit in duration "5"',
    );
    expect(() => parseStandard('TZ=Mars/Base 0 * * * *')).toThrow(
      'provided bad location Mars/Base: unknown time zone Mars/Base',
    );
    expect(() => parseStandard('* * * * MON-FRI,sun')).not.toThrow();
    expect(() => parseStandard('0 0 ? JAN-dec *')).not.toThrow();
  });
});

describe('robfig/cron spec_test.go', () => {
  it('TestActivation', () => {
    const tests: Array<[string, string, boolean]> = [
      // Every fifteen minutes.
      ['Mon Jul 9 15:00 2012', '0/15 * * * *', true],
      ['Mon Jul 9 15:45 2012', '0/15 * * * *', true],
      ['Mon Jul 9 15:40 2012', '0/15 * * * *', false],
      // Every fifteen minutes, starting at 5 minutes.
      ['Mon Jul 9 15:05 2012', '5/15 * * * *', true],
      ['Mon Jul 9 15:20 2012', '5/15 * * * *', true],
      ['Mon Jul 9 15:50 2012', '5/15 * * * *', true],
      // Named months
      ['Sun Jul 15 15:00 2012', '0/15 * * Jul *', true],
      ['Sun Jul 15 15:00 2012', '0/15 * * Jun *', false],
      // Everything set.
      ['Sun Jul 15 08:30 2012', '30 08 ? Jul Sun', true],
      ['Sun Jul 15 08:30 2012', '30 08 15 Jul ?', true],
      ['Mon Jul 16 08:30 2012', '30 08 ? Jul Sun', false],
      ['Mon Jul 16 08:30 2012', '30 08 15 Jul ?', false],
      // Predefined schedules
      ['Mon Jul 9 15:00 2012', '@hourly', true],
      ['Mon Jul 9 15:04 2012', '@hourly', false],
      ['Mon Jul 9 15:00 2012', '@daily', false],
      ['Mon Jul 9 00:00 2012', '@daily', true],
      ['Mon Jul 9 00:00 2012', '@weekly', false],
      ['Sun Jul 8 00:00 2012', '@weekly', true],
      ['Sun Jul 8 01:00 2012', '@weekly', false],
      ['Sun Jul 8 00:00 2012', '@monthly', false],
      ['Sun Jul 1 00:00 2012', '@monthly', true],
      // Test interaction of DOW and DOM. If both are restricted, then only one needs to match.
      ['Sun Jul 15 00:00 2012', '* * 1,15 * Sun', true],
      ['Fri Jun 15 00:00 2012', '* * 1,15 * Sun', true],
      ['Wed Aug 1 00:00 2012', '* * 1,15 * Sun', true],
      ['Sun Jul 15 00:00 2012', '* * */10 * Sun', true], // verifies #70
      // However, if one has a star, then both need to match.
      ['Sun Jul 15 00:00 2012', '* * * * Mon', false],
      ['Mon Jul 9 00:00 2012', '* * 1,15 * *', false],
      ['Sun Jul 15 00:00 2012', '* * 1,15 * *', true],
      ['Sun Jul 15 00:00 2012', '* * */2 * Sun', true],
    ];
    for (const [time, spec, expected] of tests) {
      const t = getTime(time);
      const actual = parseStandard(spec).next(t - 1000);
      expect(actual === t, `${spec} on ${time}`).toBe(expected);
    }
  });

  it('TestNext', () => {
    const NY = 'TZ=America/New_York ';
    const runs: Array<[string, string, string]> = [
      // Simple cases
      ['Mon Jul 9 14:45 2012', '0 0/15 * * *', 'Mon Jul 9 15:00 2012'],
      ['Mon Jul 9 14:59 2012', '0 0/15 * * *', 'Mon Jul 9 15:00 2012'],
      ['Mon Jul 9 14:59:59 2012', '0 0/15 * * *', 'Mon Jul 9 15:00 2012'],
      // Wrap around hours
      ['Mon Jul 9 15:45 2012', '0 20-35/15 * * *', 'Mon Jul 9 16:20 2012'],
      // Wrap around days
      ['Mon Jul 9 23:46 2012', '0 */15 * * *', 'Tue Jul 10 00:00 2012'],
      ['Mon Jul 9 23:45 2012', '0 20-35/15 * * *', 'Tue Jul 10 00:20 2012'],
      ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 * * *', 'Tue Jul 10 00:20:15 2012'],
      ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 1/2 * *', 'Tue Jul 10 01:20:15 2012'],
      ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 10-12 * *', 'Tue Jul 10 10:20:15 2012'],
      ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 1/2 */2 * *', 'Thu Jul 11 01:20:15 2012'],
      ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 * 9-20 * *', 'Wed Jul 10 00:20:15 2012'],
      ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 * 9-20 Jul *', 'Wed Jul 10 00:20:15 2012'],
      // Wrap around months
      ['Mon Jul 9 23:35 2012', '0 0 0 9 Apr-Oct ?', 'Thu Aug 9 00:00 2012'],
      ['Mon Jul 9 23:35 2012', '0 0 0 */5 Apr,Aug,Oct Mon', 'Tue Aug 1 00:00 2012'],
      ['Mon Jul 9 23:35 2012', '0 0 0 */5 Oct Mon', 'Mon Oct 1 00:00 2012'],
      // Wrap around years
      ['Mon Jul 9 23:35 2012', '0 0 0 * Feb Mon', 'Mon Feb 4 00:00 2013'],
      ['Mon Jul 9 23:35 2012', '0 0 0 * Feb Mon/2', 'Fri Feb 1 00:00 2013'],
      // Wrap around minute, hour, day, month, and year
      ['Mon Dec 31 23:59:45 2012', '0 * * * * *', 'Tue Jan 1 00:00:00 2013'],
      // Leap year
      ['Mon Jul 9 23:35 2012', '0 0 0 29 Feb ?', 'Mon Feb 29 00:00 2016'],
      // Daylight savings time 2am EST (-5) -> 3am EDT (-4)
      ['2012-03-11T00:00:00-0500', `${NY}0 30 2 11 Mar ?`, '2013-03-11T02:30:00-0400'],
      // hourly job
      ['2012-03-11T00:00:00-0500', `${NY}0 0 * * * ?`, '2012-03-11T01:00:00-0500'],
      ['2012-03-11T01:00:00-0500', `${NY}0 0 * * * ?`, '2012-03-11T03:00:00-0400'],
      ['2012-03-11T03:00:00-0400', `${NY}0 0 * * * ?`, '2012-03-11T04:00:00-0400'],
      ['2012-03-11T04:00:00-0400', `${NY}0 0 * * * ?`, '2012-03-11T05:00:00-0400'],
      // 1am nightly job
      ['2012-03-11T00:00:00-0500', `${NY}0 0 1 * * ?`, '2012-03-11T01:00:00-0500'],
      ['2012-03-11T01:00:00-0500', `${NY}0 0 1 * * ?`, '2012-03-12T01:00:00-0400'],
      // 2am nightly job (skipped)
      ['2012-03-11T00:00:00-0500', `${NY}0 0 2 * * ?`, '2012-03-12T02:00:00-0400'],
      // Daylight savings time 2am EDT (-4) => 1am EST (-5)
      ['2012-11-04T00:00:00-0400', `${NY}0 30 2 04 Nov ?`, '2012-11-04T02:30:00-0500'],
      ['2012-11-04T01:45:00-0400', `${NY}0 30 1 04 Nov ?`, '2012-11-04T01:30:00-0500'],
      // hourly job
      ['2012-11-04T00:00:00-0400', `${NY}0 0 * * * ?`, '2012-11-04T01:00:00-0400'],
      ['2012-11-04T01:00:00-0400', `${NY}0 0 * * * ?`, '2012-11-04T01:00:00-0500'],
      ['2012-11-04T01:00:00-0500', `${NY}0 0 * * * ?`, '2012-11-04T02:00:00-0500'],
      // 1am nightly job (runs twice)
      ['2012-11-04T00:00:00-0400', `${NY}0 0 1 * * ?`, '2012-11-04T01:00:00-0400'],
      ['2012-11-04T01:00:00-0400', `${NY}0 0 1 * * ?`, '2012-11-04T01:00:00-0500'],
      ['2012-11-04T01:00:00-0500', `${NY}0 0 1 * * ?`, '2012-11-05T01:00:00-0500'],
      // 2am nightly job
      ['2012-11-04T00:00:00-0400', `${NY}0 0 2 * * ?`, '2012-11-04T02:00:00-0500'],
      ['2012-11-04T02:00:00-0500', `${NY}0 0 2 * * ?`, '2012-11-05T02:00:00-0500'],
      // 3am nightly job
      ['2012-11-04T00:00:00-0400', `${NY}0 0 3 * * ?`, '2012-11-04T03:00:00-0500'],
      ['2012-11-04T03:00:00-0500', `${NY}0 0 3 * * ?`, '2012-11-05T03:00:00-0500'],
      // hourly job using CRON_TZ
      ['2012-03-11T01:00:00-0500', 'CRON_TZ=America/New_York 0 0 * * * ?', '2012-03-11T03:00:00-0400'],
      // Unsatisfiable
      ['Mon Jul 9 23:35 2012', '0 0 0 30 Feb ?', ''],
      ['Mon Jul 9 23:35 2012', '0 0 0 31 Apr ?', ''],
      // Monthly job
      ['2012-11-04T00:00:00-0400', `${NY}0 0 3 3 * ?`, '2012-12-03T03:00:00-0500'],
      // DST making midnight not a valid time (robfig/cron#157)
      ['2018-10-17T05:00:00-0400', 'TZ=America/Sao_Paulo 0 0 9 10 * ?', '2018-11-10T06:00:00-0500'],
      ['2018-02-14T05:00:00-0500', 'TZ=America/Sao_Paulo 0 0 9 22 * ?', '2018-02-22T07:00:00-0500'],
    ];
    for (const [time, spec, expected] of runs) {
      const actual = parseSchedule(spec, { seconds: true }).next(getTime(time));
      expect(new Date(actual).toISOString(), `${time} "${spec}"`).toBe(
        new Date(getTime(expected)).toISOString(),
      );
    }
  });

  it('TestErrors', () => {
    for (const spec of ['xyz', '60 0 * * *', '0 60 * * *', '0 0 * * XYZ']) {
      expect(() => parseStandard(spec), spec).toThrow();
    }
  });

  it('TestSlash0NoHang', () => {
    expect(() => parseStandard('TZ=America/New_York 15/0 * * * *')).toThrow(
      'step of range should be a positive number: 15/0',
    );
  });

  it('TestNextWithTz', () => {
    const runs: Array<[string, string, string]> = [
      ['2016-01-03T13:09:03+0530', '14 14 * * *', '2016-01-03T14:14:00+0530'],
      ['2016-01-03T04:09:03+0530', '14 14 * * ?', '2016-01-03T14:14:00+0530'],
      ['2016-01-03T14:09:03+0530', '14 14 * * *', '2016-01-03T14:14:00+0530'],
      ['2016-01-03T14:00:00+0530', '14 14 * * ?', '2016-01-03T14:14:00+0530'],
    ];
    // The schedule is local to the time given (+05:30): Asia/Kolkata.
    for (const [time, spec, expected] of runs) {
      const actual = parseStandard(`TZ=Asia/Kolkata ${spec}`).next(getTime(time));
      expect(actual, `${time} ${spec}`).toBe(getTime(expected));
    }
  });
});

describe('standard schedules in an IANA time zone across DST (America/New_York, 2026)', () => {
  const ny = loadLocation('America/New_York');
  const nextIn = (spec: string, from: string) =>
    formatRFC3339(parseStandard(`TZ=America/New_York ${spec}`).next(Date.parse(from)), ny);

  it('spring forward (2026-03-08): 02:30 does not exist that day and is skipped', () => {
    expect(nextIn('30 2 * * *', '2026-03-07T08:00:00Z')).toBe('2026-03-09T02:30:00-04:00');
    expect(nextIn('30 2 * * *', '2026-03-06T08:00:00Z')).toBe('2026-03-07T02:30:00-05:00');
  });

  it('spring forward: hourly goes 01:00 EST -> 03:00 EDT', () => {
    expect(nextIn('0 * * * *', '2026-03-08T06:00:00Z')).toBe('2026-03-08T03:00:00-04:00');
  });

  it('fall back (2026-11-01): 01:30 happens twice', () => {
    expect(nextIn('30 1 * * *', '2026-11-01T04:00:00Z')).toBe('2026-11-01T01:30:00-04:00');
    expect(nextIn('30 1 * * *', '2026-11-01T05:30:00Z')).toBe('2026-11-01T01:30:00-05:00');
    expect(nextIn('30 1 * * *', '2026-11-01T06:30:00Z')).toBe('2026-11-02T01:30:00-05:00');
  });

  it('every 5 minutes keeps a 5-minute rhythm through the overlap', () => {
    let t = Date.parse('2026-11-01T05:50:00Z');
    const s = parseStandard('TZ=America/New_York */5 * * * *');
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      t = s.next(t);
      seen.push(new Date(t).toISOString());
    }
    expect(seen).toEqual([
      '2026-11-01T05:55:00.000Z',
      '2026-11-01T06:00:00.000Z',
      '2026-11-01T06:05:00.000Z',
      '2026-11-01T06:10:00.000Z',
    ]);
  });

  it('Asia/Kathmandu (+05:45) and a zone with no DST', () => {
    const k = loadLocation('Asia/Kathmandu');
    const t = parseStandard('TZ=Asia/Kathmandu 0 9 * * *').next(Date.parse('2026-01-01T00:00:00Z'));
    expect(formatRFC3339(t, k)).toBe('2026-01-01T09:00:00+05:45');
    expect(new Date(t).toISOString()).toBe('2026-01-01T03:15:00.000Z');
  });
});

describe('time zones and Go formatting', () => {
  it('loadLocation: exact IANA names only, Go error text', () => {
    expect(loadLocation('').name).toBe('UTC');
    expect(loadLocation('Local')).toBe(UTC);
    expect(loadLocation('Europe/Rome').name).toBe('Europe/Rome');
    expect(loadLocation('US/Eastern').name).toBe('US/Eastern');
    expect(() => loadLocation('Continent/InvalidZone')).toThrow('unknown time zone Continent/InvalidZone');
    expect(() => loadLocation('america/new_york')).toThrow('unknown time zone america/new_york');
    expect(() => loadLocation('utc')).toThrow('unknown time zone utc');
    expect(() => loadLocation('../etc/passwd')).toThrow('time: invalid location name');
  });

  it('RFC 3339 (Z for zero offsets) and RFC 1123Z', () => {
    expect(formatRFC3339(Date.parse('2026-01-01T00:00:00Z'), UTC)).toBe('2026-01-01T00:00:00Z');
    expect(formatRFC3339(Date.parse('2026-01-01T00:00:00Z'), loadLocation('Europe/London'))).toBe(
      '2026-01-01T00:00:00Z',
    );
    expect(formatRFC3339(Date.parse('2026-01-01T00:00:00Z'), loadLocation('Asia/Seoul'))).toBe(
      '2026-01-01T09:00:00+09:00',
    );
    expect(formatRFC1123Z(Date.parse('2026-03-08T07:00:00Z'))).toBe('Sun, 08 Mar 2026 07:00:00 +0000');
  });

  it('@every: Go durations, rounded down to whole seconds, at least one second', () => {
    expect(goParseDuration('1h30m')).toBe(5_400_000_000_000n);
    expect(goParseDuration('1.5s')).toBe(1_500_000_000n);
    expect(goParseDuration('-2m')).toBe(-120_000_000_000n);
    expect(() => goParseDuration('Xm')).toThrow('time: invalid duration "Xm"');
    expect(parseStandard('@every 1500ms')).toEqual(new ConstantDelaySchedule(1000));
    expect(parseStandard('@every 10ms')).toEqual(new ConstantDelaySchedule(1000));
    expect(parseStandard('@every 90s').next(Date.parse('2026-01-01T00:00:00.700Z'))).toBe(
      Date.parse('2026-01-01T00:01:30Z'),
    );
  });
});
