/**
 * The kubelets of all simulated nodes: container lifecycles, restart policies,
 * CrashLoopBackOff, init containers and sidecars, graceful termination, pod phase and
 * conditions, as upstream `pkg/kubelet` computes them (v1.34).
 */

import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types.js';
import type { Engine, Timer } from '../engine/engine.js';
import { PROFILE } from '../profile.js';
import type { Store, WatchEvent } from '../store/store.js';
import type { Behaviors, ContainerPlan } from './behaviors.js';

const COMPONENT = 'kubelet';

type ContainerKind = 'init' | 'sidecar' | 'main';

interface CState {
  readonly name: string;
  readonly image: string;
  readonly kind: ContainerKind;
  readonly index: number;
  state: 'none' | 'waiting' | 'running' | 'terminated';
  waitingReason: string;
  waitingMessage: string | undefined;
  startedAt: number | undefined;
  finishedAt: number | undefined;
  exitCode: number;
  termReason: string;
  last: { exitCode: number; reason: string; startedAt: number; finishedAt: number } | undefined;
  restartCount: number;
  timer: Timer | undefined;
  plan: ContainerPlan | undefined;
  /** A stop was requested (SIGTERM sent). */
  stopping: boolean;
  /** flowcontrol back-off entry. */
  backoff: { ms: number; lastUpdate: number } | undefined;
  /** The container has started at least once. */
  everStarted: boolean;
}

interface PodRuntime {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  readonly restartPolicy: string;
  readonly containers: CState[];
  /** Sandbox ready (after podStart latency). */
  sandbox: boolean;
  /** The kubelet decided the pod is finished (deleted, deadline, evicted). */
  podIsTerminal: boolean;
  terminalReason: string | undefined;
  terminalMessage: string | undefined;
  /** Phase the kubelet last computed. */
  phase: string;
  deadlineTimer: Timer | undefined;
  graceTimer: Timer | undefined;
  startTime: number;
  deleting: boolean;
  done: boolean;
}

/** Options of the kubelets. */
export interface KubeletOptions {
  /** Scheduled -> containers running (image pull etc.), ms. */
  readonly podStartMs: number;
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

  constructor(engine: Engine, store: Store, behaviors: Behaviors, options: KubeletOptions) {
    this.engine = engine;
    this.store = store;
    this.behaviors = behaviors;
    this.options = options;
  }

  /** Subscribes to the store's watch. */
  start(): void {
    this.store.emitter.on('change', (e) => {
      if (e.kind === 'Pod') this.onPod(e as WatchEvent<'Pod'>);
    });
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
      const pod = this.store.get('Pod', rt.namespace, rt.name);
      if (!pod || pod.metadata?.uid !== rt.uid) {
        this.forget(rt);
        continue;
      }
      if (this.pendingWrites.has(rt.uid)) this.writeStatus(rt);
      if (pod.metadata?.deletionTimestamp && !rt.deleting) this.beginDeletion(rt, pod);
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
    let n = 0;
    for (const c of rt.containers) {
      if (c.state !== 'running') continue;
      if (container !== undefined ? c.name !== container : c.kind === 'sidecar') continue;
      n++;
      this.containerExited(rt, c, code, reason ?? (code === 0 ? 'Completed' : 'Error'));
    }
    return n;
  }

  /** Whether the pod has a running container (optionally of that name). */
  hasRunning(pod: Pod, container?: string): boolean {
    const rt = this.pods.get(pod.metadata?.uid ?? '');
    return (
      !!rt &&
      rt.containers.some((c) => c.state === 'running' && (container === undefined || c.name === container))
    );
  }

  private onPod(e: WatchEvent<'Pod'>): void {
    const pod = e.object;
    const uid = pod.metadata!.uid!;
    if (e.type === 'DELETED') {
      const rt = this.pods.get(uid);
      if (rt) this.forget(rt);
      return;
    }
    const node = pod.spec?.nodeName;
    if (!node) return;
    let rt = this.pods.get(uid);
    if (!rt) {
      if (this.downNodes.has(node)) return;
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      if (!this.store.get('Node', undefined, node)) return;
      rt = this.admit(pod, node);
      return;
    }
    if (this.downNodes.has(rt.node)) return;
    if (pod.metadata?.deletionTimestamp && !rt.deleting) this.beginDeletion(rt, pod);
  }

  private forget(rt: PodRuntime): void {
    rt.done = true;
    for (const c of rt.containers) c.timer?.cancel();
    rt.deadlineTimer?.cancel();
    rt.graceTimer?.cancel();
    this.pods.delete(rt.uid);
    this.pendingWrites.delete(rt.uid);
  }

  private admit(pod: Pod, node: string): PodRuntime {
    const spec = pod.spec!;
    const containers: CState[] = [];
    const mk = (c: Container, kind: ContainerKind, index: number): CState => ({
      name: c.name,
      image: c.image ?? '',
      kind,
      index,
      state: 'none',
      waitingReason: '',
      waitingMessage: undefined,
      startedAt: undefined,
      finishedAt: undefined,
      exitCode: 0,
      termReason: '',
      last: undefined,
      restartCount: 0,
      timer: undefined,
      plan: undefined,
      stopping: false,
      backoff: undefined,
      everStarted: false,
    });
    (spec.initContainers ?? []).forEach((c, i) => {
      containers.push(mk(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init', i));
    });
    spec.containers.forEach((c, i) => {
      containers.push(mk(c, 'main', i));
    });
    const hasInit = containers.some((c) => c.kind !== 'main');
    for (const c of containers) {
      c.state = 'waiting';
      c.waitingReason =
        c.kind === 'main' && hasInit
          ? 'PodInitializing'
          : c.kind === 'main'
            ? 'ContainerCreating'
            : 'PodInitializing';
    }
    const rt: PodRuntime = {
      uid: pod.metadata!.uid!,
      namespace: pod.metadata!.namespace ?? 'default',
      name: pod.metadata!.name!,
      node,
      restartPolicy: spec.restartPolicy ?? 'Always',
      containers,
      sandbox: false,
      podIsTerminal: false,
      terminalReason: undefined,
      terminalMessage: undefined,
      phase: 'Pending',
      deadlineTimer: undefined,
      graceTimer: undefined,
      startTime: this.engine.now,
      deleting: false,
      done: false,
    };
    // Init containers wait for the sandbox with no reason shown until they start.
    for (const c of containers) if (c.kind !== 'main') c.waitingReason = 'PodInitializing';
    this.pods.set(rt.uid, rt);
    const ads = spec.activeDeadlineSeconds;
    if (ads !== undefined && ads !== null) {
      rt.deadlineTimer = this.engine.at(rt.startTime + ads * 1000, `kubelet deadline ${rt.name}`, () =>
        this.deadlineExceeded(rt),
      );
    }
    this.writeStatus(rt);
    if (pod.metadata?.deletionTimestamp) {
      this.beginDeletion(rt, pod);
      return rt;
    }
    this.engine.after(this.options.podStartMs, `kubelet sandbox ${rt.name}`, () => {
      if (rt.done || rt.podIsTerminal) return;
      rt.sandbox = true;
      this.advance(rt);
      this.writeStatus(rt);
    });
    return rt;
  }

  /** Starts whatever may start now: the next init container, or the main containers. */
  private advance(rt: PodRuntime): void {
    if (rt.done || rt.podIsTerminal || !rt.sandbox) return;
    for (const c of rt.containers) {
      if (c.kind === 'main') continue;
      if (c.kind === 'init') {
        if (c.state === 'terminated' && c.exitCode === 0) continue;
        if (c.state === 'running') return;
        if (c.state === 'waiting' && c.waitingReason === 'CrashLoopBackOff') return;
        if (!c.everStarted) this.startContainer(rt, c);
        return;
      }
      // sidecar
      if (!c.everStarted) {
        this.startContainer(rt, c);
      }
    }
    for (const c of rt.containers) {
      if (c.kind === 'main' && !c.everStarted) this.startContainer(rt, c);
    }
  }

  private pod(rt: PodRuntime): Pod | undefined {
    const p = this.store.get('Pod', rt.namespace, rt.name);
    return p && p.metadata?.uid === rt.uid ? p : undefined;
  }

  private startContainer(rt: PodRuntime, c: CState): void {
    const pod = this.pod(rt);
    if (!pod) return;
    const plan = this.behaviors.plan(pod, c.name, c.restartCount);
    c.plan = plan;
    c.state = 'running';
    c.startedAt = this.engine.now;
    c.waitingReason = '';
    c.waitingMessage = undefined;
    c.stopping = false;
    const firstStart = !c.everStarted;
    c.everStarted = true;
    const fieldPath = c.kind === 'main' ? `spec.containers{${c.name}}` : `spec.initContainers{${c.name}}`;
    void firstStart;
    this.store.recordEvent(
      pod,
      'Normal',
      'Pulled',
      `Container image "${c.image}" already present on machine`,
      COMPONENT,
      rt.node,
      fieldPath,
    );
    this.store.recordEvent(
      pod,
      'Normal',
      'Created',
      `Created container: ${c.name}`,
      COMPONENT,
      rt.node,
      fieldPath,
    );
    this.store.recordEvent(
      pod,
      'Normal',
      'Started',
      `Started container ${c.name}`,
      COMPONENT,
      rt.node,
      fieldPath,
    );
    if (plan.runMs !== undefined) {
      c.timer = this.engine.after(plan.runMs, `container exit ${rt.name}/${c.name}`, () =>
        this.containerExited(rt, c, plan.exitCode, plan.reason),
      );
    }
  }

  /** A container process ended with `code`. */
  private containerExited(rt: PodRuntime, c: CState, code: number, reason: string): void {
    if (rt.done || c.state !== 'running') return;
    c.timer?.cancel();
    c.timer = undefined;
    c.state = 'terminated';
    c.exitCode = code;
    c.termReason = reason;
    c.finishedAt = this.engine.now;
    if (rt.podIsTerminal || rt.deleting) {
      this.afterStopDuringTermination(rt);
      return;
    }
    const restart = this.shouldRestart(rt, c);
    if (restart) {
      this.restartWithBackoff(rt, c);
    } else if (c.kind === 'init' && code !== 0) {
      // restartPolicy Never: the pod fails (Init:Error).
    } else if (c.kind === 'init') {
      this.advance(rt);
    }
    this.maybeFinishPod(rt);
    this.writeStatus(rt);
  }

  private shouldRestart(rt: PodRuntime, c: CState): boolean {
    if (c.kind === 'sidecar') return true;
    if (rt.restartPolicy === 'Always') return true;
    if (rt.restartPolicy === 'OnFailure') return c.exitCode !== 0;
    return false;
  }

  /** flowcontrol back-off as the kubelet uses it: 0 on the first crash, then 10s doubling to 300s. */
  private restartWithBackoff(rt: PodRuntime, c: CState): void {
    const now = this.engine.now;
    const ts = c.finishedAt ?? now;
    const max = PROFILE.maxContainerBackoff;
    const expired = (e: { lastUpdate: number }) => ts - e.lastUpdate > 2 * max;
    const e = c.backoff;
    const inBackoff = e !== undefined && !expired(e) && now - ts < e.ms;
    c.last = { exitCode: c.exitCode, reason: c.termReason, startedAt: c.startedAt ?? now, finishedAt: ts };
    if (!inBackoff) {
      this.bumpBackoff(c, ts);
      c.restartCount++;
      this.startContainer(rt, c);
      return;
    }
    const delay = e!.ms;
    c.state = 'waiting';
    c.waitingReason = 'CrashLoopBackOff';
    c.waitingMessage = `back-off ${formatGoDuration(delay)} restarting failed container=${c.name} pod=${rt.name}_${rt.namespace}(${rt.uid})`;
    const pod = this.pod(rt);
    if (pod) {
      const fieldPath = c.kind === 'main' ? `spec.containers{${c.name}}` : `spec.initContainers{${c.name}}`;
      this.store.recordEvent(
        pod,
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${c.name} in pod ${rt.name}_${rt.namespace}(${rt.uid})`,
        COMPONENT,
        rt.node,
        fieldPath,
      );
    }
    c.timer = this.engine.at(ts + delay, `container restart ${rt.name}/${c.name}`, () => {
      c.timer = undefined;
      if (rt.done || rt.podIsTerminal || rt.deleting) return;
      this.bumpBackoff(c, ts);
      c.restartCount++;
      this.startContainer(rt, c);
      this.maybeFinishPod(rt);
      this.writeStatus(rt);
    });
  }

  private bumpBackoff(c: CState, ts: number): void {
    const now = this.engine.now;
    const max = PROFILE.maxContainerBackoff;
    const e = c.backoff;
    if (!e || ts - e.lastUpdate > 2 * max) c.backoff = { ms: PROFILE.containerBackoff, lastUpdate: now };
    else c.backoff = { ms: Math.min(e.ms * 2, max), lastUpdate: now };
  }

  /** When every regular container is done for good, the pod is finished; sidecars are stopped. */
  private maybeFinishPod(rt: PodRuntime): void {
    const phase = this.computePhase(rt);
    if (phase === 'Succeeded' || phase === 'Failed') {
      rt.podIsTerminal = true;
      rt.phase = phase;
      this.stopSidecars(rt);
      for (const c of rt.containers) {
        if (c.state === 'waiting' && c.kind !== 'sidecar') {
          c.timer?.cancel();
          c.timer = undefined;
        }
      }
      rt.deadlineTimer?.cancel();
    }
  }

  private stopSidecars(rt: PodRuntime): void {
    // Sidecars stop in reverse order after the main containers.
    const sidecars = rt.containers.filter((c) => c.kind === 'sidecar').reverse();
    for (const c of sidecars) {
      if (c.state === 'running') this.signalStop(rt, c, this.graceMs(rt));
      else if (c.state === 'waiting') {
        c.timer?.cancel();
        c.timer = undefined;
      }
    }
  }

  private graceMs(rt: PodRuntime): number {
    const pod = this.pod(rt);
    const g =
      pod?.metadata?.deletionGracePeriodSeconds ??
      pod?.spec?.terminationGracePeriodSeconds ??
      PROFILE.terminationGracePeriodSeconds;
    return g * 1000;
  }

  /** SIGTERM: exits at once with 143, or per the rule's onStop; SIGKILL (137) when the grace period ends. */
  private signalStop(rt: PodRuntime, c: CState, graceMs: number): void {
    if (c.state !== 'running' || c.stopping) return;
    c.stopping = true;
    const pod = this.pod(rt);
    if (pod) {
      const fieldPath = c.kind === 'main' ? `spec.containers{${c.name}}` : `spec.initContainers{${c.name}}`;
      this.store.recordEvent(
        pod,
        'Normal',
        'Killing',
        `Stopping container ${c.name}`,
        COMPONENT,
        rt.node,
        fieldPath,
      );
    }
    c.timer?.cancel();
    const onStop = c.plan?.onStop;
    if (!onStop) {
      c.timer = this.engine.after(0, `container sigterm ${rt.name}/${c.name}`, () =>
        this.containerExited(rt, c, 143, 'Error'),
      );
      return;
    }
    if (onStop.afterMs <= graceMs) {
      c.timer = this.engine.after(onStop.afterMs, `container stop ${rt.name}/${c.name}`, () =>
        this.containerExited(rt, c, onStop.exitCode, onStop.exitCode === 0 ? 'Completed' : 'Error'),
      );
    } else {
      c.timer = this.engine.after(graceMs, `container sigkill ${rt.name}/${c.name}`, () =>
        this.containerExited(rt, c, 137, 'Error'),
      );
    }
  }

  /** Pod-level activeDeadlineSeconds. */
  private deadlineExceeded(rt: PodRuntime): void {
    if (rt.done || rt.podIsTerminal || rt.deleting) return;
    rt.podIsTerminal = true;
    rt.terminalReason = 'DeadlineExceeded';
    rt.terminalMessage = 'Pod was active on the node longer than the specified deadline';
    const pod = this.pod(rt);
    if (pod)
      this.store.recordEvent(pod, 'Warning', 'DeadlineExceeded', rt.terminalMessage, COMPONENT, rt.node);
    this.killAll(rt, this.graceMs(rt));
    this.afterStopDuringTermination(rt);
    this.writeStatus(rt);
  }

  private killAll(rt: PodRuntime, graceMs: number): void {
    for (const c of rt.containers) {
      if (c.state === 'waiting') {
        c.timer?.cancel();
        c.timer = undefined;
      }
    }
    const mains = rt.containers.filter((c) => c.kind !== 'sidecar');
    for (const c of mains) if (c.state === 'running') this.signalStop(rt, c, graceMs);
    if (!mains.some((c) => c.state === 'running')) this.stopSidecars(rt);
  }

  /** The API server set a deletionTimestamp: stop everything within the grace period. */
  private beginDeletion(rt: PodRuntime, pod: Pod): void {
    rt.deleting = true;
    const graceMs =
      (pod.metadata?.deletionGracePeriodSeconds ?? PROFILE.terminationGracePeriodSeconds) * 1000;
    if (!rt.podIsTerminal) rt.podIsTerminal = true;
    this.killAll(rt, graceMs);
    this.afterStopDuringTermination(rt);
  }

  /** While terminating: once main containers stopped, stop sidecars; once all stopped, finish. */
  private afterStopDuringTermination(rt: PodRuntime): void {
    if (rt.done) return;
    const running = rt.containers.filter((c) => c.state === 'running');
    if (running.some((c) => c.kind !== 'sidecar')) {
      this.writeStatus(rt);
      return;
    }
    if (running.length > 0) {
      this.stopSidecars(rt);
      this.writeStatus(rt);
      return;
    }
    rt.podIsTerminal = true;
    const phase = this.computePhase(rt);
    rt.phase = phase;
    this.writeStatus(rt);
    if (rt.deleting && !this.downNodes.has(rt.node)) {
      const pod = this.pod(rt);
      this.forget(rt);
      if (pod) {
        try {
          this.store.delete('Pod', rt.namespace, rt.name, { gracePeriodSeconds: 0 });
        } catch {
          // already gone
        }
      }
    } else if (!rt.deleting) {
      rt.deadlineTimer?.cancel();
    }
  }

  /** The kubelet's `getPhase`. */
  private computePhase(rt: PodRuntime): string {
    let pendingInit = 0;
    let failedInit = 0;
    let running = 0;
    let waiting = 0;
    let stopped = 0;
    let succeeded = 0;
    let anyMainStarted = false;
    for (const c of rt.containers) {
      if (c.kind === 'init') {
        if (c.state === 'terminated' && c.exitCode === 0) continue;
        if (c.state === 'terminated' || (c.state === 'waiting' && c.last && c.last.exitCode !== 0))
          failedInit++;
        else pendingInit++;
      } else if (c.kind === 'sidecar') {
        if (c.state === 'running') running++;
        else if (c.state === 'waiting' && !c.last && !c.everStarted) {
          pendingInit++;
          waiting++;
        }
      } else {
        if (c.everStarted) anyMainStarted = true;
        if (c.state === 'running') running++;
        else if (c.state === 'terminated') {
          stopped++;
          if (c.exitCode === 0) succeeded++;
        } else if (c.state === 'waiting' && c.last) stopped++;
        else waiting++;
      }
    }
    const mains = rt.containers.filter((c) => c.kind === 'main');
    const mainRunning = mains.filter((c) => c.state === 'running').length;
    if (failedInit > 0 && rt.restartPolicy === 'Never') return 'Failed';
    if (rt.podIsTerminal && failedInit > 0 && !anyMainStarted) return 'Failed';
    if (pendingInit > 0 && !anyMainStarted) return 'Pending';
    if (waiting > 0 && !rt.podIsTerminal) return 'Pending';
    if (mainRunning > 0) return 'Running';
    if (running > 0 && stopped === 0 && !rt.podIsTerminal) return 'Running';
    if (stopped > 0 || (rt.podIsTerminal && mains.length > 0)) {
      if (rt.podIsTerminal)
        return succeeded === mains.length && stopped === mains.length ? 'Succeeded' : 'Failed';
      if (rt.restartPolicy === 'Always') return 'Running';
      if (stopped === succeeded && stopped === mains.length) return 'Succeeded';
      if (stopped === succeeded) return 'Running';
      if (rt.restartPolicy === 'Never') return stopped === mains.length ? 'Failed' : 'Running';
      return 'Running';
    }
    return 'Pending';
  }

  private writeStatus(rt: PodRuntime): void {
    if (rt.done && !this.pod(rt)) return;
    if (this.downNodes.has(rt.node)) {
      this.pendingWrites.add(rt.uid);
      return;
    }
    this.pendingWrites.delete(rt.uid);
    const pod = this.pod(rt);
    if (!pod) return;
    const phase =
      rt.podIsTerminal && (rt.phase === 'Succeeded' || rt.phase === 'Failed')
        ? rt.phase
        : this.computePhase(rt);
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    if (terminal) rt.phase = phase;
    const ts = (ms: number | undefined) => this.store.timestamp(ms ?? this.engine.now);
    const toStatus = (c: CState): ContainerStatus => {
      const cs: ContainerStatus = {
        name: c.name,
        image: c.image,
        imageID: '',
        ready: c.state === 'running' && !terminal,
        restartCount: c.restartCount,
        started: c.state === 'running',
        state: {},
      };
      if (c.everStarted || c.state === 'running' || c.state === 'terminated') {
        (cs as { containerID?: string }).containerID =
          `containerd://${containerId(rt.uid, c.name, c.restartCount)}`;
        (cs as { imageID: string }).imageID =
          `docker.io/library/${c.image}@sha256:${containerId(c.image, '', 0)}`;
      }
      if (c.state === 'running') cs.state = { running: { startedAt: ts(c.startedAt) } };
      else if (c.state === 'terminated')
        cs.state = {
          terminated: {
            exitCode: c.exitCode,
            reason: c.termReason,
            startedAt: ts(c.startedAt),
            finishedAt: ts(c.finishedAt),
            containerID: `containerd://${containerId(rt.uid, c.name, c.restartCount)}`,
          },
        };
      else {
        const w: { reason?: string; message?: string } = {};
        if (c.waitingReason) w.reason = c.waitingReason;
        if (c.waitingMessage) w.message = c.waitingMessage;
        cs.state = { waiting: w };
      }
      if (c.last) {
        cs.lastState = {
          terminated: {
            exitCode: c.last.exitCode,
            reason: c.last.reason,
            startedAt: ts(c.last.startedAt),
            finishedAt: ts(c.last.finishedAt),
            containerID: `containerd://${containerId(rt.uid, c.name, c.restartCount - 1)}`,
          },
        };
      } else cs.lastState = {};
      if (c.kind === 'sidecar') (cs as { restartPolicy?: string }).restartPolicy = 'Always';
      return cs;
    };
    const initStatuses = rt.containers.filter((c) => c.kind !== 'main').map(toStatus);
    const mainStatuses = rt.containers.filter((c) => c.kind === 'main').map(toStatus);
    const old = pod.status ?? {};
    const cond = (type: string, status: string, reason?: string, message?: string): PodCondition => {
      const prev = old.conditions?.find((c) => c.type === type);
      const c: PodCondition = {
        type,
        status,
        lastProbeTime: null as unknown as string,
        lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime! : ts(undefined),
      };
      if (reason) c.reason = reason;
      if (message) c.message = message;
      return c;
    };
    const initsDone =
      rt.containers.every(
        (c) =>
          c.kind === 'main' ||
          (c.kind === 'init' && c.state === 'terminated' && c.exitCode === 0) ||
          (c.kind === 'sidecar' && c.everStarted),
      ) || rt.containers.some((c) => c.kind === 'main' && c.everStarted);
    const incomplete = rt.containers
      .filter(
        (c) =>
          c.kind !== 'main' &&
          !(c.state === 'terminated' && c.exitCode === 0) &&
          !(c.kind === 'sidecar' && c.everStarted),
      )
      .map((c) => c.name);
    const unready = rt.containers
      .filter((c) => (c.kind === 'main' || c.kind === 'sidecar') && c.state !== 'running')
      .map((c) => c.name);
    const conditions: PodCondition[] = [];
    for (const c of old.conditions ?? []) {
      if (c.type === 'DisruptionTarget') conditions.push(c);
    }
    conditions.push(
      cond('PodReadyToStartContainers', rt.sandbox && !(terminal && rt.deleting) ? 'True' : 'False'),
    );
    if (terminal && phase === 'Succeeded') conditions.push(cond('Initialized', 'True', 'PodCompleted'));
    else if (initsDone) conditions.push(cond('Initialized', 'True'));
    else
      conditions.push(
        cond(
          'Initialized',
          'False',
          'ContainersNotInitialized',
          `containers with incomplete status: [${incomplete.join(' ')}]`,
        ),
      );
    let readyCond: PodCondition;
    let crCond: PodCondition;
    if (terminal) {
      const r = phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
      readyCond = cond('Ready', 'False', r);
      crCond = cond('ContainersReady', 'False', r);
    } else if (unready.length === 0) {
      readyCond = cond('Ready', 'True');
      crCond = cond('ContainersReady', 'True');
    } else {
      const msg = `containers with unready status: [${unready.join(' ')}]`;
      readyCond = cond('Ready', 'False', 'ContainersNotReady', msg);
      crCond = cond('ContainersReady', 'False', 'ContainersNotReady', msg);
    }
    conditions.push(readyCond, crCond);
    const sched = old.conditions?.find((c) => c.type === 'PodScheduled');
    if (sched) conditions.push(sched);
    const node = this.store.get('Node', undefined, rt.node);
    const hostIP = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    const status: PodStatus = {
      phase,
      conditions,
      hostIP,
      hostIPs: hostIP ? [{ ip: hostIP }] : [],
      podIP: podIp(rt.uid, hostIP),
      podIPs: [{ ip: podIp(rt.uid, hostIP) }],
      startTime: ts(rt.startTime),
      containerStatuses: mainStatuses,
      qosClass: old.qosClass ?? 'BestEffort',
    };
    if (initStatuses.length > 0) status.initContainerStatuses = initStatuses;
    if (rt.terminalReason && terminal) {
      status.reason = rt.terminalReason;
      if (rt.terminalMessage) status.message = rt.terminalMessage;
    } else if (old.reason) {
      status.reason = old.reason;
      if (old.message) status.message = old.message;
    }
    this.store.update('Pod', { ...pod, status });
    if (terminal && !rt.deleting) {
      // A finished pod's runtime is kept only while it may still be deleted gracefully.
      for (const c of rt.containers) if (c.state !== 'running') c.timer?.cancel();
    }
  }
}

function hex(n: number, len: number): string {
  return (n >>> 0).toString(16).padStart(8, '0').slice(0, len);
}

function containerId(a: string, b: string, n: number): string {
  let s = '';
  let h = 0x811c9dc5;
  const src = `${a}/${b}/${n}`;
  for (let round = 0; s.length < 64; round++) {
    for (let i = 0; i < src.length; i++) h = Math.imul(h ^ src.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ round, 0x01000193) >>> 0;
    s += hex(h, 8);
  }
  return s.slice(0, 64);
}

function podIp(uid: string, hostIP: string): string {
  let h = 0;
  for (let i = 0; i < uid.length; i++) h = (Math.imul(h, 31) + uid.charCodeAt(i)) >>> 0;
  const third = hostIP ? Number(hostIP.split('.')[3] ?? 0) % 256 : 0;
  return `10.244.${third}.${(h % 253) + 2}`;
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
