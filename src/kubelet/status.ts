/**
 * Pure functions the kubelet uses to turn container statuses into a pod status, as upstream v1.34:
 * `getPhase` (`pkg/kubelet/kubelet_pods.go`), the kubelet-owned pod conditions
 * (`pkg/kubelet/status/generate.go`), `TerminatePod` (`pkg/kubelet/status/status_manager.go`) and
 * the QoS class (`pkg/apis/core/v1/helper/qos/qos.go`). Feature gates as in v1.34:
 * `SidecarContainers` on, `ContainerRestartRules` and `RestartAllContainersOnContainerExits` off.
 */

import type { Container, ContainerStatus, PodCondition, PodSpec } from '../api/types.js';

/** A pod phase. */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** A condition as the kubelet generates it (times are filled in by the status writer). */
export interface GeneratedCondition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason?: string;
  readonly message?: string;
}

/** Condition types the kubelet owns (`kubetypes.PodConditionsByKubelet` plus PodReadyToStartContainers). */
export const KUBELET_CONDITIONS: ReadonlySet<string> = new Set([
  'PodScheduled',
  'Ready',
  'Initialized',
  'ContainersReady',
  'PodReadyToStartContainers',
]);

/** An init container with `restartPolicy: Always` (a sidecar). */
export function isRestartableInitContainer(c: Pick<Container, 'restartPolicy'>): boolean {
  return c.restartPolicy === 'Always';
}

function statusOf(info: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  return info.find((s) => s.name === name);
}

/**
 * The kubelet's `getPhase`: the phase of a pod from its spec and the statuses of all its
 * containers (init and regular, in one list). `podIsTerminal` is true once the kubelet has
 * decided the pod is finished (deleted, evicted, deadline exceeded, or every container done) and
 * has stopped its containers; `podHasInitialized` is true once a regular container was created
 * in the current sandbox (`HasAnyActiveRegularContainerStarted`).
 *
 * @example
 * ```ts
 * getPhase({ restartPolicy: 'Never', containers: [{ name: 'a' }] },
 *   [{ name: 'a', state: { terminated: { exitCode: 1 } } } as ContainerStatus], false, true); // 'Failed'
 * ```
 */
export function getPhase(
  spec: PodSpec,
  info: readonly ContainerStatus[],
  podIsTerminal: boolean,
  podHasInitialized: boolean,
): PodPhase {
  let pendingRestartableInitContainers = 0;
  let pendingRegularInitContainers = 0;
  let failedInitialization = 0;
  const inits = spec.initContainers ?? [];

  // regular init containers
  for (const container of inits) {
    if (isRestartableInitContainer(container)) continue;
    const cs = statusOf(info, container.name);
    if (!cs) {
      pendingRegularInitContainers++;
      continue;
    }
    if (cs.state?.running) pendingRegularInitContainers++;
    else if (cs.state?.terminated) {
      if (cs.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (cs.state?.waiting) {
      const last = cs.lastState?.terminated;
      if (last) {
        if (last.exitCode !== 0) failedInitialization++;
      } else pendingRegularInitContainers++;
    } else pendingRegularInitContainers++;
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;

  // sidecar (restartable init) containers
  for (const container of inits) {
    if (!isRestartableInitContainer(container)) continue;
    const cs = statusOf(info, container.name);
    if (!cs) {
      unknown++;
      continue;
    }
    if (cs.state?.running) {
      if (!cs.started) pendingRestartableInitContainers++;
      running++;
    } else if (cs.state?.terminated) {
      // terminated sidecars are not taken into account for the phase
    } else if (cs.state?.waiting) {
      if (!cs.lastState?.terminated) {
        pendingRestartableInitContainers++;
        waiting++;
      }
    } else {
      pendingRestartableInitContainers++;
      unknown++;
    }
  }

  for (const container of spec.containers ?? []) {
    const cs = statusOf(info, container.name);
    if (!cs) {
      unknown++;
      continue;
    }
    if (cs.state?.running) running++;
    else if (cs.state?.terminated) {
      stopped++;
      if (cs.state.terminated.exitCode === 0) succeeded++;
    } else if (cs.state?.waiting) {
      if (cs.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }

  if (failedInitialization > 0 && spec.restartPolicy === 'Never') return 'Failed';

  if (
    pendingRegularInitContainers > 0 ||
    (pendingRestartableInitContainers > 0 && !podHasInitialized) ||
    waiting > 0
  ) {
    // One or more containers has not been started
    return 'Pending';
  }
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    // The pod is terminal so its containers won't be restarted regardless of the restart policy.
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (spec.restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (spec.restartPolicy === 'Never') return 'Failed';
    // OnFailure, at least one failed and being restarted
    return 'Running';
  }
  return 'Pending';
}

const CONTAINERS_READY: GeneratedCondition = { type: 'ContainersReady', status: 'True' };

/** The ContainersNotReady messages, made once per list of names (pods of a Job share them). */
const notReadyMessages = new Map<string, string>();

function notReadyMessage(unknown: readonly string[], unready: readonly string[]): string {
  const key = `${unknown.join(' ')}\u0000${unready.join(' ')}`;
  let m = notReadyMessages.get(key);
  if (m === undefined) {
    const msgs: string[] = [];
    if (unknown.length > 0) msgs.push(`containers with unknown status: ${goList(unknown)}`);
    if (unready.length > 0) msgs.push(`containers with unready status: ${goList(unready)}`);
    m = msgs.join(', ');
    if (notReadyMessages.size > 10_000) notReadyMessages.clear();
    notReadyMessages.set(key, m);
  }
  return m;
}

/** Go's `fmt.Sprintf("%s", []string{...})`: `[a b]`. */
function goList(names: readonly string[]): string {
  return `[${names.join(' ')}]`;
}

/**
 * `HasAnyRegularContainerStarted`: a regular container is running or terminated.
 *
 * @example
 * ```ts
 * hasAnyRegularContainerStarted({ containers: [{ name: 'a' }] }, []); // false
 * ```
 */
export function hasAnyRegularContainerStarted(spec: PodSpec, statuses: readonly ContainerStatus[]): boolean {
  const names = new Set((spec.containers ?? []).map((c) => c.name));
  return statuses.some((s) => names.has(s.name) && (!!s.state?.running || !!s.state?.terminated));
}

/**
 * `GenerateContainersReadyCondition`: True when every regular container and sidecar is ready.
 *
 * @example
 * ```ts
 * generateContainersReadyCondition({ containers: [{ name: 'a' }] }, [], 'Pending').message;
 * // 'containers with unknown status: [a]'
 * ```
 */
export function generateContainersReadyCondition(
  spec: PodSpec,
  statuses: readonly ContainerStatus[] | undefined,
  phase: PodPhase,
): GeneratedCondition {
  if (statuses === undefined) {
    return { type: 'ContainersReady', status: 'False', reason: 'UnknownContainerStatuses' };
  }
  const unknownContainers: string[] = [];
  const unreadyContainers: string[] = [];
  for (const c of spec.initContainers ?? []) {
    if (!isRestartableInitContainer(c)) continue;
    const cs = statusOf(statuses, c.name);
    if (cs) {
      if (!cs.ready) unreadyContainers.push(c.name);
    } else unknownContainers.push(c.name);
  }
  for (const c of spec.containers ?? []) {
    const cs = statusOf(statuses, c.name);
    if (cs) {
      if (!cs.ready) unreadyContainers.push(c.name);
    } else unknownContainers.push(c.name);
  }
  if (phase === 'Succeeded' && unknownContainers.length === 0) {
    return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  }
  if (phase === 'Failed') return { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  if (unknownContainers.length > 0 || unreadyContainers.length > 0) {
    return {
      type: 'ContainersReady',
      status: 'False',
      reason: 'ContainersNotReady',
      message: notReadyMessage(unknownContainers, unreadyContainers),
    };
  }
  return CONTAINERS_READY;
}

/**
 * `GeneratePodReadyCondition`: ContainersReady plus the pod's readiness gates.
 *
 * @example
 * ```ts
 * generatePodReadyCondition({ containers: [] }, [], [], 'Running').status; // 'True'
 * ```
 */
export function generatePodReadyCondition(
  spec: PodSpec,
  conditions: readonly PodCondition[],
  statuses: readonly ContainerStatus[] | undefined,
  phase: PodPhase,
  containersReady: GeneratedCondition = generateContainersReadyCondition(spec, statuses, phase),
): GeneratedCondition {
  const cr = containersReady;
  if (cr.status !== 'True') {
    const out: { type: string; status: GeneratedCondition['status']; reason?: string; message?: string } = {
      type: 'Ready',
      status: cr.status,
    };
    if (cr.reason !== undefined) out.reason = cr.reason;
    if (cr.message !== undefined) out.message = cr.message;
    return out;
  }
  const msgs: string[] = [];
  for (const rg of spec.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === rg.conditionType);
    if (!c) msgs.push(`corresponding condition of pod readiness gate "${rg.conditionType}" does not exist.`);
    else if (c.status !== 'True')
      msgs.push(`the status of pod readiness gate "${rg.conditionType}" is not "True", but ${c.status}`);
  }
  if (msgs.length > 0) {
    return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: msgs.join(', ') };
  }
  return { type: 'Ready', status: 'True' };
}

/**
 * `GeneratePodInitializedCondition`: True once every init container completed (sidecars: started).
 *
 * @example
 * ```ts
 * generatePodInitializedCondition({ initContainers: [{ name: 'i' }], containers: [] },
 *   [{ name: 'i', ready: false } as ContainerStatus], 'Pending').message;
 * // 'containers with incomplete status: [i]'
 * ```
 */
export function generatePodInitializedCondition(
  spec: PodSpec,
  statuses: readonly ContainerStatus[] | undefined,
  phase: PodPhase,
): GeneratedCondition {
  const inits = spec.initContainers ?? [];
  if (statuses === undefined && inits.length > 0) {
    return { type: 'Initialized', status: 'False', reason: 'UnknownContainerStatuses' };
  }
  const all = statuses ?? [];
  const unknownContainers: string[] = [];
  const incompleteContainers: string[] = [];
  for (const c of inits) {
    const cs = statusOf(all, c.name);
    if (!cs) {
      unknownContainers.push(c.name);
      continue;
    }
    const initialized = isRestartableInitContainer(c) ? !!cs.started : !!cs.ready;
    if (!initialized) incompleteContainers.push(c.name);
  }
  if (phase === 'Succeeded' && unknownContainers.length === 0) {
    return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  }
  if (hasAnyRegularContainerStarted(spec, all)) return { type: 'Initialized', status: 'True' };
  const msgs: string[] = [];
  if (unknownContainers.length > 0) msgs.push(`containers with unknown status: ${goList(unknownContainers)}`);
  if (incompleteContainers.length > 0)
    msgs.push(`containers with incomplete status: ${goList(incompleteContainers)}`);
  if (msgs.length > 0) {
    return {
      type: 'Initialized',
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: msgs.join(', '),
    };
  }
  return { type: 'Initialized', status: 'True' };
}

const UNKNOWN_TERMINATED = {
  exitCode: 137,
  reason: 'ContainerStatusUnknown',
  message: 'The container could not be located when the pod was terminated',
} as const;

/** `hasPodInitialized` of the status manager: evidence that a regular container ever started. */
function hasPodInitialized(
  spec: PodSpec,
  containerStatuses: readonly ContainerStatus[],
  initStatuses: readonly ContainerStatus[],
): boolean {
  if ((spec.initContainers ?? []).length === 0) return true;
  for (const s of containerStatuses) if (s.lastState?.terminated || !s.state?.waiting) return true;
  const l = initStatuses[initStatuses.length - 1];
  if (l) {
    if (l.lastState?.terminated && l.lastState.terminated.exitCode === 0) return true;
    if (l.state?.terminated && l.state.terminated.exitCode === 0) return true;
  }
  return false;
}

/** `initializedContainers`: all but the trailing init containers that never tried to start. */
function initializedCount(statuses: readonly ContainerStatus[]): number {
  for (let i = statuses.length - 1; i >= 0; i--) {
    const s = statuses[i]!;
    if (!s.state?.waiting || s.lastState?.terminated) return i + 1;
  }
  return statuses.length > 0 ? 1 : 0;
}

/**
 * The status manager's `TerminatePod`: at the end of a pod's life every container that is not
 * terminated is reported as terminated with `ContainerStatusUnknown` (exit 137) — regular
 * containers only once the pod has initialized, init containers up to the last one that tried
 * to start — and a pod that is still Pending or Running becomes Failed.
 *
 * @example
 * ```ts
 * terminatePodStatus({ containers: [{ name: 'a' }] }, { phase: 'Pending',
 *   containerStatuses: [{ name: 'a', state: { waiting: {} } } as ContainerStatus] }).phase; // 'Failed'
 * ```
 */
export function terminatePodStatus<
  S extends {
    phase?: string;
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  },
>(spec: PodSpec, status: S): S {
  const cs = status.containerStatuses ?? [];
  const ics = status.initContainerStatuses ?? [];
  const out: S = { ...status };
  const unknown = (s: ContainerStatus): ContainerStatus =>
    s.state?.terminated ? s : { ...s, state: { terminated: { ...UNKNOWN_TERMINATED } } };
  if (hasPodInitialized(spec, cs, ics) && status.containerStatuses) {
    out.containerStatuses = cs.map(unknown);
  }
  if (status.initContainerStatuses) {
    const n = initializedCount(ics);
    out.initContainerStatuses = ics.map((s, i) => (i < n ? unknown(s) : s));
  }
  if (out.phase !== 'Succeeded' && out.phase !== 'Failed') out.phase = 'Failed';
  return out;
}

export { getPodQOS } from '../api/qos.js';
