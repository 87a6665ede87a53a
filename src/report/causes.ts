/**
 * Why each pod version came to be: the Kubernetes Events recorded with the change, the scenario
 * step that ran at that instant, the Job controller's decision (back-off, deadline, pod failure
 * policy, suspension), an eviction or node failure, or the container's scripted behavior.
 * Derived from the trace only.
 */
import type { ContainerStatus, Event, Job, JobCondition, Node, Pod, PodFailurePolicy } from '../api/types.js';
import { matchPodFailurePolicy } from '../controllers/job/pod-failure-policy.js';
import { formatDuration } from '../engine/duration.js';
import { PROFILE } from '../profile.js';
import type { StepTraceEvent, TraceEvent } from '../trace.js';
import { parseTimestamp } from '../views/duration.js';
import { transitions } from '../views/transitions.js';
import { podJobName, restartCount } from './lanes.js';
import type { Cause, CauseKind } from './model.js';

/** Order of causes in a list: the root of the matter first. */
const PRIORITY: readonly CauseKind[] = [
  'step',
  'deadline',
  'policy',
  'eviction',
  'node',
  'suspend',
  'behavior',
  'backoff',
  'controller',
  'scheduler',
  'kubelet',
  'event',
  'gc',
];

/** What changed and why, for one pod trace entry. */
export interface PodChange {
  readonly what: readonly string[];
  readonly why: readonly Cause[];
}

const EVENT_KIND: Readonly<Record<string, CauseKind>> = {
  BackOff: 'backoff',
  BackoffLimitExceeded: 'backoff',
  DeadlineExceeded: 'deadline',
  PodFailurePolicy: 'policy',
  MaxFailedIndexesExceeded: 'policy',
  FailedIndexes: 'policy',
  SuccessPolicy: 'policy',
  TaintManagerEviction: 'eviction',
  Evicted: 'eviction',
  Preempted: 'eviction',
  NodeNotReady: 'node',
  NodeReady: 'node',
  FailedScheduling: 'scheduler',
  Scheduled: 'scheduler',
  Suspended: 'suspend',
  Resumed: 'suspend',
  SuccessfulCreate: 'controller',
  SuccessfulDelete: 'controller',
  Pulled: 'kubelet',
  Created: 'kubelet',
  Started: 'kubelet',
  Killing: 'kubelet',
};

const CONDITION_KIND: Readonly<Record<string, CauseKind>> = {
  BackoffLimitExceeded: 'backoff',
  DeadlineExceeded: 'deadline',
  PodFailurePolicy: 'policy',
  MaxFailedIndexesExceeded: 'policy',
  FailedIndexes: 'policy',
  SuccessPolicy: 'policy',
  JobSuspended: 'suspend',
  JobResumed: 'suspend',
};

const DISRUPTION_TEXT: Readonly<Record<string, string>> = {
  EvictionByEvictionAPI: 'evicted through the Eviction API',
  DeletionByTaintManager: 'deleted by the taint-eviction controller (NoExecute taint, toleration expired)',
  PreemptionByScheduler: 'preempted by the scheduler',
  TerminationByKubelet: 'terminated by the kubelet',
  DeletionByPodGC: 'deleted by the pod garbage collector',
};

function eventText(ev: Event): string {
  const count = (ev.count ?? 1) > 1 ? ` (x${ev.count})` : '';
  const who = ev.source?.component ? ` [${ev.source.component}]` : '';
  return `${ev.type ?? 'Normal'} ${ev.reason ?? ''}: ${ev.message ?? ''}${count}${who}`;
}

function containerStatuses(p: Pod | undefined): ContainerStatus[] {
  return [...(p?.status?.initContainerStatuses ?? []), ...(p?.status?.containerStatuses ?? [])];
}

function condition(p: Pod | undefined, type: string) {
  return p?.status?.conditions?.find((c) => c.type === type && c.status === 'True');
}

function stepMentions(step: StepTraceEvent, pod: Pod, job: string): boolean {
  if (step.action === 'expect' || step.action === 'wait') return false;
  const d = step.description;
  const name = pod.metadata?.name ?? '';
  const node = pod.spec?.nodeName ?? '';
  return (
    d.includes(`pod/${name}`) ||
    (job !== '' && d.includes(`job/${job}`)) ||
    (node !== '' && (d.startsWith(`node ${node} `) || d.includes(`node/${node}`)))
  );
}

function jobBackoffDelay(failures: number): number {
  let d: number = PROFILE.jobPodFailureBackoff;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= PROFILE.maxJobPodFailureBackoff) return PROFILE.maxJobPodFailureBackoff;
  }
  return d;
}

interface JobTrack {
  failures: number;
  lastFailure: number | undefined;
  /** Conditions that changed, by time. */
  readonly conds: Map<number, JobCondition[]>;
  /** Job events by time. */
  readonly events: Map<number, Event[]>;
}

/**
 * Explains every Pod entry of the trace. Returns, by trace index, the change's wording (from
 * the transitions view) and its causes.
 */
export function explainPodChanges(trace: readonly TraceEvent[]): Map<number, PodChange> {
  // Pass 1: indexes of what happened at each instant.
  const stepsAt = new Map<number, StepTraceEvent[]>();
  const jobs = new Map<string, JobTrack>();
  const jobTrack = (key: string): JobTrack => {
    let j = jobs.get(key);
    if (!j) {
      j = { failures: 0, lastFailure: undefined, conds: new Map(), events: new Map() };
      jobs.set(key, j);
    }
    return j;
  };
  /** Pod events by involved uid: [trace index, time, event]. */
  const podEvents = new Map<string, Array<[number, number, Event]>>();
  /** Pod trace entries by uid: [trace index, time]. */
  const podVersions = new Map<string, Array<[number, number]>>();
  const nodeReady = new Map<string, Array<[number, string, string]>>();
  const nodeDownSteps = new Map<string, StepTraceEvent>();
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i]!;
    if (e.type === 'step') {
      let list = stepsAt.get(e.t);
      if (!list) stepsAt.set(e.t, (list = []));
      list.push(e);
      continue;
    }
    if (e.type !== 'object') continue;
    if (e.kind === 'Pod') {
      const uid = e.object.metadata?.uid ?? '';
      let list = podVersions.get(uid);
      if (!list) podVersions.set(uid, (list = []));
      list.push([i, e.t]);
    } else if (e.kind === 'Event' && e.verb !== 'DELETED') {
      const ev = e.object as Event;
      const old = e.old as Event | undefined;
      if (e.verb === 'MODIFIED' && (old?.count ?? 1) === (ev.count ?? 1)) continue;
      const io = ev.involvedObject;
      if (io.kind === 'Pod') {
        const uid = io.uid ?? '';
        let list = podEvents.get(uid);
        if (!list) podEvents.set(uid, (list = []));
        list.push([i, e.t, ev]);
      } else if (io.kind === 'Job') {
        const track = jobTrack(`${io.namespace ?? ''}/${io.name ?? ''}`);
        let list = track.events.get(e.t);
        if (!list) track.events.set(e.t, (list = []));
        list.push(ev);
      }
    } else if (e.kind === 'Job' && e.verb === 'MODIFIED') {
      const job = e.object as Job;
      const old = e.old as Job | undefined;
      const before = new Map((old?.status?.conditions ?? []).map((c) => [c.type, c]));
      const changed = (job.status?.conditions ?? []).filter((c) => {
        const o = before.get(c.type);
        return o ? o.status !== c.status || o.reason !== c.reason : c.status === 'True';
      });
      if (changed.length > 0) {
        const track = jobTrack(`${e.namespace ?? ''}/${e.name}`);
        const list = track.conds.get(e.t) ?? [];
        list.push(...changed);
        track.conds.set(e.t, list);
      }
    } else if (e.kind === 'Node' && e.verb !== 'DELETED') {
      const ready = (e.object as Node).status?.conditions?.find((c) => c.type === 'Ready');
      let list = nodeReady.get(e.name);
      if (!list) nodeReady.set(e.name, (list = []));
      const last = list[list.length - 1];
      if (!last || last[1] !== (ready?.status ?? 'Unknown'))
        list.push([e.t, ready?.status ?? 'Unknown', ready?.reason ?? '']);
    }
  }

  // Attach each pod event to the pod entry it goes with: the first entry of that pod at the same
  // instant after the event (events are recorded just before the write they announce), else
  // the last one before it at that instant.
  const eventsFor = new Map<number, Event[]>();
  for (const [uid, evs] of podEvents) {
    const versions = podVersions.get(uid) ?? [];
    for (const [ei, et, ev] of evs) {
      let target: number | undefined;
      for (const [vi, vt] of versions) {
        if (vt !== et) continue;
        target = vi;
        if (vi > ei) break;
      }
      if (target === undefined) continue;
      let list = eventsFor.get(target);
      if (!list) eventsFor.set(target, (list = []));
      list.push(ev);
    }
  }

  // Pass 2: explain each pod entry in order.
  const out = new Map<number, PodChange>();
  const terminationWhy = new Map<string, Cause>();
  const stepsUsed = new Set<string>();
  const jobObjects = new Map<string, Job>();
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i]!;
    if (e.type === 'step' && e.action === 'node') {
      const m = /^node (\S+) down$/.exec(e.description);
      if (m) nodeDownSteps.set(m[1]!, e);
      continue;
    }
    if (e.type === 'object' && e.kind === 'Job') {
      if (e.verb === 'DELETED') jobObjects.delete(`${e.namespace ?? ''}/${e.name}`);
      else jobObjects.set(`${e.namespace ?? ''}/${e.name}`, e.object as Job);
      continue;
    }
    if (e.type !== 'object' || e.kind !== 'Pod') continue;
    const pod = e.object as Pod;
    const old = e.verb === 'MODIFIED' || e.verb === 'DELETED' ? (e.old as Pod | undefined) : undefined;
    const uid = pod.metadata?.uid ?? '';
    const jobName = podJobName(pod);
    const jobKey = `${pod.metadata?.namespace ?? ''}/${jobName}`;
    const track = jobName ? jobTrack(jobKey) : undefined;
    const why: Cause[] = [];
    const add = (k: CauseKind, text: string) => {
      if (!why.some((c) => c.text === text)) why.push({ k, text });
    };
    const what =
      e.verb === 'DELETED'
        ? ['deleted from the API server']
        : transitions([e])
            .filter((x) => x.object === `pod/${e.name}`)
            .map((x) => x.what);
    const name = pod.metadata?.name ?? '';

    // Scenario steps at this instant that name the pod, its Job or its node.
    for (const s of stepsAt.get(e.t) ?? []) {
      const key = `${uid}#${s.index}`;
      if (what.length > 0 && !stepsUsed.has(key) && stepMentions(s, pod, jobName)) {
        stepsUsed.add(key);
        add('step', `step ${s.index} at ${formatDuration(s.t)}: ${s.description}`);
      }
    }

    // Job events that name this pod.
    const jobEvents = track?.events.get(e.t) ?? [];
    if (e.verb === 'ADDED') {
      for (const ev of jobEvents)
        if (ev.reason === 'SuccessfulCreate' && ev.message?.endsWith(`: ${name}`))
          add('controller', `Job controller created it: ${eventText(ev)}`);
      if (!jobName) add('step', 'created from the scenario file');
      if (track && track.failures > 0 && track.lastFailure !== undefined) {
        const delay = jobBackoffDelay(track.failures);
        const gap = e.t - track.lastFailure;
        if (gap + PROFILE.syncJobBatchPeriod >= delay) {
          add(
            'backoff',
            `pod-failure back-off: ${track.failures} failed pod${track.failures === 1 ? '' : 's'} since the last success, so the Job controller waited min(10s × 2^${track.failures - 1}, 10m) = ${formatDuration(delay)} after the last failure at ${formatDuration(track.lastFailure)}`,
          );
        } else {
          add(
            'controller',
            `replacement created ${formatDuration(gap)} after the last pod failure at ${formatDuration(track.lastFailure)}`,
          );
        }
      }
    }

    // Kubernetes Events about the pod recorded with this change.
    for (const ev of eventsFor.get(i) ?? []) add(EVENT_KIND[ev.reason ?? ''] ?? 'event', eventText(ev));

    if (old && e.verb === 'MODIFIED') {
      // Disruption: eviction, taint manager, preemption.
      const dt = condition(pod, 'DisruptionTarget');
      const newDt = !!dt && !condition(old, 'DisruptionTarget');
      if (dt && newDt) {
        const text = DISRUPTION_TEXT[dt.reason ?? ''] ?? `disrupted (${dt.reason ?? ''})`;
        add('eviction', `${text}: DisruptionTarget ${dt.reason ?? ''}${dt.message ? `: ${dt.message}` : ''}`);
      }
      // Pod-level status reason (Evicted, DeadlineExceeded, NodeLost, ...).
      const reason = pod.status?.reason;
      if (reason && reason !== old.status?.reason) {
        const k: CauseKind =
          reason === 'DeadlineExceeded' ? 'deadline' : reason === 'Evicted' ? 'eviction' : 'kubelet';
        add(k, `status.reason ${reason}${pod.status?.message ? `: ${pod.status.message}` : ''}`);
      }
      // Node trouble.
      const node = pod.spec?.nodeName ?? '';
      const ready = nodeReady.get(node);
      if (ready) {
        let cur: [number, string, string] | undefined;
        for (const r of ready) if (r[0] <= e.t) cur = r;
        if (
          cur &&
          cur[1] !== 'True' &&
          (newDt || (pod.metadata?.deletionTimestamp && !old.metadata?.deletionTimestamp) || e.t === cur[0])
        ) {
          const down = nodeDownSteps.get(node);
          add(
            'node',
            `node ${node} Ready=${cur[1]}${cur[2] ? ` (${cur[2]})` : ''} since ${formatDuration(cur[0])}${down ? `, after step ${down.index} at ${formatDuration(down.t)}: ${down.description}` : ''}`,
          );
        }
      }
      // Deletion requested.
      const deleting = !old.metadata?.deletionTimestamp && !!pod.metadata?.deletionTimestamp;
      if (deleting) {
        for (const ev of jobEvents)
          if (ev.reason === 'SuccessfulDelete' && ev.message?.endsWith(`: ${name}`))
            add('controller', `Job controller deleted it: ${eventText(ev)}`);
      }
      // Containers: exits, restarts, back-off.
      const killedOnDelete = !!pod.metadata?.deletionTimestamp || !!dt;
      for (const cs of containerStatuses(pod)) {
        const prev = containerStatuses(old).find((c) => c.name === cs.name);
        const term = cs.state?.terminated;
        const lastTerm = cs.lastState?.terminated;
        const restarted = (cs.restartCount ?? 0) > (prev?.restartCount ?? 0);
        const fresh =
          (term && !prev?.state?.terminated) ||
          (restarted && lastTerm && lastTerm.finishedAt !== prev?.lastState?.terminated?.finishedAt);
        const exit = term && !prev?.state?.terminated ? term : restarted ? lastTerm : undefined;
        if (fresh && exit) {
          const started = parseTimestamp(exit.startedAt);
          const finished = parseTimestamp(exit.finishedAt);
          const ran =
            started !== undefined && finished !== undefined
              ? ` after ${formatDuration(finished - started)}`
              : '';
          const desc = `container ${cs.name} exited with code ${exit.exitCode}${exit.reason ? ` (${exit.reason})` : ''}${ran}`;
          if (killedOnDelete && (exit.exitCode === 143 || exit.exitCode === 137))
            add(
              'kubelet',
              `${desc}: ${exit.exitCode === 143 ? 'stopped by SIGTERM' : 'killed after the grace period'} because the pod is being deleted`,
            );
          else if ((stepsAt.get(e.t) ?? []).some((s) => s.action === 'exit' && stepMentions(s, pod, jobName)))
            add('step', `${desc}, as the step made it`);
          else add('behavior', `${desc}, as the scenario's behaviors script it`);
        }
        if (restarted)
          add(
            'backoff',
            `kubelet restarted container ${cs.name} in place (restartPolicy ${pod.spec?.restartPolicy ?? 'Always'}, restart ${cs.restartCount})`,
          );
        const w = cs.state?.waiting;
        if (w?.reason === 'CrashLoopBackOff' && prev?.state?.waiting?.reason !== 'CrashLoopBackOff')
          add('backoff', `CrashLoopBackOff: ${w.message ?? ''}`);
      }
      if (restartCount(pod) > restartCount(old) && why.length === 0) add('backoff', 'container restarted');
      // The Job's pod failure policy decides what a failed pod means.
      const policy = jobObjects.get(jobKey)?.spec?.podFailurePolicy;
      if (policy && pod.status?.phase === 'Failed' && old.status?.phase !== 'Failed') {
        const rule = matchingRule(policy, pod);
        if (rule) add('policy', rule);
      }
      // Finalizer removed: the Job controller has counted the pod.
      const fin = 'batch.kubernetes.io/job-tracking';
      if (old.metadata?.finalizers?.includes(fin) && !pod.metadata?.finalizers?.includes(fin))
        add(
          'controller',
          `Job controller counted the pod in the Job's status and removed its ${fin} finalizer`,
        );
      // Job-level decisions at this instant explain terminations.
      if (deleting || newDt) {
        for (const c of track?.conds.get(e.t) ?? [])
          if (c.status === 'True' && c.reason)
            add(
              CONDITION_KIND[c.reason] ?? 'controller',
              `job/${jobName} ${c.type} (${c.reason})${c.message ? `: ${c.message}` : ''}`,
            );
        for (const ev of jobEvents)
          if (ev.type === 'Warning' || ev.reason === 'Suspended')
            add(EVENT_KIND[ev.reason ?? ''] ?? 'controller', `job/${jobName}: ${eventText(ev)}`);
        const earlier = terminationWhy.get(uid);
        if (earlier && deleting) add(earlier.k, earlier.text);
        if (why.length === 0 && deleting)
          add('gc', 'deleted (no controller decision recorded at this instant)');
        const root = sortCauses(why).find((c) => c.k !== 'kubelet' && c.k !== 'behavior');
        if (root && !terminationWhy.has(uid)) terminationWhy.set(uid, root);
      } else if (pod.metadata?.deletionTimestamp) {
        // Later changes of a terminating pod carry the reason for the termination.
        const root = terminationWhy.get(uid);
        if (root) add(root.k, `terminating because: ${root.text}`);
      }
      if (!old.spec?.nodeName && pod.spec?.nodeName && !why.some((c) => c.k === 'scheduler'))
        add('scheduler', `bound to ${pod.spec.nodeName} by the scheduler`);
    }
    if (e.verb === 'DELETED') {
      const root = terminationWhy.get(uid);
      if (root) add(root.k, `deleted because: ${root.text}`);
      if (why.length === 0) add('gc', 'removed once its finalizers were gone and its containers stopped');
    }

    // Keep the Job's back-off record in step (upstream newBackoffRecord, roughly).
    if (track && old) {
      const was = old.status?.phase;
      const now = pod.status?.phase;
      if (now === 'Failed' && was !== 'Failed') {
        track.failures++;
        track.lastFailure = e.t;
      } else if (now === 'Succeeded' && was !== 'Succeeded') {
        track.failures = 0;
        track.lastFailure = undefined;
      }
    }
    out.set(i, { what: what.length > 0 ? what : [describePatch(old, pod)], why: sortCauses(why) });
  }
  return out;
}

const ACTION_TEXT: Readonly<Record<string, string>> = {
  Ignore: 'the failure is ignored: not counted towards backoffLimit, the pod is replaced',
  FailJob: 'the whole Job fails',
  FailIndex: 'its index fails (backoffLimitPerIndex)',
  Count: 'the failure counts towards backoffLimit as usual',
};

/**
 * The first rule of a pod failure policy that matches a failed pod, in words; found with the
 * Job controller's own matcher on growing prefixes of the rules.
 */
function matchingRule(policy: PodFailurePolicy, pod: Pod): string | undefined {
  const rules = policy.rules ?? [];
  for (let k = 1; k <= rules.length; k++) {
    const m = matchPodFailurePolicy({ ...policy, rules: rules.slice(0, k) }, pod);
    if (m.action === undefined) continue;
    const rule = rules[k - 1]!;
    const on = rule.onExitCodes
      ? `onExitCodes ${rule.onExitCodes.containerName ? `${rule.onExitCodes.containerName} ` : ''}${rule.onExitCodes.operator} [${rule.onExitCodes.values.join(', ')}]`
      : `onPodConditions ${(rule.onPodConditions ?? []).map((c) => `${c.type}=${c.status ?? 'True'}`).join(', ')}`;
    return `podFailurePolicy rule ${k - 1} (${m.action}, ${on}) matches: ${ACTION_TEXT[m.action] ?? m.action}`;
  }
  return undefined;
}

/** Causes by {@link PRIORITY}, stable. */
function sortCauses(why: readonly Cause[]): Cause[] {
  return why
    .map((c, i) => ({ c, i, p: PRIORITY.indexOf(c.k) }))
    .sort((a, b) => a.p - b.p || a.i - b.i)
    .map((x) => x.c);
}

/** `status.conditions, status.containerStatuses updated`: the fields a change touched. */
function describePatch(old: Pod | undefined, cur: Pod): string {
  if (!old) return 'created';
  const paths: string[] = [];
  for (const top of ['metadata', 'spec', 'status'] as const) {
    const a = (old[top] ?? {}) as Record<string, unknown>;
    const b = (cur[top] ?? {}) as Record<string, unknown>;
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (top === 'metadata' && (k === 'resourceVersion' || k === 'generation')) continue;
      if (a[k] !== b[k] && JSON.stringify(a[k]) !== JSON.stringify(b[k])) paths.push(`${top}.${k}`);
    }
  }
  return paths.length > 0 ? `${paths.join(', ')} updated` : 'updated (no field besides resourceVersion)';
}
