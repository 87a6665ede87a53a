/**
 * The CronJob controller end to end in a simulated cluster (Job controller, scheduler, kubelet,
 * garbage collector). Each test names the upstream test it mirrors: cases of
 * `pkg/controller/cronjob/cronjob_controllerv2_test.go` TestControllerV2SyncCronJob, and
 * `test/e2e/apps/cronjob.go` (e2e "CronJob should ...").
 */
import { describe, expect, it } from 'vitest';
import type { CronJob, Job } from '../../../src/api/types.js';
import { installCronJobs } from '../../../src/controllers/cronjob/index.js';
import type { BehaviorRule } from '../../../src/kubelet/behaviors.js';
import { Simulation } from '../../../src/simulation.js';

const MIN = 60_000;

function newSim(options: { behaviors?: BehaviorRule[]; startTime?: string; limit?: string } = {}) {
  const sim = new Simulation({
    nodes: 1,
    limit: options.limit ?? '100h',
    behaviors: options.behaviors ?? [],
    ...(options.startTime ? { startTime: options.startTime } : {}),
  });
  installCronJobs(sim.engine, sim.store, sim.api);
  return sim;
}

function cronJob(name: string, spec: Record<string, unknown>, container = 'c'): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: '* * * * *',
      jobTemplate: {
        spec: {
          backoffLimit: 0,
          template: {
            spec: { restartPolicy: 'Never', containers: [{ name: container, image: 'busybox:1' }] },
          },
        },
      },
      ...spec,
    } as NonNullable<CronJob['spec']>,
  };
}

const run = (ms: number): BehaviorRule => ({ run: { kind: 'fixed', ms } });
const forever: BehaviorRule = { run: { kind: 'forever' } };

/** Epoch minutes of a wall-clock time (the Job name suffix). */
const minutes = (iso: string) => Math.floor(Date.parse(iso) / MIN);

function events(sim: Simulation, name: string, reason?: string) {
  return sim.events({ kind: 'CronJob', name }).filter((e) => reason === undefined || e.reason === reason);
}

function jobsOf(sim: Simulation, cj: string): Job[] {
  return sim.list('Job').filter((j) => j.metadata?.ownerReferences?.some((r) => r.name === cj));
}

const finished = (j: Job) =>
  (j.status?.conditions ?? []).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );

describe('CronJob controller', () => {
  it('creates a Job per schedule, through the API server, named and owned as upstream ("never ran, is time, A")', () => {
    const sim = newSim({ behaviors: [run(30_000)] });
    sim.apply(
      cronJob('hello', {
        jobTemplate: {
          metadata: { labels: { app: 'x' }, annotations: { a: 'b' } },
          spec: {
            template: {
              spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1' }] },
            },
          },
        },
      }),
    );
    sim.runFor('1m');
    expect(sim.list('Job')).toEqual([]);
    sim.runFor('1s');
    const cj = sim.get('CronJob', 'hello')!;
    const [job] = sim.list('Job');
    expect(job?.metadata?.name).toBe(`hello-${minutes('2026-01-01T00:01:00Z')}`);
    expect(job?.metadata?.name).toBe('hello-29453761');
    expect(job?.metadata?.labels).toEqual({ app: 'x' });
    expect(job?.metadata?.annotations).toEqual({
      a: 'b',
      'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-01T00:01:00Z',
    });
    expect(job?.metadata?.ownerReferences).toEqual([
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        name: 'hello',
        uid: cj.metadata?.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    // Job defaulting and selector generation ran (created through the API server).
    expect(job?.spec?.backoffLimit).toBe(6);
    expect(job?.spec?.completions).toBe(1);
    expect(job?.spec?.selector?.matchLabels?.['batch.kubernetes.io/controller-uid']).toBe(job?.metadata?.uid);
    expect(cj.status).toEqual({
      active: [
        {
          kind: 'Job',
          namespace: 'default',
          name: 'hello-29453761',
          uid: job?.metadata?.uid,
          apiVersion: 'batch/v1',
          resourceVersion: expect.any(String),
        },
      ],
      lastScheduleTime: '2026-01-01T00:01:00Z',
    });
    expect(events(sim, 'hello').map((e) => [e.type, e.reason, e.message, e.source?.component])).toEqual([
      ['Normal', 'SuccessfulCreate', 'Created job hello-29453761', 'cronjob-controller'],
    ]);
    sim.runFor('40s');
    const after = sim.get('CronJob', 'hello')!;
    expect(after.status?.active).toBeUndefined();
    expect(after.status?.lastSuccessfulTime).toBe(sim.get('Job', 'hello-29453761')?.status?.completionTime);
    expect(events(sim, 'hello', 'SawCompletedJob').map((e) => e.message)).toEqual([
      'Saw completed job: hello-29453761, condition: Complete',
    ]);
  });

  it('Forbid: an every-minute CronJob for an hour with 150s Jobs never overlaps; a run skipped while busy starts when the Job finishes ("still active, is time, F")', () => {
    const sim = newSim({ behaviors: [run(150_000)] });
    sim.apply(cronJob('forbid', { concurrencyPolicy: 'Forbid' }));
    let maxActive = 0;
    const created: Array<[string, string]> = [];
    const completed = new Map<string, string>();
    sim.store.emitter.on('change', (e) => {
      maxActive = Math.max(maxActive, jobsOf(sim, 'forbid').filter((j) => !finished(j)).length);
      if (e.kind !== 'Job') return;
      const j = e.object as Job;
      if (e.type === 'ADDED') created.push([j.metadata!.name!, j.metadata!.creationTimestamp!]);
      if (j.status?.completionTime) completed.set(j.metadata!.name!, j.status.completionTime);
    });
    sim.runFor('1h');
    expect(maxActive).toBe(1);
    // Each Job takes 151s (150s + the Job controller's 1s batch); with no startingDeadlineSeconds
    // the most recent missed time is started as soon as the previous Job finishes (the docs:
    // "when the previous Job run finishes, .spec.startingDeadlineSeconds is still taken into account
    // and may result in a new Job run").
    expect(created).toHaveLength(24);
    expect(created[0]).toEqual([`forbid-${minutes('2026-01-01T00:01:00Z')}`, '2026-01-01T00:01:00Z']);
    for (let i = 1; i < created.length; i++) {
      const [name, at] = created[i]!;
      expect(at).toBe(completed.get(created[i - 1]![0]));
      // Named for the most recent scheduled minute at that moment.
      expect(name).toBe(`forbid-${Math.floor(Date.parse(at) / MIN)}`);
    }
    const skipped = events(sim, 'forbid', 'JobAlreadyActive');
    expect(skipped.map((e) => e.message)).toEqual([
      'Not starting job because prior execution is running and concurrency policy is Forbid',
    ]);
    // The default history limit keeps three successful Jobs.
    expect(jobsOf(sim, 'forbid').filter(finished)).toHaveLength(3);
  });

  it('Forbid with startingDeadlineSeconds: runs skipped while busy are not made up later ("still active, is time, F")', () => {
    const sim = newSim({ behaviors: [run(150_000)] });
    sim.apply(cronJob('forbid', { concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 10 }));
    const created: string[] = [];
    sim.store.emitter.on('change', (e) => {
      if (e.kind === 'Job' && e.type === 'ADDED') created.push(e.object.metadata!.name!);
    });
    sim.runFor('1h');
    const expected: string[] = [];
    for (let m = 1; m < 60; m += 3) expected.push(`forbid-${minutes('2026-01-01T00:00:00Z') + m}`);
    expect(created).toEqual(expected);
    // 39 skipped runs; the recorder's spam filter (burst 25, then one per 300 s per CronJob) drops
    // the last ones, so the stored Event's count stops at 37 (it counts the dropped ones before).
    expect(events(sim, 'forbid', 'JobAlreadyActive')[0]?.count).toBe(37);
  });

  it('Allow: long Jobs overlap, one per schedule ("still active, is time, A")', () => {
    const sim = newSim({ behaviors: [forever] });
    sim.apply(cronJob('allow', {}));
    sim.runFor('5m1s');
    expect(jobsOf(sim, 'allow')).toHaveLength(5);
    expect(sim.get('CronJob', 'allow')?.status?.active).toHaveLength(5);
  });

  it('Replace: the running Job is deleted (SuccessfulDelete) before the next is created ("still active, is time, R")', () => {
    const sim = newSim({ behaviors: [forever] });
    sim.apply(cronJob('replace', { concurrencyPolicy: 'Replace' }));
    sim.runFor('5m1s');
    const base = minutes('2026-01-01T00:00:00Z');
    expect(jobsOf(sim, 'replace').map((j) => j.metadata?.name)).toEqual([`replace-${base + 5}`]);
    expect(sim.get('CronJob', 'replace')?.status?.active?.map((r) => r.name)).toEqual([
      `replace-${base + 5}`,
    ]);
    expect(events(sim, 'replace', 'SuccessfulDelete').map((e) => e.message)).toEqual([
      `Deleted job replace-${base + 1}`,
      `Deleted job replace-${base + 2}`,
      `Deleted job replace-${base + 3}`,
      `Deleted job replace-${base + 4}`,
    ]);
    // Deletion is Background: the garbage collector removes the replaced Jobs' pods.
    sim.runFor('1m');
    expect(sim.list('Pod').map((p) => p.metadata?.labels?.['batch.kubernetes.io/job-name'])).toEqual([
      `replace-${base + 6}`,
    ]);
  });

  it('prunes finished Jobs beyond the history limits, oldest first (e2e "should delete successful/failed finished jobs with limit of one job")', () => {
    const sim = newSim({
      behaviors: [
        { match: { container: 'fail' }, run: { kind: 'fixed', ms: 5000 }, exitCode: 1 },
        run(10_000),
      ],
    });
    sim.apply(cronJob('ok', { successfulJobsHistoryLimit: 2 }));
    sim.apply(cronJob('bad', { failedJobsHistoryLimit: 1 }, 'fail'));
    sim.runFor('10m30s');
    const base = minutes('2026-01-01T00:00:00Z');
    expect(jobsOf(sim, 'ok').map((j) => j.metadata?.name)).toEqual([`ok-${base + 9}`, `ok-${base + 10}`]);
    expect(jobsOf(sim, 'bad').map((j) => j.metadata?.name)).toEqual([`bad-${base + 10}`]);
    // Three events a minute about one CronJob spend the recorder's spam burst (25, then one per
    // 300 s): the 8th deletion's event is dropped, as client-go's EventCorrelator drops it.
    expect(events(sim, 'ok', 'SuccessfulDelete').map((e) => e.message)).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((i) => `Deleted job ok-${base + i}`),
    );
    // Nine deletions; the spam filter drops the event of the last one here too.
    expect(events(sim, 'bad', 'SuccessfulDelete')).toHaveLength(8);
    expect(events(sim, 'bad', 'SawCompletedJob')[0]?.message).toBe(
      `Saw completed job: bad-${base + 1}, condition: Failed`,
    );
    // No successful run: no lastSuccessfulTime.
    expect(sim.get('CronJob', 'bad')?.status?.lastSuccessfulTime).toBeUndefined();
    // Pods of pruned Jobs are gone too.
    expect(sim.list('Pod')).toHaveLength(3);
  });

  it('a history limit of 0 keeps no finished Job', () => {
    const sim = newSim({ behaviors: [run(10_000)] });
    sim.apply(cronJob('none', { successfulJobsHistoryLimit: 0 }));
    sim.runFor('3m30s');
    expect(jobsOf(sim, 'none')).toEqual([]);
    expect(sim.get('CronJob', 'none')?.status?.lastSuccessfulTime).toBeDefined();
  });

  it('suspend stops new Jobs; resuming creates one Job for the most recent missed time ("never ran, is time, suspended"; e2e "should not schedule jobs when suspended")', () => {
    const sim = newSim({ behaviors: [run(10_000)] });
    sim.apply(cronJob('sus', { schedule: '*/5 * * * *', suspend: true }));
    sim.runFor('2h2m');
    expect(jobsOf(sim, 'sus')).toEqual([]);
    sim.patch('CronJob', 'sus', { spec: { suspend: false } });
    sim.runFor('1s');
    expect(jobsOf(sim, 'sus').map((j) => j.metadata?.name)).toEqual([
      `sus-${minutes('2026-01-01T02:00:00Z')}`,
    ]);
    expect(events(sim, 'sus', 'TooManyMissedTimes')).toEqual([]);
    sim.runFor('4m');
    expect(jobsOf(sim, 'sus').map((j) => j.metadata?.name)).toEqual([
      `sus-${minutes('2026-01-01T02:00:00Z')}`,
      `sus-${minutes('2026-01-01T02:05:00Z')}`,
    ]);
  });

  it('more than 100 missed times: TooManyMissedTimes, and still one Job for the most recent ("prev ran but done, long overdue, no deadline, A")', () => {
    const sim = newSim({ behaviors: [run(10_000)] });
    sim.apply(cronJob('late', { suspend: true }));
    sim.runFor('3h30s');
    sim.patch('CronJob', 'late', { spec: { suspend: false } });
    sim.runFor('1s');
    expect(jobsOf(sim, 'late').map((j) => j.metadata?.name)).toEqual([
      `late-${minutes('2026-01-01T03:00:00Z')}`,
    ]);
    expect(events(sim, 'late', 'TooManyMissedTimes').map((e) => [e.type, e.message])).toEqual([
      [
        'Warning',
        'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      ],
    ]);
  });

  it('startingDeadlineSeconds: a missed time older than the deadline is skipped ("never ran, is time, past deadline")', () => {
    const sim = newSim({ behaviors: [run(10_000)] });
    sim.apply(cronJob('dl', { schedule: '0 * * * *', startingDeadlineSeconds: 10, suspend: true }));
    sim.runFor('1h11m');
    sim.patch('CronJob', 'dl', { spec: { suspend: false } });
    sim.runFor('1m');
    expect(jobsOf(sim, 'dl')).toEqual([]);
    // v2 computes the due time from max(lastScheduleTime, now - deadline): nothing is "missed" to report.
    expect(events(sim, 'dl', 'MissSchedule')).toEqual([]);
    sim.runFor('50m');
    expect(jobsOf(sim, 'dl').map((j) => j.metadata?.name)).toEqual([`dl-${minutes('2026-01-01T02:00:00Z')}`]);
  });

  it('startingDeadlineSeconds: within the deadline the late Job is still created ("never ran, is time, not past deadline")', () => {
    const sim = newSim({ behaviors: [run(10_000)] });
    sim.apply(cronJob('dl2', { schedule: '0 * * * *', startingDeadlineSeconds: 600, suspend: true }));
    sim.runFor('1h5m');
    sim.patch('CronJob', 'dl2', { spec: { suspend: false } });
    sim.runFor('1s');
    expect(jobsOf(sim, 'dl2').map((j) => j.metadata?.name)).toEqual([
      `dl2-${minutes('2026-01-01T01:00:00Z')}`,
    ]);
  });

  it('timeZone across the spring-forward DST change (America/New_York, 2026-03-08) ("never ran, is time in zone")', () => {
    const sim = newSim({ behaviors: [run(10_000)], startTime: '2026-03-06T12:00:00Z' });
    sim.apply(cronJob('ny', { schedule: '30 2 * * *', timeZone: 'America/New_York' }));
    sim.runFor('72h');
    const jobs = jobsOf(sim, 'ny');
    const stamps = jobs.map(
      (j) => j.metadata?.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'],
    );
    // 02:30 does not exist on 2026-03-08: robfig/cron skips that day.
    expect(stamps).toEqual(['2026-03-07T02:30:00-05:00', '2026-03-09T02:30:00-04:00']);
    expect(jobs.map((j) => j.metadata?.name)).toEqual([
      `ny-${minutes('2026-03-07T07:30:00Z')}`,
      `ny-${minutes('2026-03-09T06:30:00Z')}`,
    ]);
    expect(jobs.map((j) => j.metadata?.creationTimestamp)).toEqual([
      '2026-03-07T07:30:00Z',
      '2026-03-09T06:30:00Z',
    ]);
  });

  it('timeZone across the fall-back DST change: 01:30 runs twice (America/New_York, 2026-11-01)', () => {
    const sim = newSim({ behaviors: [run(10_000)], startTime: '2026-10-31T12:00:00Z' });
    sim.apply(cronJob('fb', { schedule: '30 1 * * *', timeZone: 'America/New_York' }));
    sim.runFor('24h');
    const stamps = jobsOf(sim, 'fb').map(
      (j) => j.metadata?.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'],
    );
    expect(stamps).toEqual(['2026-11-01T01:30:00-04:00', '2026-11-01T01:30:00-05:00']);
  });

  it('@every schedules count from the creation time', () => {
    const sim = newSim({ behaviors: [run(1000)] });
    sim.runFor('10s');
    sim.apply(cronJob('ev', { schedule: '@every 90s' }));
    sim.runFor('3m1s');
    expect(jobsOf(sim, 'ev').map((j) => j.metadata?.creationTimestamp)).toEqual([
      '2026-01-01T00:01:40Z',
      '2026-01-01T00:03:10Z',
    ]);
  });

  it('a schedule that never fires: InvalidSchedule ("rogue cronjob")', () => {
    const sim = newSim();
    sim.apply(cronJob('feb31', { schedule: '59 23 31 2 *' }));
    sim.runFor('1m');
    expect(events(sim, 'feb31').map((e) => [e.type, e.reason, e.message])).toEqual([
      [
        'Warning',
        'InvalidSchedule',
        'invalid schedule: 59 23 31 2 * : time difference between two schedules is less than 1 second',
      ],
    ]);
    expect(sim.list('Job')).toEqual([]);
  });

  it('a schedule change requeues for the new schedule', () => {
    const sim = newSim({ behaviors: [run(1000)] });
    sim.apply(cronJob('chg', { schedule: '0 * * * *' }));
    sim.runFor('10m');
    sim.patch('CronJob', 'chg', { spec: { schedule: '*/15 * * * *' } });
    sim.runFor('6m');
    expect(jobsOf(sim, 'chg').map((j) => j.metadata?.creationTimestamp)).toEqual(['2026-01-01T00:15:00Z']);
  });

  it('UnexpectedJob for an unfinished Job it controls but did not create; MissingJob when an active Job disappears', () => {
    const sim = newSim({ behaviors: [forever] });
    sim.apply(cronJob('watch', { schedule: '0 * * * *' }));
    const cj = sim.get('CronJob', 'watch')!;
    sim.apply({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'manual',
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'CronJob',
            name: 'watch',
            uid: cj.metadata!.uid!,
            controller: true,
          },
        ],
      },
      spec: {
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1' }] } },
      },
    });
    sim.runFor('1s');
    expect(events(sim, 'watch', 'UnexpectedJob')[0]?.message).toBe(
      'Saw a job that the controller did not create or forgot: manual',
    );
    sim.runFor('1h');
    const active = sim.get('CronJob', 'watch')?.status?.active?.[0]?.name;
    expect(active).toBe(`watch-${minutes('2026-01-01T01:00:00Z')}`);
    sim.delete('Job', active!);
    sim.runFor('1s');
    expect(events(sim, 'watch', 'MissingJob').map((e) => e.message)).toEqual([
      `Active job went missing: ${active}`,
    ]);
    expect(sim.get('CronJob', 'watch')?.status?.active).toBeUndefined();
  });

  it('deleting the CronJob cascades to its Jobs and pods (Background)', () => {
    const sim = newSim({ behaviors: [forever] });
    sim.apply(cronJob('gone', {}));
    sim.runFor('2m1s');
    expect(sim.list('Job')).toHaveLength(2);
    sim.delete('CronJob', 'gone');
    sim.runFor('1m');
    expect(sim.list('Job')).toEqual([]);
    expect(sim.list('Pod')).toEqual([]);
  });

  it('a deleted CronJob leaves no pending work behind', () => {
    const sim = newSim({ behaviors: [run(1000)] });
    sim.apply(cronJob('bye', { schedule: '0 0 1 1 *' }));
    sim.runFor('1s');
    sim.delete('CronJob', 'bye');
    expect(sim.runUntilIdle().reason).toBe('idle');
    expect(sim.now()).toBeLessThan(2000);
  });

  it('Orphan deletion leaves the dependents: a CronJob keeps its Jobs, a Job keeps its pods', () => {
    const sim = newSim({ behaviors: [forever] });
    sim.apply(cronJob('orph', { schedule: '0 * * * *' }));
    sim.runFor('1h1s');
    const [job] = sim.list('Job');
    sim.delete('CronJob', 'orph', { propagationPolicy: 'Orphan' });
    sim.runFor('1s');
    expect(sim.get('CronJob', 'orph')).toBeUndefined();
    expect(sim.get('Job', job!.metadata!.name!)?.metadata?.ownerReferences).toBeUndefined();
    sim.delete('Job', job!.metadata!.name!, { propagationPolicy: 'Orphan' });
    sim.runFor('1m');
    expect(sim.list('Job')).toEqual([]);
    const pods = sim.list('Pod');
    expect(pods).toHaveLength(1);
    expect(pods[0]?.metadata?.ownerReferences).toBeUndefined();
    expect(pods[0]?.status?.phase).toBe('Running');
  });

  it('is deterministic: the same input gives the same Jobs and events', () => {
    const once = () => {
      const sim = newSim({ behaviors: [{ run: { kind: 'uniform', minMs: 10_000, maxMs: 200_000 } }] });
      sim.apply(cronJob('det', { concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 1 }));
      sim.runFor('30m');
      return JSON.stringify([sim.list('Job'), sim.events()]);
    };
    expect(once()).toBe(once());
  });
});
