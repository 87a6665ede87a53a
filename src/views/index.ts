/**
 * kubectl 1.34's human-readable output for a simulated cluster: `get` tables, `describe` pages,
 * human durations. Every function is pure: objects and the virtual clock's `now` (epoch
 * milliseconds) in, text out.
 */
export { getCronJobsTable } from './cronjobs.js';
export {
  type DescribeNodeOptions,
  describeCronJob,
  describeJob,
  describeNode,
  describePod,
  type NodeLease,
} from './describe.js';
export {
  formatRFC1123Z,
  formatTimestampRFC1123Z,
  humanDuration,
  parseTimestamp,
  shortHumanDuration,
  translateTimestampSince,
  translateTimestampUntil,
} from './duration.js';
export { describeEventAge, describeEventsSection, eventObject, getEventsTable } from './events.js';
export { formatLabelSelector } from './format.js';
export { goSort } from './gosort.js';
export { getJobsTable, jobCompletions, jobDuration, jobStatusText } from './jobs.js';
export { getNodesTable, nodeRoles, nodeStatusText } from './nodes.js';
export {
  type GetTableOptions,
  getPodsTable,
  type PodRow,
  podReady,
  podRestarts,
  podRow,
  podStatusReason,
} from './pods.js';
export { type GetOutput, getOutput, noResourcesFound, renderTable } from './table.js';
export {
  GoTabWriter,
  KUBECTL_DESCRIBE_TABWRITER,
  KUBECTL_TABLE_TABWRITER,
  type TabWriterOptions,
  tabwrite,
} from './tabwriter.js';
