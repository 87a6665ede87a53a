/**
 * The Kubernetes version jobsim models, and every number or switch that differs between
 * versions, in one place. Defaults are upstream v1.34's (all Job features GA except
 * `JobManagedBy`, beta and on; `MutableSchedulingDirectivesForSuspendedJobs` not yet on).
 */
export const KUBERNETES_VERSION = 'v1.34';

/** Timings and limits of the modelled version. All durations in ms. */
export const PROFILE = {
  /** Job controller: `syncJobBatchPeriod`. */
  syncJobBatchPeriod: 1000,
  /** Job controller: `DefaultJobPodFailureBackOff`. */
  jobPodFailureBackoff: 10_000,
  /** Job controller: `MaxJobPodFailureBackOff`. */
  maxJobPodFailureBackoff: 600_000,
  /** Job controller: `MaxPodCreateDeletePerSync`. */
  maxPodCreateDeletePerSync: 500,
  /** Job controller: `MaxUncountedPods`. */
  maxUncountedPods: 500,
  /** Kubelet: initial container restart back-off. */
  containerBackoff: 10_000,
  /** Kubelet: `MaxContainerBackOff`. */
  maxContainerBackoff: 300_000,
  /** Default `terminationGracePeriodSeconds`. */
  terminationGracePeriodSeconds: 30,
  /** Node lifecycle controller: `node-monitor-grace-period` (50s since v1.32). */
  nodeMonitorGracePeriod: 50_000,
  /** Default `tolerationSeconds` of the not-ready/unreachable tolerations. */
  defaultTolerationSeconds: 300,
  /** PodGC: quarantine before orphaned pods of a deleted node are collected. */
  podGcOrphanQuarantine: 40_000,
  /** Scheduler: retry period for unschedulable pods when nothing changes (`podMaxInUnschedulablePodsDuration`). */
  unschedulableRetry: 300_000,
  /**
   * Delayed terminal conditions (FailureTarget -> Failed, SuccessCriteriaMet -> Complete, waiting
   * for terminating pods): on since v1.31.
   */
  delayTerminalCondition: true,
  /** Reason of count-based success (`CompletionsReached`, since the v1.31 cycle). */
  completionsReachedReason: 'CompletionsReached',
  completionsReachedMessage: 'Reached expected number of succeeded pods',
  /** PodIndexLabel (GA v1.32): Indexed pods also get the completion-index label. */
  podIndexLabel: true,
} as const;
