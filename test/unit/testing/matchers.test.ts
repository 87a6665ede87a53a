/**
 * The Vitest matchers: what passes, what fails, and what a failure says.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenario/load.js';
import { runScenario } from '../../../src/scenario/run.js';
import { Simulation } from '../../../src/simulation.js';
import { installMatchers } from '../../../src/testing/matchers.js';

installMatchers(expect);

const WORK = `
apiVersion: batch/v1
kind: Job
metadata: {name: work}
spec:
  completions: 3
  parallelism: 3
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
    exitCode: 42
`;

function finished(): Simulation {
  const sim = Simulation.fromYaml(WORK);
  sim.runUntilIdle();
  return sim;
}

function failure(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the assertion to fail');
}

describe('toHaveJobCondition', () => {
  it('passes on a True condition, with or without reason', () => {
    const sim = finished();
    expect(sim).toHaveJobCondition('work', 'Complete');
    expect(sim).toHaveJobCondition('work', 'Complete', 'CompletionsReached');
    expect(sim).not.toHaveJobCondition('work', 'Failed');
    expect(sim.at('5s')).not.toHaveJobCondition('work', 'Complete');
  });

  it('says which conditions the Job has', () => {
    const sim = finished();
    expect(failure(() => expect(sim).toHaveJobCondition('work', 'Failed'))).toMatch(
      /expected job\/work to have condition Failed=True; conditions: SuccessCriteriaMet=True \(CompletionsReached\), Complete=True \(CompletionsReached\)/,
    );
    expect(failure(() => expect(sim).toHaveJobCondition('nope', 'Complete'))).toMatch(
      /job\/nope not found \(Jobs: work\)/,
    );
  });

  it('accepts a RunResult', () => {
    const result = runScenario(loadScenario(WORK));
    expect(result).toHaveJobCondition('work', 'Complete');
  });
});

describe('toHaveJobStatus', () => {
  it('compares only the fields given; missing counters are 0', () => {
    const sim = finished();
    expect(sim).toHaveJobStatus('work', { succeeded: 3, active: 0 });
    expect(sim).toHaveJobStatus('work', {
      conditions: [{ type: 'SuccessCriteriaMet' }, { type: 'Complete' }],
    });
    expect(sim).not.toHaveJobStatus('work', { succeeded: 2 });
  });

  it('shows the mismatching fields and a diff', () => {
    const sim = finished();
    const msg = failure(() => expect(sim).toHaveJobStatus('work', { succeeded: 2, failed: 3 }));
    expect(msg).toMatch(/status\.succeeded: expected 2, got 3/);
    expect(msg).toMatch(/status\.failed: expected 3, got 3|status\.failed/);
    expect(msg).toMatch(/Expected|expected/);
  });
});

describe('toHaveEvent', () => {
  it('finds events by object, reason, type and message', () => {
    const sim = finished();
    expect(sim).toHaveEvent({ kind: 'Job', name: 'work', reason: 'Completed' });
    expect(sim).toHaveEvent({
      kind: 'Job',
      name: 'work',
      reason: 'SuccessfulCreate',
      type: 'Normal',
      message: 'Created pod',
    });
    expect(sim).toHaveEvent({ kind: 'Job', name: 'work', reason: 'Completed', message: /^Job completed$/ });
    expect(sim).not.toHaveEvent({ kind: 'Job', name: 'work', reason: 'BackoffLimitExceeded' });
  });

  it('lists the events recorded when none fits', () => {
    const sim = finished();
    const msg = failure(() => expect(sim).toHaveEvent({ kind: 'Job', name: 'work', reason: 'Suspended' }));
    expect(msg).toMatch(/expected job\/work to have an event \* Suspended; events recorded:/);
    expect(msg).toMatch(/Normal Completed: Job completed/);
  });

  it('rejects what is not a simulation', () => {
    expect(() => expect(42).toHaveEvent({ kind: 'Job', name: 'x', reason: 'y' })).toThrow(
      /expected a Simulation, a ClusterSnapshot or a RunResult/,
    );
  });
});
