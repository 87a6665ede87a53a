/**
 * Kubernetes API object types used by jobsim, from `kubernetes-types`, extended where jobsim
 * models fields newer than that package.
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';

export type {
  CronJob,
  CronJobSpec,
  CronJobStatus,
  Job,
  JobCondition,
  JobSpec,
  JobStatus,
  JobTemplateSpec,
  PodFailurePolicy,
  PodFailurePolicyOnExitCodesRequirement,
  PodFailurePolicyOnPodConditionsPattern,
  PodFailurePolicyRule,
  SuccessPolicy,
  SuccessPolicyRule,
  UncountedTerminatedPods,
} from 'kubernetes-types/batch/v1.js';
export type {
  Container,
  ContainerState,
  ContainerStatus,
  Event,
  Node,
  NodeCondition,
  NodeSpec,
  NodeStatus,
  Pod,
  PodCondition,
  PodSpec,
  PodStatus,
  PodTemplateSpec,
  Taint,
  Toleration,
} from 'kubernetes-types/core/v1.js';
export type {
  Condition as MetaCondition,
  LabelSelector,
  LabelSelectorRequirement,
  ObjectMeta,
  OwnerReference,
} from 'kubernetes-types/meta/v1.js';

/** The kinds jobsim's API server stores. */
export type Kind = 'Job' | 'Pod' | 'Node' | 'CronJob' | 'Event';

/** Map from kind to object type. */
export interface KindMap {
  Job: Job;
  Pod: Pod;
  Node: Node;
  CronJob: CronJob;
  Event: Event;
}

/** Any stored object. */
export type KubeObject = Job | Pod | Node | CronJob | Event;

/** A stored object always has metadata with a name. */
export type WithMeta<T> = T & { metadata: ObjectMeta & { name: string } };

/** Makes every property of T read-only, recursively (what the simulator hands out). */
export type DeepReadonly<T> = T extends (infer E)[]
  ? ReadonlyArray<DeepReadonly<E>>
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** Kinds that live in a namespace. */
export const NAMESPACED: Readonly<Record<Kind, boolean>> = {
  Job: true,
  Pod: true,
  CronJob: true,
  Event: true,
  Node: false,
};

/** apiVersion of each kind. */
export const API_VERSION: Readonly<Record<Kind, string>> = {
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Pod: 'v1',
  Node: 'v1',
  Event: 'v1',
};
