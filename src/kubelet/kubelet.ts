/**
 * The kubelets of all simulated nodes: container lifecycles, restart policies,
 * CrashLoopBackOff, init containers and sidecars, graceful termination, pod phase and
 * conditions, as upstream `pkg/kubelet` computes them (v1.34).
 *
 * Where upstream has it:
 * - starting containers in order, restarts and killing a finished pod's sidecars:
 *   `kuberuntime/kuberuntime_manager.go` (`computePodActions`, `SyncPod`, `doBackOff`);
 * - the restart back-off: `client-go/util/flowcontrol/backoff.go` with 10s initial and
 *   300s cap (`kubelet.go`: `backOffPeriod`, `MaxContainerBackOff`);
 * - killing: `kuberuntime/kuberuntime_container.go` (`killContainersWithSyncResult`,
 *   `killContainer`: regular containers first, then sidecars in reverse order, sharing the grace
 *   period, each getting at least `minimumGracePeriodInSeconds` = 2s);
 * - status: `kubelet_pods.go` (`generateAPIPodStatus`, `convertToAPIContainerStatuses`,
 *   `getPhase`), `status/generate.go`, `status/status_manager.go` (`TerminatePod`, deletion once
 *   terminal);
 * - `activeDeadlineSeconds`: `active_deadline.go`.
 */

import type { Container, ContainerStatus, Pod, PodCondition, PodSpec, PodStatus } from '../api/types.js';
import type { Engine, Timer } from '../engine/engine.js';
import { hexWords } from '../engine/hex.js';
import { PROFILE } from '../profile.js';
import type { Store, WatchEvent } from '../store/store.js';
import type { Behaviors, ContainerPlan } from './behaviors.js';
import {
  generateContainersReadyCondition,
  generatePodInitializedCondition,
  generatePodReadyCondition,
  getPhase,
  getPodQOS,
  KUBELET_CONDITIONS,
  type PodPhase,
  terminatePodStatus,
} from './status.js';

const COMPONENT = 'kubelet';
/** `minimumGracePeriodInSeconds` of `kuberuntime_container.go`. */
const MIN_GRACE_MS = 2000;

type ContainerKind = 'init' | 'sidecar' | 'main';

/** One finished run of a container. */
interface Termination {
  readonly exitCode: number;
  readonly reason: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** restartCount of the run (for its containerID). */
  readonly run: number;
}

interface CState {
  readonly name: string;
  readonly image: string;
  readonly kind: ContainerKind;
  /** Created at least once in this pod. */
  started: boolean;
  running: boolean;
  startedAt: number | undefined;
  /** The last two terminations, oldest first. */
  terms: Termination[];
  /** In CrashLoopBackOff: the back-off message (`reasonCache`). */
  crashLoop: string | undefined;
  restartCount: number;
  /** Exit timer while running; restart timer while backing off; kill timer while stopping. */
  timer: Timer | undefined;
  plan: ContainerPlan | undefined;
  /** SIGTERM sent. */
  stopping: boolean;
  /** flowcontrol back-off entry. */
  backoff: { ms: number; lastUpdate: number } | undefined;
  /** containerID of each run (memoized). */
  readonly ids: Map<number, string>;
  /** The last status built and what it was built from. */
  memo: ContainerStatusMemo | undefined;
  readonly imageID: string;
}

interface ContainerStatusMemo {
  readonly running: boolean;
  readonly started: boolean;
  readonly restartCount: number;
  readonly startedAt: number | undefined;
  readonly last: Termination | undefined;
  readonly prev: Termination | undefined;
  readonly crashLoop: string | undefined;
  readonly deleting: boolean;
  readonly hasInit: boolean;
  readonly status: ContainerStatus;
}

interface PodRuntime {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  /** The pod's store key (`namespace/name`). */
  readonly key: string;
  readonly node: string;
  readonly spec: PodSpec;
  readonly containers: CState[];
  /** Sandbox ready (after podStart latency). */
  sandbox: boolean;
  /** The kubelet is killing the pod's containers. */
  terminating: boolean;
  /** End of the grace period of the kill in progress. */
  killDeadline: number;
  /** The pod has a deletionTimestamp and the kubelet acted on it. */
  deleting: boolean;
  /** The pod's containers are stopped for good (`podIsTerminal`). */
  podIsTerminal: boolean;
  /** activeDeadlineSeconds passed. */
  deadlineExceeded: boolean;
  /** Phase last computed. */
  phase: PodPhase;
  deadlineTimer: Timer | undefined;
  readonly startTime: number;
  /** The runtime was dropped (pod deleted, node deleted). */
  done: boolean;
}

/** Options of the kubelets. */
export interface KubeletOptions {
  /** Scheduled -> containers running (image pull etc.), ms. */
  readonly podStartMs: number;
}

function isTerminalPhase(p: string | undefined): boolean {
  return p === 'Succeeded' || p === 'Failed';
}

/**
 * Runs the containers of pods bound to nodes.
 *
 * @example
 * ```ts
 * const kubelet = new Kubelet(engine, store, behaviors, { podStartMs: 0 });
 * kubelet.start();
 * ```
 */
export class Kubelet {
  private readonly engine: Engine;
  private readonly store: Store;
  private readonly behaviors: Behaviors;
  private readonly options: KubeletOptions;
  private readonly pods = new Map<string, PodRuntime>();
  /** Nodes whose kubelet is not reachable (node `down`). */
  private readonly downNodes = new Set<string>();
  /** Pods whose status write is held while their node is down. */
  private readonly pendingWrites = new Set<string>();
  /** Pods seen bound to a node, admitted once the watch event is handled. */
  private readonly admitting = new Set<string>();

  constructor(engine: Engine, store: Store, behaviors: Behaviors, options: KubeletOptions) {
    this.engine = engine;
    this.store = store;
    this.behaviors = behaviors;
    this.options = options;
  }

  /** Subscribes to the store's watch. */
  start(): void {
    this.store.emitter.on('Pod', (e) => this.onPod(e));
  }

  /** The node's kubelet stops answering (partition): statuses are held back, deletions unseen. */
  nodeDown(node: string): void {
    this.downNodes.add(node);
  }

  /** The node's kubelet answers again: it reports what happened and acts on deletions. */
  nodeUp(node: string): void {
    if (!this.downNodes.delete(node)) return;
    for (const rt of [...this.pods.values()]) {
      if (rt.node !== node) continue;
      const pod = this.pod(rt);
      if (!pod) {
        this.forget(rt);
        continue;
      }
      // The status manager reconciles what others changed meanwhile (e.g. Ready=False set by the
      // node lifecycle controller) with its own view (`needsReconcile`).
      this.writeStatus(rt, true);
      if (pod.metadata?.deletionTimestamp && !rt.deleting) this.beginDeletion(rt, pod);
      else if (rt.podIsTerminal) this.finish(rt);
    }
    // Pods bound while the kubelet was away.
    for (const pod of this.store.list('Pod', { filter: (p) => p.spec?.nodeName === node })) {
      if (!this.pods.has(pod.metadata?.uid ?? '')) this.maybeAdmit(pod);
    }
  }

  /** The node is gone: its pods stop without reports. */
  nodeDeleted(node: string): void {
    for (const rt of [...this.pods.values()]) if (rt.node === node) this.forget(rt);
    this.downNodes.delete(node);
  }

  /**
   * Makes running containers of a pod exit now with `code` (scenario `exit` step). Without
   * `container`, every running regular container exits. Returns how many exited.
   */
  exit(pod: Pod, container: string | undefined, code: number, reason?: string): number {
    const rt = this.pods.get(pod.metadata?.uid ?? '');
    if (!rt) return 0;
    const targets = rt.containers.filter(
      (c) => c.running && (container !== undefined ? c.name === container : c.kind === 'main'),
    );
    for (const c of targets)
      this.containerExited(rt, c, code, reason ?? (code === 0 ? 'Completed' : 'Error'));
    return targets.length;
  }

  /** Whether the pod has a running container (optionally of that name). */
  hasRunning(pod: Pod, container?: string): boolean {
    const rt = this.pods.get(pod.metadata?.uid ?? '');
    return !!rt && rt.containers.some((c) => c.running && (container === undefined || c.name === container));
  }

  // ----- watch -----

  private onPod(e: WatchEvent<'Pod'>): void {
    const pod = e.object;
    const uid = pod.metadata!.uid!;
    if (e.type === 'DELETED') {
      this.admitting.delete(uid);
      const rt = this.pods.get(uid);
      if (rt) this.forget(rt);
      return;
    }
    const rt = this.pods.get(uid);
    if (!rt) {
      this.maybeAdmit(pod);
      return;
    }
    if (rt.done || this.downNodes.has(rt.node)) return;
    if (pod.metadata?.deletionTimestamp && !rt.deleting) {
      // The kubelet reacts to the watch event after the API call returned.
      this.engine.after(0, `kubelet delete ${rt.name}`, () => {
        const cur = this.pod(rt);
        if (cur && !rt.done && !rt.deleting && !this.downNodes.has(rt.node)) this.beginDeletion(rt, cur);
      });
      return;
    }
    if (pod.spec?.activeDeadlineSeconds !== e.old?.spec?.activeDeadlineSeconds) this.armDeadline(rt, pod);
  }

  private maybeAdmit(pod: Pod): void {
    const node = pod.spec?.nodeName;
    if (!node || this.downNodes.has(node)) return;
    if (isTerminalPhase(pod.status?.phase)) return;
    if (!this.store.get('Node', undefined, node)) return;
    const uid = pod.metadata!.uid!;
    if (this.admitting.has(uid)) return;
    this.admitting.add(uid);
    // The kubelet reacts to the watch event after the API call returned.
    this.engine.after(0, `kubelet admit ${pod.metadata?.name}`, () => {
      if (!this.admitting.delete(uid) || this.pods.has(uid)) return;
      const cur = this.store.get('Pod', pod.metadata?.namespace, pod.metadata!.name!);
      if (!cur || cur.metadata?.uid !== uid || this.downNodes.has(node)) return;
      if (isTerminalPhase(cur.status?.phase) || !this.store.get('Node', undefined, node)) return;
      this.admit(cur, node);
    });
  }

  private forget(rt: PodRuntime): void {
    rt.done = true;
    for (const c of rt.containers) {
      c.timer?.cancel();
      c.timer = undefined;
    }
    rt.deadlineTimer?.cancel();
    this.pods.delete(rt.uid);
    this.pendingWrites.delete(rt.uid);
  }

  private pod(rt: PodRuntime): Pod | undefined {
    const p = this.store.getByKey('Pod', rt.key);
    return p && p.metadata?.uid === rt.uid ? p : undefined;
  }

  // ----- admission and starting containers -----

  private admit(pod: Pod, node: string): PodRuntime {
    const spec = pod.spec!;
    const mk = (c: Container, kind: ContainerKind): CState => ({
      name: c.name,
      image: c.image ?? '',
      kind,
      started: false,
      running: false,
      startedAt: undefined,
      terms: [],
      crashLoop: undefined,
      restartCount: 0,
      timer: undefined,
      plan: undefined,
      stopping: false,
      backoff: undefined,
      ids: new Map(),
      memo: undefined,
      imageID: imageIdOf(c.image ?? ''),
    });
    const containers: CState[] = [
      ...(spec.initContainers ?? []).map((c) => mk(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init')),
      ...spec.containers.map((c) => mk(c, 'main')),
    ];
    const rt: PodRuntime = {
      uid: pod.metadata!.uid!,
      namespace: pod.metadata!.namespace ?? 'default',
      name: pod.metadata!.name!,
      key: [pod.metadata!.namespace ?? 'default', pod.metadata!.name!].join('/'),
      node,
      spec,
      containers,
      sandbox: false,
      terminating: false,
      killDeadline: 0,
      deleting: false,
      podIsTerminal: false,
      deadlineExceeded: false,
      phase: 'Pending',
      deadlineTimer: undefined,
      startTime: this.engine.now,
      done: false,
    };
    this.pods.set(rt.uid, rt);
    this.armDeadline(rt, pod);
    this.writeStatus(rt);
    if (pod.metadata?.deletionTimestamp) {
      this.beginDeletion(rt, pod);
      return rt;
    }
    this.engine.after(this.options.podStartMs, `kubelet sandbox ${rt.name}`, () => {
      if (rt.done || rt.terminating || rt.podIsTerminal) return;
      rt.sandbox = true;
      this.sync(rt);
    });
    return rt;
  }

  /** Pod-level `activeDeadlineSeconds`, measured from `status.startTime`. */
  private armDeadline(rt: PodRuntime, pod: Pod): void {
    rt.deadlineTimer?.cancel();
    rt.deadlineTimer = undefined;
    const ads = pod.spec?.activeDeadlineSeconds;
    if (ads === undefined || ads === null || rt.podIsTerminal || rt.deadlineExceeded) return;
    rt.deadlineTimer = this.engine.at(rt.startTime + ads * 1000, `kubelet deadline ${rt.name}`, () =>
      this.deadlineExceeded(rt),
    );
  }

  /**
   * `computePodActions` + `SyncPod`: start the next init container (sidecars do not block the
   * next one), then the regular containers; when every regular container is done for good,
   * kill the pod (its sidecars).
   */
  private sync(rt: PodRuntime): void {
    if (rt.done || rt.terminating || rt.podIsTerminal || !rt.sandbox) return;
    let initsDone = true;
    for (const c of rt.containers) {
      if (c.kind === 'main') break;
      if (c.kind === 'sidecar') {
        if (!c.started) this.startContainer(rt, c);
        continue;
      }
      // regular init container
      if (!c.running && c.started && c.terms.at(-1)?.exitCode === 0) continue;
      initsDone = false;
      if (!c.started) this.startContainer(rt, c);
      break;
    }
    if (initsDone) {
      for (const c of rt.containers) if (c.kind === 'main' && !c.started) this.startContainer(rt, c);
    }
    this.afterChange(rt);
  }

  /** Writes the status; kills the pod once it is finished (terminal phase, or nothing left to run). */
  private afterChange(rt: PodRuntime): void {
    if (rt.done) return;
    const computed = this.statuses(rt);
    if (
      !rt.terminating &&
      !rt.podIsTerminal &&
      (isTerminalPhase(computed.phase) || this.allRegularDone(rt))
    ) {
      this.killPod(rt, this.podGraceMs(rt));
      return;
    }
    this.writeStatus(rt, false, computed);
  }

  /** Every regular container has exited and will not be restarted (`keepCount == 0`, nothing to start). */
  private allRegularDone(rt: PodRuntime): boolean {
    const mains = rt.containers.filter((c) => c.kind === 'main');
    return mains.every((c) => c.started && !c.running && !c.crashLoop && !this.shouldRestart(rt, c));
  }

  private fieldPath(c: CState): string {
    return c.kind === 'main'
      ? shared('containers', c.name, () => `spec.containers{${c.name}}`)
      : shared('initContainers', c.name, () => `spec.initContainers{${c.name}}`);
  }

  private startContainer(rt: PodRuntime, c: CState): void {
    const pod = this.pod(rt);
    if (!pod) return;
    if (c.started) c.restartCount++;
    const plan = this.behaviors.plan(pod, c.name, c.restartCount);
    c.plan = plan;
    c.started = true;
    c.running = true;
    c.crashLoop = undefined;
    c.startedAt = this.engine.now;
    c.stopping = false;
    const fp = this.fieldPath(c);
    this.store.recordEvent(
      pod,
      'Normal',
      'Pulled',
      shared('pulled', c.image, () => `Container image "${c.image}" already present on machine`),
      COMPONENT,
      rt.node,
      fp,
    );
    const created = shared('created', c.name, () => `Created container: ${c.name}`);
    this.store.recordEvent(pod, 'Normal', 'Created', created, COMPONENT, rt.node, fp);
    const started = shared('started', c.name, () => `Started container ${c.name}`);
    this.store.recordEvent(pod, 'Normal', 'Started', started, COMPONENT, rt.node, fp);
    if (plan.runMs !== undefined) {
      c.timer = this.engine.after(plan.runMs, `container exit ${rt.name}/${c.name}`, () =>
        this.containerExited(rt, c, plan.exitCode, plan.reason),
      );
    }
  }

  // ----- exits and restarts -----

  /** A container process ended with `code`. */
  private containerExited(rt: PodRuntime, c: CState, code: number, reason: string): void {
    if (rt.done || !c.running) return;
    c.timer?.cancel();
    c.timer = undefined;
    c.running = false;
    c.terms = [
      ...c.terms.slice(-1),
      {
        exitCode: code,
        reason,
        startedAt: c.startedAt ?? this.engine.now,
        finishedAt: this.engine.now,
        run: c.restartCount,
      },
    ];
    if (rt.terminating) {
      this.continueKill(rt);
      return;
    }
    if (this.shouldRestart(rt, c)) this.doBackOff(rt, c);
    this.sync(rt);
  }

  /** `kubecontainer.ShouldContainerBeRestarted` for an exited container: the pod's restartPolicy only. */
  private restartsByPodPolicy(rt: PodRuntime, exitCode: number): boolean {
    const policy = rt.spec.restartPolicy ?? 'Always';
    return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
  }

  /** Whether the kubelet restarts an exited container (`computePodActions`; sidecars always restart). */
  private shouldRestart(rt: PodRuntime, c: CState): boolean {
    if (rt.terminating || rt.podIsTerminal || rt.deadlineExceeded) return false;
    const code = c.terms.at(-1)?.exitCode ?? 0;
    if (c.kind === 'sidecar') return true;
    if (c.kind === 'init' && code === 0) return false;
    const policy = rt.spec.restartPolicy ?? 'Always';
    if (policy === 'Never') return false;
    if (policy === 'OnFailure') return code !== 0;
    return true;
  }

  /**
   * `doBackOff`: the first exit restarts at once (and creates the back-off entry of 10s); a later
   * exit waits the entry's duration from its finishedAt in CrashLoopBackOff, then the entry
   * doubles (capped at 300s). An entry not updated for more than 2 x 300s is expired: restart at
   * once and start again from 10s.
   */
  private doBackOff(rt: PodRuntime, c: CState): void {
    const ts = c.terms.at(-1)!.finishedAt;
    const e = c.backoff;
    const expired = e !== undefined && ts - e.lastUpdate > 2 * PROFILE.maxContainerBackoff;
    const inBackoff = e !== undefined && !expired && this.engine.now - ts < e.ms;
    if (!inBackoff) {
      this.backoffNext(c, ts);
      this.startContainer(rt, c);
      return;
    }
    const msg = `back-off ${formatGoDuration(e.ms)} restarting failed container=${c.name} pod=${rt.name}_${rt.namespace}(${rt.uid})`;
    c.crashLoop = msg;
    const pod = this.pod(rt);
    if (pod) {
      this.store.recordEvent(
        pod,
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${c.name} in pod ${rt.name}_${rt.namespace}(${rt.uid})`,
        COMPONENT,
        rt.node,
        this.fieldPath(c),
      );
    }
    c.timer = this.engine.at(ts + e.ms, `container restart ${rt.name}/${c.name}`, () => {
      c.timer = undefined;
      if (rt.done || rt.terminating || rt.podIsTerminal) return;
      this.backoffNext(c, ts);
      this.startContainer(rt, c);
      this.sync(rt);
    });
  }

  /** `Backoff.Next(id, eventTime)`. */
  private backoffNext(c: CState, eventTime: number): void {
    const e = c.backoff;
    const now = this.engine.now;
    if (!e || eventTime - e.lastUpdate > 2 * PROFILE.maxContainerBackoff) {
      c.backoff = { ms: PROFILE.containerBackoff, lastUpdate: now };
    } else {
      c.backoff = { ms: Math.min(e.ms * 2, PROFILE.maxContainerBackoff), lastUpdate: now };
    }
  }

  // ----- termination -----

  /** The pod's `terminationGracePeriodSeconds` (default 30), in ms. */
  private podGraceMs(rt: PodRuntime): number {
    return (rt.spec.terminationGracePeriodSeconds ?? PROFILE.terminationGracePeriodSeconds) * 1000;
  }

  /** Pod-level activeDeadlineSeconds passed: the pod fails (DeadlineExceeded) and is killed. */
  private deadlineExceeded(rt: PodRuntime): void {
    rt.deadlineTimer = undefined;
    if (rt.done || rt.podIsTerminal || rt.deadlineExceeded || isTerminalPhase(rt.phase)) return;
    rt.deadlineExceeded = true;
    const pod = this.pod(rt);
    if (pod) {
      this.store.recordEvent(
        pod,
        'Normal',
        'DeadlineExceeded',
        'Pod was active on the node longer than the specified deadline',
        COMPONENT,
        rt.node,
      );
    }
    if (rt.terminating) this.writeStatus(rt);
    else this.killPod(rt, this.podGraceMs(rt));
  }

  /** The API server set a deletionTimestamp: stop everything within the deletion grace period. */
  private beginDeletion(rt: PodRuntime, pod: Pod): void {
    rt.deleting = true;
    if (rt.podIsTerminal) {
      this.finish(rt);
      return;
    }
    const graceMs =
      (pod.metadata?.deletionGracePeriodSeconds ??
        pod.spec?.terminationGracePeriodSeconds ??
        PROFILE.terminationGracePeriodSeconds) * 1000;
    if (rt.terminating) {
      // A kill is under way (deadline, finished pod): the deletion may only shorten it.
      rt.killDeadline = Math.min(rt.killDeadline, this.engine.now + Math.max(graceMs, MIN_GRACE_MS));
      this.writeStatus(rt);
      return;
    }
    this.killPod(rt, graceMs);
  }

  /** `KillPod`: containers that wait for a restart stay down; running ones are stopped in order. */
  private killPod(rt: PodRuntime, graceMs: number): void {
    rt.terminating = true;
    rt.killDeadline = this.engine.now + graceMs;
    rt.deadlineTimer?.cancel();
    rt.deadlineTimer = undefined;
    for (const c of rt.containers) {
      if (!c.running) {
        c.timer?.cancel();
        c.timer = undefined;
      }
    }
    this.continueKill(rt);
  }

  /**
   * Regular (and init) containers get SIGTERM first, all at once; once none runs, the sidecars
   * are stopped one by one in reverse order, each with what is left of the grace period (at least
   * 2s). When nothing runs any more the pod is finished.
   */
  private continueKill(rt: PodRuntime): void {
    if (rt.done) return;
    const others = rt.containers.filter((c) => c.kind !== 'sidecar' && c.running);
    if (others.length > 0) {
      for (const c of others) this.signalStop(rt, c);
      this.writeStatus(rt);
      return;
    }
    const sidecars = rt.containers.filter((c) => c.kind === 'sidecar' && c.running);
    const last = sidecars.at(-1);
    if (last) {
      this.signalStop(rt, last);
      this.writeStatus(rt);
      return;
    }
    this.finish(rt);
  }

  /** SIGTERM: exits at once with 143, or per the rule's onStop; SIGKILL (137) when the grace period ends. */
  private signalStop(rt: PodRuntime, c: CState): void {
    if (!c.running || c.stopping) return;
    c.stopping = true;
    const graceMs = Math.max(MIN_GRACE_MS, rt.killDeadline - this.engine.now);
    const pod = this.pod(rt);
    if (pod) {
      this.store.recordEvent(
        pod,
        'Normal',
        'Killing',
        shared('stopping', c.name, () => `Stopping container ${c.name}`),
        COMPONENT,
        rt.node,
        this.fieldPath(c),
      );
    }
    c.timer?.cancel();
    const onStop = c.plan?.onStop;
    if (!onStop) {
      c.timer = this.engine.after(0, `container sigterm ${rt.name}/${c.name}`, () =>
        this.containerExited(rt, c, 143, 'Error'),
      );
    } else if (onStop.afterMs < graceMs) {
      c.timer = this.engine.after(onStop.afterMs, `container stop ${rt.name}/${c.name}`, () =>
        this.containerExited(rt, c, onStop.exitCode, onStop.exitCode === 0 ? 'Completed' : 'Error'),
      );
    } else {
      c.timer = this.engine.after(graceMs, `container sigkill ${rt.name}/${c.name}`, () =>
        this.containerExited(rt, c, 137, 'Error'),
      );
    }
  }

  /** Every container stopped: the final status (`TerminatePod`), then removal when deleted. */
  private finish(rt: PodRuntime): void {
    rt.terminating = false;
    rt.podIsTerminal = true;
    rt.deadlineTimer?.cancel();
    rt.deadlineTimer = undefined;
    this.writeStatus(rt);
    if (this.downNodes.has(rt.node)) return; // reported when the node is back
    const pod = this.pod(rt);
    // The pod worker is done with a terminal pod; the API object lives on (or is removed now).
    this.forget(rt);
    if (rt.deleting && pod && isTerminalPhase(pod.status?.phase)) {
      this.store.delete('Pod', rt.namespace, rt.name, { gracePeriodSeconds: 0 });
    }
  }

  // ----- status -----

  private containerStatus(rt: PodRuntime, c: CState, hasInit: boolean): ContainerStatus {
    const ts = (ms: number) => this.store.timestamp(ms);
    const id = (run: number) => {
      let v = c.ids.get(run);
      if (v === undefined) {
        v = ['containerd://', containerId(rt.uid, c.name, run)].join('');
        c.ids.set(run, v);
      }
      return v;
    };
    const term = (t: Termination) => ({
      exitCode: t.exitCode,
      reason: t.reason,
      startedAt: ts(t.startedAt),
      finishedAt: ts(t.finishedAt),
      containerID: id(t.run),
    });
    const last = c.terms.at(-1);
    const prev = c.terms.at(-2);
    // Unchanged since the last status: the same (immutable) object.
    const m = c.memo;
    if (
      m !== undefined &&
      m.running === c.running &&
      m.started === c.started &&
      m.restartCount === c.restartCount &&
      m.startedAt === c.startedAt &&
      m.last === last &&
      m.prev === prev &&
      m.crashLoop === c.crashLoop &&
      m.deleting === rt.deleting &&
      m.hasInit === hasInit
    ) {
      return m.status;
    }
    // Field order of v1.ContainerStatus.
    let state: ContainerStatus['state'];
    let lastState: ContainerStatus['lastState'] = {};
    let ready = false;
    let containerID: string | undefined;
    if (c.running) {
      containerID = id(c.restartCount);
      state = { running: { startedAt: ts(c.startedAt ?? this.engine.now) } };
      if (last) lastState = { terminated: term(last) };
      ready = c.kind !== 'init';
    } else if (!c.started || !last) {
      state = { waiting: { reason: hasInit ? 'PodInitializing' : 'ContainerCreating' } };
    } else if (c.crashLoop && !rt.deleting && this.restartsByPodPolicy(rt, last.exitCode)) {
      // `convertToAPIContainerStatuses`: a container the kubelet is backing off is shown waiting
      // (reason from the reasonCache) only when ShouldContainerBeRestarted holds; that check uses
      // the pod's restartPolicy, so a sidecar of a Never pod shows its last termination instead.
      containerID = id(last.run);
      state = { waiting: { reason: 'CrashLoopBackOff', message: c.crashLoop } };
      lastState = { terminated: term(last) };
    } else {
      containerID = id(last.run);
      state = { terminated: term(last) };
      if (prev) lastState = { terminated: term(prev) };
      ready = c.kind === 'init' && last.exitCode === 0;
    }
    const cs: ContainerStatus = {
      name: c.name,
      state,
      lastState,
      ready,
      restartCount: c.restartCount,
      image: c.image,
      imageID: c.started ? c.imageID : '',
    };
    if (containerID) cs.containerID = containerID;
    cs.started = c.running;
    c.memo = {
      running: c.running,
      started: c.started,
      restartCount: c.restartCount,
      startedAt: c.startedAt,
      last,
      prev,
      crashLoop: c.crashLoop,
      deleting: rt.deleting,
      hasInit,
      status: cs,
    };
    return cs;
  }

  /** Container statuses as the kubelet reports them and the phase `getPhase` computes from them. */
  private statuses(rt: PodRuntime): {
    initStatuses: ContainerStatus[];
    mainStatuses: ContainerStatus[];
    phase: PodPhase;
  } {
    const hasInit = (rt.spec.initContainers ?? []).length > 0;
    const initStatuses = rt.containers
      .filter((c) => c.kind !== 'main')
      .map((c) => this.containerStatus(rt, c, hasInit));
    const mainStatuses = rt.containers
      .filter((c) => c.kind === 'main')
      .map((c) => this.containerStatus(rt, c, hasInit));
    const podHasInitialized = rt.containers.some((c) => c.kind === 'main' && c.started);
    const phase = getPhase(rt.spec, [...mainStatuses, ...initStatuses], rt.podIsTerminal, podHasInitialized);
    return { initStatuses, mainStatuses, phase };
  }

  /** Writes the pod status the kubelet computes (`noopCheck`: skip a write that changes nothing). */
  private writeStatus(rt: PodRuntime, noopCheck = false, statuses?: ReturnType<Kubelet['statuses']>): void {
    if (this.downNodes.has(rt.node)) {
      this.pendingWrites.add(rt.uid);
      return;
    }
    this.pendingWrites.delete(rt.uid);
    const pod = this.pod(rt);
    if (!pod) return;
    const spec = rt.spec;
    const hasInit = (spec.initContainers ?? []).length > 0;
    const computed = statuses ?? this.statuses(rt);
    const { initStatuses, mainStatuses } = computed;
    let phase: PodPhase = computed.phase;
    const old = pod.status ?? {};
    let reason: string | undefined;
    let message: string | undefined;
    if (phase === old.phase) {
      reason = old.reason;
      message = old.message;
    }
    if (isTerminalPhase(rt.phase)) phase = rt.phase;
    if (rt.deadlineExceeded) {
      phase = 'Failed';
      reason = 'DeadlineExceeded';
      message = 'Pod was active on the node longer than the specified deadline';
    }
    // Pods are not allowed to transition out of terminal phases.
    if (isTerminalPhase(old.phase)) phase = old.phase as PodPhase;
    let st: {
      phase: string;
      containerStatuses: ContainerStatus[];
      initContainerStatuses?: ContainerStatus[];
    } = {
      phase,
      containerStatuses: sameItems(mainStatuses, old.containerStatuses) ?? mainStatuses,
    };
    if (hasInit)
      st.initContainerStatuses = sameItems(initStatuses, old.initContainerStatuses) ?? initStatuses;
    if (rt.podIsTerminal) st = terminatePodStatus(spec, st);
    phase = st.phase as PodPhase;
    rt.phase = phase;

    const now = this.store.timestamp();
    const cond = (c: { type: string; status: string; reason?: string; message?: string }): PodCondition => {
      const prev = old.conditions?.find((x) => x.type === c.type);
      // An unchanged condition is the previous object (immutable), not a copy.
      if (
        prev !== undefined &&
        prev.status === c.status &&
        prev.lastTransitionTime &&
        prev.lastProbeTime === null &&
        prev.reason === (c.reason || undefined) &&
        prev.message === (c.message || undefined)
      ) {
        return prev;
      }
      const out: PodCondition = {
        type: c.type,
        status: c.status,
        lastProbeTime: null as unknown as string,
        lastTransitionTime:
          prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now,
      };
      if (c.reason) out.reason = c.reason;
      if (c.message) out.message = c.message;
      return out;
    };
    const all = [...(st.initContainerStatuses ?? []), ...st.containerStatuses];
    const conditions: PodCondition[] = (old.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type));
    const containersReady = generateContainersReadyCondition(spec, all, phase);
    conditions.push(
      cond({ type: 'PodReadyToStartContainers', status: rt.sandbox && !rt.podIsTerminal ? 'True' : 'False' }),
      cond(generatePodInitializedCondition(spec, all, phase)),
      cond(generatePodReadyCondition(spec, conditions, all, phase, containersReady)),
      cond(containersReady),
      cond({ type: 'PodScheduled', status: 'True' }),
    );
    const node = this.store.get('Node', undefined, rt.node);
    const hostIP = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    // Field order of v1.PodStatus.
    const status: PodStatus = { phase, conditions };
    if (message) status.message = message;
    if (reason) status.reason = reason;
    status.hostIP = hostIP;
    status.hostIPs = hostIP
      ? old.hostIPs?.length === 1 && old.hostIPs[0]?.ip === hostIP
        ? old.hostIPs
        : [{ ip: hostIP }]
      : [];
    if (rt.sandbox || old.podIP) {
      const ip = old.podIP ?? podIp(rt.uid, hostIP);
      status.podIP = ip;
      status.podIPs = old.podIPs ?? [{ ip }];
    }
    status.startTime = this.store.timestamp(rt.startTime);
    if (st.initContainerStatuses) status.initContainerStatuses = st.initContainerStatuses;
    status.containerStatuses = st.containerStatuses;
    status.qosClass = old.qosClass ?? getPodQOS(spec);
    this.store.update('Pod', { ...pod, status }, { noopCheck });
  }
}

const imageIds = new Map<string, string>();

/** A stable fake image digest per image reference. */
function imageIdOf(image: string): string {
  let v = imageIds.get(image);
  if (v === undefined) {
    v = `docker.io/library/${image}@sha256:${containerId(image, '', 0)}`;
    imageIds.set(image, v);
  }
  return v;
}

function containerId(a: string, b: string, n: number): string {
  const words: number[] = [];
  let h = 0x811c9dc5;
  const src = `${a}/${b}/${n}`;
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < src.length; i++) h = Math.imul(h ^ src.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ round, 0x01000193) >>> 0;
    words.push(h);
  }
  return hexWords(words);
}

/** `prev` when it holds the same objects as `next` (an unchanged list stays the same array). */
function sameItems<T>(next: readonly T[], prev: readonly T[] | undefined): T[] | undefined {
  if (prev === undefined || prev.length !== next.length) return undefined;
  for (let i = 0; i < next.length; i++) if (next[i] !== prev[i]) return undefined;
  return prev as T[];
}

/**
 * Strings made from a container's name or image (event messages, field paths), made once and
 * shared by every pod: pods of one Job would otherwise each keep their own copies.
 */
const sharedStrings = new Map<string, Map<string, string>>();

function shared(kind: string, of: string, make: () => string): string {
  let byKind = sharedStrings.get(kind);
  if (!byKind) {
    byKind = new Map();
    sharedStrings.set(kind, byKind);
  }
  let v = byKind.get(of);
  if (v === undefined) {
    v = make();
    if (byKind.size > 10_000) byKind.clear();
    byKind.set(of, v);
  }
  return v;
}

function podIp(uid: string, hostIP: string): string {
  let h = 0;
  for (let i = 0; i < uid.length; i++) h = (Math.imul(h, 31) + uid.charCodeAt(i)) >>> 0;
  const third = hostIP ? Number(hostIP.split('.')[3] ?? 0) % 256 : 0;
  return ['10.244.', third, '.', (h % 253) + 2].join('');
}

/** Go's time.Duration String() for whole seconds (`10s`, `5m0s`). */
function formatGoDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  const r = s % 60;
  if (m < 60) return `${m}m${r}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${r}s`;
}
