/**
 * The default scheduler's filter and score plugins that Jobs meet, as pure functions, and the
 * `FitError` message (upstream v1.34 `pkg/scheduler/framework/plugins/` and
 * `pkg/scheduler/framework/types.go`). Filters run in the default profile's order:
 * NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit; the first that rejects a
 * node gives that node's reasons.
 */

import type { NodeSelectorRequirement } from 'kubernetes-types/core/v1.js';
import { parseQuantity } from '../api/quantity.js';
import type { Node, Pod, Taint, Toleration } from '../api/types.js';

/** Resource amounts: `cpu` in millicores, everything else in units (bytes for memory). */
export type ResourceList = ReadonlyMap<string, number>;

/** A node's rejection of a pod: its reasons, and whether preemption could not help. */
export interface FilterStatus {
  readonly reasons: readonly string[];
  /** `UnschedulableAndUnresolvable` (true) or `Unschedulable` (false). */
  readonly unresolvable: boolean;
}

/** What the scheduler cache knows about a node: the pods it counts and their requests. */
export interface NodeUsage {
  /** Sum of the requests of the pods on the node. */
  readonly requested: ResourceList;
  /** Sum of the requests with defaults for missing cpu (100m) and memory (200Mi), for scoring. */
  readonly nonZeroRequested: { readonly cpu: number; readonly memory: number };
  readonly pods: number;
}

/** `schedutil.DefaultMilliCPURequest`. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** `schedutil.DefaultMemoryRequest` (200 MB). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** Reason of NodeUnschedulable (`ErrReasonUnschedulable`). */
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
/** Reason of NodeAffinity (`ErrReasonPod`). */
export const ERR_REASON_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
/** Message of a scheduling cycle without nodes (`ErrNoNodesAvailable`). */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

function amount(resource: string, q: unknown): number {
  const parsed = parseQuantity(q as string);
  return resource === 'cpu' ? parsed.milliValue() : parsed.value();
}

type Requests = { requests?: Record<string, unknown>; limits?: Record<string, unknown> } | undefined;

/** A container's requests (limits stand in for missing requests, as API defaulting does). */
function containerRequests(resources: Requests): Map<string, number> {
  const out = new Map<string, number>();
  const req = resources?.requests ?? {};
  const lim = resources?.limits ?? {};
  for (const [k, v] of Object.entries(lim)) if (req[k] === undefined) out.set(k, amount(k, v));
  for (const [k, v] of Object.entries(req)) out.set(k, amount(k, v));
  return out;
}

function addInto(into: Map<string, number>, add: ReadonlyMap<string, number>): void {
  for (const [k, v] of add) into.set(k, (into.get(k) ?? 0) + v);
}

function maxInto(into: Map<string, number>, other: ReadonlyMap<string, number>): void {
  for (const [k, v] of other) into.set(k, Math.max(into.get(k) ?? 0, v));
}

/**
 * A pod's effective requests (`resourcehelper.PodRequests`): the sum over regular containers and
 * sidecars, or, when larger, an init container's request plus the sidecars started before it;
 * plus `spec.overhead`. With `nonZero`, missing cpu and memory requests count as 100m and 200Mi
 * (what scoring uses).
 *
 * @example
 * ```ts
 * podRequests({ spec: { containers: [{ name: 'a', resources: { requests: { cpu: '500m' } } }] } }).get('cpu'); // 500
 * ```
 */
export function podRequests(pod: Pod, nonZero = false): ReadonlyMap<string, number> {
  const spec = pod.spec;
  if (!spec) return new Map();
  // Stored objects are immutable: compute the requests once per containers list (pods of one Job
  // share their template's), or per spec when init containers or overhead count too.
  const cache = nonZero ? nonZeroCache : requestsCache;
  const key = requestsKey(spec);
  const cached = cache.get(key);
  if (cached) return cached;
  const reqs = new Map<string, number>();
  cache.set(key, reqs);
  const of = (c: { resources?: Requests }) => {
    const r = containerRequests(c.resources);
    if (nonZero) {
      if (!r.has('cpu')) r.set('cpu', DEFAULT_MILLI_CPU_REQUEST);
      if (!r.has('memory')) r.set('memory', DEFAULT_MEMORY_REQUEST);
    }
    return r;
  };
  for (const c of spec.containers ?? []) addInto(reqs, of(c));
  const restartable = new Map<string, number>();
  const initMax = new Map<string, number>();
  for (const c of spec.initContainers ?? []) {
    const r = of(c);
    if (c.restartPolicy === 'Always') {
      addInto(reqs, r);
      addInto(restartable, r);
      maxInto(initMax, restartable);
    } else {
      const tmp = new Map(r);
      addInto(tmp, restartable);
      maxInto(initMax, tmp);
    }
  }
  maxInto(reqs, initMax);
  if (spec.overhead) addInto(reqs, containerRequests({ requests: spec.overhead as Record<string, unknown> }));
  return reqs;
}

/**
 * The object a pod's requests depend on alone: the `resources` of its only container (Indexed
 * pods get their own container copies, which share it), its containers list, or its whole spec.
 */
export function requestsKey(spec: NonNullable<Pod['spec']>): object {
  if (spec.initContainers || spec.overhead || !spec.containers) return spec;
  if (spec.containers.length === 1 && spec.containers[0]!.resources) return spec.containers[0]!.resources;
  return spec.containers;
}

const requestsCache = new WeakMap<object, Map<string, number>>();
const nonZeroCache = new WeakMap<object, Map<string, number>>();

/**
 * Node allocatable (falling back to capacity): cpu in millicores, pods 110 when not given.
 *
 * @example
 * ```ts
 * nodeAllocatable({ status: { allocatable: { cpu: '4', memory: '16Gi' } } }).get('cpu'); // 4000
 * ```
 */
export function nodeAllocatable(node: Node): ReadonlyMap<string, number> {
  const a = (node.status?.allocatable ?? node.status?.capacity ?? {}) as Record<string, unknown>;
  // Stored objects are immutable: parse each allocatable list once.
  const cached = allocatableCache.get(a);
  if (cached) return cached;
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(a)) out.set(k, amount(k, v));
  if (!out.has('pods')) out.set('pods', 110);
  allocatableCache.set(a, out);
  return out;
}

const allocatableCache = new WeakMap<object, Map<string, number>>();

/**
 * `Toleration.ToleratesTaint`: effect and key must match when given; operator Exists tolerates
 * any value, Equal (or empty) needs the same value.
 *
 * @example
 * ```ts
 * toleratesTaint({ key: 'gpu', operator: 'Exists' }, { key: 'gpu', value: 'a', effect: 'NoSchedule' }); // true
 * ```
 */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/**
 * Whether any of `tolerations` tolerates `taint` (`v1helper.TolerationsTolerateTaint`).
 *
 * @example
 * ```ts
 * tolerates([{ operator: 'Exists' }], { key: 'k', effect: 'NoExecute' }); // true
 * ```
 */
export function tolerates(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/**
 * `v1helper.GetMatchingTolerations`: whether every taint is tolerated, and for each taint the
 * first toleration that tolerates it.
 *
 * @example
 * ```ts
 * getMatchingTolerations([{ key: 'k', effect: 'NoExecute' }], [{ operator: 'Exists' }]); // [true, [{operator: 'Exists'}]]
 * ```
 */
export function getMatchingTolerations(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
): [boolean, Toleration[]] {
  if (taints.length === 0) return [true, []];
  if (!tolerations || tolerations.length === 0) return [false, []];
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => toleratesTaint(x, taint));
    if (!t) return [false, []];
    used.push(t);
  }
  return [true, used];
}

/**
 * NodeUnschedulable: a cordoned node, unless the pod tolerates `node.kubernetes.io/unschedulable:NoSchedule`.
 *
 * @example
 * ```ts
 * filterNodeUnschedulable(pod, { spec: { unschedulable: true } })?.reasons; // ['node(s) were unschedulable']
 * ```
 */
export function filterNodeUnschedulable(pod: Pod, node: Node): FilterStatus | undefined {
  if (!node.spec?.unschedulable) return undefined;
  const ok = tolerates(pod.spec?.tolerations, {
    key: 'node.kubernetes.io/unschedulable',
    effect: 'NoSchedule',
  });
  return ok ? undefined : { reasons: [ERR_REASON_UNSCHEDULABLE], unresolvable: true };
}

/**
 * TaintToleration: the first NoSchedule/NoExecute taint of the node that the pod does not tolerate.
 *
 * @example
 * ```ts
 * filterTaintToleration(pod, { spec: { taints: [{ key: 'gpu', value: 'a', effect: 'NoSchedule' }] } })?.reasons;
 * // ['node(s) had untolerated taint {gpu: a}']
 * ```
 */
export function filterTaintToleration(pod: Pod, node: Node): FilterStatus | undefined {
  for (const t of node.spec?.taints ?? []) {
    if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
    if (!tolerates(pod.spec?.tolerations, t)) {
      return { reasons: [`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`], unresolvable: true };
    }
  }
  return undefined;
}

function matchRequirement(r: NodeSelectorRequirement, value: string | undefined, has: boolean): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(value!);
    case 'NotIn':
      return !has || !values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1) return false;
      const a = Number.parseInt(value!, 10);
      const b = Number.parseInt(values[0]!, 10);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/**
 * Whether the node fits the pod's `nodeSelector` and required node affinity (terms are ORed,
 * the expressions and fields of a term ANDed; a term without any requirement matches nothing).
 *
 * @example
 * ```ts
 * matchesNodeSelector({ spec: { containers: [], nodeSelector: { disk: 'ssd' } } },
 *   { metadata: { labels: { disk: 'ssd' } } }); // true
 * ```
 */
export function matchesNodeSelector(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t) => {
    const exprs = t.matchExpressions ?? [];
    const fields = t.matchFields ?? [];
    if (exprs.length === 0 && fields.length === 0) return false;
    return (
      exprs.every((e) => matchRequirement(e, labels[e.key], e.key in labels)) &&
      fields.every((f) =>
        f.key === 'metadata.name' ? matchRequirement(f, node.metadata?.name, true) : false,
      )
    );
  });
}

/**
 * NodeAffinity filter.
 *
 * @example
 * ```ts
 * filterNodeAffinity({ spec: { containers: [], nodeSelector: { a: 'b' } } }, { metadata: {} })?.reasons;
 * // ["node(s) didn't match Pod's node affinity/selector"]
 * ```
 */
export function filterNodeAffinity(pod: Pod, node: Node): FilterStatus | undefined {
  return matchesNodeSelector(pod, node) ? undefined : { reasons: [ERR_REASON_AFFINITY], unresolvable: true };
}

/**
 * NodeResourcesFit (`fitsRequest`): too many pods, then cpu, memory, ephemeral-storage and other
 * resources, each `Insufficient <name>`. A request larger than the node's whole allocatable
 * makes the rejection unresolvable (preemption cannot help).
 *
 * @example
 * ```ts
 * filterNodeResourcesFit(new Map([['cpu', 8000]]), new Map([['cpu', 4000], ['pods', 110]]),
 *   { requested: new Map(), nonZeroRequested: { cpu: 0, memory: 0 }, pods: 0 });
 * // { reasons: ['Insufficient cpu'], unresolvable: true }
 * ```
 */
export function filterNodeResourcesFit(
  request: ResourceList,
  allocatable: ResourceList,
  usage: NodeUsage,
): FilterStatus | undefined {
  if (fitsAll(request, allocatable, usage)) return undefined;
  const out: { reasons: string[] | undefined; unresolvable: boolean } = {
    reasons: undefined,
    unresolvable: false,
  };
  if (usage.pods + 1 > (allocatable.get('pods') ?? 110)) out.reasons = ['Too many pods'];
  insufficient(out, 'cpu', request.get('cpu') ?? 0, allocatable, usage);
  insufficient(out, 'memory', request.get('memory') ?? 0, allocatable, usage);
  insufficient(out, 'ephemeral-storage', request.get('ephemeral-storage') ?? 0, allocatable, usage);
  // Scalar resources: extended (domain-prefixed) resources and hugepages.
  if (request.size > 2) {
    for (const [name, want] of request) {
      if (name.includes('/') || name.startsWith('hugepages-'))
        insufficient(out, name, want, allocatable, usage);
    }
  }
  return out.reasons ? { reasons: out.reasons, unresolvable: out.unresolvable } : undefined;
}

/** The common case, without building a status: the pod fits in every resource. */
function fitsAll(request: ResourceList, allocatable: ResourceList, usage: NodeUsage): boolean {
  if (usage.pods + 1 > (allocatable.get('pods') ?? 110)) return false;
  for (const [name, want] of request) {
    if (want > 0 && want > (allocatable.get(name) ?? 0) - (usage.requested.get(name) ?? 0)) return false;
  }
  return true;
}

function insufficient(
  out: { reasons: string[] | undefined; unresolvable: boolean },
  name: string,
  want: number,
  allocatable: ResourceList,
  usage: NodeUsage,
): void {
  if (want <= 0) return;
  const alloc = allocatable.get(name) ?? 0;
  if (want > alloc - (usage.requested.get(name) ?? 0)) {
    (out.reasons ??= []).push(`Insufficient ${name}`);
    if (want > alloc) out.unresolvable = true;
  }
}

/**
 * Runs the filters in the default profile's order; the first rejection is the node's status.
 *
 * @example
 * ```ts
 * runFilters(pod, node, podRequests(pod), { requested: new Map(), nonZeroRequested: { cpu: 0, memory: 0 }, pods: 0 });
 * ```
 */
export function runFilters(
  pod: Pod,
  node: Node,
  request: ResourceList,
  usage: NodeUsage,
): FilterStatus | undefined {
  return (
    filterNodeUnschedulable(pod, node) ??
    filterTaintToleration(pod, node) ??
    filterNodeAffinity(pod, node) ??
    filterNodeResourcesFit(request, nodeAllocatable(node), usage)
  );
}

function histogram(counts: ReadonlyMap<string, number>): string[] {
  return [...counts.entries()].map(([r, n]) => `${n} ${r}`).sort();
}

/**
 * `FitError.Error()`: `0/N nodes are available: <count> <reason>, ...` with the items sorted as
 * strings, a final `.`, then the PostFilter (preemption) message after a space.
 *
 * @example
 * ```ts
 * fitErrorMessage(2, [{ reasons: ['Insufficient cpu'], unresolvable: false },
 *   { reasons: ['node(s) were unschedulable'], unresolvable: true }]);
 * // '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable.'
 * ```
 */
export function fitErrorMessage(
  numAllNodes: number,
  statuses: readonly FilterStatus[],
  postFilterMsg?: string,
): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const hist = histogram(counts);
  if (hist.length > 0) msg += ` ${hist.join(', ')}.`;
  if (postFilterMsg) msg += ` ${postFilterMsg}`;
  return msg;
}

/**
 * DefaultPreemption's PostFilter message when it finds no candidate (`preemption: ` + a FitError
 * over the nodes where preemption might help). Nodes rejected as unresolvable are "not helpful";
 * the others have no lower-priority pods to evict (jobsim does not model priorities, so every
 * pod has priority 0 and no node has victims). A pod with `preemptionPolicy: Never` is not
 * eligible at all.
 *
 * @example
 * ```ts
 * preemptionMessage({ spec: { containers: [] } }, 1, [{ reasons: ['Insufficient cpu'], unresolvable: false }]);
 * // 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.'
 * ```
 */
export function preemptionMessage(pod: Pod, numAllNodes: number, statuses: readonly FilterStatus[]): string {
  if (pod.spec?.preemptionPolicy === 'Never')
    return 'preemption: not eligible due to preemptionPolicy=Never.';
  const potential = statuses.filter((s) => !s.unresolvable).length;
  const per: FilterStatus[] = [];
  for (let i = 0; i < potential; i++)
    per.push({ reasons: ['No preemption victims found for incoming pod'], unresolvable: true });
  for (let i = potential; i < numAllNodes; i++)
    per.push({ reasons: ['Preemption is not helpful for scheduling'], unresolvable: true });
  return `preemption: ${fitErrorMessage(numAllNodes, per)}`;
}

/**
 * The whole Unschedulable message of a scheduling cycle that found no node.
 *
 * @example
 * ```ts
 * unschedulableMessage(pod, 3, statuses);
 * // '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.'
 * ```
 */
export function unschedulableMessage(
  pod: Pod,
  numAllNodes: number,
  statuses: readonly FilterStatus[],
): string {
  if (numAllNodes === 0) return ERR_NO_NODES_AVAILABLE;
  return fitErrorMessage(numAllNodes, statuses, preemptionMessage(pod, numAllNodes, statuses));
}

/** LeastAllocated score of one resource, 0-100. */
const least = (req: number, cap: number) =>
  cap === 0 || req > cap ? 0 : Math.floor(((cap - req) * 100) / cap);

/**
 * Score of a feasible node: NodeResourcesFit (LeastAllocated over the non-zero requests of cpu
 * and memory) plus NodeResourcesBalancedAllocation (skipped for pods without requests), 0-100
 * each. Takes allocatable cpu and memory, the node's non-zero requests with the pod's added, the
 * pod's own requests, and the requests already on the node.
 *
 * @example
 * ```ts
 * scoreResources(4000, 8 << 30, 100, 200 << 20, 100, 128 << 20, 0, 0); // 0..200
 * ```
 */
export function scoreResources(
  cpuCap: number,
  memCap: number,
  nonZeroCpu: number,
  nonZeroMem: number,
  podCpu: number,
  podMem: number,
  usedCpu: number,
  usedMem: number,
): number {
  const fit = Math.floor((least(nonZeroCpu, cpuCap) + least(nonZeroMem, memCap)) / 2);
  let balanced = 0;
  if (podCpu > 0 || podMem > 0) {
    // Standard deviation of the requested fractions of cpu and memory (0 with only one).
    if (cpuCap !== 0 && memCap !== 0) {
      const cpuF = Math.min((usedCpu + podCpu) / cpuCap, 1);
      const memF = Math.min((usedMem + podMem) / memCap, 1);
      balanced = Math.trunc((1 - Math.abs((cpuF - memF) / 2)) * 100);
    } else {
      balanced = 100;
    }
  }
  return fit + balanced;
}
