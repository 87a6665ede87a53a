/**
 * Defaulting the API server applies to Jobs and Pods before validation, and the Job REST
 * strategy's create/update preparation.
 *
 * - `pkg/apis/batch/v1/defaults.go` (`SetDefaults_Job`, `SetDefaults_PodFailurePolicyOnPodConditionsPattern`)
 * - `pkg/apis/core/v1/defaults.go` (`SetDefaults_Pod`, `SetDefaults_PodSpec`, `SetDefaults_Container`,
 *   `SetDefaults_Probe`, `SetDefaults_HTTPGetAction`, `SetDefaults_ResourceList`)
 * - `pkg/registry/batch/job/strategy.go` (`PrepareForCreate`, `generateSelector`, `PrepareForUpdate`)
 * - `plugin/pkg/admission/defaulttolerationseconds`, `.../priority`, `.../serviceaccount` (the parts a
 *   simulator needs) for {@link admitPod}.
 */
import { cloneJson } from './clone.js';
import { canonicalQuantity } from './quantity.js';
import type { Container, Job, ObjectMeta, Pod, PodSpec, PodTemplateSpec } from './types.js';

/** `batch.kubernetes.io/job-name`. */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
/** `batch.kubernetes.io/controller-uid`. */
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
/** Legacy `job-name`. */
export const LEGACY_JOB_NAME_LABEL = 'job-name';
/** Legacy `controller-uid`. */
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
/** `v1.DefaultTerminationGracePeriodSeconds`. */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** `v1.TerminationMessagePathDefault`. */
export const TERMINATION_MESSAGE_PATH_DEFAULT = '/dev/termination-log';
/** `v1.DefaultSchedulerName`. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** `math.MaxInt32`, the backoffLimit default when backoffLimitPerIndex is set. */
export const MAX_INT32 = 2147483647;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function clone<T>(x: T): T {
  return cloneJson(x);
}

const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainRe = `${domainComponent}(?:\\.${domainComponent})*(?::[0-9]+)?`;
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*';
const nameRe = `(?:${domainRe}/)?${pathComponent}(?:/${pathComponent})*`;
const referenceRe = new RegExp(
  `^(${nameRe})(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$`,
);

/**
 * The tag `parsers.ParseImageName` reports for an image reference: the explicit tag, `latest` when
 * there is neither tag nor digest, `''` with a digest only, `undefined` when the reference does not
 * parse (e.g. upper-case repository).
 *
 * @example
 * ```ts
 * imageTag('busybox'); // 'latest'
 * imageTag('busybox:1.28'); // '1.28'
 * imageTag('localhost:5000/pi'); // 'latest'
 * ```
 */
export function imageTag(image: string): string | undefined {
  if (/^[a-f0-9]{64}$/.test(image)) return undefined;
  const m = referenceRe.exec(image);
  if (m === null) return undefined;
  if ((m[1] ?? '').length > 255) return undefined;
  const tag = m[2] ?? '';
  const digest = m[3] ?? '';
  return tag === '' && digest === '' ? 'latest' : tag;
}

/**
 * `SetDefaults_Container` (+ probe, HTTP-get and resource-list defaults): imagePullPolicy `Always`
 * for `:latest` or untagged images, else `IfNotPresent`; terminationMessagePath/Policy; quantities
 * rounded up to milli precision and canonicalized. Returns a new container.
 *
 * @example
 * ```ts
 * defaultContainer({ name: 'pi', image: 'perl:5.34.0' }).imagePullPolicy; // 'IfNotPresent'
 * ```
 */
export function defaultContainer(c: Container): Container {
  return defaultContainerInPlace(clone(c));
}

/** {@link defaultContainer} on a private copy: fills `out` itself. */
function defaultContainerInPlace(out: Mutable<Container>): Container {
  if (out.imagePullPolicy === undefined || out.imagePullPolicy === '') {
    out.imagePullPolicy = imageTag(out.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  }
  if (out.terminationMessagePath === undefined || out.terminationMessagePath === '') {
    out.terminationMessagePath = TERMINATION_MESSAGE_PATH_DEFAULT;
  }
  if (out.terminationMessagePolicy === undefined || out.terminationMessagePolicy === '') {
    out.terminationMessagePolicy = 'File';
  }
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const p = out[key];
    if (p === undefined) continue;
    if (!p.timeoutSeconds) p.timeoutSeconds = 1;
    if (!p.periodSeconds) p.periodSeconds = 10;
    if (!p.successThreshold) p.successThreshold = 1;
    if (!p.failureThreshold) p.failureThreshold = 3;
    if (p.httpGet !== undefined) {
      if (!p.httpGet.path) p.httpGet.path = '/';
      if (!p.httpGet.scheme) p.httpGet.scheme = 'HTTP';
    }
  }
  if (out.resources !== undefined) {
    if (out.resources.limits !== undefined)
      out.resources.limits = canonicalResourceList(out.resources.limits);
    if (out.resources.requests !== undefined)
      out.resources.requests = canonicalResourceList(out.resources.requests);
  }
  return out;
}

function canonicalResourceList(list: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(list)) out[k] = canonicalQuantity(v as string | number);
  return out;
}

/**
 * `SetDefaults_PodSpec` and the nested container defaults: dnsPolicy `ClusterFirst`, restartPolicy
 * `Always`, securityContext `{}`, terminationGracePeriodSeconds 30, schedulerName `default-scheduler`.
 * Returns a new spec.
 *
 * @example
 * ```ts
 * defaultPodSpec({ containers: [{ name: 'a', image: 'x' }] }).restartPolicy; // 'Always'
 * ```
 */
export function defaultPodSpec(spec: PodSpec): PodSpec {
  return defaultPodSpecInPlace(clone(spec));
}

/** {@link defaultPodSpec} on a private copy: fills `out` (and its containers) itself. */
function defaultPodSpecInPlace(out: Mutable<PodSpec>): PodSpec {
  if (!out.dnsPolicy) out.dnsPolicy = 'ClusterFirst';
  if (!out.restartPolicy) out.restartPolicy = 'Always';
  if (out.securityContext === undefined) out.securityContext = {};
  if (out.terminationGracePeriodSeconds === undefined) {
    out.terminationGracePeriodSeconds = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  }
  if (!out.schedulerName) out.schedulerName = DEFAULT_SCHEDULER_NAME;
  if (Array.isArray(out.containers)) out.containers = out.containers.map(defaultOwnedContainer);
  if (out.initContainers !== undefined) out.initContainers = out.initContainers.map(defaultOwnedContainer);
  if (out.overhead !== undefined) out.overhead = canonicalResourceList(out.overhead);
  return out;
}

/**
 * Pod-template defaulting (the PodSpec defaults; `SetDefaults_Pod`-only defaults do not apply to
 * templates). Returns a new template.
 *
 * @example
 * ```ts
 * defaultPodTemplateSpec({ spec: { containers: [] } }).spec?.dnsPolicy; // 'ClusterFirst'
 * ```
 */
export function defaultPodTemplateSpec(t: PodTemplateSpec): PodTemplateSpec {
  return defaultPodTemplateSpecInPlace(clone(t));
}

/** {@link defaultPodTemplateSpec} on a private copy. */
function defaultPodTemplateSpecInPlace(out: Mutable<PodTemplateSpec>): PodTemplateSpec {
  out.spec = out.spec
    ? defaultPodSpecInPlace(out.spec)
    : defaultPodSpec({ containers: [] } as unknown as PodSpec);
  return out;
}

/**
 * A container of a copied spec, defaulted in place; one that is not a plain object (a malformed
 * manifest) goes through the copying {@link defaultContainer}.
 */
function defaultOwnedContainer(c: Container): Container {
  return c !== null && typeof c === 'object' ? defaultContainerInPlace(c) : defaultContainer(c);
}

/**
 * `SetDefaults_Job` (v1) plus the template defaults. Pure: returns a new Job.
 *
 * - completions and parallelism both 1 when both are unset; parallelism 1 when unset;
 * - backoffLimit 6, or 2147483647 when backoffLimitPerIndex is set;
 * - completionMode `NonIndexed`, suspend `false`, manualSelector `false`;
 * - podReplacementPolicy `Failed` with a podFailurePolicy, else `TerminatingOrFailed`;
 * - podFailurePolicy onPodConditions status `True`;
 * - when the template has labels and the Job has none, the Job's labels are the template's labels
 *   (the same object, as in Go, so {@link generateJobSelector} adds the generated labels to both);
 * - restartPolicy is left as given: an unset one becomes `Always`, which Job validation rejects.
 *
 * Applying it again to a stored Job is a no-op except that a Job without labels takes its template's
 * labels, as the API server does when it reads the object back from storage.
 *
 * @example
 * ```ts
 * const j = defaultJob({ metadata: { name: 'pi' }, spec: { template: { spec: { containers: [] } } } });
 * j.spec?.completions; // 1
 * j.spec?.backoffLimit; // 6
 * ```
 */
export function defaultJob(job: Job): Job {
  return defaultJobInPlace(clone(job));
}

/** {@link defaultJob} on a private copy: fills `out` itself. */
function defaultJobInPlace(out: Mutable<Job>): Job {
  const spec = (out.spec ??= { template: {} });
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (spec.parallelism === undefined) spec.parallelism = 1;
  if (spec.backoffLimit === undefined)
    spec.backoffLimit = spec.backoffLimitPerIndex !== undefined ? MAX_INT32 : 6;
  if (spec.completionMode === undefined) spec.completionMode = 'NonIndexed';
  if (spec.suspend === undefined) spec.suspend = false;
  if (spec.podReplacementPolicy === undefined) {
    spec.podReplacementPolicy = spec.podFailurePolicy !== undefined ? 'Failed' : 'TerminatingOrFailed';
  }
  if (spec.manualSelector === undefined) spec.manualSelector = false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule.onPodConditions ?? []) {
      if (!pattern.status) pattern.status = 'True';
    }
  }
  // The copy above is private: its template is defaulted in place (no second copy).
  const template = spec.template ? defaultPodTemplateSpecInPlace(spec.template) : defaultPodTemplateSpec({});
  spec.template = template;
  const templateLabels = template.metadata?.labels;
  const meta = (out.metadata ??= {});
  if (templateLabels !== undefined && Object.keys(meta.labels ?? {}).length === 0) {
    meta.labels = templateLabels;
  }
  return out;
}

/**
 * The selector generation of the Job create strategy (`generateSelectorIfNeeded`), with the Job's
 * UID. Unless `spec.manualSelector` is true, adds the template labels `job-name`,
 * `batch.kubernetes.io/job-name` (the Job name), `controller-uid` and
 * `batch.kubernetes.io/controller-uid` (the UID) where absent, and the selector matchLabel
 * `batch.kubernetes.io/controller-uid`. Also sets `metadata.uid` when missing. Pure.
 *
 * @example
 * ```ts
 * const j = generateJobSelector(defaultJob({ metadata: { name: 'pi' }, spec: { template: {} } }), 'u1');
 * j.spec?.selector; // { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } }
 * ```
 */
export function generateJobSelector(job: Job, uid: string): Job {
  return generateJobSelectorInPlace(clone(job), uid);
}

/**
 * What the create path does to a Job, on one private copy: {@link defaultJob}, then
 * {@link generateJobSelector} with `uid`, `metadata.uid` set to it, and defaulting again (as when
 * the API server reads the object back from storage: a Job without labels takes the template's,
 * now with the generated ones).
 *
 * @example
 * ```ts
 * defaultJobForCreate({ metadata: { name: 'pi' }, spec: { template: {} } }, 'u1').metadata?.labels;
 * ```
 */
export function defaultJobForCreate(job: Job, uid: string): Job {
  const out = defaultJobInPlace(clone(job)) as Mutable<Job>;
  generateJobSelectorInPlace(out, uid);
  (out.metadata as Mutable<ObjectMeta>).uid = uid;
  return defaultJobInPlace(out);
}

/** {@link generateJobSelector} on a private copy. */
function generateJobSelectorInPlace(out: Mutable<Job>, uid: string): Job {
  const meta: Mutable<ObjectMeta> = (out.metadata ??= {});
  if (!meta.uid) meta.uid = uid;
  const spec = (out.spec ??= { template: {} });
  if (spec.manualSelector === true) return out;
  const template = (spec.template ??= {});
  const tmeta = (template.metadata ??= {});
  const shared = tmeta.labels !== undefined && meta.labels === tmeta.labels;
  // Object.assign, not spread: adding keys to a spread copy is slow in V8.
  const labels: Record<string, string> = Object.assign({}, tmeta.labels);
  const name = meta.name ?? '';
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(key in labels)) labels[key] = name;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL])
    if (!(key in labels)) labels[key] = uid;
  tmeta.labels = labels;
  if (shared) meta.labels = labels;
  const selector = (spec.selector ??= {});
  const matchLabels: Record<string, string> = Object.assign({}, selector.matchLabels);
  if (!(CONTROLLER_UID_LABEL in matchLabels)) matchLabels[CONTROLLER_UID_LABEL] = uid;
  selector.matchLabels = matchLabels;
  return out;
}

/**
 * The rest of `PrepareForCreate`: selector generation (see {@link generateJobSelector}), `status`
 * reset to `{}`, `metadata.generation` 1. Call after {@link defaultJob} and after the store assigned
 * name, namespace and UID; validate the result with `validateJobCreate`.
 *
 * @example
 * ```ts
 * prepareJobForCreate(defaultJob({ metadata: { name: 'pi' }, spec: { template: {} } }), 'u1').metadata?.generation; // 1
 * ```
 */
export function prepareJobForCreate(job: Job, uid: string): Job {
  const out: Mutable<Job> = generateJobSelector(job, uid);
  out.status = {};
  const meta: Mutable<ObjectMeta> = (out.metadata ??= {});
  meta.generation = 1;
  return out;
}

/**
 * `PrepareForUpdate` + the generic update preparation: status is kept from the old Job (the main
 * resource cannot change it), uid and creationTimestamp are carried over when absent, and
 * `metadata.generation` increments when the spec changed.
 *
 * @example
 * ```ts
 * const old = { metadata: { name: 'pi', generation: 1 }, spec: { parallelism: 1, template: {} } };
 * prepareJobForUpdate({ ...old, spec: { ...old.spec, parallelism: 2 } }, old).metadata?.generation; // 2
 * ```
 */
export function prepareJobForUpdate(newJob: Job, oldJob: Job): Job {
  const out: Mutable<Job> = clone(newJob);
  const meta: Mutable<ObjectMeta> = (out.metadata ??= {});
  const oldMeta = oldJob.metadata ?? {};
  if (!meta.uid && oldMeta.uid !== undefined) meta.uid = oldMeta.uid;
  if (oldMeta.creationTimestamp !== undefined) meta.creationTimestamp = oldMeta.creationTimestamp;
  if (oldJob.status !== undefined) out.status = clone(oldJob.status);
  else delete out.status;
  if (JSON.stringify(out.spec) !== JSON.stringify(oldJob.spec))
    meta.generation = (oldMeta.generation ?? 0) + 1;
  else if (oldMeta.generation !== undefined) meta.generation = oldMeta.generation;
  return out;
}

/**
 * `SetDefaults_Pod` + `SetDefaults_PodSpec` for a Pod created directly or by a controller:
 * container requests default to limits, enableServiceLinks `true`, plus all PodSpec defaults
 * (restartPolicy `Always`, grace period 30, ...). Pure.
 *
 * @example
 * ```ts
 * const p = defaultPod({ spec: { containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '1' } } }] } });
 * p.spec?.containers[0]?.resources?.requests; // { cpu: '1' }
 * ```
 */
export function defaultPod(pod: Pod): Pod {
  const out: Mutable<Pod> = clone(pod);
  const spec: Mutable<PodSpec> = out.spec ?? ({ containers: [] } as unknown as PodSpec);
  for (const list of [spec.containers, spec.initContainers]) {
    for (const c of list ?? []) {
      const limits = c.resources?.limits;
      if (limits === undefined) continue;
      const resources = (c.resources ??= {});
      const requests = (resources.requests ??= {});
      for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
    }
  }
  if (spec.enableServiceLinks === undefined) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
  out.spec = defaultPodSpec(spec);
  return out;
}

/** `node.kubernetes.io/not-ready`. */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
/** `node.kubernetes.io/unreachable`. */
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';

/**
 * The mutating admission a simulator needs for Pods on create: `DefaultTolerationSeconds` adds
 * `node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable` NoExecute tolerations for
 * 300 s unless already tolerated; `Priority` sets `priority` 0 and `preemptionPolicy`
 * `PreemptLowerPriority` when no priorityClassName is given; `ServiceAccount` sets
 * `serviceAccountName: default`. (The projected token volume is not modelled.) Pure.
 *
 * @example
 * ```ts
 * admitPod(defaultPod({ spec: { containers: [] } })).spec?.tolerations?.length; // 2
 * ```
 */
export function admitPod(pod: Pod, defaultTolerationSeconds = 300): Pod {
  const out: Mutable<Pod> = clone(pod);
  const spec: Mutable<PodSpec> = out.spec ?? ({ containers: [] } as unknown as PodSpec);
  const tolerations = [...(spec.tolerations ?? [])];
  let notReady = false;
  let unreachable = false;
  for (const t of tolerations) {
    const key = t.key ?? '';
    const effectOk = !t.effect || t.effect === 'NoExecute';
    if ((key === TAINT_NODE_NOT_READY || key === '') && effectOk) notReady = true;
    if ((key === TAINT_NODE_UNREACHABLE || key === '') && effectOk) unreachable = true;
  }
  if (!notReady) {
    tolerations.push({
      key: TAINT_NODE_NOT_READY,
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: defaultTolerationSeconds,
    });
  }
  if (!unreachable) {
    tolerations.push({
      key: TAINT_NODE_UNREACHABLE,
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: defaultTolerationSeconds,
    });
  }
  spec.tolerations = tolerations;
  if (!spec.priorityClassName && spec.priority === undefined) spec.priority = 0;
  if (spec.preemptionPolicy === undefined) spec.preemptionPolicy = 'PreemptLowerPriority';
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  out.spec = spec;
  return out;
}
