/**
 * Invariants: what must hold in every jobsim run, whatever the input. Each is derived from the
 * trace alone (object versions, Kubernetes Events, the end of the run) and cites the upstream
 * rule it encodes, so a violation is either a jobsim bug or a divergence from Kubernetes.
 */
import { formatIndexes } from '../api/indexes.js';
import { parseQuantity } from '../api/quantity.js';
import type { Event, Job, JobCondition, Node, Pod, PodFailurePolicy } from '../api/types.js';
import { formatDuration } from '../engine/duration.js';
import type { Simulation } from '../simulation.js';
import { TokenBucket } from '../store/events.js';
import type { TraceEvent } from '../trace.js';

/**
 * The invariants {@link checkInvariants} knows, in the order they are documented.
 * @example
 * ```ts
 * checkInvariants(trace, { only: INVARIANTS.filter((i) => i !== 'node-capacity') });
 * ```
 */
export const INVARIANTS = [
  'time-monotonic',
  'terminal-exclusive',
  'terminal-sticky',
  'counters-monotonic',
  'succeeded-within-completions',
  'active-within-parallelism',
  'index-counted-once',
  'succeeded-count',
  'failed-count',
  'pods-accounted',
  'node-capacity',
  'backoff-respected',
  'finish-justified',
  'must-finish',
  'status-matches-pods',
  'status-valid',
  'pod-lifecycle',
  'suspend-honoured',
] as const;

/**
 * One invariant:
 * - `time-monotonic`: virtual time never goes back (object and step entries, the end).
 * - `terminal-exclusive`: Complete and Failed (and SuccessCriteriaMet vs FailureTarget) are never both True.
 * - `terminal-sticky`: Complete, Failed, FailureTarget, SuccessCriteriaMet never revert or change reason.
 * - `counters-monotonic`: status.failed never decreases; status.succeeded neither (except elastic Indexed).
 * - `succeeded-within-completions`: at Complete, succeeded <= completions unless a TooManySucceededPods Event says so.
 * - `active-within-parallelism`: once an instant settles, active pods <= parallelism (0 while suspended); no pod is created for a suspended or finished Job.
 * - `index-counted-once`: completedIndexes is a valid interval list below completions, disjoint from failedIndexes, and succeeded is its size; no two active pods hold one index.
 * - `succeeded-count`: status.succeeded (completedIndexes) equals the succeeded pods whose tracking finalizer the controller removed.
 * - `failed-count`: status.failed equals the failed pods counted through the finalizer protocol, minus Ignore matches; pods the controller deleted for scale-down or suspension are not counted.
 * - `pods-accounted`: no pod is removed while it still has the tracking finalizer; at the end, terminal pods and pods of finished Jobs carry no tracking finalizer.
 * - `node-capacity`: the requests of a node's non-terminal pods fit its allocatable cpu, memory and pods.
 * - `backoff-respected`: no pod is created before the pod failure back-off (global or per index) expires.
 * - `finish-justified`: FailureTarget/SuccessCriteriaMet have a reason the upstream rules accept; Failed/Complete follow them, find no pod running, and come with their Event (Completed, or the failure reason).
 * - `must-finish`: a Job whose rules say it is finished gets there (backoffLimit exceeded, nothing left to run, deadline passed).
 * - `status-matches-pods`: when the run ended idle, status.active/terminating equal the pods.
 * - `status-valid`: the API server's Job status rules (finished Jobs have no active or terminating
 *   pods, a startTime and nothing uncounted; completionTime only with Complete, not before startTime;
 *   failedIndexes only with backoffLimitPerIndex; no negative counters; one condition per type;
 *   completionTime is the Complete condition's lastTransitionTime).
 * - `pod-lifecycle`: a pod's terminal phase and node never change, restart counts never go down,
 *   and containers of `restartPolicy: Never` pods never restart.
 * - `suspend-honoured`: no pod is created for a suspended Job; once the instant settles a
 *   suspended Job has Suspended=True and a resumed one no longer has it, with startTime reset.
 * @example
 * ```ts
 * checkInvariants(trace, { skip: ['backoff-respected'] });
 * ```
 */
export type InvariantName = (typeof INVARIANTS)[number];

/**
 * One violation of an invariant.
 * @example
 * ```ts
 * const [v] = checkInvariants(trace);
 * v?.invariant; // e.g. 'backoff-respected'
 * v?.object; // e.g. 'job/pi'
 * ```
 */
export interface Violation {
  readonly invariant: InvariantName;
  /** Virtual time (ms) where it was found. */
  readonly time: number;
  /** `job/a`, `pod/a-x7k2p`, `node/node-0`, or `trace`. */
  readonly object: string;
  readonly message: string;
}

/**
 * How a run ended (the trace's `end` entry).
 * @example
 * ```ts
 * new InvariantChecker().finish('idle');
 * ```
 */
export type EndReason = 'done' | 'idle' | 'until' | 'limit';

/**
 * Options of {@link checkInvariants} and {@link InvariantChecker}.
 * @example
 * ```ts
 * checkInvariants(sim.trace(), { end: 'idle', skip: ['node-capacity'], all: true });
 * ```
 */
export interface InvariantOptions {
  /** Check only these invariants. */
  readonly only?: readonly InvariantName[];
  /** Do not check these invariants. */
  readonly skip?: readonly InvariantName[];
  /** How the run ended when the trace has no `end` entry (default: unknown, end-state checks skipped). */
  readonly end?: EndReason;
  /** Wall-clock value of virtual time 0 (default: inferred from the first object's creationTimestamp). */
  readonly startTime?: string;
  /** Report every occurrence, not only the first per invariant and object (default false). */
  readonly all?: boolean;
}

const TRACKING = 'batch.kubernetes.io/job-tracking';
const INDEX_ANN = 'batch.kubernetes.io/job-completion-index';
const FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';
const IGNORED_COUNT = 'batch.kubernetes.io/job-index-ignored-failure-count';
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 600_000;
const MAX_INT32 = 2147483647;
const TERMINAL_TYPES = ['Complete', 'Failed', 'FailureTarget', 'SuccessCriteriaMet'] as const;

interface FailureRecord {
  readonly pod: string;
  readonly obsPos: number;
  readonly countPos: number;
  readonly countT: number;
  readonly finish: number;
}

interface JobState {
  readonly uid: string;
  readonly label: string;
  job: Job;
  deleted: boolean;
  countedSucceeded: number;
  readonly countedIdx: Set<number>;
  failedMin: number;
  failedMax: number;
  active: number;
  terminating: number;
  tooMany: boolean;
  pendingTooMany: number | undefined;
  readonly statusWrites: Set<number>;
  readonly failures: FailureRecord[];
  readonly successes: Array<{ pos: number; t: number }>;
  readonly creations: Creation[];
  readonly pods: Set<string>;
  readonly startTimes: number[];
  /** Indexed completions changed at some point (elastic Indexed Job). */
  elastic: boolean;
  /** Position of the first pod seen Succeeded with the tracking finalizer. */
  firstSuccessPos: number | undefined;
  /** Virtual time of the last resume (spec.suspend true -> false). */
  resumedAt: number | undefined;
  /** Reasons of the Kubernetes Events recorded about the Job. */
  readonly eventReasons: Set<string>;
  /** The job-controller recorder's spam filter for this Job, replayed from its Event writes. */
  readonly recorder: TokenBucket;
  /** An Event the Job must have by the end of the instant (Completed, or the failure reason). */
  pendingEvent: { readonly reason: string; readonly t: number; readonly what: string } | undefined;
}

interface Creation {
  readonly pos: number;
  readonly t: number;
  readonly pod: string;
  readonly uid: string;
}

interface PodState {
  readonly uid: string;
  readonly label: string;
  pod: Pod;
  owner: string | undefined;
  deleted: boolean;
  failedObsPos: number | undefined;
  usage: { node: string; cpu: number; mem: number } | undefined;
}

/**
 * Checks the invariants over a trace as it grows. Feed it every trace entry in order
 * ({@link InvariantChecker.observe}), call {@link InvariantChecker.settle} whenever the simulation
 * is settled at the current instant (it is called for you when time moves on), and
 * {@link InvariantChecker.finish} at the end.
 *
 * @example
 * ```ts
 * import { Simulation } from 'jobsim';
 * import { InvariantChecker } from 'jobsim/testing';
 * const sim = new Simulation({ nodes: 1 });
 * const checker = new InvariantChecker();
 * sim.on('trace', (e) => checker.observe(e));
 * sim.apply(job);
 * sim.runUntilIdle();
 * checker.finish('idle'); // []
 * ```
 */
export class InvariantChecker {
  private readonly enabled: ReadonlySet<InvariantName>;
  private readonly all: boolean;
  private readonly out: Violation[] = [];
  private readonly seen = new Set<string>();
  private readonly jobs = new Map<string, JobState>();
  private readonly jobsByKey = new Map<string, string>();
  private readonly pods = new Map<string, PodState>();
  private readonly nodes = new Map<string, Node>();
  private readonly nodeUsage = new Map<string, Map<string, { cpu: number; mem: number }>>();
  private readonly dirtyNodes = new Set<string>();
  private readonly dirtyJobs = new Set<string>();
  private startMs: number | undefined;
  private lastT = 0;
  private instant = 0;
  private pos = 0;
  private endSeen: { reason: EndReason; t: number } | undefined;
  private finished = false;

  constructor(options: InvariantOptions = {}) {
    const only = options.only ? new Set(options.only) : undefined;
    const skip = new Set(options.skip ?? []);
    this.enabled = new Set(INVARIANTS.filter((i) => (!only || only.has(i)) && !skip.has(i)));
    this.all = options.all ?? false;
    if (options.startTime !== undefined) this.startMs = Date.parse(options.startTime);
  }

  /** Violations found so far. */
  get violations(): readonly Violation[] {
    return this.out;
  }

  /** Feeds one trace entry (in trace order). */
  observe(e: TraceEvent): void {
    this.pos++;
    if (e.type === 'check') return;
    if (e.t < this.lastT) {
      this.report(
        'time-monotonic',
        e.t,
        'trace',
        `a ${e.type} entry at ${fmt(e.t)} follows one at ${fmt(this.lastT)}: virtual time went back`,
      );
    }
    if (e.t > this.instant) {
      this.settle();
      this.instant = e.t;
    }
    this.lastT = Math.max(this.lastT, e.t);
    if (e.type === 'end') {
      this.endSeen = { reason: e.reason, t: e.t };
      return;
    }
    if (e.type !== 'object') return;
    if (this.startMs === undefined) {
      const ts = e.object.metadata?.creationTimestamp;
      const parsed = ts ? Date.parse(ts) : Number.NaN;
      if (!Number.isNaN(parsed)) this.startMs = parsed - Math.floor(e.t / 1000) * 1000;
    }
    switch (e.kind) {
      case 'Job':
        this.onJob(e.verb, e.object as Job, e.old as Job | undefined, e.t);
        break;
      case 'Pod':
        this.onPod(e.verb, e.object as Pod, e.old as Pod | undefined, e.t);
        break;
      case 'Node':
        this.onNode(e.verb, e.object as Node);
        break;
      case 'Event':
        if (e.verb !== 'DELETED') this.onEvent(e.object as Event, e.t);
        break;
      default:
        break;
    }
  }

  /**
   * The simulation is settled at the current instant (every reaction at this virtual time has
   * run): checks the settled-state invariants.
   */
  settle(): void {
    const t = this.instant;
    for (const uid of this.dirtyJobs) {
      const js = this.jobs.get(uid);
      if (js) this.settleJob(js, t);
    }
    this.dirtyJobs.clear();
    for (const name of this.dirtyNodes) this.checkNode(name, t);
    this.dirtyNodes.clear();
  }

  /**
   * Ends the check: settles the last instant and, when the run ended `done` or `idle` (nothing
   * left to happen), checks the end-state invariants. Returns every violation found.
   */
  finish(end?: EndReason): readonly Violation[] {
    if (this.finished) return this.out;
    this.finished = true;
    this.settle();
    const reason = end ?? this.endSeen?.reason;
    if (reason === 'done' || reason === 'idle') this.checkEnd(Math.max(this.lastT, this.endSeen?.t ?? 0));
    return this.out;
  }

  // ----- bookkeeping -----

  private report(invariant: InvariantName, time: number, object: string, message: string): void {
    if (!this.enabled.has(invariant)) return;
    const key = `${invariant}\u0000${object}`;
    if (!this.all && this.seen.has(key)) return;
    this.seen.add(key);
    this.out.push({ invariant, time, object, message });
  }

  private vt(ts: string | undefined | null): number | undefined {
    if (!ts || this.startMs === undefined) return undefined;
    const v = Date.parse(ts);
    return Number.isNaN(v) ? undefined : v - this.startMs;
  }

  private onNode(verb: string, node: Node): void {
    const name = node.metadata?.name ?? '';
    if (verb === 'DELETED') this.nodes.delete(name);
    else this.nodes.set(name, node);
    this.dirtyNodes.add(name);
  }

  private onEvent(ev: Event, t: number): void {
    if (ev.involvedObject?.kind !== 'Job') return;
    const uid =
      ev.involvedObject.uid ??
      this.jobsByKey.get(`${ev.involvedObject.namespace ?? 'default'}/${ev.involvedObject.name}`);
    const js = uid ? this.jobs.get(uid) : undefined;
    if (!js) return;
    if (ev.reason === 'TooManySucceededPods') js.tooMany = true;
    if (ev.reason) js.eventReasons.add(ev.reason);
    // Every write of the job-controller's recorder about the Job spent a token of its spam filter.
    if (ev.source?.component === 'job-controller') js.recorder.tryAccept(t);
  }

  // ----- Jobs -----

  private onJob(verb: string, job: Job, old: Job | undefined, t: number): void {
    const uid = job.metadata?.uid ?? '';
    const ns = job.metadata?.namespace ?? 'default';
    const name = job.metadata?.name ?? '';
    let js = this.jobs.get(uid);
    if (!js) {
      js = {
        uid,
        label: `job/${name}`,
        job,
        deleted: false,
        countedSucceeded: 0,
        countedIdx: new Set(),
        failedMin: 0,
        failedMax: 0,
        active: 0,
        terminating: 0,
        tooMany: false,
        pendingTooMany: undefined,
        statusWrites: new Set(),
        failures: [],
        successes: [],
        creations: [],
        pods: new Set(),
        startTimes: [],
        elastic: false,
        firstSuccessPos: undefined,
        eventReasons: new Set(),
        recorder: new TokenBucket(),
        pendingEvent: undefined,
        resumedAt: undefined,
      };
      this.jobs.set(uid, js);
      this.jobsByKey.set(`${ns}/${name}`, uid);
    }
    const prev = js.job;
    js.job = job;
    this.dirtyJobs.add(uid);
    if (verb === 'DELETED') {
      js.deleted = true;
      if (this.jobsByKey.get(`${ns}/${name}`) === uid) this.jobsByKey.delete(`${ns}/${name}`);
      return;
    }
    if (verb !== 'MODIFIED') {
      this.checkJobVersion(js, t, false);
      return;
    }
    const before = old ?? prev;
    // A write that leaves the generation alone is a status write (spec updates bump it).
    const statusWritten =
      before.metadata?.generation === job.metadata?.generation && job.status !== before.status;
    if (statusWritten) js.statusWrites.add(t);
    const oldC = before.spec?.completions ?? 0;
    const newC = job.spec?.completions ?? 0;
    if (before.spec?.suspend === true && job.spec?.suspend !== true) js.resumedAt = t;
    if (job.spec?.suspend === true) js.resumedAt = undefined;
    const wasFinished =
      isTrue(before.status?.conditions ?? [], 'Complete') ||
      isTrue(before.status?.conditions ?? [], 'Failed');
    if (job.spec?.completionMode === 'Indexed' && oldC !== newC && !wasFinished) {
      // Elastic Indexed Job: indexes at or above the new completions are dropped for good
      // (a finished Job is not synced again: its status stays as it was).
      js.elastic = true;
      for (const ix of [...js.countedIdx]) if (ix >= newC) js.countedIdx.delete(ix);
    }
    const st = this.vt(job.status?.startTime);
    if (st !== undefined && js.startTimes[js.startTimes.length - 1] !== st) js.startTimes.push(st);
    this.checkJobVersion(js, t, statusWritten);
    this.checkTransition(js, before, job, t);
  }

  /** Checks that hold for every version of a Job. */
  private checkJobVersion(js: JobState, t: number, statusWritten: boolean): void {
    const job = js.job;
    const conds = job.status?.conditions ?? [];
    const tr = (type: string) => isTrue(conds, type);
    if (statusWritten) this.checkStatusValid(js, t);
    if (tr('Complete') && (tr('Failed') || tr('FailureTarget'))) {
      this.report(
        'terminal-exclusive',
        t,
        js.label,
        `Complete=True together with ${tr('Failed') ? 'Failed' : 'FailureTarget'}=True (conditions ${showConds(conds)})`,
      );
    }
    if (tr('SuccessCriteriaMet') && (tr('Failed') || tr('FailureTarget'))) {
      this.report(
        'terminal-exclusive',
        t,
        js.label,
        `SuccessCriteriaMet=True together with ${tr('Failed') ? 'Failed' : 'FailureTarget'}=True (conditions ${showConds(conds)})`,
      );
    }
    const completions = job.spec?.completions ?? undefined;
    const status = job.status ?? {};
    if (job.spec?.completionMode === 'Indexed') {
      const c = completions ?? 0;
      const done = parseIndexes(status.completedIndexes);
      const failed = parseIndexes(status.failedIndexes);
      if (done.error) {
        this.report(
          'index-counted-once',
          t,
          js.label,
          `completedIndexes ${JSON.stringify(status.completedIndexes)}: ${done.error}`,
        );
      } else {
        const over = done.set.size > 0 ? Math.max(...done.set) : -1;
        if (over >= c && statusWritten) {
          this.report(
            'index-counted-once',
            t,
            js.label,
            `completedIndexes ${JSON.stringify(status.completedIndexes)} has index ${over} >= completions ${c}`,
          );
        }
        if ((status.succeeded ?? 0) !== done.set.size) {
          this.report(
            'index-counted-once',
            t,
            js.label,
            `succeeded is ${status.succeeded ?? 0} but completedIndexes ${JSON.stringify(status.completedIndexes ?? '')} has ${done.set.size} index(es)`,
          );
        }
        for (const ix of failed.set) {
          if (done.set.has(ix)) {
            this.report('index-counted-once', t, js.label, `index ${ix} is both completed and failed`);
            break;
          }
        }
      }
      if (failed.error) {
        this.report(
          'index-counted-once',
          t,
          js.label,
          `failedIndexes ${JSON.stringify(status.failedIndexes)}: ${failed.error}`,
        );
      }
    } else if (status.completedIndexes) {
      this.report(
        'index-counted-once',
        t,
        js.label,
        `a NonIndexed Job has completedIndexes ${JSON.stringify(status.completedIndexes)}`,
      );
    }
  }

  /** The API server's status validation (`ValidateJobUpdateStatus`, JobManagedBy rules). */
  private checkStatusValid(js: JobState, t: number): void {
    const job = js.job;
    const status = job.status ?? {};
    const conds = status.conditions ?? [];
    const problems: string[] = [];
    const finished = isTrue(conds, 'Complete') || isTrue(conds, 'Failed');
    if (finished) {
      if ((status.active ?? 0) > 0) problems.push(`active ${status.active} for a finished Job`);
      if ((status.terminating ?? 0) > 0)
        problems.push(`terminating ${status.terminating} for a finished Job`);
      // kubernetes#132614 (1.32.x+): a suspended Job with completions 0 completes without startTime.
      const zeroSuspended = job.spec?.suspend === true && job.spec.completions === 0;
      if (!status.startTime && !zeroSuspended) problems.push('no startTime for a finished Job');
      const u = status.uncountedTerminatedPods;
      if ((u?.succeeded?.length ?? 0) + (u?.failed?.length ?? 0) > 0)
        problems.push('uncountedTerminatedPods not empty for a finished Job');
    }
    if (status.completionTime && !isTrue(conds, 'Complete'))
      problems.push('completionTime without a Complete=True condition');
    if (job.spec?.suspend !== true && !status.startTime && !finished)
      problems.push(
        'a status write of an unsuspended Job without startTime (the controller sets it on such a sync)',
      );
    const complete = findTrue(conds, 'Complete');
    if (complete && status.completionTime && complete.lastTransitionTime !== status.completionTime)
      problems.push(
        `completionTime ${status.completionTime} is not the Complete condition's lastTransitionTime ${complete.lastTransitionTime}`,
      );
    const ct = this.vt(status.completionTime);
    const st = this.vt(status.startTime);
    if (ct !== undefined && st !== undefined && ct < st) problems.push('completionTime before startTime');
    const perIndex = job.spec?.backoffLimitPerIndex !== undefined && job.spec?.backoffLimitPerIndex !== null;
    if (status.failedIndexes !== undefined && status.failedIndexes !== null && !perIndex)
      problems.push('failedIndexes without backoffLimitPerIndex');
    for (const k of ['active', 'succeeded', 'failed', 'ready', 'terminating'] as const) {
      const v = status[k];
      if (typeof v === 'number' && v < 0) problems.push(`${k} ${v} < 0`);
    }
    const types = conds.map((c) => c.type);
    const dup = types.find((x, i) => types.indexOf(x) !== i);
    if (dup !== undefined) problems.push(`two ${dup} conditions`);
    if (problems.length > 0) this.report('status-valid', t, js.label, problems.join('; '));
  }

  /** Checks between two consecutive versions of a Job. */
  private checkTransition(js: JobState, old: Job, job: Job, t: number): void {
    const oc = old.status?.conditions ?? [];
    const nc = job.status?.conditions ?? [];
    for (const type of TERMINAL_TYPES) {
      const was = findTrue(oc, type);
      if (!was) continue;
      const now = findTrue(nc, type);
      if (!now) {
        this.report(
          'terminal-sticky',
          t,
          js.label,
          `${type}=True (${was.reason}) reverted: conditions now ${showConds(nc)}`,
        );
      } else if ((now.reason ?? '') !== (was.reason ?? '')) {
        this.report(
          'terminal-sticky',
          t,
          js.label,
          `${type}=True changed reason from ${was.reason} to ${now.reason}`,
        );
      }
    }
    const of = old.status?.failed ?? 0;
    const nf = job.status?.failed ?? 0;
    if (nf < of)
      this.report('counters-monotonic', t, js.label, `status.failed went down from ${of} to ${nf}`);
    const os = old.status?.succeeded ?? 0;
    const ns = job.status?.succeeded ?? 0;
    if (ns < os && !js.elastic)
      this.report('counters-monotonic', t, js.label, `status.succeeded went down from ${os} to ${ns}`);

    const first = (type: string) => !isTrue(oc, type) && isTrue(nc, type);
    if (first('FailureTarget')) this.justifyFailure(js, old, job, t);
    if (first('SuccessCriteriaMet')) this.justifySuccess(js, job, t);
    if (first('Failed')) {
      const f = findTrue(nc, 'Failed')!;
      const ft = findTrue(nc, 'FailureTarget');
      if (!ft || ft.reason !== f.reason) {
        this.report(
          'finish-justified',
          t,
          js.label,
          `Failed=True (${f.reason}) without FailureTarget=True with the same reason (upstream writes FailureTarget first)`,
        );
      }
      this.checkNoPodsRunning(js, 'Failed', t);
      js.pendingEvent = { reason: f.reason ?? '', t, what: `Failed=True (${f.reason})` };
    }
    if (first('Complete')) {
      const c = findTrue(nc, 'Complete')!;
      const scm = findTrue(nc, 'SuccessCriteriaMet');
      if (!scm || scm.reason !== c.reason) {
        this.report(
          'finish-justified',
          t,
          js.label,
          `Complete=True (${c.reason}) without SuccessCriteriaMet=True with the same reason (upstream writes SuccessCriteriaMet first)`,
        );
      }
      if (!job.status?.completionTime) {
        this.report('finish-justified', t, js.label, 'Complete=True without status.completionTime');
      }
      this.checkNoPodsRunning(js, 'Complete', t);
      js.pendingEvent = { reason: 'Completed', t, what: 'Complete=True' };
      const completions = job.spec?.completions;
      const succeeded = job.status?.succeeded ?? 0;
      if (completions !== undefined && completions !== null && succeeded > completions && !js.tooMany) {
        js.pendingTooMany = t;
      }
    }
  }

  private checkNoPodsRunning(js: JobState, what: string, t: number): void {
    for (const uid of js.pods) {
      const ps = this.pods.get(uid);
      if (!ps || ps.deleted || ps.owner !== js.uid) continue;
      if (!isTerminal(ps.pod)) {
        this.report(
          'finish-justified',
          t,
          js.label,
          `${what}=True while ${ps.label} is still ${ps.pod.metadata?.deletionTimestamp ? 'terminating' : (ps.pod.status?.phase ?? 'Pending')} (upstream waits until no pod is active or terminating)`,
        );
        return;
      }
    }
  }

  private justifyFailure(js: JobState, old: Job, job: Job, t: number): void {
    const ft = findTrue(job.status?.conditions ?? [], 'FailureTarget')!;
    const spec = job.spec!;
    const status = job.status ?? {};
    const reason = ft.reason ?? '';
    const failed = status.failed ?? 0;
    const perIndex = spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null;
    const limit = spec.backoffLimit ?? (perIndex ? MAX_INT32 : 6);
    let ok: boolean;
    let why: string;
    switch (reason) {
      case 'BackoffLimitExceeded': {
        let restarts = 0;
        for (const uid of js.pods) {
          const p = this.pods.get(uid)?.pod;
          const ph = p?.status?.phase;
          if (!p || (ph !== 'Running' && ph !== 'Pending')) continue;
          for (const c of p.status?.containerStatuses ?? []) restarts += c.restartCount ?? 0;
          for (const c of p.status?.initContainerStatuses ?? []) restarts += c.restartCount ?? 0;
        }
        const onFailure =
          spec.template.spec?.restartPolicy === 'OnFailure' &&
          (limit === 0 ? restarts > 0 : restarts >= limit);
        ok = failed > limit || onFailure;
        why = `status.failed ${failed} does not exceed backoffLimit ${limit}${spec.template.spec?.restartPolicy === 'OnFailure' ? ` and the running pods restarted ${restarts} time(s)` : ''}`;
        break;
      }
      case 'DeadlineExceeded': {
        const ads = spec.activeDeadlineSeconds;
        const starts = [...js.startTimes, this.vt(old.status?.startTime), this.vt(status.startTime)].filter(
          (x): x is number => x !== undefined,
        );
        const start = starts.length > 0 ? Math.min(...starts) : undefined;
        ok = ads !== undefined && ads !== null && start !== undefined && t - start >= ads * 1000;
        why = `activeDeadlineSeconds ${ads ?? '<none>'} has not passed since startTime (${start === undefined ? 'unset' : fmt(start)})`;
        break;
      }
      case 'PodFailurePolicy': {
        ok = false;
        for (const uid of js.pods) {
          const p = this.pods.get(uid)?.pod;
          if (p && isPodFailedFor(p, job) && matchPodFailurePolicy(spec.podFailurePolicy, p) === 'FailJob') {
            ok = true;
            break;
          }
        }
        why = 'no failed pod matches a FailJob rule';
        break;
      }
      case 'MaxFailedIndexesExceeded': {
        const n = parseIndexes(status.failedIndexes).set.size;
        ok =
          spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes !== null && n > spec.maxFailedIndexes;
        why = `${n} failed index(es) do not exceed maxFailedIndexes ${spec.maxFailedIndexes ?? '<none>'}`;
        break;
      }
      case 'FailedIndexes': {
        const nf = parseIndexes(status.failedIndexes).set.size;
        const nd = parseIndexes(status.completedIndexes).set.size;
        ok = nf >= 1 && nf + nd >= (spec.completions ?? 0);
        why = `${nf} failed and ${nd} completed index(es) do not cover completions ${spec.completions}`;
        break;
      }
      default:
        ok = false;
        why = `unknown reason ${JSON.stringify(reason)}`;
    }
    if (!ok) this.report('finish-justified', t, js.label, `FailureTarget=True (${reason}) but ${why}`);
  }

  private justifySuccess(js: JobState, job: Job, t: number): void {
    const scm = findTrue(job.status?.conditions ?? [], 'SuccessCriteriaMet')!;
    const spec = job.spec!;
    const status = job.status ?? {};
    const succeeded = status.succeeded ?? 0;
    if ((status.active ?? 0) > 0 && scm.reason === 'CompletionsReached') {
      this.report(
        'finish-justified',
        t,
        js.label,
        `SuccessCriteriaMet=True (CompletionsReached) with status.active ${status.active}`,
      );
    }
    if (scm.reason === 'CompletionsReached') {
      // Succeeded pods still carrying the tracking finalizer are counted by later writes
      // (MaxUncountedPods); they already count towards completion.
      const c = spec.completions;
      const idx = new Set(js.countedIdx);
      let pending = 0;
      for (const uid of js.pods) {
        const p = this.pods.get(uid)?.pod;
        if (p?.status?.phase !== 'Succeeded' || !hasTracking(p)) continue;
        pending++;
        idx.add(completionIndex(p));
      }
      const reached =
        spec.completionMode === 'Indexed'
          ? [...idx].filter((i) => i >= 0 && i < (c ?? 0)).length
          : js.countedSucceeded + pending;
      const ok = c === undefined || c === null ? reached >= 1 : reached >= c;
      if (!ok) {
        this.report(
          'finish-justified',
          t,
          js.label,
          `SuccessCriteriaMet=True (CompletionsReached) with ${reached} succeeded pod(s) < ${c ?? 1} (completions ${c ?? '<unset>'}, status.succeeded ${succeeded})`,
        );
      }
    } else if (scm.reason === 'SuccessPolicy') {
      const done = parseIndexes(status.completedIndexes).set;
      const ok = successPolicyMatches(spec.successPolicy?.rules ?? [], spec.completions ?? 0, done);
      if (!ok) {
        this.report(
          'finish-justified',
          t,
          js.label,
          `SuccessCriteriaMet=True (SuccessPolicy) but no successPolicy rule matches completedIndexes ${JSON.stringify(status.completedIndexes ?? '')}`,
        );
      }
    } else {
      this.report(
        'finish-justified',
        t,
        js.label,
        `SuccessCriteriaMet=True with unknown reason ${JSON.stringify(scm.reason)}`,
      );
    }
  }

  /** Settled-state checks of one Job. */
  private settleJob(js: JobState, t: number): void {
    if (js.pendingTooMany !== undefined) {
      if (!js.tooMany) {
        const j = js.job;
        this.report(
          'succeeded-within-completions',
          js.pendingTooMany,
          js.label,
          `Complete with succeeded ${j.status?.succeeded} > completions ${j.spec?.completions} and no TooManySucceededPods event`,
        );
      }
      js.pendingTooMany = undefined;
    }
    if (js.pendingEvent !== undefined) {
      // job_controller.go records the event when it writes the terminal condition.
      const p = js.pendingEvent;
      // Unless the recorder's spam filter had no token left for it (client-go drops it).
      if (!js.eventReasons.has(p.reason) && js.recorder.wouldAccept(p.t)) {
        this.report(
          'finish-justified',
          p.t,
          js.label,
          `${p.what} but no ${p.reason} event was recorded for the Job`,
        );
      }
      js.pendingEvent = undefined;
    }
    if (js.deleted || managedElsewhere(js.job)) {
      this.checkCreations(js, t);
      return;
    }
    const job = js.job;
    const spec = job.spec!;
    const status = job.status ?? {};
    const conds = status.conditions ?? [];
    const finished = isTrue(conds, 'Complete') || isTrue(conds, 'Failed');
    // Work-queue mode after a success: wantActive = active, running pods are left alone.
    const workQueueDone =
      (spec.completions === undefined || spec.completions === null) && js.firstSuccessPos !== undefined;
    if (!finished && !job.metadata?.deletionTimestamp && !(workQueueDone && spec.suspend !== true)) {
      const max = spec.suspend === true ? 0 : (spec.parallelism ?? 1);
      if (js.active > max) {
        this.report(
          'active-within-parallelism',
          t,
          js.label,
          `${js.active} active pods ${spec.suspend === true ? 'while suspended' : `> parallelism ${max}`}`,
        );
      }
    }
    const finishing = finished || isTrue(conds, 'FailureTarget') || isTrue(conds, 'SuccessCriteriaMet');
    if (!finishing && !job.metadata?.deletionTimestamp && js.statusWrites.size > 0) {
      // job_controller.go: a suspended Job's sync sets Suspended=True (JobSuspended); the sync
      // after a resume flips it to False (JobResumed) and resets startTime.
      const suspended = isTrue(conds, 'Suspended');
      if (spec.suspend === true && !suspended) {
        this.report(
          'suspend-honoured',
          t,
          js.label,
          'spec.suspend is true but the Job has no Suspended=True condition',
        );
      } else if (spec.suspend !== true && js.resumedAt !== undefined) {
        const start = this.vt(status.startTime);
        if (suspended) {
          this.report(
            'suspend-honoured',
            t,
            js.label,
            `resumed at ${fmt(js.resumedAt)} but still Suspended=True`,
          );
        } else if (start !== undefined && start < Math.floor(js.resumedAt / 1000) * 1000) {
          this.report(
            'suspend-honoured',
            t,
            js.label,
            `resumed at ${fmt(js.resumedAt)} but startTime ${status.startTime} was not reset`,
          );
        }
      }
    }
    if (spec.completionMode === 'Indexed' && !finished) {
      // manageJob never creates a pod for an index an active pod holds, and removes duplicates.
      const held = new Map<number, string>();
      for (const uid of js.pods) {
        const ps = this.pods.get(uid);
        if (
          !ps ||
          ps.deleted ||
          ps.owner !== js.uid ||
          isTerminal(ps.pod) ||
          ps.pod.metadata?.deletionTimestamp
        )
          continue;
        const ix = completionIndex(ps.pod);
        const other = held.get(ix);
        if (ix >= 0 && other !== undefined) {
          this.report(
            'index-counted-once',
            t,
            js.label,
            `${other} and ${ps.label} are both active for index ${ix}`,
          );
          break;
        }
        held.set(ix, ps.label);
      }
    }
    const failed = status.failed ?? 0;
    if (failed < js.failedMin || failed > js.failedMax) {
      this.report(
        'failed-count',
        t,
        js.label,
        `status.failed is ${failed} but the pods counted as failed are ${js.failedMin === js.failedMax ? js.failedMin : `${js.failedMin}..${js.failedMax}`}`,
      );
    }
    if (spec.completionMode === 'Indexed') {
      const done = parseIndexes(status.completedIndexes).set;
      const counted = [...js.countedIdx];
      if (done.size !== counted.length || counted.some((i) => !done.has(i))) {
        this.report(
          'succeeded-count',
          t,
          js.label,
          `completedIndexes ${JSON.stringify(status.completedIndexes ?? '')} but the counted succeeded pods cover ${JSON.stringify(formatIndexes([...counted].sort((a, b) => a - b)))}`,
        );
      }
    } else if ((status.succeeded ?? 0) !== js.countedSucceeded) {
      this.report(
        'succeeded-count',
        t,
        js.label,
        `status.succeeded is ${status.succeeded ?? 0} but ${js.countedSucceeded} succeeded pod(s) were counted`,
      );
    }
    const perIndex = spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null;
    const limit = spec.backoffLimit ?? (perIndex ? MAX_INT32 : 6);
    if (
      failed > limit &&
      !isTrue(conds, 'FailureTarget') &&
      !isTrue(conds, 'Failed') &&
      !isTrue(conds, 'SuccessCriteriaMet') &&
      !isTrue(conds, 'Complete')
    ) {
      this.report(
        'must-finish',
        t,
        js.label,
        `status.failed ${failed} exceeds backoffLimit ${limit} but the Job has no FailureTarget condition`,
      );
    }
    this.checkCreations(js, t);
  }

  /** `backoff-respected` for the pods created at this instant. */
  private checkCreations(js: JobState, t: number): void {
    if (js.creations.length === 0) return;
    const spec = js.job.spec!;
    const perIndex = spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null;
    for (const c of js.creations) {
      if (perIndex) this.checkIndexBackoff(js, c);
      else this.checkGlobalBackoff(js, c, t);
    }
    js.creations.length = 0;
  }

  /** Upstream `getRemainingTimeForFailuresCount`: a counted failure blocks creations for >= 10s. */
  private checkGlobalBackoff(js: JobState, c: Creation, t: number): void {
    for (const f of js.failures) {
      if (f.obsPos >= c.pos || f.countT > c.t) continue;
      if (c.t - f.finish >= BACKOFF_BASE_MS) continue;
      if (!js.statusWrites.has(f.countT)) continue;
      if (js.successes.some((s) => s.pos > f.obsPos && s.t <= t)) continue;
      if (js.failures.some((g) => g.countPos > f.countPos && g.countT <= t && g.finish < f.finish)) continue;
      const fp = this.pods.get(f.pod);
      this.report(
        'backoff-respected',
        c.t,
        js.label,
        `pod ${c.pod} created at ${fmt(c.t)}, ${fmt(c.t - f.finish)} after ${fp?.label ?? f.pod} failed (finished ${fmt(f.finish)}); the pod failure back-off is at least ${fmt(BACKOFF_BASE_MS)}`,
      );
      return;
    }
  }

  /** Upstream `getRemainingTimePerIndex`: the replacement of an index waits for its back-off. */
  private checkIndexBackoff(js: JobState, c: Creation): void {
    const ps = this.pods.get(c.uid);
    if (!ps) return;
    const ann = ps.pod.metadata?.annotations ?? {};
    const ix = ann[INDEX_ANN];
    const n = count(ann[FAILURE_COUNT]) + count(ann[IGNORED_COUNT]);
    if (ix === undefined || n === 0) return;
    let best: { label: string; finish: number } | undefined;
    let any = false;
    for (const uid of js.pods) {
      const q = this.pods.get(uid);
      if (!q || q === ps || q.owner !== js.uid) continue;
      const qa = q.pod.metadata?.annotations ?? {};
      if (qa[INDEX_ANN] !== ix) continue;
      if (count(qa[FAILURE_COUNT]) + count(qa[IGNORED_COUNT]) !== n - 1) continue;
      if (!isPodFailedFor(q.pod, js.job)) continue;
      any = true;
      const finish = this.finishTime(q.pod);
      if (!best || finish < best.finish) best = { label: q.label, finish };
    }
    if (!any || !best) return;
    const delay = backoffDelay(n);
    if (c.t < best.finish + delay) {
      this.report(
        'backoff-respected',
        c.t,
        js.label,
        `pod ${c.pod} (index ${ix}, failure ${n}) created at ${fmt(c.t)}, ${fmt(c.t - best.finish)} after ${best.label} finished; the per-index back-off is ${fmt(delay)}`,
      );
    }
  }

  // ----- Pods -----

  private ownerOf(p: Pod): string | undefined {
    for (const r of p.metadata?.ownerReferences ?? []) if (r.controller && r.kind === 'Job') return r.uid;
    return undefined;
  }

  private onPod(verb: string, pod: Pod, old: Pod | undefined, t: number): void {
    const uid = pod.metadata?.uid ?? '';
    let ps = this.pods.get(uid);
    const owner = this.ownerOf(pod);
    const existed = ps !== undefined;
    if (!ps) {
      ps = {
        uid,
        label: `pod/${pod.metadata?.name}`,
        pod,
        owner,
        deleted: false,
        failedObsPos: undefined,
        usage: undefined,
      };
      this.pods.set(uid, ps);
    }
    const before = verb === 'ADDED' ? undefined : (old ?? ps.pod);
    if (before && verb === 'MODIFIED') this.checkPodTransition(ps, before, pod, t);
    if (
      pod.spec?.nodeName &&
      !before?.spec?.nodeName &&
      verb !== 'DELETED' &&
      !this.nodes.has(pod.spec.nodeName)
    ) {
      this.report('pod-lifecycle', t, ps.label, `bound to node ${pod.spec.nodeName}, which does not exist`);
    }
    // Active / terminating counts of the owner.
    if (existed) this.adjustCounts(ps, -1);
    ps.pod = pod;
    const prevOwner = ps.owner;
    ps.owner = owner ?? (verb === 'DELETED' ? prevOwner : undefined);
    if (verb === 'DELETED') ps.deleted = true;
    this.adjustCounts(ps, +1);
    this.updateUsage(ps);
    const js = ps.owner ? this.jobs.get(ps.owner) : undefined;
    if (prevOwner && prevOwner !== ps.owner) this.dirtyJobs.add(prevOwner);
    if (!js) return;
    js.pods.add(uid);
    this.dirtyJobs.add(js.uid);
    if (verb === 'ADDED') {
      this.onPodCreated(js, ps, t);
      return;
    }
    if (ps.failedObsPos === undefined && !ps.deleted && isPodFailedFor(pod, js.job))
      ps.failedObsPos = this.pos;
    if (js.firstSuccessPos === undefined && pod.status?.phase === 'Succeeded' && hasTracking(pod))
      js.firstSuccessPos = this.pos;
    if (verb === 'DELETED') {
      if (hasTracking(pod)) {
        this.report(
          'pods-accounted',
          t,
          ps.label,
          `deleted while it still had the ${TRACKING} finalizer (the Job never accounted for it)`,
        );
      }
      return;
    }
    if (before && hasTracking(before) && !hasTracking(pod)) this.onFinalizerRemoved(js, ps, before, t);
  }

  private checkPodTransition(ps: PodState, old: Pod, pod: Pod, t: number): void {
    const op = old.status?.phase;
    const np = pod.status?.phase;
    if ((op === 'Succeeded' || op === 'Failed') && np !== op) {
      this.report('pod-lifecycle', t, ps.label, `phase went from ${op} to ${np}`);
    }
    if (old.spec?.nodeName && pod.spec?.nodeName !== old.spec.nodeName) {
      this.report(
        'pod-lifecycle',
        t,
        ps.label,
        `moved from node ${old.spec.nodeName} to ${pod.spec?.nodeName}`,
      );
    }
    const restarts = new Map<string, number>();
    for (const c of [...(old.status?.containerStatuses ?? []), ...(old.status?.initContainerStatuses ?? [])])
      restarts.set(c.name, c.restartCount ?? 0);
    for (const c of [
      ...(pod.status?.containerStatuses ?? []),
      ...(pod.status?.initContainerStatuses ?? []),
    ]) {
      const before = restarts.get(c.name);
      if (before !== undefined && (c.restartCount ?? 0) < before) {
        this.report(
          'pod-lifecycle',
          t,
          ps.label,
          `container ${c.name} restartCount went down from ${before} to ${c.restartCount ?? 0}`,
        );
      }
    }
    if (pod.spec?.restartPolicy === 'Never') {
      for (const c of pod.status?.containerStatuses ?? []) {
        if ((c.restartCount ?? 0) > 0) {
          this.report(
            'pod-lifecycle',
            t,
            ps.label,
            `container ${c.name} restarted (restartCount ${c.restartCount}) under restartPolicy Never`,
          );
        }
      }
    }
  }

  private onPodCreated(js: JobState, ps: PodState, t: number): void {
    const job = js.job;
    const conds = job.status?.conditions ?? [];
    if (js.deleted || isTrue(conds, 'Complete') || isTrue(conds, 'Failed')) {
      this.report(
        'pods-accounted',
        t,
        ps.label,
        `created for ${js.label}, which is ${js.deleted ? 'deleted' : 'already finished'}`,
      );
    } else if (job.spec?.suspend === true && hasTracking(ps.pod)) {
      this.report('suspend-honoured', t, ps.label, `created while ${js.label} is suspended`);
    } else if (
      (job.spec?.completions === undefined || job.spec.completions === null) &&
      js.firstSuccessPos !== undefined &&
      hasTracking(ps.pod)
    ) {
      this.report(
        'active-within-parallelism',
        t,
        ps.label,
        `created for work-queue ${js.label} after a pod succeeded (upstream creates no pods after the first success)`,
      );
    }
    if (hasTracking(ps.pod) && onlyReplaceFailed(job)) {
      // podReplacementPolicy Failed: terminating pods still hold their place (manageJob
      // subtracts them from the pods to create; Indexed: their indexes are not re-created).
      const parallelism = job.spec?.parallelism ?? 1;
      if (js.active + js.terminating > parallelism) {
        this.report(
          'active-within-parallelism',
          t,
          ps.label,
          `created with ${js.active - 1} active and ${js.terminating} terminating pods, parallelism ${parallelism} (podReplacementPolicy Failed)`,
        );
      }
      const ix = completionIndex(ps.pod);
      if (ix >= 0) {
        for (const uid of js.pods) {
          const q = this.pods.get(uid);
          if (!q || q === ps || q.deleted || q.owner !== js.uid || isTerminal(q.pod)) continue;
          if (q.pod.metadata?.deletionTimestamp && completionIndex(q.pod) === ix) {
            this.report(
              'index-counted-once',
              t,
              ps.label,
              `created for index ${ix} while ${q.label} of that index is still terminating (podReplacementPolicy Failed)`,
            );
            break;
          }
        }
      }
    }
    if (hasTracking(ps.pod))
      js.creations.push({ pos: this.pos, t, pod: ps.pod.metadata?.name ?? '', uid: ps.uid });
  }

  /** The controller removed the tracking finalizer: classify the pod as upstream counts it. */
  private onFinalizerRemoved(js: JobState, ps: PodState, seen: Pod, t: number): void {
    const job = js.job;
    const conds = job.status?.conditions ?? [];
    if (js.deleted || isTrue(conds, 'Complete') || isTrue(conds, 'Failed')) return; // orphan clean-up
    const spec = job.spec!;
    const indexed = spec.completionMode === 'Indexed';
    const ix = completionIndex(seen);
    const validIndex = !indexed || (ix >= 0 && ix < (spec.completions ?? 0));
    const phase = seen.status?.phase;
    const failedNow = isPodFailedFor(seen, job);
    if (validIndex) {
      if (failedNow && ps.failedObsPos !== undefined) {
        js.failures.push({
          pod: ps.uid,
          obsPos: ps.failedObsPos,
          countPos: this.pos,
          countT: t,
          finish: this.finishTime(seen),
        });
      }
      if (phase === 'Succeeded') js.successes.push({ pos: this.pos, t });
    }
    if (phase === 'Succeeded') {
      if (indexed) {
        if (validIndex) js.countedIdx.add(ix);
      } else {
        js.countedSucceeded++;
      }
      return;
    }
    if (!validIndex) return;
    if (matchPodFailurePolicy(spec.podFailurePolicy, seen) === 'Ignore') return;
    const failureTarget = isTrue(conds, 'FailureTarget');
    const deleting = !!seen.metadata?.deletionTimestamp && phase !== 'Failed';
    if (phase === 'Failed' || failureTarget) {
      js.failedMin++;
      js.failedMax++;
    } else if (deleting && !onlyReplaceFailed(job)) {
      // A pod the controller deletes in the sync that sets SuccessCriteriaMet is not counted;
      // one deleted before that sync is. The trace cannot always tell the two apart.
      if (!isTrue(conds, 'SuccessCriteriaMet')) js.failedMin++;
      js.failedMax++;
    }
  }

  private adjustCounts(ps: PodState, sign: 1 | -1): void {
    if (!ps.owner || ps.deleted) return;
    const js = this.jobs.get(ps.owner);
    if (!js || isTerminal(ps.pod)) return;
    if (ps.pod.metadata?.deletionTimestamp) js.terminating += sign;
    else js.active += sign;
  }

  private updateUsage(ps: PodState): void {
    const node = ps.pod.spec?.nodeName;
    const wanted = node && !ps.deleted && !isTerminal(ps.pod) ? node : undefined;
    if (ps.usage && ps.usage.node !== wanted) {
      this.nodeUsage.get(ps.usage.node)?.delete(ps.uid);
      this.dirtyNodes.add(ps.usage.node);
      ps.usage = undefined;
    }
    if (wanted && !ps.usage) {
      const r = podRequests(ps.pod);
      ps.usage = { node: wanted, ...r };
      let m = this.nodeUsage.get(wanted);
      if (!m) {
        m = new Map();
        this.nodeUsage.set(wanted, m);
      }
      m.set(ps.uid, r);
      this.dirtyNodes.add(wanted);
    }
  }

  private checkNode(name: string, t: number): void {
    const node = this.nodes.get(name);
    const usage = this.nodeUsage.get(name);
    if (!node || !usage || usage.size === 0) return;
    const alloc = (node.status?.allocatable ?? node.status?.capacity ?? {}) as Record<string, string>;
    const cap = {
      cpu: alloc.cpu !== undefined ? quantity(alloc.cpu, true) : 0,
      mem: alloc.memory !== undefined ? quantity(alloc.memory, false) : 0,
      pods: alloc.pods !== undefined ? quantity(alloc.pods, false) : 110,
    };
    let cpu = 0;
    let mem = 0;
    for (const r of usage.values()) {
      cpu += r.cpu;
      mem += r.mem;
    }
    const problems: string[] = [];
    if (usage.size > cap.pods) problems.push(`${usage.size} pods > allocatable pods ${cap.pods}`);
    if (cpu > cap.cpu && cpu > 0) problems.push(`cpu requests ${cpu}m > allocatable ${cap.cpu}m`);
    if (mem > cap.mem && mem > 0) problems.push(`memory requests ${mem} > allocatable ${cap.mem}`);
    if (problems.length > 0) this.report('node-capacity', t, `node/${name}`, problems.join('; '));
  }

  /** Upstream `getFinishedTime` (backoff_utils.go). */
  private finishTime(p: Pod): number {
    const sidecars = new Set(
      (p.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name),
    );
    let latest: number | undefined;
    let all = true;
    const statuses = [
      ...(p.status?.containerStatuses ?? []),
      ...(p.status?.initContainerStatuses ?? []).filter((c) => sidecars.has(c.name)),
    ];
    for (const cs of statuses) {
      const term = cs.state?.terminated;
      if (!term) {
        all = false;
        break;
      }
      const f = this.vt(term.finishedAt);
      if (f !== undefined && (latest === undefined || f > latest)) latest = f;
    }
    if (all && latest !== undefined) return latest;
    const ready = p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'False');
    const rt = this.vt(ready?.lastTransitionTime);
    if (rt !== undefined) return rt;
    const dt = this.vt(p.metadata?.deletionTimestamp);
    if (dt !== undefined) return dt - (p.metadata?.deletionGracePeriodSeconds ?? 0) * 1000;
    return this.vt(p.metadata?.creationTimestamp) ?? 0;
  }

  // ----- end of run -----

  private checkEnd(t: number): void {
    for (const js of this.jobs.values()) {
      if (js.deleted || managedElsewhere(js.job) || js.job.metadata?.deletionTimestamp) continue;
      const job = js.job;
      const spec = job.spec!;
      const status = job.status ?? {};
      const conds = status.conditions ?? [];
      const finished = isTrue(conds, 'Complete') || isTrue(conds, 'Failed');
      const perIndex = spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null;
      for (const uid of js.pods) {
        const ps = this.pods.get(uid);
        if (!ps || ps.deleted || !hasTracking(ps.pod)) continue;
        if (finished) {
          this.report(
            'pods-accounted',
            t,
            ps.label,
            `still has the ${TRACKING} finalizer after ${js.label} finished (upstream removes it)`,
          );
        } else if (isTerminal(ps.pod) && !(perIndex && ps.pod.status?.phase === 'Failed')) {
          this.report(
            'pods-accounted',
            t,
            ps.label,
            `is ${ps.pod.status?.phase} but was never counted by ${js.label} (tracking finalizer still on)`,
          );
        }
      }
      if (finished) continue;
      if (spec.suspend === true) continue;
      const left = `nothing left to happen at ${fmt(t)}`;
      if (isTrue(conds, 'FailureTarget') && js.terminating === 0) {
        this.report(
          'must-finish',
          t,
          js.label,
          `FailureTarget=True but never Failed, with no pod terminating (${left})`,
        );
      } else if (isTrue(conds, 'SuccessCriteriaMet') && js.terminating === 0) {
        this.report(
          'must-finish',
          t,
          js.label,
          `SuccessCriteriaMet=True but never Complete, with no pod terminating (${left})`,
        );
      } else if (js.active + js.terminating === 0 && (spec.parallelism ?? 1) > 0) {
        this.report(
          'must-finish',
          t,
          js.label,
          `not finished, not suspended, parallelism ${spec.parallelism ?? 1}, and no pod running (${left}): upstream would create pods or finish it`,
        );
      }
      const ads = spec.activeDeadlineSeconds;
      const start = this.vt(status.startTime);
      if (
        ads !== undefined &&
        ads !== null &&
        start !== undefined &&
        t - start >= ads * 1000 &&
        js.terminating === 0
      ) {
        this.report(
          'must-finish',
          t,
          js.label,
          `activeDeadlineSeconds ${ads} passed (started ${fmt(start)}) but the Job is not Failed (${left})`,
        );
      }
      if ((status.active ?? 0) !== js.active || (status.terminating ?? 0) !== js.terminating) {
        this.report(
          'status-matches-pods',
          t,
          js.label,
          `status active ${status.active ?? 0}, terminating ${status.terminating ?? 0}; pods: ${js.active} active, ${js.terminating} terminating`,
        );
      }
    }
  }
}

/**
 * Checks every invariant over a whole trace (from `sim.trace()` or `runScenario(...).sim.trace()`).
 * Returns the violations, first occurrence per invariant and object, in trace order.
 *
 * @example
 * ```ts
 * import { loadScenario, runScenario } from 'jobsim';
 * import { checkInvariants } from 'jobsim/testing';
 * const result = runScenario(loadScenario(text));
 * checkInvariants(result.sim.trace()); // []
 * ```
 */
export function checkInvariants(trace: readonly TraceEvent[], options: InvariantOptions = {}): Violation[] {
  const checker = new InvariantChecker(options);
  for (const e of trace) checker.observe(e);
  return [...checker.finish(options.end)];
}

/**
 * Attaches an {@link InvariantChecker} to a simulation: every trace entry from now on is
 * checked. Call `finish('idle')` on the returned checker after `runUntilIdle()`.
 *
 * @example
 * ```ts
 * const checker = watchInvariants(sim);
 * sim.runUntilIdle();
 * checker.finish('idle'); // []
 * ```
 */
export function watchInvariants(sim: Simulation, options: InvariantOptions = {}): InvariantChecker {
  const checker = new InvariantChecker(options);
  for (const e of sim.trace()) checker.observe(e);
  sim.on('trace', (e) => checker.observe(e));
  return checker;
}

/**
 * Violations as text, one per line: `[invariant] at 1m30s job/a: message`.
 *
 * @example
 * ```ts
 * formatViolations([{ invariant: 'must-finish', time: 90000, object: 'job/a', message: 'stuck' }]);
 * // '[must-finish] at 1m30s job/a: stuck'
 * ```
 */
export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `[${v.invariant}] at ${fmt(v.time)} ${v.object}: ${v.message}`).join('\n');
}

/**
 * Thrown by {@link assertNoViolations}.
 * @example
 * ```ts
 * try {
 *   assertNoViolations(violations);
 * } catch (e) {
 *   if (e instanceof InvariantViolationError) e.violations.length;
 * }
 * ```
 */
export class InvariantViolationError extends Error {
  readonly code = 'INVARIANT_VIOLATED';
  readonly violations: readonly Violation[];
  constructor(violations: readonly Violation[], context?: string) {
    super(
      `${violations.length} invariant violation(s)${context ? ` in ${context}` : ''}:\n${formatViolations(violations)}`,
    );
    this.name = 'InvariantViolationError';
    this.violations = violations;
  }
}

/**
 * Throws an {@link InvariantViolationError} listing the violations, if there are any.
 *
 * @example
 * ```ts
 * assertNoViolations(checkInvariants(sim.trace(), { end: 'idle' }));
 * ```
 */
export function assertNoViolations(violations: readonly Violation[], context?: string): void {
  if (violations.length > 0) throw new InvariantViolationError(violations, context);
}

// ----- helpers (independent of the controllers' code on purpose) -----

function fmt(ms: number): string {
  return ms < 0 ? `-${formatDuration(-ms)}` : formatDuration(ms);
}

function isTrue(conds: readonly JobCondition[], type: string): boolean {
  return conds.some((c) => c.type === type && c.status === 'True');
}

function findTrue(conds: readonly JobCondition[], type: string): JobCondition | undefined {
  return conds.find((c) => c.type === type && c.status === 'True');
}

function showConds(conds: readonly JobCondition[]): string {
  return conds.length === 0 ? '[]' : conds.map((c) => `${c.type}=${c.status}(${c.reason ?? ''})`).join(', ');
}

function isTerminal(p: Pod): boolean {
  const ph = p.status?.phase;
  return ph === 'Succeeded' || ph === 'Failed';
}

function hasTracking(p: Pod): boolean {
  return p.metadata?.finalizers?.includes(TRACKING) ?? false;
}

function managedElsewhere(job: Job): boolean {
  const m = job.spec?.managedBy;
  return m !== undefined && m !== null && m !== 'kubernetes.io/job-controller';
}

/** `podReplacementPolicy: Failed` (forced by a podFailurePolicy). */
function onlyReplaceFailed(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || !!job.spec?.podFailurePolicy;
}

/** Upstream `isPodFailed`: phase Failed, or being deleted when terminating pods are replaced. */
function isPodFailedFor(p: Pod, job: Job): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailed(job)) return false;
  return !!p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

function completionIndex(p: Pod): number {
  const v = p.metadata?.annotations?.[INDEX_ANN];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : -1;
}

function count(v: string | undefined): number {
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : 0;
}

function backoffDelay(failures: number): number {
  let d = BACKOFF_BASE_MS;
  for (let i = 1; i < failures && d < BACKOFF_MAX_MS; i++) d *= 2;
  return Math.min(d, BACKOFF_MAX_MS);
}

/** The first matching pod failure policy rule's action (upstream `matchPodFailurePolicy`). */
function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): string | undefined {
  for (const rule of policy?.rules ?? []) {
    if (rule.onExitCodes) {
      const req = rule.onExitCodes;
      const statuses = [
        ...(pod.status?.containerStatuses ?? []),
        ...(pod.status?.initContainerStatuses ?? []),
      ];
      const hit = statuses.some((cs) => {
        if (req.containerName && req.containerName !== cs.name) return false;
        const code = cs.state?.terminated?.exitCode;
        if (code === undefined || code === 0) return false;
        const inValues = req.values.includes(code);
        return req.operator === 'In' ? inValues : req.operator === 'NotIn' ? !inValues : false;
      });
      if (hit) return rule.action;
    } else if (rule.onPodConditions) {
      const hit = (pod.status?.conditions ?? []).some((c) =>
        rule.onPodConditions!.some((p) => p.type === c.type && (p.status ?? 'True') === c.status),
      );
      if (hit) return rule.action;
    }
  }
  return undefined;
}

/** Upstream `matchSuccessPolicy`: does any rule match the succeeded indexes? */
function successPolicyMatches(
  rules: readonly { succeededIndexes?: string; succeededCount?: number }[],
  completions: number,
  succeeded: ReadonlySet<number>,
): boolean {
  if (succeeded.size === 0) return false;
  return rules.some((r) => {
    if (r.succeededIndexes !== undefined) {
      const want = [...parseIndexes(r.succeededIndexes).set].filter((i) => i < completions);
      const have = want.filter((i) => succeeded.has(i)).length;
      return r.succeededCount === undefined
        ? want.length > 0 && have === want.length
        : have >= r.succeededCount;
    }
    return r.succeededCount !== undefined && succeeded.size >= r.succeededCount;
  });
}

/** Parses an interval list (`1,3-5`) strictly: ascending, no overlaps. */
function parseIndexes(s: string | undefined): { set: Set<number>; error?: string } {
  const set = new Set<number>();
  if (!s) return { set };
  let prev = -1;
  for (const frag of s.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(frag);
    if (!m) return { set, error: `bad fragment ${JSON.stringify(frag)}` };
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || a <= prev) return { set, error: `not in increasing order at ${JSON.stringify(frag)}` };
    for (let i = a; i <= b; i++) set.add(i);
    prev = b;
  }
  return { set };
}

function quantity(v: string | number, milli: boolean): number {
  try {
    const q = parseQuantity(v);
    return milli ? q.milliValue() : q.value();
  } catch {
    return 0;
  }
}

/** Effective requests as the scheduler sums them: max(sum of containers + sidecars, init peaks). */
function podRequests(pod: Pod): { cpu: number; mem: number } {
  const req = (c: {
    resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  }) => {
    const r = c.resources?.requests ?? {};
    const l = c.resources?.limits ?? {};
    const cpu = (r.cpu ?? l.cpu) as string | undefined;
    const mem = (r.memory ?? l.memory) as string | undefined;
    return {
      cpu: cpu === undefined ? 0 : quantity(cpu, true),
      mem: mem === undefined ? 0 : quantity(mem, false),
    };
  };
  let cpu = 0;
  let mem = 0;
  for (const c of pod.spec?.containers ?? []) {
    const r = req(c);
    cpu += r.cpu;
    mem += r.mem;
  }
  let sideCpu = 0;
  let sideMem = 0;
  let initCpu = 0;
  let initMem = 0;
  for (const c of pod.spec?.initContainers ?? []) {
    const r = req(c);
    if (c.restartPolicy === 'Always') {
      sideCpu += r.cpu;
      sideMem += r.mem;
      initCpu = Math.max(initCpu, sideCpu);
      initMem = Math.max(initMem, sideMem);
    } else {
      initCpu = Math.max(initCpu, sideCpu + r.cpu);
      initMem = Math.max(initMem, sideMem + r.mem);
    }
  }
  return { cpu: Math.max(cpu + sideCpu, initCpu), mem: Math.max(mem + sideMem, initMem) };
}
