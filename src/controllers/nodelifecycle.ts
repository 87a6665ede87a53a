/**
 * Node lifecycle controller, taint-eviction controller and pod GC, as upstream
 * `pkg/controller/nodelifecycle`, `pkg/controller/tainteviction` and `pkg/controller/podgc`:
 * a node that stops answering becomes Ready=Unknown after the monitor grace period, is tainted
 * unreachable, and its pods are evicted when their toleration runs out; pods of deleted nodes
 * are failed and removed after the quarantine.
 */

import type { Node, NodeCondition, Pod, PodCondition, Taint } from '../api/types.js';
import type { Engine, Timer } from '../engine/engine.js';
import type { Kubelet } from '../kubelet/kubelet.js';
import { PROFILE } from '../profile.js';
import type { Store, WatchEvent } from '../store/store.js';
import { isPodTerminal } from './podutil.js';

const UNREACHABLE = 'node.kubernetes.io/unreachable';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** Adds a DisruptionTarget condition to a pod's status (kept in front of kubelet conditions). */
export function withDisruptionTarget(pod: Pod, reason: string, message: string, ts: string): Pod {
  const conditions: PodCondition[] = (pod.status?.conditions ?? []).filter(
    (c) => c.type !== 'DisruptionTarget',
  );
  conditions.unshift({
    type: 'DisruptionTarget',
    status: 'True',
    lastProbeTime: null as unknown as string,
    lastTransitionTime: ts,
    reason,
    message,
  });
  return { ...pod, status: { ...(pod.status ?? {}), conditions } };
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
  private readonly monitorTimers = new Map<string, Timer>();
  private readonly evictions = new Map<string, Timer>();

  constructor(engine: Engine, store: Store, kubelet: Kubelet) {
    this.engine = engine;
    this.store = store;
    this.kubelet = kubelet;
  }

  /** Subscribes to the store's watch (NoExecute taints, deleted nodes). */
  start(): void {
    this.store.emitter.on('change', (e) => {
      if (e.kind === 'Node') this.onNode(e as WatchEvent<'Node'>);
      else if (e.kind === 'Pod' && e.type === 'ADDED') {
        const pod = e.object as Pod;
        if (pod.spec?.nodeName)
          this.engine.after(0, 'taint check', () =>
            this.checkPod(pod.metadata?.namespace, pod.metadata!.name!),
          );
      } else if (e.kind === 'Pod' && e.type === 'MODIFIED') {
        const pod = e.object as Pod;
        const old = e.old as Pod | undefined;
        if (pod.spec?.nodeName && !old?.spec?.nodeName)
          this.engine.after(0, 'taint check', () =>
            this.checkPod(pod.metadata?.namespace, pod.metadata!.name!),
          );
      }
    });
  }

  /** The node stops answering: after the grace period it becomes Ready=Unknown and tainted. */
  down(name: string): void {
    const node = this.store.get('Node', undefined, name);
    if (!node) return;
    this.kubelet.nodeDown(name);
    this.monitorTimers.get(name)?.cancel();
    this.monitorTimers.set(
      name,
      this.engine.after(PROFILE.nodeMonitorGracePeriod, `node monitor ${name}`, () => this.markUnknown(name)),
    );
  }

  /** The node answers again: Ready=True, taints removed, the kubelet reports. */
  up(name: string): void {
    this.monitorTimers.get(name)?.cancel();
    this.monitorTimers.delete(name);
    const node = this.store.get('Node', undefined, name);
    if (!node) return;
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    if (ready && ready.status !== 'True') {
      const ts = this.store.timestamp();
      const conditions = (node.status?.conditions ?? []).map((c) =>
        c.type === 'Ready'
          ? {
              ...c,
              status: 'True',
              reason: 'KubeletReady',
              message: 'kubelet is posting ready status',
              lastHeartbeatTime: ts,
              lastTransitionTime: ts,
            }
          : {
              ...c,
              status: 'False',
              reason: healthyReason(c.type),
              message: healthyMessage(c.type),
              lastHeartbeatTime: ts,
              lastTransitionTime: ts,
            },
      );
      const taints = (node.spec?.taints ?? []).filter((t) => t.key !== UNREACHABLE);
      const spec = { ...(node.spec ?? {}) };
      if (taints.length > 0) spec.taints = taints;
      else delete spec.taints;
      const updated = this.store.update('Node', { ...node, spec, status: { ...node.status, conditions } });
      this.store.recordEvent(
        updated,
        'Normal',
        'NodeReady',
        `Node ${name} status is now: NodeReady`,
        'node-controller',
      );
    }
    this.kubelet.nodeUp(name);
  }

  /** Cordon / uncordon (`kubectl cordon`): spec.unschedulable and the unschedulable taint. */
  cordon(name: string, on: boolean): void {
    const node = this.store.get('Node', undefined, name);
    if (!node) return;
    const taints = (node.spec?.taints ?? []).filter((t) => t.key !== UNSCHEDULABLE);
    if (on) taints.push({ key: UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: this.store.timestamp() });
    const spec: NonNullable<Node['spec']> = { ...(node.spec ?? {}) };
    if (on) spec.unschedulable = true;
    else delete spec.unschedulable;
    if (taints.length > 0) spec.taints = taints;
    else delete spec.taints;
    const updated = this.store.update('Node', { ...node, spec });
    this.store.recordEvent(
      updated,
      'Normal',
      on ? 'NodeNotSchedulable' : 'NodeSchedulable',
      `Node ${name} status is now: ${on ? 'NodeNotSchedulable' : 'NodeSchedulable'}`,
      'kubelet',
      name,
    );
  }

  private markUnknown(name: string): void {
    const node = this.store.get('Node', undefined, name);
    if (!node) return;
    const ts = this.store.timestamp();
    const conditions: NodeCondition[] = (node.status?.conditions ?? []).map((c) => ({
      ...c,
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      lastTransitionTime: ts,
    }));
    const taints: Taint[] = [...(node.spec?.taints ?? []).filter((t) => t.key !== UNREACHABLE)];
    taints.push({ key: UNREACHABLE, effect: 'NoSchedule', timeAdded: ts });
    taints.push({ key: UNREACHABLE, effect: 'NoExecute', timeAdded: ts });
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
      'node-controller',
    );
    for (const pod of this.podsOn(name)) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (isPodTerminal(pod)) continue;
      if (ready && ready.status !== 'False') {
        const conds = (pod.status?.conditions ?? [])
          .map((c) =>
            c.type === 'Ready'
              ? { ...c, status: 'False', lastTransitionTime: ts, reason: undefined as unknown as string }
              : c,
          )
          .map((c) => {
            const o = { ...c };
            if (o.reason === undefined) delete (o as { reason?: string }).reason;
            return o;
          });
        const p = this.store.update('Pod', { ...pod, status: { ...pod.status, conditions: conds } });
        this.store.recordEvent(p, 'Warning', 'NodeNotReady', 'Node is not ready', 'node-controller');
      }
    }
  }

  private podsOn(node: string): Pod[] {
    return this.store.list('Pod', { filter: (p) => p.spec?.nodeName === node });
  }

  private onNode(e: WatchEvent<'Node'>): void {
    const name = e.object.metadata!.name!;
    if (e.type === 'DELETED') {
      this.monitorTimers.get(name)?.cancel();
      this.kubelet.nodeDeleted(name);
      this.engine.after(PROFILE.podGcOrphanQuarantine, `podgc ${name}`, () => this.gcOrphans(name));
      return;
    }
    const before = (e.old?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    const after = (e.object.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      for (const pod of this.podsOn(name)) this.checkPod(pod.metadata?.namespace, pod.metadata!.name!);
    }
  }

  /** Taint eviction for one pod: evict when a NoExecute taint of its node is not tolerated long enough. */
  private checkPod(ns: string | undefined, name: string): void {
    const pod = this.store.get('Pod', ns, name);
    if (!pod?.spec?.nodeName || isPodTerminal(pod) || pod.metadata?.deletionTimestamp) return;
    const node = this.store.get('Node', undefined, pod.spec.nodeName);
    const key = `${ns ?? 'default'}/${name}`;
    const taints = (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    const pending = this.evictions.get(key);
    if (taints.length === 0) {
      if (pending && !pending.done) {
        pending.cancel();
        this.store.recordEvent(
          pod,
          'Normal',
          'TaintManagerEviction',
          `Cancelling deletion of Pod ${key}`,
          'taint-eviction-controller',
        );
      }
      this.evictions.delete(key);
      return;
    }
    let minSeconds: number | undefined = Number.POSITIVE_INFINITY;
    for (const t of taints) {
      const tols = (pod.spec.tolerations ?? []).filter(
        (tol) =>
          (!tol.effect || tol.effect === t.effect) &&
          (tol.key ? tol.key === t.key : tol.operator === 'Exists') &&
          (tol.operator === 'Exists' || (tol.value ?? '') === (t.value ?? '')),
      );
      if (tols.length === 0) {
        minSeconds = undefined;
        break;
      }
      for (const tol of tols) {
        if (tol.tolerationSeconds !== undefined && tol.tolerationSeconds !== null) {
          minSeconds = Math.min(minSeconds ?? Number.POSITIVE_INFINITY, tol.tolerationSeconds);
        }
      }
    }
    if (minSeconds === Number.POSITIVE_INFINITY) return;
    if (pending && !pending.done) return;
    const added = Math.max(...taints.map((t) => this.store.virtualTime(t.timeAdded) ?? this.engine.now));
    const at = minSeconds === undefined ? this.engine.now : added + Math.max(0, minSeconds) * 1000;
    this.store.recordEvent(
      pod,
      'Normal',
      'TaintManagerEviction',
      `Marking for deletion Pod ${key}`,
      'taint-eviction-controller',
    );
    this.evictions.set(
      key,
      this.engine.at(at, `taint eviction ${key}`, () => {
        this.evictions.delete(key);
        const cur = this.store.get('Pod', ns, name);
        if (!cur || cur.metadata?.deletionTimestamp || isPodTerminal(cur)) return;
        const marked = this.store.update(
          'Pod',
          withDisruptionTarget(
            cur,
            'DeletionByTaintManager',
            'Taint manager: deleting due to NoExecute taint',
            this.store.timestamp(),
          ),
        );
        this.store.delete('Pod', marked.metadata?.namespace, name);
      }),
    );
  }

  /** PodGC: pods bound to a node that no longer exists are failed and force-deleted. */
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
      try {
        this.store.delete('Pod', cur.metadata?.namespace, cur.metadata!.name!, { gracePeriodSeconds: 0 });
      } catch {
        // gone
      }
    }
  }
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
