/**
 * `kubectl get cronjobs`: a port of `printCronJob` in `pkg/printers/internalversion/printers.go`
 * (kubectl 1.34: `NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE`).
 */
import type { CronJob, DeepReadonly } from '../api/types.js';
import { translateTimestampSince } from './duration.js';
import { formatLabelSelector, layoutContainerCells, printBoolPtr } from './format.js';
import type { GetTableOptions } from './pods.js';
import { renderTable } from './table.js';

/**
 * `kubectl get cronjobs`; `-o wide` adds `CONTAINERS IMAGES SELECTOR` (of the job template).
 * TIMEZONE and LAST SCHEDULE print `<none>` when unset; SUSPEND prints `<unset>` when the field is
 * absent (the API server defaults it to `false`). `''` for no cronjobs.
 *
 * @example
 * ```ts
 * getCronJobsTable([hello], now);
 * // 'NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n'
 * // 'hello   0 * * * *   <none>     False     0        <none>          11s\n'
 * ```
 */
export function getCronJobsTable(
  cronJobs: ReadonlyArray<DeepReadonly<CronJob>>,
  nowMs: number,
  options: GetTableOptions = {},
): string {
  const headers = ['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age'];
  if (options.wide === true) headers.push('Containers', 'Images', 'Selector');
  const rows = cronJobs.map((cj) => {
    const last = cj.status?.lastScheduleTime;
    const cells = [
      cj.metadata?.name ?? '',
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      printBoolPtr(cj.spec?.suspend),
      String(cj.status?.active?.length ?? 0),
      last === undefined || last === null ? '<none>' : translateTimestampSince(last, nowMs),
      translateTimestampSince(cj.metadata?.creationTimestamp, nowMs),
    ];
    if (options.wide === true) {
      const [names, images] = layoutContainerCells(cj.spec?.jobTemplate.spec?.template.spec?.containers);
      cells.push(names, images, formatLabelSelector(cj.spec?.jobTemplate.spec?.selector));
    }
    return cells;
  });
  return renderTable(headers, rows);
}
