/**
 * `kubectl get jobs`: a port of `printJob` in `pkg/printers/internalversion/printers.go` as of
 * kubectl 1.34 (STATUS column since 1.30; `SuccessCriteriaMet` since 1.34, PR #132832).
 */
import type { DeepReadonly, Job, JobCondition } from '../api/types.js';
import { humanDuration, parseTimestamp, translateTimestampSince } from './duration.js';
import { formatLabelSelector, layoutContainerCells } from './format.js';
import type { GetTableOptions } from './pods.js';
import { renderTable } from './table.js';

type RJob = DeepReadonly<Job>;

/** `hasJobCondition`: the first condition of that type decides. */
function hasJobCondition(
  conditions: ReadonlyArray<DeepReadonly<JobCondition>> | undefined,
  type: string,
): boolean {
  for (const c of conditions ?? []) {
    if (c.type === type) return c.status === 'True';
  }
  return false;
}

/**
 * The STATUS column: first match of `Complete`, `Failed`, `Terminating` (deletionTimestamp set),
 * `Suspended`, `FailureTarget`, `SuccessCriteriaMet`, else `Running`.
 *
 * @example
 * ```ts
 * jobStatusText(completedJob); // 'Complete'
 * ```
 */
export function jobStatusText(job: RJob): string {
  const conditions = job.status?.conditions;
  if (hasJobCondition(conditions, 'Complete')) return 'Complete';
  if (hasJobCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp !== undefined && job.metadata.deletionTimestamp !== null)
    return 'Terminating';
  if (hasJobCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasJobCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  if (hasJobCondition(conditions, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

/**
 * The COMPLETIONS column: `<succeeded>/<completions>`; with completions unset, `<succeeded>/1 of
 * <parallelism>` when parallelism > 1, else `<succeeded>/1`.
 *
 * @example
 * ```ts
 * jobCompletions({ spec: { completions: 5, template: {} }, status: { succeeded: 3 } }); // '3/5'
 * jobCompletions({ spec: { parallelism: 3, template: {} } });                           // '0/1 of 3'
 * ```
 */
export function jobCompletions(job: RJob): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  if (parallelism > 1) return `${succeeded}/1 of ${parallelism}`;
  return `${succeeded}/1`;
}

/**
 * The DURATION column: empty before `startTime`; `completionTime - startTime` once complete; else
 * `now - startTime` (so a Failed Job's duration keeps growing: it never gets a completionTime).
 *
 * @example
 * ```ts
 * jobDuration(completedJob, now); // '5s'
 * ```
 */
export function jobDuration(job: RJob, nowMs: number): string {
  const start = parseTimestamp(job.status?.startTime);
  if (start === undefined) return '';
  const completion = parseTimestamp(job.status?.completionTime);
  if (completion === undefined) return humanDuration(nowMs - start);
  return humanDuration(completion - start);
}

/**
 * `kubectl get jobs` (`NAME STATUS COMPLETIONS DURATION AGE`; `-o wide` adds `CONTAINERS IMAGES
 * SELECTOR`). `''` for no jobs.
 *
 * @example
 * ```ts
 * getJobsTable([job], now);
 * // 'NAME   STATUS     COMPLETIONS   DURATION   AGE\npi     Complete   1/1           5s         2m\n'
 * ```
 */
export function getJobsTable(jobs: readonly RJob[], nowMs: number, options: GetTableOptions = {}): string {
  const headers = ['Name', 'Status', 'Completions', 'Duration', 'Age'];
  if (options.wide === true) headers.push('Containers', 'Images', 'Selector');
  const rows = jobs.map((job) => {
    const cells = [
      job.metadata?.name ?? '',
      jobStatusText(job),
      jobCompletions(job),
      jobDuration(job, nowMs),
      translateTimestampSince(job.metadata?.creationTimestamp, nowMs),
    ];
    if (options.wide === true) {
      const [names, images] = layoutContainerCells(job.spec?.template.spec?.containers);
      cells.push(names, images, formatLabelSelector(job.spec?.selector));
    }
    return cells;
  });
  return renderTable(headers, rows);
}
