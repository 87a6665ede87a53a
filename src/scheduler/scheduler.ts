/**
 * The default scheduler, reduced to what Jobs meet: NodeResourcesFit (cpu, memory, pods),
 * NodeUnschedulable (cordon), TaintToleration, NodeAffinity (nodeSelector and required
 * node affinity); least-allocated scoring with ties broken by node order; unschedulable pods
 * retried when the cluster changes. Messages as upstream v1.34.
 */

import { parseQuantity } from '../api/quantity.js';
import type { Node, Pod, PodCondition, Taint, Toleration } from '../api/types.js';
import type { Engine } from '../engine/engine.js';
import { PROFILE } from '../profile.js';
import type { Store, WatchEvent } from '../store/store.js';

const COMPONENT = 'default-scheduler';

interface NodeInfo {
  readonly name: string;
  cpuMilli: number;
  memory: number;
  pods: number;
  readonly podKeys: Set<string>;
}

interface Requests {
  readonly cpuMilli: number;
  readonly memory: number;
}

/** Resource requests of a pod as the scheduler sums them (max of init containers vs sum of containers, plus sidecars). */
export function podRequests(pod: Pod): Requests {
  const spec = pod.spec;
  if (!spec) return { cpuMilli: 0, memory: 0 };
  const req = (c: {
    resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  }) => {
    const r = c.resources?.requests ?? {};
    const l = c.resources?.limits ?? {};
    const cpu = r.cpu ?? l.cpu;
    const mem = r.memory ?? l.memory;
    return {
      cpuMilli: cpu === undefined ? 0 : parseQuantity(cpu as string).milliValue(),
      memory: mem === undefined ? 0 : parseQuantity(mem as string).value(),
    };
  };
  let cpu = 0;
  let mem = 0;
  for (const c of spec.containers ?? []) {
    const r = req(c);
    cpu += r.cpuMilli;
    mem += r.memory;
  }
  let sidecarCpu = 0;
  let sidecarMem = 0;
  let initCpu = 0;
  let initMem = 0;
  for (const c of spec.initContainers ?? []) {
    const r = req(c);
    if (c.restartPolicy === 'Always') {
      sidecarCpu += r.cpuMilli;
      sidecarMem += r.memory;
      initCpu = Math.max(initCpu, sidecarCpu);
      initMem = Math.max(initMem, sidecarMem);
    } else {
      initCpu = Math.max(initCpu, sidecarCpu + r.cpuMilli);
      initMem = Math.max(initMem, sidecarMem + r.memory);
    }
  }
  return { cpuMilli: Math.max(cpu + sidecarCpu, initCpu), memory: Math.max(mem + sidecarMem, initMem) };
}

/** Node allocatable (falling back to capacity). */
export function nodeAllocatable(node: Node): { cpuMilli: number; memory: number; pods: number } {
  const a = (node.status?.allocatable ?? node.status?.capacity ?? {}) as Record<string, string>;
  return {
    cpuMilli: a.cpu !== undefined ? parseQuantity(a.cpu).milliValue() : 0,
    memory: a.memory !== undefined ? parseQuantity(a.memory).value() : 0,
    pods: a.pods !== undefined ? parseQuantity(a.pods).value() : 110,
  };
}

/** Whether `tolerations` tolerate `taint` (`v1helper.TolerationsTolerateTaint`). */
export function tolerates(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  for (const t of tolerations ?? []) {
    if (t.effect && t.effect !== taint.effect) continue;
    if (t.key && t.key !== taint.key) continue;
    if (!t.key && t.operator !== 'Exists') continue;
    if (t.operator === 'Exists') return true;
    if ((t.value ?? '') === (taint.value ?? '')) return true;
  }
  return false;
}

/**
 * The scheduler.
 *
 * @example
 * ```ts
 * new Scheduler(engine, store).start();
 * ```
 */
export class Scheduler {
  private readonly engine: Engine;
  private readonly store: Store;
  private readonly nodes = new Map<string, NodeInfo>();
  /** Pod key -> requests, for pods counted on a node. */
  private readonly assigned = new Map<string, { node: string; req: Requests }>();
  private readonly unschedulable = new Map<string, Pod>();
  private readonly queued = new Set<string>();
  private retryTimer: ReturnType<Engine['after']> | undefined;
  private flushScheduled = false;

  constructor(engine: Engine, store: Store) {
    this.engine = engine;
    this.store = store;
  }

  /** Subscribes to the store's watch. */
  start(): void {
    this.store.emitter.on('change', (e) => {
      if (e.kind === 'Pod') this.onPod(e as WatchEvent<'Pod'>);
      else if (e.kind === 'Node') this.onNode(e as WatchEvent<'Node'>);
    });
  }

  private key(p: Pod): string {
    return `${p.metadata?.namespace ?? 'default'}/${p.metadata?.name}`;
  }

  private onNode(e: WatchEvent<'Node'>): void {
    const name = e.object.metadata!.name!;
    if (e.type === 'DELETED') {
      this.nodes.delete(name);
      return;
    }
    if (!this.nodes.has(name))
      this.nodes.set(name, { name, cpuMilli: 0, memory: 0, pods: 0, podKeys: new Set() });
    this.moveAllToActive();
  }

  private onPod(e: WatchEvent<'Pod'>): void {
    const pod = e.object;
    const key = this.key(pod);
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    if (e.type === 'DELETED' || terminal) {
      this.unschedulable.delete(key);
      if (this.release(key)) this.moveAllToActive();
      return;
    }
    const node = pod.spec?.nodeName;
    if (node) {
      if (!this.assigned.has(key)) this.account(key, node, podRequests(pod));
      return;
    }
    if (pod.metadata?.deletionTimestamp) return;
    if (e.type === 'ADDED') this.enqueue(key);
  }

  private account(key: string, node: string, req: Requests): void {
    let info = this.nodes.get(node);
    if (!info) {
      info = { name: node, cpuMilli: 0, memory: 0, pods: 0, podKeys: new Set() };
      this.nodes.set(node, info);
    }
    info.cpuMilli += req.cpuMilli;
    info.memory += req.memory;
    info.pods++;
    info.podKeys.add(key);
    this.assigned.set(key, { node, req });
  }

  private release(key: string): boolean {
    const a = this.assigned.get(key);
    if (!a) return false;
    this.assigned.delete(key);
    const info = this.nodes.get(a.node);
    if (info) {
      info.cpuMilli -= a.req.cpuMilli;
      info.memory -= a.req.memory;
      info.pods--;
      info.podKeys.delete(key);
    }
    return true;
  }

  private enqueue(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.engine.after(0, `schedule ${key}`, () => {
      this.queued.delete(key);
      this.scheduleOne(key);
    });
  }

  /** Cluster changed: retry every unschedulable pod (in the order they became unschedulable). */
  private moveAllToActive(): void {
    if (this.unschedulable.size === 0 || this.flushScheduled) return;
    this.flushScheduled = true;
    this.engine.after(0, 'scheduler flush unschedulable', () => {
      this.flushScheduled = false;
      const keys = [...this.unschedulable.keys()];
      this.unschedulable.clear();
      for (const k of keys) this.enqueue(k);
    });
  }

  private scheduleOne(key: string): void {
    const slash = key.indexOf('/');
    const pod = this.store.get('Pod', key.slice(0, slash), key.slice(slash + 1));
    if (!pod || pod.spec?.nodeName || pod.metadata?.deletionTimestamp) return;
    const req = podRequests(pod);
    const reasons = new Map<string, number>();
    let unresolvable = 0;
    let best: { node: Node; score: number } | undefined;
    const nodes = this.store.list('Node');
    for (const node of nodes) {
      const r = this.filter(pod, node, req);
      if (r) {
        for (const reason of r.reasons) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        if (r.unresolvable) unresolvable++;
        continue;
      }
      const score = this.score(node, req);
      if (!best || score > best.score) best = { node, score };
    }
    if (best) {
      this.bind(pod, best.node, req);
      return;
    }
    const total = nodes.length;
    const hist = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort();
    let message = `0/${total} nodes are available`;
    message += hist.length > 0 ? `: ${hist.join(', ')}.` : '.';
    if (total > 0) {
      const pre: string[] = [];
      const resolvable = total - unresolvable;
      if (resolvable > 0) pre.push(`${resolvable} No preemption victims found for incoming pod`);
      if (unresolvable > 0) pre.push(`${unresolvable} Preemption is not helpful for scheduling`);
      message += ` preemption: 0/${total} nodes are available: ${pre.sort().join(', ')}.`;
    }
    this.markUnschedulable(pod, message);
  }

  private filter(
    pod: Pod,
    node: Node,
    req: Requests,
  ): { reasons: string[]; unresolvable: boolean } | undefined {
    const name = node.metadata!.name!;
    if (node.spec?.unschedulable) {
      const tolerated = tolerates(pod.spec?.tolerations, {
        key: 'node.kubernetes.io/unschedulable',
        effect: 'NoSchedule',
      });
      if (!tolerated) return { reasons: ['node(s) were unschedulable'], unresolvable: true };
    }
    if (!matchesNodeSelector(pod, node)) {
      return { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
    }
    for (const t of node.spec?.taints ?? []) {
      if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
      if (!tolerates(pod.spec?.tolerations, t)) {
        return {
          reasons: [`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`],
          unresolvable: true,
        };
      }
    }
    const alloc = nodeAllocatable(node);
    const info = this.nodes.get(name) ?? { cpuMilli: 0, memory: 0, pods: 0 };
    const reasons: string[] = [];
    if (info.pods + 1 > alloc.pods) reasons.push('Too many pods');
    if (req.cpuMilli > 0 && req.cpuMilli > alloc.cpuMilli - info.cpuMilli) reasons.push('Insufficient cpu');
    if (req.memory > 0 && req.memory > alloc.memory - info.memory) reasons.push('Insufficient memory');
    return reasons.length > 0 ? { reasons, unresolvable: false } : undefined;
  }

  private score(node: Node, req: Requests): number {
    const alloc = nodeAllocatable(node);
    const info = this.nodes.get(node.metadata!.name!) ?? { cpuMilli: 0, memory: 0, pods: 0 };
    // LeastAllocated (cpu and memory weighted equally), in integer points as upstream (0-100).
    const free = (used: number, cap: number) => (cap <= 0 ? 0 : Math.floor(((cap - used) * 100) / cap));
    const cpuReq = info.cpuMilli + (req.cpuMilli || 100);
    const memReq = info.memory + (req.memory || 200 * 1024 * 1024);
    return Math.floor((free(cpuReq, alloc.cpuMilli) + free(memReq, alloc.memory)) / 2);
  }

  private bind(pod: Pod, node: Node, req: Requests): void {
    const key = this.key(pod);
    const nodeName = node.metadata!.name!;
    const ts = this.store.timestamp();
    const conditions: PodCondition[] = (pod.status?.conditions ?? []).filter(
      (c) => c.type !== 'PodScheduled',
    );
    conditions.push({
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null as unknown as string,
      lastTransitionTime: ts,
    });
    this.account(key, nodeName, req);
    this.store.recordEvent(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name} to ${nodeName}`,
      COMPONENT,
    );
    this.store.update('Pod', {
      ...pod,
      spec: { ...pod.spec!, nodeName },
      status: { ...(pod.status ?? {}), conditions },
    });
  }

  private markUnschedulable(pod: Pod, message: string): void {
    const key = this.key(pod);
    this.unschedulable.set(key, pod);
    this.store.recordEvent(pod, 'Warning', 'FailedScheduling', message, COMPONENT);
    const prev = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (prev?.status !== 'False' || prev.message !== message) {
      const conditions: PodCondition[] = (pod.status?.conditions ?? []).filter(
        (c) => c.type !== 'PodScheduled',
      );
      conditions.push({
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null as unknown as string,
        lastTransitionTime: this.store.timestamp(),
        reason: 'Unschedulable',
        message,
      });
      this.store.update('Pod', { ...pod, status: { ...(pod.status ?? {}), conditions } });
    }
    if (!this.retryTimer || this.retryTimer.done) {
      this.retryTimer = this.engine.after(
        PROFILE.unschedulableRetry,
        'scheduler unschedulable retry',
        () => this.moveAllToActive(),
        true,
      );
    }
  }
}

function matchesNodeSelector(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  return terms.some((t) =>
    (t.matchExpressions ?? []).every((e) => {
      const has = e.key in labels;
      const val = labels[e.key];
      switch (e.operator) {
        case 'In':
          return has && (e.values ?? []).includes(val!);
        case 'NotIn':
          return !has || !(e.values ?? []).includes(val!);
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        case 'Gt':
          return has && Number(val) > Number(e.values?.[0]);
        case 'Lt':
          return has && Number(val) < Number(e.values?.[0]);
        default:
          return false;
      }
    }),
  );
}
