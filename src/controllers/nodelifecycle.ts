/**
 * Node lifecycle controller, taint-eviction controller and pod GC, as upstream v1.34
 * `pkg/controller/nodelifecycle/node_lifecycle_controller.go`,
 * `pkg/controller/tainteviction/taint_eviction.go` and `pkg/controller/podgc/gc_controller.go`:
 *
 * - a node that stops answering becomes Ready=Unknown (with MemoryPressure, DiskPressure and
 *   PIDPressure) `node-monitor-grace-period` (50s) after its last heartbeat, is tainted
 *   `node.kubernetes.io/unreachable` NoExecute and NoSchedule, and its pods get Ready=False;
 * - the taint-eviction controller deletes a pod on a node with NoExecute taints at once when a
 *   taint is not tolerated, else after the smallest `tolerationSeconds` of the tolerations used
 *   (default tolerations: 300s), counted from when it saw the taint; before deleting it adds
 *   DisruptionTarget (DeletionByTaintManager). The kubelet of a node that is down never confirms,
 *   so such pods stay Terminating until the node comes back or is deleted;
 * - pod GC runs every 20s (`gcCheckPeriod`); a node that no longer exists is quarantined for 40s
 *   (`quarantineTime`) and then its pods are marked Failed with DisruptionTarget
 *   (DeletionByPodGC) and force-deleted;
 * - cordon sets `spec.unschedulable`, and the controller adds the
 *   `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */

import type { Node, NodeCondition, Pod, PodCondition, Taint } from '../api/types.js';
import type { Engine, Timer } from '../engine/engine.js';
import type { Kubelet } from '../kubelet/kubelet.js';
import { PROFILE } from '../profile.js';
import { getMatchingTolerations } from '../scheduler/plugins.js';
import type { Store, WatchEvent } from '../store/store.js';
import { isPodTerminal } from './podutil.js';

const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const TAINT_EVICTION = 'taint-eviction-controller';
const NODE_CONTROLLER = 'node-controller';
/** PodGC `gcCheckPeriod`. */
const GC_CHECK_PERIOD = 20_000;
/** Conditions the node lifecycle controller sets to Unknown (`nodeConditionTypes`). */
const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/**
 * `apipod.UpdatePodCondition` for a DisruptionTarget condition (status True): replaced in place
 * (keeping its lastTransitionTime when the status is unchanged), or appended.
 *
 * @example
 * ```ts
 * withDisruptionTarget(pod, 'EvictionByEvictionAPI', 'Eviction API: evicting', '2026-01-01T00:00:00Z');
 * ```
 */
export function withDisruptionTarget(pod: Pod, reason: string, message: string, ts: string): Pod {
  const conditions: PodCondition[] = [...(pod.status?.conditions ?? [])];
  const i = conditions.findIndex((c) => c.type === 'DisruptionTarget');
  const prev = i >= 0 ? conditions[i] : undefined;
  const next: PodCondition = {
    type: 'DisruptionTarget',
    status: 'True',
    lastProbeTime: null as unknown as string,
    lastTransitionTime: prev?.status === 'True' && prev.lastTransitionTime ? prev.lastTransitionTime : ts,
    reason,
    message,
  };
  if (i >= 0) conditions[i] = next;
  else conditions.push(next);
  return { ...pod, status: { ...(pod.status ?? {}), conditions } };
}

interface ScheduledEviction {
  readonly timer: Timer;
  readonly createdAt: number;
}

/**
 * Node lifecycle, taint eviction and pod GC.
 *
 * @example
 * ```ts
 * const nodes = new NodeLifecycle(engine, store, kubelet);
 * nodes.start();
 * nodes.down('node-1');
 * ```
 */
export class NodeLifecycle {
  private readonly engine: Engine;
  private readonly store: Store;
  private readonly kubelet: Kubelet;
  /** Nodes whose kubelet stopped answering, with the monitor timer. */
  private readonly monitorTimers = new Map<string, Timer>();
  private readonly evictions = new Map<string, ScheduledEviction>();
  /** PodGC: nodes in quarantine (name -> when it is checked again). */
  private readonly quarantine = new Map<string, number>();

  constructor(engine: Engine, store: Store, kubelet: Kubelet) {
    this.engine = engine;
    this.store = store;
    this.kubelet = kubelet;
  }

  /** Subscribes to the store's watch (NoExecute taints, deleted nodes, pods bound to tainted nodes). */
  start(): void {
    this.store.emitter.on('Node', (e) => this.onNode(e));
    this.store.emitter.on('Pod', (e) => this.onPod(e));
  }

  /** The node stops answering: after the grace period it becomes Ready=Unknown and tainted. */
  down(name: string): void {
    const node = this.store.get('Node', undefined, name);
    if (!node || this.monitorTimers.has(name)) return;
    this.kubelet.nodeDown(name);
    this.monitorTimers.set(
      name,
      this.engine.after(PROFILE.nodeMonitorGracePeriod, `node monitor ${name}`, () => this.markUnknown(name)),
    );
  }

  /** The node answers again: the kubelet posts Ready=True, the controller removes the taints. */
  up(name: string): void {
    this.monitorTimers.get(name)?.cancel();
    this.monitorTimers.delete(name);
    const node = this.store.get('Node', undefined, name);
    if (!node) return;
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    if (ready && ready.status !== 'True') {
      const ts = this.store.timestamp();
      const conditions = (node.status?.conditions ?? []).map((c) =>
        MONITORED_CONDITIONS.includes(c.type)
          ? {
              ...c,
              status: c.type === 'Ready' ? 'True' : 'False',
              reason: healthyReason(c.type),
              message: healthyMessage(c.type),
              lastHeartbeatTime: ts,
              lastTransitionTime: ts,
            }
          : c,
      );
      const taints = (node.spec?.taints ?? []).filter((t) => t.key !== UNREACHABLE && t.key !== NOT_READY);
      const spec = { ...(node.spec ?? {}) };
      if (taints.length > 0) spec.taints = taints;
      else delete spec.taints;
      const updated = this.store.update('Node', { ...node, spec, status: { ...node.status, conditions } });
      this.store.recordEvent(
        updated,
        'Normal',
        'NodeReady',
        `Node ${name} status is now: NodeReady`,
        'kubelet',
        name,
      );
    }
    this.kubelet.nodeUp(name);
  }

  /** Cordon / uncordon (`kubectl cordon`): spec.unschedulable and the unschedulable taint. */
  cordon(name: string, on: boolean): void {
    const node = this.store.get('Node', undefined, name);
    if (!node) return;
    if (!!node.spec?.unschedulable === on) return;
    const taints = (node.spec?.taints ?? []).filter((t) => t.key !== UNSCHEDULABLE);
    if (on) taints.push({ key: UNSCHEDULABLE, effect: 'NoSchedule' });
    const spec: NonNullable<Node['spec']> = { ...(node.spec ?? {}) };
    if (on) spec.unschedulable = true;
    else delete spec.unschedulable;
    if (taints.length > 0) spec.taints = taints;
    else delete spec.taints;
    const updated = this.store.update('Node', { ...node, spec });
    const status = on ? 'NodeNotSchedulable' : 'NodeSchedulable';
    this.store.recordEvent(
      updated,
      'Normal',
      status,
      `Node ${name} status is now: ${status}`,
      'kubelet',
      name,
    );
  }

  /** `tryUpdateNodeHealth` past the grace period, then the tainting passes and `MarkPodsNotReady`. */
  private markUnknown(name: string): void {
    const node = this.store.get('Node', undefined, name);
    if (!node) return;
    const ts = this.store.timestamp();
    const conditions: NodeCondition[] = (node.status?.conditions ?? []).map((c) =>
      MONITORED_CONDITIONS.includes(c.type) && c.status !== 'Unknown'
        ? {
            ...c,
            status: 'Unknown',
            reason: 'NodeStatusUnknown',
            message: 'Kubelet stopped posting node status.',
            lastTransitionTime: ts,
          }
        : c,
    );
    const taints: Taint[] = (node.spec?.taints ?? []).filter(
      (t) => t.key !== UNREACHABLE && t.key !== NOT_READY,
    );
    taints.push({ key: UNREACHABLE, effect: 'NoExecute', timeAdded: ts });
    taints.push({ key: UNREACHABLE, effect: 'NoSchedule' });
    const updated = this.store.update('Node', {
      ...node,
      spec: { ...(node.spec ?? {}), taints },
      status: { ...node.status, conditions },
    });
    this.store.recordEvent(
      updated,
      'Normal',
      'NodeNotReady',
      `Node ${name} status is now: NodeNotReady`,
      NODE_CONTROLLER,
    );
    for (const pod of this.podsOn(name)) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const conds = (pod.status?.conditions ?? []).map((c) =>
        c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: ts } : c,
      );
      const p = this.store.update('Pod', { ...pod, status: { ...pod.status, conditions: conds } });
      this.store.recordEvent(p, 'Warning', 'NodeNotReady', 'Node is not ready', NODE_CONTROLLER);
    }
  }

  private podsOn(node: string): Pod[] {
    return this.store.list('Pod', { filter: (p) => p.spec?.nodeName === node });
  }

  private onNode(e: WatchEvent<'Node'>): void {
    const name = e.object.metadata!.name!;
    if (e.type === 'DELETED') {
      this.monitorTimers.get(name)?.cancel();
      this.monitorTimers.delete(name);
      this.kubelet.nodeDeleted(name);
      this.schedulePodGC(name);
      return;
    }
    const before = noExecute(e.old?.spec?.taints);
    const after = noExecute(e.object.spec?.taints);
    if (e.type === 'ADDED' || JSON.stringify(before) !== JSON.stringify(after)) {
      // handleNodeUpdate
      for (const pod of this.podsOn(name)) {
        const key = podKey(pod);
        if (after.length === 0) this.cancelEviction(key, pod);
        else this.processPodOnNode(pod, after);
      }
    }
  }

  /** `PodUpdated`: a pod was bound, or its tolerations changed. */
  private onPod(e: WatchEvent<'Pod'>): void {
    const pod = e.object;
    if (e.type === 'DELETED') {
      this.cancelEviction(podKey(pod), undefined);
      return;
    }
    const node = pod.spec?.nodeName;
    if (!node) return;
    const old = e.old;
    if (
      e.type === 'MODIFIED' &&
      old?.spec?.nodeName === node &&
      (old.spec === pod.spec ||
        old.spec.tolerations === pod.spec?.tolerations ||
        JSON.stringify(old.spec?.tolerations ?? []) === JSON.stringify(pod.spec?.tolerations ?? []))
    ) {
      return;
    }
    const taints = noExecute(this.store.get('Node', undefined, node)?.spec?.taints);
    if (taints.length > 0) this.processPodOnNode(pod, taints);
  }

  private cancelEviction(key: string, pod: Pod | undefined): void {
    const pending = this.evictions.get(key);
    if (!pending) return;
    this.evictions.delete(key);
    pending.timer.cancel();
    const cur = pod ?? this.podByKey(key);
    if (cur) {
      this.store.recordEvent(
        cur,
        'Normal',
        'TaintManagerEviction',
        `Cancelling deletion of Pod ${key}`,
        TAINT_EVICTION,
      );
    }
  }

  private podByKey(key: string): Pod | undefined {
    const i = key.indexOf('/');
    return this.store.get('Pod', key.slice(0, i), key.slice(i + 1));
  }

  /** `processPodOnNode`: evict now, after the smallest tolerationSeconds, or never. */
  private processPodOnNode(pod: Pod, taints: readonly Taint[]): void {
    const key = podKey(pod);
    const now = this.engine.now;
    const [allTolerated, used] = getMatchingTolerations(taints, pod.spec?.tolerations);
    if (!allTolerated) {
      this.cancelEviction(key, pod);
      this.addWork(key, now, now);
      return;
    }
    const min = minTolerationMs(used);
    if (min < 0) {
      this.cancelEviction(key, pod);
      return;
    }
    let startTime = now;
    const scheduled = this.evictions.get(key);
    if (scheduled) {
      startTime = scheduled.createdAt;
      if (startTime + min < now + min) return;
      this.cancelEviction(key, pod);
    }
    this.addWork(key, startTime, startTime + min);
  }

  private addWork(key: string, createdAt: number, fireAt: number): void {
    const timer = this.engine.at(fireAt, `taint eviction ${key}`, () => {
      this.evictions.delete(key);
      this.deletePod(key);
    });
    this.evictions.set(key, { timer, createdAt });
  }

  /** `deletePodHandler`: event, DisruptionTarget, delete (with the pod's grace period). */
  private deletePod(key: string): void {
    const cur = this.podByKey(key);
    if (!cur) return;
    this.store.recordEvent(
      cur,
      'Normal',
      'TaintManagerEviction',
      `Marking for deletion Pod ${key}`,
      TAINT_EVICTION,
    );
    const hasCond = cur.status?.conditions?.some(
      (c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'DeletionByTaintManager',
    );
    const marked = hasCond
      ? cur
      : this.store.update(
          'Pod',
          withDisruptionTarget(
            cur,
            'DeletionByTaintManager',
            'Taint manager: deleting due to NoExecute taint',
            this.store.timestamp(),
          ),
        );
    if (this.store.get('Pod', marked.metadata?.namespace, marked.metadata!.name!)) {
      this.store.delete('Pod', marked.metadata?.namespace, marked.metadata!.name!);
    }
  }

  /**
   * PodGC: the first gc pass after the node disappeared (passes every 20s from time 0) puts the
   * node in quarantine; the pass 40s later finds it still missing and collects its pods.
   */
  private schedulePodGC(node: string): void {
    if (this.quarantine.has(node)) return;
    const firstPass = (Math.floor(this.engine.now / GC_CHECK_PERIOD) + 1) * GC_CHECK_PERIOD;
    const at = firstPass + PROFILE.podGcOrphanQuarantine;
    this.quarantine.set(node, at);
    this.engine.at(at, `podgc ${node}`, () => {
      this.quarantine.delete(node);
      this.gcOrphans(node);
    });
  }

  /** `gcOrphaned`: pods bound to a node that no longer exists are failed and force-deleted. */
  private gcOrphans(node: string): void {
    if (this.store.get('Node', undefined, node)) return;
    for (const pod of this.podsOn(node)) {
      let cur: Pod = pod;
      if (!isPodTerminal(cur)) {
        cur = withDisruptionTarget(
          cur,
          'DeletionByPodGC',
          'PodGC: node no longer exists',
          this.store.timestamp(),
        );
        cur = this.store.update('Pod', { ...cur, status: { ...cur.status, phase: 'Failed' } });
      }
      if (this.store.get('Pod', cur.metadata?.namespace, cur.metadata!.name!)) {
        this.store.delete('Pod', cur.metadata?.namespace, cur.metadata!.name!, { gracePeriodSeconds: 0 });
      }
    }
  }
}

function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name}`;
}

function noExecute(taints: readonly Taint[] | undefined): Taint[] {
  return (taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/** `getMinTolerationTime`: 0 without tolerations, -1 (forever) when none has tolerationSeconds. */
function minTolerationMs(tolerations: readonly { tolerationSeconds?: number | null }[]): number {
  if (tolerations.length === 0) return 0;
  let min = Number.POSITIVE_INFINITY;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Number.POSITIVE_INFINITY ? -1 : min * 1000;
}

function healthyReason(type: string | undefined): string {
  switch (type) {
    case 'MemoryPressure':
      return 'KubeletHasSufficientMemory';
    case 'DiskPressure':
      return 'KubeletHasNoDiskPressure';
    case 'PIDPressure':
      return 'KubeletHasSufficientPID';
    default:
      return 'KubeletReady';
  }
}

function healthyMessage(type: string | undefined): string {
  switch (type) {
    case 'MemoryPressure':
      return 'kubelet has sufficient memory available';
    case 'DiskPressure':
      return 'kubelet has no disk pressure';
    case 'PIDPressure':
      return 'kubelet has sufficient PID available';
    default:
      return 'kubelet is posting ready status';
  }
}
