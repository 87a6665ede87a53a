/**
 * Each invariant fires on a trace broken on purpose, and stays quiet on sound runs (the
 * scenario files in sim/ and test/scenarios/).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job, KubeObject, Node, Pod } from '../../../src/api/types.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { runScenario } from '../../../src/scenario/run.js';
import { Simulation } from '../../../src/simulation.js';
import {
  assertNoViolations,
  checkInvariants,
  formatViolations,
  INVARIANTS,
  type InvariantName,
  InvariantViolationError,
  watchInvariants,
} from '../../../src/testing/invariants.js';
import { checkScenario } from '../../../src/testing/run.js';
import type { ObjectTraceEvent, TraceEvent } from '../../../src/trace.js';

const root = join(import.meta.dirname, '..', '..', '..');

/** completions 2, parallelism 1: the first pod fails, its replacement waits 10s, two pods succeed. */
const RETRY = `
apiVersion: batch/v1
kind: Job
metadata: {name: retry}
spec:
  completions: 2
  parallelism: 1
  template:
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox}]
---
apiVersion: jobsim/v1alpha1
kind: Scenario
spec:
  behaviors:
  - match: {attempt: 0}
    run: 5s
    exitCode: 1
`;

const INDEXED = `
apiVersion: batch/v1
kind: Job
metadata: {name: idx}
spec:
  completions: 2
  parallelism: 2
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox, resources: {requests: {cpu: "1"}}}]
`;

const FAILING = `
apiVersion: batch/v1
kind: Job
metadata: {name: doomed}
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox}]
---
apiVersion: jobsim/v1alpha1
kind: Scenario
spec:
  behaviors:
  - exitCode: 1
`;

function trace(yaml: string): TraceEvent[] {
  return [...runScenario(loadScenario(yaml)).sim.trace()];
}

/** Edits object versions, then re-links each event's `old` to the previous (edited) version. */
function edit(
  events: readonly TraceEvent[],
  pick: (e: ObjectTraceEvent, i: number) => boolean,
  change: (o: KubeObject) => KubeObject,
): TraceEvent[] {
  const out = events.map((e, i) =>
    e.type === 'object' && pick(e, i) ? { ...e, object: change(structuredClone(e.object) as KubeObject) } : e,
  );
  return relink(out);
}

function relink(events: readonly TraceEvent[]): TraceEvent[] {
  const last = new Map<string, KubeObject>();
  return events.map((e) => {
    if (e.type !== 'object') return e;
    const key = `${e.kind}/${e.namespace ?? ''}/${e.name}`;
    const old = e.verb === 'ADDED' ? undefined : last.get(key);
    last.set(key, e.object);
    return { ...e, old };
  });
}

function fired(events: readonly TraceEvent[]): InvariantName[] {
  return [...new Set(checkInvariants(events).map((v) => v.invariant))];
}

const isJob = (e: ObjectTraceEvent) => e.kind === 'Job';
const lastIndex = (events: readonly TraceEvent[], p: (e: ObjectTraceEvent) => boolean) =>
  events.findLastIndex((e) => e.type === 'object' && p(e));

describe('checkInvariants', () => {
  it('finds nothing wrong in sound runs', () => {
    for (const yaml of [RETRY, INDEXED, FAILING]) expect(checkInvariants(trace(yaml))).toEqual([]);
  });

  it('every scenario file of the repository keeps every invariant', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir).sort()) {
        const p = join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (e.endsWith('.yaml') && !e.startsWith('_')) files.push(p);
      }
    };
    walk(join(root, 'sim'));
    walk(join(root, 'test', 'scenarios'));
    const bad: string[] = [];
    for (const f of files) {
      let v: readonly unknown[];
      try {
        v = checkScenario(readFileSync(f, 'utf8'), { file: f }).violations;
      } catch {
        continue; // files that are invalid on purpose
      }
      if (v.length > 0) bad.push(`${relative(root, f)}:\n${formatViolations(v as never)}`);
    }
    expect(bad).toEqual([]);
  }, 60_000);

  it('time-monotonic: virtual time going back', () => {
    const t = trace(RETRY);
    const i = t.findIndex((e) => e.t > 5000);
    const broken = t.map((e, j) => (j === i ? { ...e, t: 1000 } : e));
    expect(fired(broken)).toContain('time-monotonic');
  });

  it('terminal-exclusive: Complete and Failed both True', () => {
    const t = trace(RETRY);
    const i = lastIndex(t, isJob);
    const broken = edit(
      t,
      (_, j) => j === i,
      (o) => {
        const j = o as Job;
        j.status!.conditions!.push({ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' });
        return j;
      },
    );
    expect(fired(broken)).toContain('terminal-exclusive');
  });

  it('terminal-sticky: a terminal condition reverts', () => {
    const t = trace(RETRY);
    const i = lastIndex(t, isJob);
    const last = t[i] as ObjectTraceEvent;
    const reverted = structuredClone(last.object) as Job;
    reverted.status!.conditions = [];
    const broken = relink([...t.slice(0, i + 1), { ...last, object: reverted }, ...t.slice(i + 1)]);
    expect(fired(broken)).toContain('terminal-sticky');
  });

  it('counters-monotonic: status.failed goes down', () => {
    const t = trace(RETRY);
    const i = lastIndex(t, isJob);
    const broken = edit(
      t,
      (e, j) => isJob(e) && j === i,
      (o) => ({ ...(o as Job), status: { ...(o as Job).status, failed: 0 } }) as Job,
    );
    expect(fired(broken)).toContain('counters-monotonic');
  });

  it('succeeded-within-completions: Complete with more successes than completions, no event', () => {
    const t = trace(RETRY);
    const broken = edit(t, isJob, (o) => {
      const j = o as Job;
      if (j.status?.conditions?.some((c) => c.type === 'Complete')) j.status.succeeded = 3;
      return j;
    });
    expect(fired(broken)).toContain('succeeded-within-completions');
  });

  it('active-within-parallelism: more active pods than parallelism', () => {
    const t = trace(INDEXED);
    const broken = edit(t, isJob, (o) => {
      (o as Job).spec!.parallelism = 1;
      return o;
    });
    expect(fired(broken)).toContain('active-within-parallelism');
  });

  it('index-counted-once: a completed index out of range', () => {
    const t = trace(INDEXED);
    const i = lastIndex(t, isJob);
    const broken = edit(
      t,
      (_, j) => j === i,
      (o) => {
        (o as Job).status!.completedIndexes = '0-2';
        return o;
      },
    );
    expect(fired(broken)).toContain('index-counted-once');
  });

  it('succeeded-count and failed-count: counters that do not match the pods', () => {
    const t = trace(RETRY);
    const i = lastIndex(t, isJob);
    const broken = edit(
      t,
      (_, j) => j === i,
      (o) => ({ ...(o as Job), status: { ...(o as Job).status, succeeded: 1, failed: 2 } }) as Job,
    );
    expect(fired(broken)).toEqual(expect.arrayContaining(['succeeded-count', 'failed-count']));
  });

  it('pods-accounted: a finished pod never counted', () => {
    const t = trace(RETRY);
    // Drop the controller's finalizer removals: pods keep the tracking finalizer.
    const kept = relink(
      t.filter(
        (e) =>
          !(
            e.type === 'object' &&
            e.kind === 'Pod' &&
            e.old?.metadata?.finalizers?.length &&
            !e.object.metadata?.finalizers?.length
          ),
      ),
    );
    expect(fired(kept)).toContain('pods-accounted');
  });

  it('node-capacity: more requests than allocatable', () => {
    const t = trace(INDEXED);
    const broken = edit(
      t,
      (e) => e.kind === 'Node',
      (o) => {
        (o as Node).status!.allocatable = { cpu: '1', memory: '16Gi', pods: '110' };
        return o;
      },
    );
    expect(fired(broken)).toContain('node-capacity');
  });

  it('backoff-respected: a replacement created before the back-off expires', () => {
    const r = checkScenario(RETRY, { faults: { skipBackoff: true } });
    expect(r.violations.map((v) => v.invariant)).toContain('backoff-respected');
    expect(formatViolations(r.violations)).toMatch(/pod failure back-off is at least 10s/);
  });

  it('finish-justified: FailureTarget with a reason the status does not support', () => {
    const t = trace(FAILING);
    const broken = edit(t, isJob, (o) => {
      (o as Job).spec!.backoffLimit = 5;
      return o;
    });
    expect(fired(broken)).toContain('finish-justified');
  });

  it('must-finish: a Job with nothing left to run that never finishes', () => {
    const sim = new Simulation({ nodes: 1 });
    sim.apply(loadScenario(RETRY).objects[0]!);
    const jobAdded = sim.trace().find((e) => e.type === 'object' && e.kind === 'Job')!;
    const only: TraceEvent[] = [jobAdded, { type: 'end', t: 60_000, reason: 'idle', message: 'idle' }];
    expect(fired(only)).toContain('must-finish');
  });

  it('status-matches-pods: status.active that disagrees with the pods at the end', () => {
    const t = trace(`${RETRY.replace('run: 5s', 'run: forever')}`);
    const i = lastIndex(t, isJob);
    const broken = edit(
      t,
      (_, j) => j === i,
      (o) => ({ ...(o as Job), status: { ...(o as Job).status, active: 3 } }) as Job,
    );
    expect(fired(broken)).toContain('status-matches-pods');
  });

  it('status-valid: a finished Job with active pods', () => {
    const t = trace(RETRY);
    const i = lastIndex(t, isJob);
    const broken = edit(
      t,
      (_, j) => j === i,
      (o) => ({ ...(o as Job), status: { ...(o as Job).status, active: 1 } }) as Job,
    );
    expect(fired(broken)).toContain('status-valid');
  });

  it('pod-lifecycle: a Succeeded pod running again', () => {
    const t = trace(RETRY);
    const i = lastIndex(t, (e) => e.kind === 'Pod' && (e.object as Pod).status?.phase === 'Succeeded');
    const last = t[i] as ObjectTraceEvent;
    const again = structuredClone(last.object) as Pod;
    again.status!.phase = 'Running';
    const broken = relink([
      ...t.slice(0, i + 1),
      { ...last, verb: 'MODIFIED', object: again },
      ...t.slice(i + 1),
    ]);
    expect(fired(broken)).toContain('pod-lifecycle');
  });

  it('suspend-honoured: a suspended Job without Suspended=True', () => {
    const t = trace(`${RETRY.replace('parallelism: 1', 'parallelism: 1\n  suspend: true')}`);
    expect(fired(t)).toEqual([]);
    const broken = edit(t, isJob, (o) => {
      const j = o as Job;
      if (j.status?.conditions)
        j.status.conditions = j.status.conditions.filter((c) => c.type !== 'Suspended');
      return j;
    });
    expect(fired(broken)).toContain('suspend-honoured');
  });

  it('finish-justified: Complete without a Completed event', () => {
    const t = trace(RETRY).filter(
      (e) =>
        !(
          e.type === 'object' &&
          e.kind === 'Event' &&
          (e.object as { reason?: string }).reason === 'Completed'
        ),
    );
    expect(fired(t)).toContain('finish-justified');
  });

  it('index-counted-once: two active pods for one index', () => {
    const t = trace(INDEXED);
    const broken = edit(
      t,
      (e) => e.kind === 'Pod',
      (o) => {
        const p = o as Pod;
        p.metadata!.annotations!['batch.kubernetes.io/job-completion-index'] = '0';
        return p;
      },
    );
    expect(fired(broken)).toContain('index-counted-once');
  });

  it('options: only, skip, all', () => {
    const r = checkScenario(RETRY, { faults: { skipBackoff: true } });
    const t = r.result.sim.trace();
    expect(checkInvariants(t, { skip: ['backoff-respected'] })).toEqual([]);
    expect(checkInvariants(t, { only: ['backoff-respected'] }).length).toBeGreaterThan(0);
    expect(checkInvariants(t, { only: ['backoff-respected'], all: true }).length).toBeGreaterThanOrEqual(
      checkInvariants(t, { only: ['backoff-respected'] }).length,
    );
    expect(INVARIANTS).toContain('backoff-respected');
  });

  it('watchInvariants checks a simulation as it runs', () => {
    const sim = Simulation.fromYaml(RETRY);
    const checker = watchInvariants(sim);
    sim.runUntilIdle();
    expect(checker.finish('idle')).toEqual([]);
  });

  it('assertNoViolations throws a readable error', () => {
    const v = [{ invariant: 'must-finish' as const, time: 90_000, object: 'job/a', message: 'stuck' }];
    expect(() => assertNoViolations(v, 'x.yaml')).toThrow(InvariantViolationError);
    expect(() => assertNoViolations(v)).toThrow('[must-finish] at 1m30s job/a: stuck');
    expect(() => assertNoViolations([])).not.toThrow();
  });
});
