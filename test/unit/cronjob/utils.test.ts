/**
 * Ported from upstream `pkg/controller/cronjob/utils_test.go` (v1.34): TestMostRecentScheduleTime,
 * TestNextScheduleTimeDuration, TestNextScheduleTime, TestByJobStartTime, TestGetJobFromTemplate2.
 */
import { describe, expect, it } from 'vitest';
import type { CronJob, Job } from '../../../src/api/types.js';
import { parseStandard } from '../../../src/controllers/cronjob/schedule.js';
import {
  byJobStartTime,
  CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION,
  getJobFromTemplate2,
  mostRecentScheduleTime,
  NEXT_SCHEDULE_DELTA_MS,
  nextScheduleTime,
  nextScheduleTimeDuration,
} from '../../../src/controllers/cronjob/utils.js';

const TOP = Date.parse('2016-05-19T10:00:00Z');
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (d: number) => TOP + d;
const ts = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function cj(opts: { created: number; schedule: string; last?: number; sds?: number }): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'mycronjob', namespace: 'default', uid: '1a2b3c', creationTimestamp: ts(opts.created) },
    spec: {
      schedule: opts.schedule,
      ...(opts.sds !== undefined ? { startingDeadlineSeconds: opts.sds } : {}),
      jobTemplate: {},
    },
    status: opts.last !== undefined ? { lastScheduleTime: ts(opts.last) } : {},
  };
}

describe('TestMostRecentScheduleTime', () => {
  const cases: Array<{
    name: string;
    cj: CronJob;
    includeSDS?: boolean;
    now: number;
    earliest: number;
    recent: number | undefined;
    missed?: 'none' | 'few' | 'many';
    wantErr?: boolean;
  }> = [
    {
      name: 'now before next schedule',
      cj: cj({ created: TOP, schedule: '0 * * * *' }),
      now: at(30_000),
      earliest: TOP,
      recent: undefined,
    },
    {
      name: 'now just after next schedule',
      cj: cj({ created: TOP, schedule: '0 * * * *' }),
      now: at(61 * MIN),
      earliest: TOP,
      recent: at(60 * MIN),
    },
    {
      name: 'missed 5 schedules',
      cj: cj({ created: at(10_000), schedule: '0 * * * *' }),
      now: at(301 * MIN),
      earliest: at(10_000),
      recent: at(300 * MIN),
      missed: 'few',
    },
    {
      name: 'complex schedule',
      cj: cj({ created: TOP, schedule: '30 6-16/4 * * 1-5', last: at(30 * MIN) }),
      now: at(DAY + 31 * MIN),
      earliest: at(30 * MIN),
      recent: at(DAY + 30 * MIN),
      missed: 'few',
    },
    {
      name: 'another complex schedule',
      cj: cj({ created: TOP, schedule: '30 10,11,12 * * 1-5', last: at(30 * MIN) }),
      now: at(30 * HOUR + 30 * MIN),
      earliest: at(30 * MIN),
      recent: undefined,
      missed: 'few',
    },
    {
      name: 'complex schedule with longer diff between executions',
      cj: cj({ created: TOP, schedule: '30 6-16/4 * * 1-5', last: at(30 * MIN) }),
      now: at(96 * HOUR + 31 * MIN),
      earliest: at(30 * MIN),
      recent: at(96 * HOUR + 30 * MIN),
      missed: 'few',
    },
    {
      name: 'complex schedule with shorter diff between executions',
      cj: cj({ created: TOP, schedule: '30 6-16/4 * * 1-5' }),
      now: at(DAY + 31 * MIN),
      earliest: TOP,
      recent: at(DAY + 30 * MIN),
      missed: 'few',
    },
    {
      name: '@every schedule',
      cj: cj({ created: at(-59 * MIN), schedule: '@every 1h', sds: 10, last: at(MIN) }),
      now: at(7 * DAY),
      earliest: at(MIN),
      recent: at(6 * DAY + 23 * HOUR + MIN),
      missed: 'many',
    },
    {
      name: 'rogue cronjob',
      cj: cj({ created: at(10_000), schedule: '59 23 31 2 *' }),
      now: at(HOUR),
      earliest: at(10_000),
      recent: undefined,
      wantErr: true,
    },
    {
      name: 'earliestTime being CreationTimestamp and LastScheduleTime',
      cj: cj({ created: TOP, schedule: '0 * * * *', last: TOP }),
      now: at(30_000),
      earliest: TOP,
      recent: undefined,
    },
    {
      name: 'earliestTime being LastScheduleTime',
      cj: cj({ created: TOP, schedule: '*/5 * * * *', last: at(30 * MIN) }),
      now: at(31 * MIN),
      earliest: at(30 * MIN),
      recent: undefined,
    },
    {
      name: 'earliestTime being LastScheduleTime (within StartingDeadlineSeconds)',
      cj: cj({ created: TOP, schedule: '*/5 * * * *', last: at(30 * MIN), sds: 60 }),
      now: at(31 * MIN),
      earliest: at(30 * MIN),
      recent: undefined,
    },
    {
      name: 'earliestTime being LastScheduleTime (outside StartingDeadlineSeconds)',
      cj: cj({ created: TOP, schedule: '*/5 * * * *', last: at(30 * MIN), sds: 60 }),
      includeSDS: true,
      now: at(32 * MIN),
      earliest: at(31 * MIN),
      recent: undefined,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = mostRecentScheduleTime(
        c.cj,
        c.now,
        parseStandard(c.cj.spec!.schedule),
        c.includeSDS ?? false,
      );
      if (c.wantErr) {
        expect(r.error).toBe('time difference between two schedules is less than 1 second');
        return;
      }
      expect(r.error).toBeUndefined();
      expect(r.earliest).toBe(c.earliest);
      expect(r.mostRecent).toBe(c.recent);
      expect(r.missed).toBe(c.missed ?? 'none');
    });
  }
});

describe('TestNextScheduleTimeDuration', () => {
  const cases: Array<[string, CronJob, number, number]> = [
    [
      'complex schedule skipping weekend',
      cj({ created: TOP, schedule: '30 6-16/4 * * 1-5', last: at(30 * MIN) }),
      at(DAY + 31 * MIN),
      3 * HOUR + 59 * MIN,
    ],
    [
      'another complex schedule skipping weekend',
      cj({ created: TOP, schedule: '30 10,11,12 * * 1-5', last: at(30 * MIN) }),
      at(30 * HOUR + 30 * MIN),
      66 * HOUR,
    ],
    [
      'once a week cronjob, missed two runs',
      cj({ created: TOP, schedule: '0 12 * * 4', last: at(2 * HOUR) }),
      at(19 * DAY + HOUR + 30 * MIN),
      48 * HOUR + 30 * MIN,
    ],
    ['no previous run of a cronjob', cj({ created: TOP, schedule: '0 12 * * 5' }), at(6 * HOUR), 20 * HOUR],
  ];
  for (const [name, c, now, expected] of cases) {
    it(name, () => {
      expect(nextScheduleTimeDuration(c, now, parseStandard(c.spec!.schedule))).toBe(
        expected + NEXT_SCHEDULE_DELTA_MS,
      );
    });
  }
});

describe('TestNextScheduleTime (schedule "0 * * * ?")', () => {
  const sched = parseStandard('0 * * * ?');
  const T1 = TOP;
  const T2 = at(HOUR);
  it('Case 1: no known start times, and none needed yet', () => {
    expect(
      nextScheduleTime(cj({ created: T1 - 10 * MIN, schedule: '0 * * * ?' }), T1 - 7 * MIN, sched).time,
    ).toBeUndefined();
  });
  it('Case 2: no known start times, and one needed', () => {
    expect(
      nextScheduleTime(cj({ created: T1 - 10 * MIN, schedule: '0 * * * ?' }), T1 + 2000, sched).time,
    ).toBe(T1);
  });
  it('Case 3: known LastScheduleTime, no start needed', () => {
    const c = cj({ created: T1 - 10 * MIN, schedule: '0 * * * ?', last: T1 });
    expect(nextScheduleTime(c, T1 + 2 * MIN, sched).time).toBeUndefined();
  });
  it('Case 4: known LastScheduleTime, a start needed', () => {
    const c = cj({ created: T1 - 10 * MIN, schedule: '0 * * * ?', last: T1 });
    expect(nextScheduleTime(c, T2 + 5 * MIN, sched).time).toBe(T2);
  });
  it('Case 5: known LastScheduleTime, two starts needed', () => {
    const c = cj({ created: T1 - 2 * HOUR, schedule: '0 * * * ?', last: T1 - HOUR });
    expect(nextScheduleTime(c, T2 + 5 * MIN, sched).time).toBe(T2);
  });
  it('Case 6: now is way way ahead of last start time, and there is no deadline', () => {
    const c = cj({ created: T1 - 2 * HOUR, schedule: '0 * * * ?', last: T1 - HOUR });
    const r = nextScheduleTime(c, T2 + 10 * DAY, sched);
    expect(r.time).toBe(T2 + 10 * DAY);
    expect(r.tooManyMissed).toBe(true);
  });
  it('Case 7: now is way way ahead of last start time, but there is a short deadline', () => {
    const c = cj({ created: T1 - 2 * HOUR, schedule: '0 * * * ?', last: T1 - HOUR, sds: 2 * 60 * 60 });
    const r = nextScheduleTime(c, T2 + 10 * DAY, sched);
    expect(r.time).toBe(T2 + 10 * DAY);
    expect(r.tooManyMissed).toBe(false);
  });
  it('Case 8: ensure the error from mostRecentScheduleTime gets populated up', () => {
    const c = cj({ created: T1 + 10_000, schedule: '59 23 31 2 *' });
    const r = nextScheduleTime(c, at(HOUR), parseStandard('59 23 31 2 *'));
    expect(r.time).toBeUndefined();
    expect(r.error).toBeDefined();
  });
});

describe('TestByJobStartTime', () => {
  const now = '2018-01-01T02:03:04Z';
  const later = '2019-01-01T02:03:04Z';
  const job = (name: string, startTime?: string): Job => ({
    metadata: { name },
    status: startTime ? { startTime } : {},
  });
  const aNil = job('a');
  const bNil = job('b');
  const aSet = job('a', now);
  const bSet = job('b', now);
  const aSetLater = job('a', later);
  const cases: Array<[string, Job[], Job[]]> = [
    ['both have nil start times', [bNil, aNil], [aNil, bNil]],
    ['only the first has a nil start time', [aNil, bSet], [bSet, aNil]],
    ['only the second has a nil start time', [aSet, bNil], [aSet, bNil]],
    ['both have non-nil, equal start time', [bSet, aSet], [aSet, bSet]],
    ['both have non-nil, different start time', [aSetLater, bSet], [bSet, aSetLater]],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      expect([...input].sort(byJobStartTime)).toEqual(expected);
    });
  }
});

describe('TestGetJobFromTemplate2', () => {
  const base: CronJob = {
    metadata: { name: 'mycronjob', namespace: 'snazzycats', uid: '1a2b3c' },
    spec: {
      schedule: '* * * * ?',
      concurrencyPolicy: 'Allow',
      jobTemplate: {
        metadata: { labels: { a: 'b' } },
        spec: {
          activeDeadlineSeconds: 1,
          manualSelector: false,
          template: {
            metadata: { labels: { foo: 'bar' } },
            spec: { containers: [{ name: 'c', image: 'foo/bar' }] },
          },
        },
      },
    },
  };
  const scheduled = TOP;
  const cases: Array<[string, string | undefined, Record<string, string>, string, number]> = [
    ['UTC timezone and one annotation', 'UTC', { x: 'y' }, '2016-05-19T10:00:00Z', 2],
    ['nil timezone and one annotation', undefined, { x: 'y' }, '2016-05-19T10:00:00Z', 2],
    [
      'correct timezone and multiple annotation',
      'Europe/Rome',
      { x: 'y', z: 'x' },
      '2016-05-19T12:00:00+02:00',
      3,
    ],
  ];
  for (const [name, tz, annotations, expectedTs, n] of cases) {
    it(name, () => {
      const c: CronJob = {
        ...base,
        spec: {
          ...base.spec!,
          ...(tz !== undefined ? { timeZone: tz } : {}),
          jobTemplate: { ...base.spec!.jobTemplate, metadata: { labels: { a: 'b' }, annotations } },
        },
      };
      const job = getJobFromTemplate2(c, scheduled);
      expect(job.metadata?.name).toBe(`mycronjob-${Math.floor(scheduled / 60_000)}`);
      expect(Object.keys(job.metadata?.labels ?? {})).toHaveLength(1);
      expect(Object.keys(job.metadata?.annotations ?? {})).toHaveLength(n);
      expect(job.metadata?.annotations?.[CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]).toBe(expectedTs);
      expect(job.metadata?.ownerReferences).toEqual([
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: 'mycronjob',
          uid: '1a2b3c',
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
      expect(job.spec).toEqual(base.spec!.jobTemplate.spec);
      expect(job.spec).not.toBe(base.spec!.jobTemplate.spec);
    });
  }
});
