/**
 * `kubectl get pods`: a port of `printPod` in `pkg/printers/internalversion/printers.go` (1.34),
 * including restartable init containers (sidecars, 1.29+), the `Completed`-but-still-running
 * `Running`/`NotReady` rule, `SchedulingGated`, `NodeLost` -> `Unknown` and `Terminating`.
 */
import type { Container, ContainerStatus, DeepReadonly, Pod } from '../api/types.js';
import { humanDuration, parseTimestamp, translateTimestampSince } from './duration.js';
import { renderTable } from './table.js';

type RPod = DeepReadonly<Pod>;

/** The cells `printPod` computes for one pod. */
export interface PodRow {
  readonly name: string;
  /** READY, e.g. `1/1`. */
  readonly ready: string;
  /** STATUS, e.g. `Completed`, `CrashLoopBackOff`, `Init:1/2`. */
  readonly status: string;
  /** RESTARTS, e.g. `0` or `2 (5m ago)`. */
  readonly restarts: string;
  /** AGE. */
  readonly age: string;
}

/** `podutil.IsRestartableInitContainer`: an init container with `restartPolicy: Always`. */
function isRestartable(c: DeepReadonly<Container> | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function isPodInitializedConditionTrue(pod: RPod): boolean {
  for (const c of pod.status?.conditions ?? []) {
    if (c.type !== 'Initialized') continue;
    return c.status === 'True';
  }
  return false;
}

function hasPodReadyCondition(pod: RPod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function lastTermination(cs: DeepReadonly<ContainerStatus>): number | undefined {
  const t = cs.lastState?.terminated;
  if (t === undefined) return undefined;
  return parseTimestamp(t.finishedAt);
}

/**
 * Computes the READY, STATUS and RESTARTS cells exactly as `printPod` does.
 *
 * @example
 * ```ts
 * podRow(pod, now); // { name: 'pi-abcde', ready: '0/1', status: 'Completed', restarts: '0', age: '2m' }
 * ```
 */
export function podRow(pod: RPod, nowMs: number): PodRow {
  const spec = pod.spec;
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = spec?.containers.length ?? 0;
  let readyContainers = 0;
  let lastRestartDate: number | undefined;
  let lastRestartableInitContainerRestartDate: number | undefined;

  const podPhase = status.phase ?? '';
  let reason = podPhase;
  if (status.reason !== undefined && status.reason !== '') reason = status.reason;

  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, DeepReadonly<Container>>();
  for (const c of spec?.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartable(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i]!;
    restarts += container.restartCount ?? 0;
    const term = lastTermination(container);
    if (term !== undefined && (lastRestartDate === undefined || lastRestartDate < term))
      lastRestartDate = term;
    const restartable = isRestartable(initContainers.get(container.name));
    if (restartable) {
      restartableInitContainerRestarts += container.restartCount ?? 0;
      if (
        term !== undefined &&
        (lastRestartableInitContainerRestartDate === undefined ||
          lastRestartableInitContainerRestartDate < term)
      ) {
        lastRestartableInitContainerRestartDate = term;
      }
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated !== undefined && terminated.exitCode === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready === true) readyContainers++;
      continue;
    }
    if (terminated !== undefined) {
      // initialization failed
      if (terminated.reason === undefined || terminated.reason === '') {
        reason =
          terminated.signal !== undefined && terminated.signal !== 0
            ? `Init:Signal:${terminated.signal}`
            : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
      initializing = true;
    } else if (
      waiting !== undefined &&
      waiting.reason !== undefined &&
      waiting.reason.length > 0 &&
      waiting.reason !== 'PodInitializing'
    ) {
      reason = `Init:${waiting.reason}`;
      initializing = true;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
      initializing = true;
    }
    break;
  }

  if (!initializing || isPodInitializedConditionTrue(pod)) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i]!;
      restarts += container.restartCount ?? 0;
      const term = lastTermination(container);
      if (term !== undefined && (lastRestartDate === undefined || lastRestartDate < term))
        lastRestartDate = term;
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting !== undefined && waiting.reason !== undefined && waiting.reason !== '') {
        reason = waiting.reason;
      } else if (terminated !== undefined && terminated.reason !== undefined && terminated.reason !== '') {
        reason = terminated.reason;
      } else if (terminated !== undefined) {
        reason =
          terminated.signal !== undefined && terminated.signal !== 0
            ? `Signal:${terminated.signal}`
            : `ExitCode:${terminated.exitCode}`;
      } else if (container.ready === true && container.state?.running !== undefined) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // change pod status back to "Running" if there is at least one container still reporting as "Running" status
    if (reason === 'Completed' && hasRunning) {
      reason = hasPodReadyCondition(pod) ? 'Running' : 'NotReady';
    }
  }

  const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  if (deleting && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestartDate !== undefined) {
    restartsStr = `${restarts} (${humanDuration(nowMs - lastRestartDate)} ago)`;
  }

  return {
    name: pod.metadata?.name ?? '',
    ready: `${readyContainers}/${totalContainers}`,
    status: reason,
    restarts: restartsStr,
    age: translateTimestampSince(pod.metadata?.creationTimestamp, nowMs),
  };
}

/**
 * The STATUS column of `kubectl get pods` (`Running`, `Completed`, `Error`, `CrashLoopBackOff`,
 * `ContainerCreating`, `Init:0/1`, `Init:Error`, `Terminating`, `OOMKilled`, `Evicted`, ...).
 *
 * @example
 * ```ts
 * podStatusReason(crashLoopingPod); // 'CrashLoopBackOff'
 * ```
 */
export function podStatusReason(pod: RPod): string {
  return podRow(pod, 0).status;
}

/**
 * The READY column: ready app containers and started-and-ready sidecars over app containers plus
 * sidecars.
 *
 * @example
 * ```ts
 * podReady(runningPod); // '1/1'
 * ```
 */
export function podReady(pod: RPod): string {
  return podRow(pod, 0).ready;
}

/**
 * The RESTARTS column: `0`, or `5 (2m ago)` once a container has restarted and its last
 * termination time is known.
 *
 * @example
 * ```ts
 * podRestarts(crashLoopingPod, now); // '3 (40s ago)'
 * ```
 */
export function podRestarts(pod: RPod, nowMs: number): string {
  return podRow(pod, nowMs).restarts;
}

/** Options of the `get` tables. */
export interface GetTableOptions {
  /** `-o wide`. */
  readonly wide?: boolean;
}

/**
 * `kubectl get pods` (`NAME READY STATUS RESTARTS AGE`; `-o wide` adds `IP NODE NOMINATED NODE
 * READINESS GATES`). Rows are printed in the order given; `''` for no pods.
 *
 * @example
 * ```ts
 * getPodsTable([pod], now);
 * // 'NAME       READY   STATUS      RESTARTS   AGE\npi-abcde   0/1     Completed   0          2m\n'
 * ```
 */
export function getPodsTable(pods: readonly RPod[], nowMs: number, options: GetTableOptions = {}): string {
  const headers = ['Name', 'Ready', 'Status', 'Restarts', 'Age'];
  if (options.wide === true) headers.push('IP', 'Node', 'Nominated Node', 'Readiness Gates');
  const rows = pods.map((pod) => {
    const r = podRow(pod, nowMs);
    const cells = [r.name, r.ready, r.status, r.restarts, r.age];
    if (options.wide === true) cells.push(...podWideCells(pod));
    return cells;
  });
  return renderTable(headers, rows);
}

function podWideCells(pod: RPod): string[] {
  let nodeName = pod.spec?.nodeName ?? '';
  let nominatedNodeName = pod.status?.nominatedNodeName ?? '';
  let podIP = pod.status?.podIPs?.[0]?.ip ?? '';
  if (podIP === '') podIP = '<none>';
  if (nodeName === '') nodeName = '<none>';
  if (nominatedNodeName === '') nominatedNodeName = '<none>';
  let readinessGates = '<none>';
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const gate of gates) {
      const cond = (pod.status?.conditions ?? []).find((c) => c.type === gate.conditionType);
      if (cond?.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }
  return [podIP, nodeName, nominatedNodeName, readinessGates];
}
