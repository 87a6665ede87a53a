/**
 * `pods/{name}/log`: simulated containers print nothing, so the log is a description of the
 * container's run on the virtual clock (when it started, what it is scripted to do, how it
 * ended), with the kubelet's wording for containers that have no log yet.
 */
import type { ContainerStatus, Pod } from '../api/types.js';
import { formatDuration } from '../engine/duration.js';
import type { Behaviors } from '../kubelet/behaviors.js';
import { HttpError } from './status.js';

/** One log line with its (epoch ms) time. */
export interface LogLine {
  readonly time: number;
  readonly text: string;
}

/** Options of {@link podLog} (the query of the log request). */
export interface LogOptions {
  readonly container?: string | undefined;
  readonly previous?: boolean;
}

/** `--timestamps` prefix: RFC 3339 with nanoseconds, as the kubelet writes it. */
export function logTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** Which container a log request is about (the only one, or `?container=`). */
export function logContainer(pod: Pod, container: string | undefined): string {
  const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
  const name = pod.metadata?.name ?? '';
  if (container === undefined || container === '') {
    const def = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
    if (def !== undefined && names.includes(def)) return def;
    const app = (pod.spec?.containers ?? []).map((c) => c.name);
    if (app.length === 1) return app[0]!;
    throw new HttpError(
      400,
      'BadRequest',
      `a container name must be specified for pod ${name}, choose one of: [${app.join(' ')}]`,
    );
  }
  if (!names.includes(container))
    throw new HttpError(400, 'BadRequest', `container ${container} is not valid for pod ${name}`);
  return container;
}

function statusOf(pod: Pod, container: string): ContainerStatus | undefined {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find(
    (s) => s.name === container,
  );
}

function at(startTime: number, t: string | undefined): [number, string] {
  const ms = t === undefined ? startTime : Date.parse(t);
  return [ms, formatDuration(Math.max(0, ms - startTime))];
}

/**
 * The log lines of a container: `jobsim: container "pi" started ...`, then what it is scripted
 * to do, or how it ended.
 * @throws HttpError 400 when the container has not started (or has no previous run).
 *
 * @example
 * ```ts
 * podLog(pod, sim.behaviors, sim.store.startTime, {}).map((l) => l.text);
 * // ['jobsim: container "pi" (image perl) started at virtual time 0s', 'jobsim: container "pi" exited with code 0 (Completed) at virtual time 10s, after 10s']
 * ```
 */
export function podLog(pod: Pod, behaviors: Behaviors, startTime: number, options: LogOptions): LogLine[] {
  const container = logContainer(pod, options.container);
  const podName = pod.metadata?.name ?? '';
  const st = statusOf(pod, container);
  const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find(
    (c) => c.name === container,
  );
  const image = spec?.image ?? '';
  if (options.previous === true) {
    const t = st?.lastState?.terminated;
    if (!t)
      throw new HttpError(
        400,
        'BadRequest',
        `previous terminated container "${container}" in pod "${podName}" not found`,
      );
    return terminatedLines(container, image, t, startTime);
  }
  const running = st?.state?.running;
  const terminated = st?.state?.terminated;
  if (terminated) return terminatedLines(container, image, terminated, startTime);
  if (running) {
    const [ms, v] = at(startTime, running.startedAt);
    const plan = behaviors.plan(pod, container, st?.restartCount ?? 0);
    const what =
      plan.runMs === undefined
        ? 'runs until it is stopped'
        : `exits with code ${plan.exitCode} after ${formatDuration(plan.runMs)}`;
    return [
      { time: ms, text: `jobsim: container "${container}" (image ${image}) started at virtual time ${v}` },
      { time: ms, text: `jobsim: container "${container}" is running; scripted: ${what}` },
    ];
  }
  const reason = st?.state?.waiting?.reason || 'ContainerCreating';
  throw new HttpError(
    400,
    'BadRequest',
    `container "${container}" in pod "${podName}" is waiting to start: ${reason}`,
  );
}

function terminatedLines(
  container: string,
  image: string,
  t: NonNullable<NonNullable<ContainerStatus['state']>['terminated']>,
  startTime: number,
): LogLine[] {
  const [sms, sv] = at(startTime, t.startedAt);
  const [fms, fv] = at(startTime, t.finishedAt);
  return [
    { time: sms, text: `jobsim: container "${container}" (image ${image}) started at virtual time ${sv}` },
    {
      time: fms,
      text: `jobsim: container "${container}" exited with code ${t.exitCode}${t.reason ? ` (${t.reason})` : ''} at virtual time ${fv}, after ${formatDuration(Math.max(0, fms - sms))}`,
    },
  ];
}

/** Renders lines with kubectl's `tailLines` and `timestamps` options. */
export function renderLog(
  lines: readonly LogLine[],
  tailLines: number | undefined,
  timestamps: boolean,
): string {
  const sel = tailLines === undefined ? lines : tailLines <= 0 ? [] : lines.slice(-tailLines);
  return sel.map((l) => `${timestamps ? `${logTimestamp(l.time)} ` : ''}${l.text}\n`).join('');
}
