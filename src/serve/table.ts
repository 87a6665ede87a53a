/**
 * Server-side printing: the `meta.k8s.io/v1` Table that `kubectl get` asks for, with the columns
 * upstream's printers declare (`pkg/printers/internalversion/printers.go`) and cells computed by
 * jobsim's kubectl views at the simulation's virtual time, so AGE and DURATION follow the virtual
 * clock.
 */
import type { CronJob, Event, Job, KubeObject, Node, Pod } from '../api/types.js';
import { parseTimestamp, translateTimestampSince } from '../views/duration.js';
import { eventObject } from '../views/events.js';
import { formatLabelSelector, layoutContainerCells, printBoolPtr } from '../views/format.js';
import { jobCompletions, jobDuration, jobStatusText } from '../views/jobs.js';
import { nodeRoles, nodeStatusText } from '../views/nodes.js';
import { podRow } from '../views/pods.js';

/** One column definition. */
export interface TableColumn {
  readonly name: string;
  readonly type: string;
  readonly format: string;
  readonly description: string;
  readonly priority: number;
}

/** What a row carries besides its cells (`includeObject`). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

function col(name: string, type = 'string', priority = 0, format = ''): TableColumn {
  return { name, type, format, description: '', priority };
}

const NAME = col('Name', 'string', 0, 'name');

/** Column definitions by resource (plural). */
export const COLUMNS: Readonly<Record<string, readonly TableColumn[]>> = {
  jobs: [
    NAME,
    col('Status'),
    col('Completions'),
    col('Duration'),
    col('Age'),
    col('Containers', 'string', 1),
    col('Images', 'string', 1),
    col('Selector', 'string', 1),
  ],
  pods: [
    NAME,
    col('Ready'),
    col('Status'),
    col('Restarts'),
    col('Age'),
    col('IP', 'string', 1),
    col('Node', 'string', 1),
    col('Nominated Node', 'string', 1),
    col('Readiness Gates', 'string', 1),
  ],
  events: [
    col('Last Seen'),
    col('Type'),
    col('Reason'),
    col('Object'),
    col('Subobject', 'string', 1),
    col('Source', 'string', 1),
    col('Message'),
    col('First Seen', 'string', 1),
    col('Count', 'string', 1),
    col('Name', 'string', 1, 'name'),
  ],
  nodes: [
    NAME,
    col('Status'),
    col('Roles'),
    col('Age'),
    col('Version'),
    col('Internal-IP', 'string', 1),
    col('External-IP', 'string', 1),
    col('OS-Image', 'string', 1),
    col('Kernel-Version', 'string', 1),
    col('Container-Runtime', 'string', 1),
  ],
  cronjobs: [
    NAME,
    col('Schedule'),
    col('Timezone'),
    col('Suspend', 'boolean'),
    col('Active', 'integer'),
    col('Last Schedule'),
    col('Age'),
    col('Containers', 'string', 1),
    col('Images', 'string', 1),
    col('Selector', 'string', 1),
  ],
  namespaces: [NAME, col('Status'), col('Age')],
};

function podCells(pod: Pod, now: number): unknown[] {
  const r = podRow(pod, now);
  const gates = pod.spec?.readinessGates ?? [];
  let readinessGates = '<none>';
  if (gates.length > 0) {
    const ok = gates.filter(
      (g) => (pod.status?.conditions ?? []).find((c) => c.type === g.conditionType)?.status === 'True',
    ).length;
    readinessGates = `${ok}/${gates.length}`;
  }
  return [
    r.name,
    r.ready,
    r.status,
    r.restarts,
    r.age,
    pod.status?.podIPs?.[0]?.ip || '<none>',
    pod.spec?.nodeName || '<none>',
    pod.status?.nominatedNodeName || '<none>',
    readinessGates,
  ];
}

function jobCells(job: Job, now: number): unknown[] {
  const [names, images] = layoutContainerCells(job.spec?.template.spec?.containers);
  return [
    job.metadata?.name ?? '',
    jobStatusText(job),
    jobCompletions(job),
    jobDuration(job, now),
    translateTimestampSince(job.metadata?.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(job.spec?.selector),
  ];
}

function cronJobCells(cj: CronJob, now: number): unknown[] {
  const last = cj.status?.lastScheduleTime;
  const [names, images] = layoutContainerCells(cj.spec?.jobTemplate.spec?.template.spec?.containers);
  return [
    cj.metadata?.name ?? '',
    cj.spec?.schedule ?? '',
    cj.spec?.timeZone ?? '<none>',
    printBoolPtr(cj.spec?.suspend),
    cj.status?.active?.length ?? 0,
    last === undefined || last === null ? '<none>' : translateTimestampSince(last, now),
    translateTimestampSince(cj.metadata?.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(cj.spec?.jobTemplate.spec?.selector),
  ];
}

function nodeCells(node: Node, now: number): unknown[] {
  const roles = nodeRoles(node).join(',');
  const info = node.status?.nodeInfo;
  const addr = (t: string) => node.status?.addresses?.find((a) => a.type === t)?.address ?? '<none>';
  return [
    node.metadata?.name ?? '',
    nodeStatusText(node),
    roles === '' ? '<none>' : roles,
    translateTimestampSince(node.metadata?.creationTimestamp, now),
    info?.kubeletVersion ?? '',
    addr('InternalIP'),
    addr('ExternalIP'),
    info?.osImage || '<unknown>',
    info?.kernelVersion || '<unknown>',
    info?.containerRuntimeVersion || '<unknown>',
  ];
}

function firstNonEmpty(...ss: Array<string | undefined>): string {
  for (const s of ss) if (s !== undefined && s.length > 0) return s;
  return '';
}

/** `printEvent`'s cells (the wide row; kubectl hides the priority-1 columns). */
function eventCells(e: Event, now: number): unknown[] {
  let first = translateTimestampSince(e.firstTimestamp, now);
  if (parseTimestamp(e.firstTimestamp) === undefined) first = translateTimestampSince(e.eventTime, now);
  let last = translateTimestampSince(e.lastTimestamp, now);
  if (parseTimestamp(e.lastTimestamp) === undefined) last = first;
  let count = e.count ?? 0;
  if (e.series !== undefined && e.series !== null) {
    last = translateTimestampSince(e.series.lastObservedTime, now);
    count = e.series.count ?? 0;
  } else if (count === 0) count = 1;
  const source = firstNonEmpty(e.source?.component, e.reportingComponent);
  const host = firstNonEmpty(e.source?.host, e.reportingInstance);
  return [
    last,
    e.type ?? '',
    e.reason ?? '',
    eventObject(e),
    e.involvedObject.fieldPath ?? '',
    host.length === 0 ? source : `${source}, ${host}`,
    (e.message ?? '').trim(),
    first,
    count,
    e.metadata?.name ?? '',
  ];
}

/** The cells of one object of a resource at epoch time `now`. */
export function cells(resource: string, obj: KubeObject | Record<string, unknown>, now: number): unknown[] {
  switch (resource) {
    case 'pods':
      return podCells(obj as Pod, now);
    case 'jobs':
      return jobCells(obj as Job, now);
    case 'cronjobs':
      return cronJobCells(obj as CronJob, now);
    case 'nodes':
      return nodeCells(obj as Node, now);
    case 'events':
      return eventCells(obj as Event, now);
    default: {
      const md = (obj as { metadata?: { name?: string; creationTimestamp?: string } }).metadata;
      return [md?.name ?? '', 'Active', translateTimestampSince(md?.creationTimestamp, now)];
    }
  }
}

/** One Table row. */
export function tableRow(
  resource: string,
  obj: KubeObject | Record<string, unknown>,
  now: number,
  include: IncludeObject,
): Record<string, unknown> {
  const row: Record<string, unknown> = { cells: cells(resource, obj, now) };
  if (include === 'Object') row.object = obj;
  else if (include === 'Metadata')
    row.object = {
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: (obj as { metadata?: unknown }).metadata ?? {},
    };
  return row;
}

/**
 * A `meta.k8s.io/v1` Table of objects of one resource.
 *
 * @example
 * ```ts
 * table('jobs', [job], sim.nowEpoch(), '42', 'Metadata').rows[0].cells; // ['pi', 'Complete', '1/1', '10s', '11s', ...]
 * ```
 */
export function table(
  resource: string,
  objs: ReadonlyArray<KubeObject | Record<string, unknown>>,
  now: number,
  resourceVersion: string,
  include: IncludeObject,
  withColumns = true,
): {
  kind: 'Table';
  apiVersion: string;
  metadata: Record<string, unknown>;
  columnDefinitions: readonly TableColumn[] | null;
  rows: unknown[];
} {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: withColumns ? (COLUMNS[resource] ?? []) : null,
    rows: objs.map((o) => tableRow(resource, o, now, include)),
  };
}
