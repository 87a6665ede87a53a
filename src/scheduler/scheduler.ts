/**
 * The default scheduler, reduced to what Jobs meet (upstream v1.34 `pkg/scheduler`): a cache of
 * the pods bound to each node (terminal pods leave it, as the scheduler's informer filters them
 * out), the filters and scores of `plugins.ts`, binding, and the unschedulable queue: a pod
 * that fits nowhere gets `PodScheduled=False` (reason `Unschedulable`, message = the FitError)
 * and a `FailedScheduling` event, and is retried when the cluster changes in a way that may
 * help, or after `podMaxInUnschedulablePodsDuration` (5m). Pods of another `schedulerName`, and pods
 * with `schedulingGates`, are left alone. Ties between equally scored nodes go
 * to the node listed first, i.e. created first (upstream picks one at random).
 */

import type { Node, Pod, PodCondition } from '../api/types.js';
import type { Engine } from '../engine/engine.js';
import { PROFILE } from '../profile.js';
import type { Store, WatchEvent } from '../store/store.js';
import {
  type FilterStatus,
  filterNodeAffinity,
  filterNodeResourcesFit,
  filterNodeUnschedulable,
  filterTaintToleration,
  nodeAllocatable,
  podRequests,
  requestsKey,
  scoreResources,
  unschedulableMessage,
} from './plugins.js';

export { nodeAllocatable, podRequests, tolerates } from './plugins.js';

const COMPONENT = 'default-scheduler';

interface NodeInfo {
  readonly requested: Map<string, number>;
  readonly nonZeroRequested: { cpu: number; memory: number };
  pods: number;
  /** `requested` cpu and memory, as numbers for the scheduling loop. */
  cpu: number;
  memory: number;
}

/** A node as the scheduling loop sees it (rebuilt after any Node change). */
interface NodeSlot {
  readonly node: Node;
  readonly usage: NodeInfo;
  readonly allocatable: ReadonlyMap<string, number>;
  readonly cpuCap: number;
  readonly memCap: number;
  readonly podsCap: number;
}

interface Assigned {
  readonly node: string;
  readonly req: ReadonlyMap<string, number>;
  readonly nonZero: ReadonlyMap<string, number>;
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
  /** Pod key -> what it counts for on its node. */
  private readonly assigned = new Map<string, Assigned>();
  /** Bumped whenever the cluster may have gained room (a pod left a node, a node changed). */
  private roomVersion = 0;
  /** Pod shape -> the roomVersion at which a pod of that shape last found no node. */
  private readonly failedShapes = new Map<string, number>();
  /** Pods that fit nowhere, in the order they became unschedulable. */
  private readonly unschedulable = new UnschedulablePods();
  private readonly queued = new Set<string>();
  private retryTimer: ReturnType<Engine['after']> | undefined;
  /** The nodes in the store's order with their usage (rebuilt after any Node change). */
  private nodeList: NodeSlot[] | undefined;
  /**
   * Pod shape -> per node of `nodeList`, the verdict of the filters that do not look at the
   * node's pods (NodeUnschedulable, TaintToleration, NodeAffinity); null: passed.
   */
  private readonly staticByShape = new Map<string, (FilterStatus | null)[]>();
  private flushScheduled = false;

  constructor(engine: Engine, store: Store) {
    this.engine = engine;
    this.store = store;
  }

  /** Subscribes to the store's watch. */
  start(): void {
    this.store.emitter.on('Pod', (e) => this.onPod(e));
    this.store.emitter.on('Node', (e) => this.onNode(e));
  }

  private key(p: Pod): string {
    return [p.metadata?.namespace ?? 'default', p.metadata?.name].join('/');
  }

  private info(node: string): NodeInfo {
    let info = this.nodes.get(node);
    if (!info) {
      info = { requested: new Map(), nonZeroRequested: { cpu: 0, memory: 0 }, pods: 0, cpu: 0, memory: 0 };
      this.nodes.set(node, info);
    }
    return info;
  }

  private onNode(e: WatchEvent<'Node'>): void {
    this.nodeList = undefined;
    this.staticByShape.clear();
    const name = e.object.metadata!.name!;
    if (e.type === 'DELETED') {
      this.nodes.delete(name);
      return;
    }
    this.info(name);
    if (e.type === 'ADDED' || mayHelp(e.old, e.object)) this.moveAllToActive();
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
      this.unschedulable.delete(key);
      if (!this.assigned.has(key)) this.account(key, node, podRequests(pod), podRequests(pod, true));
      return;
    }
    if (pod.metadata?.deletionTimestamp || !this.responsibleFor(pod)) return;
    // A new pod, or one whose scheduling gates were just removed (SchedulingGates PreEnqueue).
    if (e.type === 'ADDED' || (e.old?.spec?.schedulingGates?.length ?? 0) > 0) this.enqueue(key);
  }

  /** Pods of this scheduler (`spec.schedulerName`) without scheduling gates. */
  private responsibleFor(pod: Pod): boolean {
    const name = pod.spec?.schedulerName;
    if (name !== undefined && name !== COMPONENT) return false;
    return (pod.spec?.schedulingGates?.length ?? 0) === 0;
  }

  private account(
    key: string,
    node: string,
    req: ReadonlyMap<string, number>,
    nonZero: ReadonlyMap<string, number>,
  ): void {
    const info = this.info(node);
    for (const [k, v] of req) info.requested.set(k, (info.requested.get(k) ?? 0) + v);
    info.cpu = info.requested.get('cpu') ?? 0;
    info.memory = info.requested.get('memory') ?? 0;
    info.nonZeroRequested.cpu += nonZero.get('cpu') ?? 0;
    info.nonZeroRequested.memory += nonZero.get('memory') ?? 0;
    info.pods++;
    this.assigned.set(key, { node, req, nonZero });
  }

  private release(key: string): boolean {
    const a = this.assigned.get(key);
    if (!a) return false;
    this.assigned.delete(key);
    const info = this.nodes.get(a.node);
    if (info) {
      for (const [k, v] of a.req) info.requested.set(k, (info.requested.get(k) ?? 0) - v);
      info.cpu = info.requested.get('cpu') ?? 0;
      info.memory = info.requested.get('memory') ?? 0;
      info.nonZeroRequested.cpu -= a.nonZero.get('cpu') ?? 0;
      info.nonZeroRequested.memory -= a.nonZero.get('memory') ?? 0;
      info.pods--;
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
    this.roomVersion++;
    if (this.unschedulable.size === 0 || this.flushScheduled) return;
    this.flushScheduled = true;
    this.engine.after(0, 'scheduler flush unschedulable', () => {
      this.flushScheduled = false;
      // Queue order within each pod shape; once a pod of a shape finds no room, the others of
      // that shape cannot fit either (binds only take room away) and keep waiting: a backlog of
      // thousands of identical pods costs one attempt per shape, not one per pod.
      for (const keys of this.unschedulable.groups()) {
        for (const k of keys) {
          if (this.queued.has(k)) continue;
          const pod = this.podByKey(k);
          if (!pod) {
            this.unschedulable.delete(k);
            continue;
          }
          if (this.failedShapes.get(podShape(pod)) === this.roomVersion) break;
          this.scheduleOne(k);
        }
      }
    });
  }

  private podByKey(key: string): Pod | undefined {
    return this.store.getByKey('Pod', key);
  }

  private slots(): NodeSlot[] {
    this.nodeList ??= this.store.list('Node').map((node) => {
      const allocatable = nodeAllocatable(node);
      return {
        node,
        usage: this.info(node.metadata!.name!),
        allocatable,
        cpuCap: allocatable.get('cpu') ?? 0,
        memCap: allocatable.get('memory') ?? 0,
        podsCap: allocatable.get('pods') ?? 110,
      };
    });
    return this.nodeList;
  }

  private scheduleOne(key: string): void {
    const pod = this.store.getByKey('Pod', key);
    if (!pod || pod.spec?.nodeName || pod.metadata?.deletionTimestamp || !this.responsibleFor(pod)) return;
    // A pod shaped like one that found no room since the cluster last gained room cannot fit
    // either (binds only take room away): it stays unschedulable without another attempt, which
    // keeps a backlog of thousands of identical pending pods linear instead of quadratic.
    const shape = podShape(pod);
    if (this.failedShapes.get(shape) === this.roomVersion) {
      this.unschedulable.add(key, shape);
      return;
    }
    const req = podRequests(pod);
    const nonZero = podRequests(pod, true);
    const statuses: FilterStatus[] = [];
    const nodes = this.slots();
    let statics = this.staticByShape.get(shape);
    if (!statics) {
      statics = nodes.map(({ node }) => staticStatus(pod, node) ?? null);
      this.staticByShape.set(shape, statics);
    }
    // cpu and memory only (the usual pod): the fit check and the scores on plain numbers.
    const plain = onlyCpuMemory(req);
    const podCpu = req.get('cpu') ?? 0;
    const podMem = req.get('memory') ?? 0;
    const nzCpu = nonZero.get('cpu') ?? 0;
    const nzMem = nonZero.get('memory') ?? 0;
    let bestNode: Node | undefined;
    let bestScore = -1;
    for (let i = 0; i < nodes.length; i++) {
      const slot = nodes[i]!;
      const usage = slot.usage;
      // The filters in profile order (see runFilters).
      const st = statics[i];
      if (st) {
        statuses.push(st);
        continue;
      }
      const fits =
        plain &&
        usage.pods + 1 <= slot.podsCap &&
        (podCpu <= 0 || podCpu <= slot.cpuCap - usage.cpu) &&
        (podMem <= 0 || podMem <= slot.memCap - usage.memory);
      if (!fits) {
        const status = filterNodeResourcesFit(req, slot.allocatable, usage);
        if (status) {
          statuses.push(status);
          continue;
        }
      }
      const score = scoreResources(
        slot.cpuCap,
        slot.memCap,
        usage.nonZeroRequested.cpu + nzCpu,
        usage.nonZeroRequested.memory + nzMem,
        podCpu,
        podMem,
        usage.cpu,
        usage.memory,
      );
      if (score > bestScore) {
        bestNode = slot.node;
        bestScore = score;
      }
    }
    if (bestNode) {
      this.bind(pod, bestNode, req, nonZero);
      return;
    }
    this.failedShapes.set(shape, this.roomVersion);
    this.markUnschedulable(pod, unschedulableMessage(pod, nodes.length, statuses));
  }

  private bind(
    pod: Pod,
    node: Node,
    req: ReadonlyMap<string, number>,
    nonZero: ReadonlyMap<string, number>,
  ): void {
    const key = this.key(pod);
    const nodeName = node.metadata!.name!;
    const conditions: PodCondition[] = (pod.status?.conditions ?? []).filter(
      (c) => c.type !== 'PodScheduled',
    );
    conditions.push({
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null as unknown as string,
      lastTransitionTime: this.store.timestamp(),
    });
    this.account(key, nodeName, req, nonZero);
    this.store.recordEvent(
      pod,
      'Normal',
      'Scheduled',
      [
        'Successfully assigned ',
        pod.metadata?.namespace ?? 'default',
        '/',
        pod.metadata?.name,
        ' to ',
        nodeName,
      ].join(''),
      COMPONENT,
    );
    this.store.update('Pod', {
      ...pod,
      // Object.assign, not spread: adding keys to a spread copy is slow in V8.
      spec: Object.assign({}, pod.spec, { nodeName }),
      status: Object.assign({}, pod.status, { conditions }),
    });
  }

  /** `handleSchedulingFailure`: event, PodScheduled=False, back to the unschedulable pods. */
  private markUnschedulable(pod: Pod, message: string): void {
    const key = this.key(pod);
    this.unschedulable.add(key, podShape(pod));
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
        lastTransitionTime:
          prev?.status === 'False' && prev.lastTransitionTime
            ? prev.lastTransitionTime
            : this.store.timestamp(),
        reason: 'Unschedulable',
        message,
      });
      this.store.update('Pod', {
        ...pod,
        status: Object.assign({}, pod.status, { phase: 'Pending', conditions }),
      });
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

/**
 * Whether a node update may make an unschedulable pod fit (the queueing hints of the filter
 * plugins): labels changed, the node became schedulable, a taint went away, or its allocatable
 * changed.
 */
function mayHelp(old: Node | undefined, cur: Node): boolean {
  if (!old) return true;
  if (JSON.stringify(old.metadata?.labels ?? {}) !== JSON.stringify(cur.metadata?.labels ?? {})) return true;
  if (old.spec?.unschedulable && !cur.spec?.unschedulable) return true;
  const curTaints = new Set((cur.spec?.taints ?? []).map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`));
  if ((old.spec?.taints ?? []).some((t) => !curTaints.has(`${t.key}=${t.value ?? ''}:${t.effect}`)))
    return true;
  const oa = JSON.stringify(old.status?.allocatable ?? old.status?.capacity ?? {});
  const ca = JSON.stringify(cur.status?.allocatable ?? cur.status?.capacity ?? {});
  return oa !== ca;
}

const shapes = new WeakMap<object, string>();

/** What decides where a pod may go: requests, node selection, tolerations (cached per spec). */
function podShape(pod: Pod): string {
  const spec = pod.spec!;
  // Pods of one Job share their containers and (admitted) tolerations lists: cache by those.
  const byTolerations =
    !spec.nodeSelector && !spec.affinity && spec.tolerations
      ? shapesByRequests(requestsKey(spec))
      : undefined;
  const cache = byTolerations ?? shapes;
  const key = byTolerations ? spec.tolerations! : spec;
  let s = cache.get(key);
  if (s === undefined) {
    s = JSON.stringify([
      [...podRequests(pod)],
      spec.nodeSelector ?? null,
      spec.affinity ?? null,
      spec.tolerations ?? null,
    ]);
    cache.set(key, s);
  }
  return s;
}

/** NodeUnschedulable, TaintToleration and NodeAffinity: the filters that ignore the node's pods. */
function staticStatus(pod: Pod, node: Node): FilterStatus | undefined {
  return (
    filterNodeUnschedulable(pod, node) ?? filterTaintToleration(pod, node) ?? filterNodeAffinity(pod, node)
  );
}

/** Whether a request names no resource but cpu and memory. */
function onlyCpuMemory(req: ReadonlyMap<string, number>): boolean {
  for (const k of req.keys()) if (k !== 'cpu' && k !== 'memory') return false;
  return true;
}

const shapesByRequestsKey = new WeakMap<object, WeakMap<object, string>>();

function shapesByRequests(requests: object): WeakMap<object, string> {
  let m = shapesByRequestsKey.get(requests);
  if (!m) {
    m = new WeakMap();
    shapesByRequestsKey.set(requests, m);
  }
  return m;
}

/** Unschedulable pods grouped by shape, each group in the order its pods became unschedulable. */
class UnschedulablePods {
  private readonly byShape = new Map<string, Set<string>>();
  private readonly shapeOf = new Map<string, string>();

  get size(): number {
    return this.shapeOf.size;
  }

  add(key: string, shape: string): void {
    if (this.shapeOf.get(key) === shape) return;
    this.delete(key);
    let set = this.byShape.get(shape);
    if (!set) {
      set = new Set();
      this.byShape.set(shape, set);
    }
    set.add(key);
    this.shapeOf.set(key, shape);
  }

  delete(key: string): void {
    const shape = this.shapeOf.get(key);
    if (shape === undefined) return;
    this.shapeOf.delete(key);
    const set = this.byShape.get(shape);
    set?.delete(key);
    if (set && set.size === 0) this.byShape.delete(shape);
  }

  /** The groups, oldest shape first. */
  groups(): Array<Set<string>> {
    return [...this.byShape.values()];
  }
}
