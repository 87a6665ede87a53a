/**
 * Strict decoding (kubectl sends `fieldValidation=Strict` by default): fields the API does not
 * know are refused with `strict decoding error: unknown field "<path>"`; and fields jobsim
 * accepts but does not simulate get a warning, so nothing is silently ignored.
 */
import { BadRequestError } from './errors.js';

type Shape = { readonly [key: string]: Shape | 'leaf' | readonly [Shape] };

const ANY: Shape = {};
const LEAF = 'leaf' as const;

const OBJECT_META: Shape = Object.fromEntries(
  [
    'annotations',
    'creationTimestamp',
    'deletionGracePeriodSeconds',
    'deletionTimestamp',
    'finalizers',
    'generateName',
    'generation',
    'labels',
    'managedFields',
    'name',
    'namespace',
    'ownerReferences',
    'resourceVersion',
    'selfLink',
    'uid',
  ].map((k) => [k, LEAF]),
);

const CONTAINER: Shape = Object.fromEntries(
  [
    'args',
    'command',
    'env',
    'envFrom',
    'image',
    'imagePullPolicy',
    'lifecycle',
    'livenessProbe',
    'name',
    'ports',
    'readinessProbe',
    'resizePolicy',
    'resources',
    'restartPolicy',
    'restartPolicyRules',
    'securityContext',
    'startupProbe',
    'stdin',
    'stdinOnce',
    'terminationMessagePath',
    'terminationMessagePolicy',
    'tty',
    'volumeDevices',
    'volumeMounts',
    'workingDir',
  ].map((k) => [k, LEAF]),
);

const POD_SPEC: Shape = {
  ...Object.fromEntries(
    [
      'activeDeadlineSeconds',
      'affinity',
      'automountServiceAccountToken',
      'dnsConfig',
      'dnsPolicy',
      'enableServiceLinks',
      'hostAliases',
      'hostIPC',
      'hostNetwork',
      'hostPID',
      'hostUsers',
      'hostname',
      'hostnameOverride',
      'imagePullSecrets',
      'nodeName',
      'nodeSelector',
      'os',
      'overhead',
      'preemptionPolicy',
      'priority',
      'priorityClassName',
      'readinessGates',
      'resourceClaims',
      'resources',
      'restartPolicy',
      'runtimeClassName',
      'schedulerName',
      'schedulingGates',
      'securityContext',
      'serviceAccount',
      'serviceAccountName',
      'setHostnameAsFQDN',
      'shareProcessNamespace',
      'subdomain',
      'terminationGracePeriodSeconds',
      'tolerations',
      'topologySpreadConstraints',
      'volumes',
    ].map((k) => [k, LEAF]),
  ),
  containers: [CONTAINER],
  initContainers: [CONTAINER],
  ephemeralContainers: LEAF,
};

const POD_TEMPLATE: Shape = { metadata: OBJECT_META, spec: POD_SPEC };

const JOB_SPEC: Shape = {
  ...Object.fromEntries(
    [
      'activeDeadlineSeconds',
      'backoffLimit',
      'backoffLimitPerIndex',
      'completionMode',
      'completions',
      'managedBy',
      'manualSelector',
      'maxFailedIndexes',
      'parallelism',
      'podFailurePolicy',
      'podReplacementPolicy',
      'selector',
      'successPolicy',
      'suspend',
      'ttlSecondsAfterFinished',
    ].map((k) => [k, LEAF]),
  ),
  template: POD_TEMPLATE,
};

const ROOT: Record<string, Shape> = {
  Job: { apiVersion: LEAF, kind: LEAF, metadata: OBJECT_META, spec: JOB_SPEC, status: LEAF } as Shape,
  CronJob: {
    apiVersion: LEAF,
    kind: LEAF,
    metadata: OBJECT_META,
    spec: {
      ...Object.fromEntries(
        [
          'concurrencyPolicy',
          'failedJobsHistoryLimit',
          'schedule',
          'startingDeadlineSeconds',
          'successfulJobsHistoryLimit',
          'suspend',
          'timeZone',
        ].map((k) => [k, LEAF]),
      ),
      jobTemplate: { metadata: OBJECT_META, spec: JOB_SPEC },
    },
    status: LEAF,
  } as Shape,
  Pod: { apiVersion: LEAF, kind: LEAF, metadata: OBJECT_META, spec: POD_SPEC, status: LEAF } as Shape,
  Node: { apiVersion: LEAF, kind: LEAF, metadata: OBJECT_META, spec: LEAF, status: LEAF } as Shape,
};

function walk(value: unknown, shape: Shape | 'leaf' | readonly [Shape], path: string, out: string[]): void {
  if (shape === LEAF || shape === ANY) return;
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return;
    value.forEach((v, i) => {
      walk(v, (shape as readonly [Shape])[0], `${path}[${i}]`, out);
    });
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) {
    const sub = (shape as Shape)[k];
    const p = path ? `${path}.${k}` : k;
    if (sub === undefined) out.push(p);
    else walk(v, sub, p, out);
  }
}

/**
 * Unknown field paths of an object, in document order (`spec.foo`,
 * `spec.template.spec.containers[0].imagee`).
 *
 * @example
 * ```ts
 * unknownFields('Job', { spec: { paralellism: 2 } }); // ['spec.paralellism']
 * ```
 */
export function unknownFields(kind: string, obj: unknown): string[] {
  const shape = ROOT[kind];
  if (!shape) return [];
  const out: string[] = [];
  walk(obj, shape, '', out);
  return out;
}

/**
 * The API server's strict decoding refusal for unknown fields, or undefined.
 *
 * @example
 * ```ts
 * strictDecodeError('Job', { spec: { foo: 1 } })?.message;
 * // 'Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.foo"'
 * ```
 */
export function strictDecodeError(kind: string, obj: unknown): BadRequestError | undefined {
  const unknown = unknownFields(kind, obj);
  if (unknown.length === 0) return undefined;
  return BadRequestError.decode(
    kind,
    'v1',
    `strict decoding error: ${unknown.map((p) => `unknown field ${JSON.stringify(p)}`).join(', ')}`,
  );
}

/** Pod fields that are accepted and stored but whose effect jobsim does not simulate. */
const UNSIMULATED_POD_FIELDS = [
  'readinessGates',
  'topologySpreadConstraints',
  'resourceClaims',
  'priorityClassName',
] as const;
const UNSIMULATED_CONTAINER_FIELDS = [
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'restartPolicyRules',
] as const;

/**
 * Warnings for fields jobsim stores but does not simulate, so that nothing is silently ignored.
 *
 * @example
 * ```ts
 * unsimulatedFieldWarnings('Job', job); // ['jobsim does not simulate spec.template.spec.containers[0].livenessProbe: ...']
 * ```
 */
export function unsimulatedFieldWarnings(kind: string, obj: unknown): string[] {
  const o = obj as { spec?: Record<string, unknown> } | undefined;
  let podSpec: Record<string, unknown> | undefined;
  let base = '';
  if (kind === 'Job') {
    podSpec = (o?.spec?.template as { spec?: Record<string, unknown> } | undefined)?.spec;
    base = 'spec.template.spec';
  } else if (kind === 'CronJob') {
    const jt = o?.spec?.jobTemplate as
      | { spec?: { template?: { spec?: Record<string, unknown> } } }
      | undefined;
    podSpec = jt?.spec?.template?.spec;
    base = 'spec.jobTemplate.spec.template.spec';
  } else if (kind === 'Pod') {
    podSpec = o?.spec;
    base = 'spec';
  }
  if (!podSpec) return [];
  const out: string[] = [];
  const msg = 'accepted and stored, but it has no effect in the simulation';
  for (const f of UNSIMULATED_POD_FIELDS) {
    if (podSpec[f] !== undefined) out.push(`jobsim does not simulate ${base}.${f}: ${msg}`);
  }
  const aff = podSpec.affinity as Record<string, unknown> | undefined;
  for (const f of ['podAffinity', 'podAntiAffinity'] as const) {
    if (aff?.[f] !== undefined) out.push(`jobsim does not simulate ${base}.affinity.${f}: ${msg}`);
  }
  for (const list of ['initContainers', 'containers'] as const) {
    const cs = podSpec[list];
    if (!Array.isArray(cs)) continue;
    cs.forEach((c: Record<string, unknown>, i) => {
      for (const f of UNSIMULATED_CONTAINER_FIELDS) {
        if (c?.[f] !== undefined) out.push(`jobsim does not simulate ${base}.${list}[${i}].${f}: ${msg}`);
      }
    });
  }
  return out;
}
