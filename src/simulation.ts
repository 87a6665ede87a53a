/**
 * The library's entry point: a simulated cluster that a test drives step by step.
 */
import { EventEmitter } from 'eventemitter3';
import { ApiError } from './api/errors.js';
import { compileSelector, parseSelectorString } from './api/selector.js';
import type {
  Event,
  Kind,
  KindMap,
  KubeObject,
  LabelSelector,
  Node,
  NodeCondition,
  Pod,
} from './api/types.js';
import { NAMESPACED } from './api/types.js';
import { installCronJobs } from './controllers/cronjob/index.js';
import { GarbageCollector } from './controllers/garbagecollector.js';
import { JobController, type JobControllerFaults } from './controllers/job/controller.js';
import { NodeLifecycle } from './controllers/nodelifecycle.js';
import { DEFAULT_TERMINATED_POD_GC_THRESHOLD, TerminatedPodGC } from './controllers/podgc.js';
import { getCompletionIndex, isPodTerminal } from './controllers/podutil.js';
import { formatDuration, parseDuration } from './engine/duration.js';
import { Engine, type RunEnd } from './engine/engine.js';
import { type BehaviorRule, Behaviors } from './kubelet/behaviors.js';
import { Kubelet } from './kubelet/kubelet.js';
import { KUBERNETES_VERSION } from './profile.js';
import { type LoadedScenario, loadScenario } from './scenario/load.js';
import { Scheduler } from './scheduler/scheduler.js';
import { ApiServer, normalizeKind, type WriteOutcome } from './store/apiserver.js';
import type { DeleteOptions } from './store/store.js';
import { Store } from './store/store.js';
import type { TraceEvent } from './trace.js';

/** Problems with the objects of a scenario (exit status 2): nothing ran. */
export class InvalidScenarioObjectsError extends Error {
  readonly code = 'INVALID_OBJECTS';
  /** One message per refused object, as kubectl prints it, prefixed with `file:line`. */
  readonly messages: readonly string[];
  constructor(messages: readonly string[]) {
    super(messages.join('\n'));
    this.name = 'InvalidScenarioObjectsError';
    this.messages = messages;
  }
}

/** Options of a {@link Simulation}. */
export interface SimulationOptions {
  /** Seed of every random stream (default 1). */
  readonly seed?: number;
  /** Wall-clock value of virtual time 0 (default `2026-01-01T00:00:00Z`). */
  readonly startTime?: string;
  /** Generated nodes `node-0` … (default 0; `fromYaml` defaults to 1 when the file has no Node). */
  readonly nodes?: number;
  /** Allocatable of each generated node (default cpu 4, memory 16Gi, pods 110). */
  readonly capacity?: Readonly<Record<string, string>>;
  /** Scheduled -> containers running (default 0s). */
  readonly podStartLatency?: string | number;
  /** Hard cap on virtual time (default 24h). */
  readonly limit?: string | number;
  /** Container behaviors (scenario format, section 3). */
  readonly behaviors?: readonly BehaviorRule[];
  /** Keep every version of every object so `at()` and the timeline work (default true). */
  readonly recordHistory?: boolean;
  /**
   * PodGC `--terminated-pod-gc-threshold`: finished pods beyond this count are deleted, oldest
   * first (default 12500, as upstream; 0 keeps every pod).
   */
  readonly terminatedPodGcThreshold?: number;
  /** Test-only controller faults (to prove that properties catch a broken controller). */
  readonly faults?: JobControllerFaults;
}

/** Selects pods for `exit` and `evict`. */
export interface PodTarget {
  readonly job?: string;
  readonly pod?: string;
  readonly index?: number | readonly number[];
  readonly count?: number;
  readonly namespace?: string;
}

/** Events of {@link Simulation.on}. */
export interface SimulationEvents {
  /** Every trace entry as it happens. */
  trace: [TraceEvent];
}

const DEFAULT_CAPACITY = { cpu: '4', memory: '16Gi', pods: '110' };

/** Capacities (JSON) of generated nodes that passed the API server's checks. */
const validNodeCapacities = new Set<string>();

/**
 * A simulated Kubernetes cluster on a virtual clock: API server, Job controller, scheduler,
 * kubelets, node lifecycle and garbage collector.
 *
 * @example
 * ```ts
 * import { Simulation } from 'jobsim';
 * const sim = new Simulation({ seed: 1, nodes: 1 });
 * sim.apply({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: { spec: {
 *   restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } } });
 * sim.runUntilIdle();
 * sim.get('Job', 'pi')?.status?.succeeded; // 1
 * ```
 */
export class Simulation {
  /** The discrete-event engine. */
  readonly engine: Engine;
  /** The in-memory API storage. */
  readonly store: Store;
  /** The API request path (defaulting, validation, admission). */
  readonly api: ApiServer;
  /** Kubelets of all nodes. */
  readonly kubelet: Kubelet;
  /** Node lifecycle, taint eviction, pod GC. */
  readonly nodes: NodeLifecycle;
  /** Container behaviors. */
  readonly behaviors: Behaviors;
  private readonly emitter = new EventEmitter<SimulationEvents>();
  private readonly traceLog: TraceEvent[] = [];
  private readonly recordHistory: boolean;
  private readonly capacity: Readonly<Record<string, string>>;
  private nodeCount = 0;
  /** Warnings the API server returned for writes so far (as kubectl prints them after `Warning: `). */
  readonly warnings: string[] = [];

  constructor(options: SimulationOptions = {}) {
    const seed = options.seed ?? 1;
    const startTime = Date.parse(options.startTime ?? '2026-01-01T00:00:00Z');
    this.engine = new Engine({
      seed,
      limitMs: options.limit === undefined ? 24 * 3_600_000 : parseDuration(options.limit),
    });
    this.store = new Store(this.engine, { startTime });
    this.api = new ApiServer(this.store);
    this.recordHistory = options.recordHistory ?? true;
    this.capacity = { ...DEFAULT_CAPACITY, ...(options.capacity ?? {}) };
    this.store.emitter.on('change', (e) => {
      if (!this.recordHistory && this.emitter.listenerCount('trace') === 0) return;
      const ev: TraceEvent = {
        type: 'object',
        t: e.time,
        verb: e.type,
        kind: e.kind,
        namespace: e.object.metadata?.namespace,
        name: e.object.metadata!.name!,
        object: e.object,
        old: e.old,
      };
      this.record(ev);
    });
    this.behaviors = new Behaviors(this.store, seed, options.behaviors ?? []);
    new JobController(this.engine, this.store, options.faults).start();
    new Scheduler(this.engine, this.store).start();
    this.kubelet = new Kubelet(this.engine, this.store, this.behaviors, {
      podStartMs: options.podStartLatency === undefined ? 0 : parseDuration(options.podStartLatency),
    });
    this.kubelet.start();
    this.nodes = new NodeLifecycle(this.engine, this.store, this.kubelet);
    this.nodes.start();
    new GarbageCollector(this.engine, this.store).start();
    new TerminatedPodGC(
      this.engine,
      this.store,
      options.terminatedPodGcThreshold ?? DEFAULT_TERMINATED_POD_GC_THRESHOLD,
    ).start();
    installCronJobs(this.engine, this.store, this.api);
    for (let i = 0; i < (options.nodes ?? 0); i++) this.addNode();
  }

  /**
   * A simulation of scenario text (manifests plus an optional Scenario document): the
   * cluster, behaviors and objects of the file, at time 0. Steps and checks are not run; drive
   * the simulation yourself, or use `runScenario` for the whole file.
   *
   * @example
   * ```ts
   * const sim = Simulation.fromYaml(readFileSync('sim/pi.yaml', 'utf8'), { seed: 5 });
   * sim.runUntilIdle();
   * ```
   * @throws ScenarioError for YAML or Scenario problems, InvalidScenarioObjectsError for refused objects.
   */
  static fromYaml(
    text: string,
    options: { seed?: number; file?: string; recordHistory?: boolean } = {},
  ): Simulation {
    const opts: { seed?: number; recordHistory?: boolean } = {};
    if (options.seed !== undefined) opts.seed = options.seed;
    if (options.recordHistory !== undefined) opts.recordHistory = options.recordHistory;
    return Simulation.fromScenario(loadScenario(text, options.file ?? '<input>'), opts);
  }

  /** A simulation of a loaded scenario file, its objects created at time 0 (Nodes first). */
  static fromScenario(
    loaded: LoadedScenario,
    options: { seed?: number; recordHistory?: boolean; faults?: JobControllerFaults } = {},
  ): Simulation {
    const spec = loaded.scenario;
    const hasNodes = loaded.objects.some((o) => o.kind === 'Node');
    const sim = new Simulation({
      seed: options.seed ?? spec.seed,
      startTime: spec.startTime,
      nodes: spec.nodes ?? (hasNodes ? 0 : 1),
      capacity: spec.capacity,
      podStartLatency: spec.podStartMs / 1000,
      limit: spec.limitMs / 1000,
      behaviors: spec.behaviors,
      recordHistory: options.recordHistory ?? true,
      ...(options.faults ? { faults: options.faults } : {}),
    });
    const errors: string[] = [];
    const ordered: Array<[KubeObject, number]> = loaded.objects.map((o, i) => [
      o,
      loaded.objectLines[i] ?? 0,
    ]);
    ordered.sort((a, b) => (a[0].kind === 'Node' ? 0 : 1) - (b[0].kind === 'Node' ? 0 : 1));
    for (const [obj, line] of ordered) {
      try {
        sim.apply(obj);
      } catch (e) {
        if (e instanceof ApiError) errors.push(`${loaded.file}:${line}: ${e.message}`);
        else throw e;
      }
    }
    if (errors.length > 0) throw new InvalidScenarioObjectsError(errors);
    return sim;
  }

  /** The Kubernetes version modelled. */
  static readonly kubernetesVersion: string = KUBERNETES_VERSION;

  /** Records a trace entry (and publishes it). */
  record(e: TraceEvent): void {
    if (this.recordHistory || e.type !== 'object') this.traceLog.push(e);
    this.emitter.emit('trace', e);
  }

  /** Records a trace entry at an earlier position of the trace (a step, before its effects). */
  recordAt(position: number, e: TraceEvent): void {
    this.traceLog.splice(Math.min(position, this.traceLog.length), 0, e);
    this.emitter.emit('trace', e);
  }

  /** Subscribes to simulation events. Returns a function that unsubscribes. */
  on<E extends keyof SimulationEvents>(event: E, fn: (...args: SimulationEvents[E]) => void): () => void {
    this.emitter.on(event, fn as never);
    return () => {
      this.emitter.off(event, fn as never);
    };
  }

  /** Adds a generated node `node-<i>` (or the given Node manifest, completed with defaults). */
  addNode(manifest?: Node): Node {
    const i = this.nodeCount++;
    const name = manifest?.metadata?.name ?? `node-${i}`;
    const ts = this.store.timestamp();
    const status = manifest?.status ?? {};
    const alloc = status.allocatable ?? status.capacity ?? this.capacity;
    const labels = {
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
      ...(manifest?.metadata?.labels ?? {}),
    };
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: manifest?.metadata
        ? Object.assign({}, manifest.metadata, { name, labels })
        : { name, labels },
      spec: { ...(manifest?.spec ?? {}) },
      status: {
        capacity: { ...(status.capacity ?? alloc) },
        allocatable: { ...alloc },
        conditions: status.conditions ?? healthyNodeConditions(ts),
        addresses: status.addresses ?? [
          { type: 'InternalIP', address: `172.18.${Math.floor(i / 250)}.${(i % 250) + 2}` },
          { type: 'Hostname', address: name },
        ],
        nodeInfo: status.nodeInfo ?? NODE_INFO,
      },
    };
    // Generated nodes differ only in name and address: once one with this capacity (the user's
    // input) passed the API server's checks, the others are stored without repeating them
    // (same uid draw, same stored object).
    const capacityKey = manifest === undefined ? JSON.stringify(this.capacity) : '';
    if (
      manifest === undefined &&
      validNodeCapacities.has(capacityKey) &&
      !this.store.get('Node', undefined, name)
    ) {
      const md = node.metadata as { uid?: string };
      md.uid = this.store.newUid();
      return this.store.create('Node', node);
    }
    const created = this.api.create<'Node'>(node);
    if (manifest === undefined && validNodeCapacities.size < 1000) validNodeCapacities.add(capacityKey);
    return created;
  }

  /** Current virtual time in ms. */
  now(): number {
    return this.engine.now;
  }

  /** Wall-clock epoch ms of the current virtual time (for views). */
  nowEpoch(): number {
    return this.store.startTime + this.engine.now;
  }

  // ----- writes -----

  /**
   * Creates objects, or updates them by name when they exist (like `kubectl apply`).
   * Node manifests are completed with the cluster's defaults.
   * @throws InvalidObjectError when the API server refuses it (nothing changes).
   */
  apply(obj: KubeObject | readonly KubeObject[]): Array<[KubeObject, WriteOutcome]> {
    const list = Array.isArray(obj) ? obj : [obj as KubeObject];
    const out: Array<[KubeObject, WriteOutcome]> = [];
    for (const o of list) {
      if (
        normalizeKind(o.kind ?? '') === 'Node' &&
        !this.store.get('Node', undefined, o.metadata?.name ?? '')
      ) {
        out.push([this.addNode(o as Node), 'created']);
        continue;
      }
      out.push(this.api.apply(o));
      for (const w of this.api.lastWarnings)
        this.warnings.push(`${(o.kind ?? '').toLowerCase()}/${o.metadata?.name ?? ''}: ${w}`);
    }
    return out;
  }

  /**
   * JSON merge patch of an object (`kubectl patch --type merge`).
   * @throws InvalidObjectError, NotFoundError
   */
  patch(kind: string, name: string, patch: Record<string, unknown>, namespace?: string): KubeObject {
    const k = this.kind(kind);
    return this.api.patch(k, namespace, name, patch)[0];
  }

  /**
   * Deletes an object (Background propagation by default, as `kubectl delete`).
   * @throws NotFoundError
   */
  delete(kind: string, name: string, options: DeleteOptions & { namespace?: string } = {}): void {
    const k = this.kind(kind);
    if (k === 'Node') {
      this.api.delete('Node', undefined, name, options);
      return;
    }
    this.api.delete(k, options.namespace, name, options);
  }

  /** Pods selected by a target, oldest first: the first `count`. */
  selectPods(target: PodTarget, filter: (p: Pod) => boolean): Pod[] {
    const ns = target.namespace ?? 'default';
    let pods: Pod[];
    if (target.pod !== undefined) {
      const p = this.store.get('Pod', ns, target.pod);
      pods = p ? [p] : [];
    } else {
      const job = this.store.get('Job', ns, target.job ?? '');
      const uid = job?.metadata?.uid;
      pods = uid
        ? this.store.list('Pod', {
            namespace: ns,
            filter: (p) => p.metadata?.ownerReferences?.some((r) => r.uid === uid) ?? false,
          })
        : [];
      if (target.index !== undefined) {
        const want = typeof target.index === 'number' ? [target.index] : target.index;
        pods = pods.filter((p) => want.includes(getCompletionIndex(p)));
      }
    }
    return pods.filter(filter).slice(0, target.count ?? 1);
  }

  /**
   * Makes running containers exit now (scenario `exit` step). Returns the pods affected.
   *
   * @example
   * ```ts
   * sim.exit({ job: 'pi', code: 42 });
   * ```
   */
  exit(target: PodTarget & { container?: string; code: number; reason?: string }): Pod[] {
    const pods = this.selectPods(
      target,
      (p) => !p.metadata?.deletionTimestamp && this.kubelet.hasRunning(p, target.container),
    );
    for (const p of pods) this.kubelet.exit(p, target.container, target.code, target.reason);
    return pods;
  }

  /** Evicts pods through the Eviction API (DisruptionTarget EvictionByEvictionAPI). */
  evict(target: PodTarget): Pod[] {
    const pods = this.selectPods(target, (p) => !p.metadata?.deletionTimestamp && !isPodTerminal(p));
    for (const p of pods) this.api.evict(p.metadata?.namespace, p.metadata!.name!);
    return pods;
  }

  /** Changes a node: `down`, `up`, `delete`, `cordon`, `uncordon`. */
  node(name: string, state: 'down' | 'up' | 'delete' | 'cordon' | 'uncordon'): void {
    if (!this.store.get('Node', undefined, name)) throw new Error(`nodes "${name}" not found`);
    switch (state) {
      case 'down':
        this.nodes.down(name);
        break;
      case 'up':
        this.nodes.up(name);
        break;
      case 'delete':
        this.api.delete('Node', undefined, name);
        break;
      case 'cordon':
        this.nodes.cordon(name, true);
        break;
      case 'uncordon':
        this.nodes.cordon(name, false);
        break;
    }
  }

  // ----- time -----

  /** Runs one event. Returns false when nothing is left. */
  step(): boolean {
    return this.engine.step();
  }

  /** Advances virtual time by a Go duration (`'30s'`); a bare number means seconds, as in scenario files. */
  runFor(duration: string | number): RunEnd {
    return this.engine.runUntil(this.engine.now + parseDuration(duration));
  }

  /** Runs until a virtual time (a Go duration since start; a bare number means seconds) or until a predicate holds. */
  runUntil(until: string | number | ((sim: Simulation) => boolean)): RunEnd {
    if (typeof until === 'function') return this.engine.runUntilIdle(() => until(this));
    return this.engine.runUntil(parseDuration(until));
  }

  /** Runs until nothing but periodic work is left (or the limit). */
  runUntilIdle(): RunEnd {
    return this.engine.runUntilIdle();
  }

  // ----- reads -----

  private kind(kind: string): Kind {
    const k = normalizeKind(kind);
    if (!k) throw new Error(`the server doesn't have a resource type "${kind}"`);
    return k;
  }

  /** Gets an object by kind and name (namespace `default` unless given). */
  get<K extends Kind>(kind: K | string, name: string, namespace?: string): KindMap[K] | undefined {
    const k = this.kind(kind) as K;
    return this.store.get(k, NAMESPACED[k] ? (namespace ?? 'default') : undefined, name);
  }

  /** Lists objects of a kind, optionally by label selector (object or `app=pi` string). */
  list<K extends Kind>(
    kind: K | string,
    selector?: LabelSelector | string,
    namespace?: string,
  ): KindMap[K][] {
    const k = this.kind(kind) as K;
    const sel = typeof selector === 'string' ? parseSelectorString(selector) : selector;
    const opts: { namespace?: string; selector?: LabelSelector } = {};
    if (namespace !== undefined) opts.namespace = namespace;
    if (sel !== undefined) opts.selector = sel;
    return this.store.list(k, opts);
  }

  /** Kubernetes Events, all or those about one object, in the order they were first recorded. */
  events(object?: KubeObject | { kind: string; name: string; namespace?: string }): Event[] {
    const all = this.store.list('Event');
    if (!object) return all;
    const kind = object.kind;
    const name =
      'name' in object && typeof object.name === 'string'
        ? object.name
        : (object as KubeObject).metadata?.name;
    return all.filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name);
  }

  /** The whole trace so far. */
  trace(): readonly TraceEvent[] {
    return this.traceLog;
  }

  /**
   * A read-only view of the cluster as it was at virtual time `time` (ms, or a duration).
   * Needs `recordHistory` (the default).
   */
  at(time: number | string): ClusterSnapshot {
    const t = typeof time === 'number' ? time : parseDuration(time);
    return ClusterSnapshot.fromTrace(this.traceLog, Math.min(t, this.engine.now), this.store.startTime);
  }

  /** A snapshot of the current state. */
  snapshot(): ClusterSnapshot {
    return this.at(this.engine.now);
  }

  /** `1m30s` style formatting of the current virtual time. */
  clock(): string {
    return formatDuration(this.engine.now);
  }
}

function cond(type: string, status: string, reason: string, message: string, ts: string) {
  return { type, status, reason, message, lastHeartbeatTime: ts, lastTransitionTime: ts };
}

/** A generated node's `status.nodeInfo` (the same for every node; stored objects are immutable). */
const NODE_INFO = {
  architecture: 'amd64',
  bootID: '',
  containerRuntimeVersion: 'containerd://2.1.0',
  kernelVersion: '6.8.0',
  kubeProxyVersion: '',
  kubeletVersion: `${KUBERNETES_VERSION}.0`,
  machineID: '',
  operatingSystem: 'linux',
  osImage: 'jobsim',
  systemUUID: '',
};

let lastConditions: { ts: string; conditions: NodeCondition[] } | undefined;

/** A healthy node's conditions at `ts`, shared by the nodes created in the same second. */
function healthyNodeConditions(ts: string): NodeCondition[] {
  if (lastConditions?.ts !== ts) {
    lastConditions = {
      ts,
      conditions: [
        cond(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
          ts,
        ),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', ts),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', ts),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', ts),
      ],
    };
  }
  return lastConditions.conditions;
}

/**
 * The state of the cluster at one virtual time, rebuilt from the trace. Objects are the
 * same immutable objects the simulation stored.
 */
export class ClusterSnapshot {
  /** Virtual time (ms) of the snapshot. */
  readonly time: number;
  /** Epoch ms of the snapshot (for ages). */
  readonly nowEpoch: number;
  private readonly objects: Map<Kind, Map<string, KubeObject>>;

  private constructor(time: number, nowEpoch: number, objects: Map<Kind, Map<string, KubeObject>>) {
    this.time = time;
    this.nowEpoch = nowEpoch;
    this.objects = objects;
  }

  /** Replays the trace up to and including `time`. */
  static fromTrace(trace: readonly TraceEvent[], time: number, startTime: number): ClusterSnapshot {
    const objects = new Map<Kind, Map<string, KubeObject>>();
    for (const e of trace) {
      if (e.t > time) break;
      if (e.type !== 'object') continue;
      let m = objects.get(e.kind);
      if (!m) {
        m = new Map();
        objects.set(e.kind, m);
      }
      const key = `${e.namespace ?? ''}/${e.name}`;
      if (e.verb === 'DELETED') m.delete(key);
      else m.set(key, e.object);
    }
    return new ClusterSnapshot(time, startTime + time, objects);
  }

  /** Gets an object. */
  get<K extends Kind>(kind: K, name: string, namespace = 'default'): KindMap[K] | undefined {
    const ns = NAMESPACED[kind] ? namespace : '';
    return this.objects.get(kind)?.get(`${ns}/${name}`) as KindMap[K] | undefined;
  }

  /** Lists objects of a kind in creation order, optionally by label selector. */
  list<K extends Kind>(kind: K, selector?: LabelSelector): KindMap[K][] {
    const m = this.objects.get(kind);
    if (!m) return [];
    const match = selector ? compileSelector(selector) : undefined;
    const out: KindMap[K][] = [];
    for (const o of m.values()) if (!match || match(o.metadata?.labels)) out.push(o as KindMap[K]);
    return out;
  }
}
