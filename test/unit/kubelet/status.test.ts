/**
 * getPhase, the kubelet-owned conditions, TerminatePod and QoS, mirroring the tables of upstream
 * pkg/kubelet/kubelet_pods_test.go (TestPodPhaseWithRestartAlways, ...RestartNever,
 * ...RestartOnFailure, ...RestartAlwaysInitContainers, ...RestartNeverInitContainers,
 * ...RestartAlwaysRestartableInitContainers, ...RestartNeverRestartableInitContainers),
 * pkg/kubelet/status/generate_test.go and pkg/kubelet/status/status_manager_test.go
 * (TestTerminatePod_DefaultUnknownStatus).
 */
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, PodSpec } from '../../../src/api/types.js';
import {
  generateContainersReadyCondition,
  generatePodInitializedCondition,
  generatePodReadyCondition,
  getPhase,
  getPodQOS,
  terminatePodStatus,
} from '../../../src/kubelet/status.js';

const running = (name: string, started = true): ContainerStatus =>
  ({ name, ready: true, started, state: { running: {} } }) as ContainerStatus;
const succeeded = (name: string): ContainerStatus =>
  ({ name, ready: false, state: { terminated: { exitCode: 0 } } }) as ContainerStatus;
const failed = (name: string): ContainerStatus =>
  ({ name, ready: false, state: { terminated: { exitCode: 1 } } }) as ContainerStatus;
const waiting = (name: string): ContainerStatus =>
  ({ name, ready: false, state: { waiting: { reason: 'ContainerCreating' } } }) as ContainerStatus;
const waitingWithLast = (name: string, exitCode = 1): ContainerStatus =>
  ({
    name,
    ready: false,
    state: { waiting: { reason: 'CrashLoopBackOff' } },
    lastState: { terminated: { exitCode } },
  }) as ContainerStatus;

const spec = (restartPolicy: string, containers = ['a', 'b'], init: string[] = [], sidecars: string[] = []) =>
  ({
    restartPolicy,
    containers: containers.map((name) => ({ name })),
    initContainers: [
      ...sidecars.map((name) => ({ name, restartPolicy: 'Always' })),
      ...init.map((name) => ({ name })),
    ],
  }) as PodSpec;

describe('getPhase, restartPolicy Always', () => {
  const s = spec('Always');
  it.each([
    ['all running', [running('a'), running('b')], 'Running'],
    ['all stopped (restarting)', [succeeded('a'), failed('b')], 'Running'],
    ['one running, one stopped', [running('a'), succeeded('b')], 'Running'],
    ['one waiting', [running('a'), waiting('b')], 'Pending'],
    ['one unknown (no status)', [running('a')], 'Pending'],
    ['backing off after a failure', [running('a'), waitingWithLast('b')], 'Running'],
  ] as const)('%s', (_d, info, want) => {
    expect(getPhase(s, info, false, true)).toBe(want);
  });
  it('is terminal once the kubelet stopped it: Succeeded only if every container exited 0', () => {
    expect(getPhase(s, [succeeded('a'), succeeded('b')], true, true)).toBe('Succeeded');
    expect(getPhase(s, [succeeded('a'), failed('b')], true, true)).toBe('Failed');
    expect(getPhase(s, [succeeded('a'), waitingWithLast('b', 0)], true, true)).toBe('Failed');
  });
});

describe('getPhase, restartPolicy Never', () => {
  const s = spec('Never');
  it.each([
    ['all running', [running('a'), running('b')], 'Running'],
    ['all succeeded', [succeeded('a'), succeeded('b')], 'Succeeded'],
    ['one succeeded, one failed', [succeeded('a'), failed('b')], 'Failed'],
    ['one succeeded, one running', [succeeded('a'), running('b')], 'Running'],
    ['one failed, one running', [failed('a'), running('b')], 'Running'],
    ['one waiting', [running('a'), waiting('b')], 'Pending'],
  ] as const)('%s', (_d, info, want) => {
    expect(getPhase(s, info, false, true)).toBe(want);
  });
});

describe('getPhase, restartPolicy OnFailure', () => {
  const s = spec('OnFailure');
  it.each([
    ['all succeeded', [succeeded('a'), succeeded('b')], 'Succeeded'],
    ['one succeeded, one failed (restarting)', [succeeded('a'), failed('b')], 'Running'],
    ['one succeeded, one backing off', [succeeded('a'), waitingWithLast('b')], 'Running'],
    ['one succeeded, one running', [succeeded('a'), running('b')], 'Running'],
    ['one waiting', [succeeded('a'), waiting('b')], 'Pending'],
  ] as const)('%s', (_d, info, want) => {
    expect(getPhase(s, info, false, true)).toBe(want);
  });
});

describe('getPhase with init containers', () => {
  it('a failed init container fails a Never pod', () => {
    const s = spec('Never', ['main'], ['init']);
    expect(getPhase(s, [failed('init'), waiting('main')], false, false)).toBe('Failed');
    expect(getPhase(s, [waitingWithLast('init'), waiting('main')], false, false)).toBe('Failed');
  });
  it('keeps OnFailure and Always pods Pending while init containers run, fail or back off', () => {
    for (const p of ['OnFailure', 'Always']) {
      const s = spec(p, ['main'], ['init']);
      expect(getPhase(s, [running('init'), waiting('main')], false, false)).toBe('Pending');
      expect(getPhase(s, [failed('init'), waiting('main')], false, false)).toBe('Pending');
      expect(getPhase(s, [waitingWithLast('init'), waiting('main')], false, false)).toBe('Pending');
      expect(getPhase(s, [waiting('init'), waiting('main')], false, false)).toBe('Pending');
    }
  });
  it('is Running once init containers succeeded and the main container runs', () => {
    const s = spec('Never', ['main'], ['init']);
    expect(getPhase(s, [succeeded('init'), running('main')], false, true)).toBe('Running');
    expect(getPhase(s, [succeeded('init'), succeeded('main')], false, true)).toBe('Succeeded');
  });
});

describe('getPhase with sidecars (restartable init containers)', () => {
  const s = spec('Never', ['main'], [], ['sidecar']);
  it('is Pending until the sidecar started', () => {
    expect(getPhase(s, [running('sidecar', false), waiting('main')], false, false)).toBe('Pending');
    expect(getPhase(s, [waiting('sidecar'), waiting('main')], false, false)).toBe('Pending');
  });
  it('counts a running sidecar as running, so the pod stays Running while it shuts down', () => {
    expect(getPhase(s, [running('sidecar'), running('main')], false, true)).toBe('Running');
    expect(getPhase(s, [running('sidecar'), succeeded('main')], false, true)).toBe('Running');
  });
  it('ignores terminated sidecars', () => {
    expect(getPhase(s, [failed('sidecar'), succeeded('main')], false, true)).toBe('Succeeded');
    expect(getPhase(s, [failed('sidecar'), failed('main')], false, true)).toBe('Failed');
    expect(getPhase(s, [waitingWithLast('sidecar'), running('main')], false, true)).toBe('Running');
  });
  it('does not go back to Pending when a sidecar restarts after initialization', () => {
    expect(getPhase(s, [running('sidecar', false), running('main')], false, true)).toBe('Running');
    expect(getPhase(s, [running('sidecar', false), running('main')], false, false)).toBe('Pending');
  });
});

describe('conditions (status/generate.go)', () => {
  const s = spec('Never', ['a', 'b']);
  it('lists unready and unknown containers as Go prints a []string', () => {
    expect(generateContainersReadyCondition(s, [running('a'), waiting('b')], 'Running')).toEqual({
      type: 'ContainersReady',
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [b]',
    });
    expect(generateContainersReadyCondition(s, [], 'Pending').message).toBe(
      'containers with unknown status: [a b]',
    );
    expect(generateContainersReadyCondition(s, [running('a'), running('b')], 'Running').status).toBe('True');
  });
  it('says PodCompleted / PodFailed for terminal pods', () => {
    expect(generateContainersReadyCondition(s, [succeeded('a'), succeeded('b')], 'Succeeded').reason).toBe(
      'PodCompleted',
    );
    expect(generatePodReadyCondition(s, [], [succeeded('a'), failed('b')], 'Failed')).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'PodFailed',
    });
  });
  it('checks readiness gates', () => {
    const g = { ...s, readinessGates: [{ conditionType: 'example.com/lb' }] } as PodSpec;
    expect(generatePodReadyCondition(g, [], [running('a'), running('b')], 'Running')).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message: 'corresponding condition of pod readiness gate "example.com/lb" does not exist.',
    });
  });
  it('Initialized: incomplete init containers, sidecars must have started', () => {
    const i = spec('Never', ['main'], ['init'], ['side']);
    const readyInit = { ...succeeded('init'), ready: true } as ContainerStatus;
    expect(
      generatePodInitializedCondition(
        i,
        [running('side', false), waiting('init'), waiting('main')],
        'Pending',
      ),
    ).toEqual({
      type: 'Initialized',
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [side init]',
    });
    expect(
      generatePodInitializedCondition(i, [running('side'), readyInit, waiting('main')], 'Pending').status,
    ).toBe('True');
    expect(
      generatePodInitializedCondition(i, [running('side'), readyInit, succeeded('main')], 'Succeeded'),
    ).toEqual({
      type: 'Initialized',
      status: 'True',
      reason: 'PodCompleted',
    });
  });
});

describe('terminatePodStatus (TerminatePod)', () => {
  it('reports containers that never ran as ContainerStatusUnknown and fails the pod', () => {
    const s = spec('Always', ['a']);
    const out = terminatePodStatus(s, { phase: 'Pending', containerStatuses: [waiting('a')] });
    expect(out.phase).toBe('Failed');
    expect(out.containerStatuses?.[0]?.state).toEqual({
      terminated: {
        exitCode: 137,
        reason: 'ContainerStatusUnknown',
        message: 'The container could not be located when the pod was terminated',
      },
    });
  });
  it('leaves waiting regular containers of a pod that never initialized alone', () => {
    const s = spec('Never', ['main'], ['i1', 'i2']);
    const out = terminatePodStatus(s, {
      phase: 'Failed',
      initContainerStatuses: [failed('i1'), waiting('i2')],
      containerStatuses: [waiting('main')],
    });
    expect(out.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(out.initContainerStatuses?.[1]?.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(out.phase).toBe('Failed');
  });
  it('keeps terminal phases and terminated states', () => {
    const s = spec('Never', ['a']);
    const out = terminatePodStatus(s, { phase: 'Succeeded', containerStatuses: [succeeded('a')] });
    expect(out).toEqual({ phase: 'Succeeded', containerStatuses: [succeeded('a')] });
  });
});

describe('getPodQOS', () => {
  const c = (resources: object) => ({ containers: [{ name: 'a', resources }] }) as PodSpec;
  it('classifies as upstream qos.GetPodQOS', () => {
    expect(getPodQOS({ containers: [{ name: 'a' }] } as PodSpec)).toBe('BestEffort');
    expect(getPodQOS(c({ requests: { cpu: '100m' } }))).toBe('Burstable');
    expect(
      getPodQOS(c({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1Gi' } })),
    ).toBe('Guaranteed');
    expect(
      getPodQOS(c({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } })),
    ).toBe('Burstable');
    expect(getPodQOS(c({ limits: { memory: '1Gi' }, requests: { memory: '1Gi' } }))).toBe('Burstable');
    expect(getPodQOS(c({ requests: { cpu: '0' } }))).toBe('BestEffort');
  });
});
