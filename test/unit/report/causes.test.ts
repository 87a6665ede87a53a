/** Why pods changed: the cause attached to the change, for each kind of reason. */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/api/types.js';
import { explainPodChanges, type PodChange } from '../../../src/report/causes.js';
import { runFile } from './helpers.js';

/** The changes of every pod: `[time, pod name, change]`. */
function changes(file: string): Array<[number, string, PodChange]> {
  const trace = runFile(file).sim.trace();
  const out: Array<[number, string, PodChange]> = [];
  for (const [i, c] of explainPodChanges(trace)) {
    const e = trace[i]!;
    if (e.type === 'object') out.push([e.t, (e.object as Pod).metadata?.name ?? '', c]);
  }
  return out;
}

function kinds(list: Array<[number, string, PodChange]>, t: number): string[] {
  return list.filter(([at]) => at === t).flatMap(([, , c]) => c.why.map((w) => w.k));
}

describe('causes of pod changes', () => {
  it('creation: the Job controller, with its SuccessfulCreate event', () => {
    const first = changes('sim/pi.yaml')[0]!;
    expect(first[2].what).toEqual(['created']);
    expect(first[2].why[0]).toMatchObject({ k: 'controller' });
    expect(first[2].why[0]!.text).toContain('SuccessfulCreate');
  });

  it('a scheduled pod names the scheduler event; a started one the kubelet events', () => {
    const list = changes('sim/pi.yaml');
    expect(list.find(([, , c]) => c.what.includes('scheduled to node-0'))![2].why[0]!.k).toBe('scheduler');
    const running = list.find(([, , c]) => c.what.includes('Pending -> Running'))![2];
    expect(running.why.map((w) => w.text).join('\n')).toContain('Started container pi');
  });

  it('back-off: a replacement created after the pod-failure back-off', () => {
    const list = changes('sim/backoff-limit.yaml');
    const created = list.filter(([, , c]) => c.what.includes('created'));
    expect(created).toHaveLength(3);
    const third = created[2]![2];
    expect(third.why[0]!.k).toBe('backoff');
    expect(third.why[0]!.text).toContain('= 20s after the last failure at 12s');
  });

  it('a container exit scripted by behaviors', () => {
    const failed = changes('sim/backoff-limit.yaml').find(([, , c]) =>
      c.what.some((w) => w.startsWith('Running -> Failed')),
    )!;
    expect(failed[2].why[0]).toMatchObject({ k: 'behavior' });
    expect(failed[2].why[0]!.text).toContain('exited with code 1');
  });

  it('deadline: the Job controller terminates the pod for activeDeadlineSeconds', () => {
    const list = changes('sim/deadline.yaml');
    const terminating = list.find(([, , c]) => c.what.includes('terminating'))!;
    expect(terminating[2].why[0]!.k).toBe('deadline');
    expect(terminating[2].why[0]!.text).toContain('DeadlineExceeded');
    const deleted = list.find(([, , c]) => c.what[0] === 'deleted from the API server')!;
    expect(deleted[2].why[0]!.k).toBe('deadline');
  });

  it('pod failure policy: the matching rule and its action', () => {
    const list = changes('sim/pod-failure-policy.yaml');
    const failed = list.find(([, , c]) => c.what.some((w) => w.startsWith('Running -> Failed')))!;
    const policy = failed[2].why.find((w) => w.k === 'policy')!;
    expect(policy.text).toMatch(/podFailurePolicy rule \d \(Ignore, onPodConditions DisruptionTarget=True\)/);
    const evicted = list.find(([, , c]) => c.what.some((w) => w.startsWith('DisruptionTarget')))!;
    expect(evicted[2].why.map((w) => w.k)).toEqual(expect.arrayContaining(['step', 'eviction']));
  });

  it('suspension: the step and the Suspended condition', () => {
    const list = changes('sim/suspend-resume.yaml');
    expect(kinds(list, 5000)).toEqual(expect.arrayContaining(['step', 'suspend', 'controller']));
  });

  it('node failure: the node, its step, and the taint-eviction controller', () => {
    const list = changes('sim/node-failure.yaml');
    const disrupted = list.find(([, , c]) => c.what.some((w) => w.startsWith('DisruptionTarget')))!;
    const texts = disrupted[2].why.map((w) => `${w.k}: ${w.text}`).join('\n');
    expect(texts).toContain('eviction: ');
    expect(texts).toContain('TaintManagerEviction');
    expect(texts).toMatch(/node: node node-0 Ready=Unknown .* after step 0 at 10s: node node-0 down/);
  });

  it('CrashLoopBackOff and in-place restarts', () => {
    const list = changes('sim/onfailure-restarts.yaml');
    const crash = list.find(([, , c]) => c.what.some((w) => w.includes('CrashLoopBackOff')))!;
    expect(crash[2].why[0]!.k).toBe('backoff');
    const restart = list.find(([t, , c]) => t === 5000 && c.what.some((w) => w.includes('restarted')))!;
    expect(restart[2].why.map((w) => w.k).slice(0, 2)).toEqual(['behavior', 'backoff']);
  });

  it('every change says what changed', () => {
    for (const file of ['sim/pi.yaml', 'sim/node-failure.yaml', 'sim/suspend-resume.yaml'])
      for (const [, , c] of changes(file)) expect(c.what.length).toBeGreaterThan(0);
  });
});
