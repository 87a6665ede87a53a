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
  const typeError = decodeTypeError(kind, obj);
  if (typeError) return typeError;
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

// ---------- Go JSON decoding types ----------

type GoField =
  | { readonly k: 'scalar'; readonly t: 'int' | 'bool' | 'string'; readonly go: string }
  | {
      readonly k: 'object';
      readonly go: string;
      readonly struct: string;
      readonly fields: Readonly<Record<string, GoField>>;
    }
  | { readonly k: 'array'; readonly go: string; readonly elem: GoField }
  | { readonly k: 'map'; readonly go: string; readonly elem: GoField }
  | { readonly k: 'any' };

const int32: GoField = { k: 'scalar', t: 'int', go: 'int32' };
const int64: GoField = { k: 'scalar', t: 'int', go: 'int64' };
const bool: GoField = { k: 'scalar', t: 'bool', go: 'bool' };
const str = (go = 'string'): GoField => ({ k: 'scalar', t: 'string', go });
const any: GoField = { k: 'any' };
const strMap: GoField = { k: 'map', go: 'map[string]string', elem: str() };
const strList: GoField = { k: 'array', go: '[]string', elem: str() };
const obj = (go: string, fields: Record<string, GoField> = {}): GoField => ({
  k: 'object',
  go: `v1.${go}`,
  struct: go,
  fields,
});
const list = (elem: GoField): GoField => ({
  k: 'array',
  go: `[]${elem.k === 'object' ? elem.go : 'interface {}'}`,
  elem,
});

const GO_OBJECT_META = obj('ObjectMeta', {
  name: str(),
  generateName: str(),
  namespace: str(),
  labels: strMap,
  annotations: strMap,
  finalizers: strList,
});
const GO_CONTAINER = obj('Container', {
  name: str(),
  image: str(),
  command: strList,
  args: strList,
  workingDir: str(),
  imagePullPolicy: str('v1.PullPolicy'),
  restartPolicy: str('v1.ContainerRestartPolicy'),
  resources: obj('ResourceRequirements', {
    requests: { k: 'map', go: 'v1.ResourceList', elem: any },
    limits: { k: 'map', go: 'v1.ResourceList', elem: any },
  }),
});
const GO_TOLERATION = obj('Toleration', {
  key: str(),
  operator: str('v1.TolerationOperator'),
  value: str(),
  effect: str('v1.TaintEffect'),
  tolerationSeconds: int64,
});
const GO_POD_SPEC = obj('PodSpec', {
  containers: list(GO_CONTAINER),
  initContainers: list(GO_CONTAINER),
  restartPolicy: str('v1.RestartPolicy'),
  terminationGracePeriodSeconds: int64,
  activeDeadlineSeconds: int64,
  nodeSelector: strMap,
  nodeName: str(),
  hostname: str(),
  subdomain: str(),
  schedulerName: str(),
  priority: int32,
  tolerations: list(GO_TOLERATION),
});
const GO_POD_TEMPLATE = obj('PodTemplateSpec', { metadata: GO_OBJECT_META, spec: GO_POD_SPEC });
const GO_JOB_SPEC = obj('JobSpec', {
  parallelism: int32,
  completions: int32,
  activeDeadlineSeconds: int64,
  backoffLimit: int32,
  backoffLimitPerIndex: int32,
  maxFailedIndexes: int32,
  ttlSecondsAfterFinished: int32,
  suspend: bool,
  manualSelector: bool,
  completionMode: str('v1.CompletionMode'),
  podReplacementPolicy: str('v1.PodReplacementPolicy'),
  managedBy: str(),
  selector: obj('LabelSelector', {
    matchLabels: strMap,
    matchExpressions: list(
      obj('LabelSelectorRequirement', {
        key: str(),
        operator: str('v1.LabelSelectorOperator'),
        values: strList,
      }),
    ),
  }),
  template: GO_POD_TEMPLATE,
  podFailurePolicy: obj('PodFailurePolicy', {
    rules: list(
      obj('PodFailurePolicyRule', {
        action: str('v1.PodFailurePolicyAction'),
        onExitCodes: obj('PodFailurePolicyOnExitCodesRequirement', {
          containerName: str(),
          operator: str('v1.PodFailurePolicyOnExitCodesOperator'),
          values: { k: 'array', go: '[]int32', elem: int32 },
        }),
        onPodConditions: list(
          obj('PodFailurePolicyOnPodConditionsPattern', {
            type: str('v1.PodConditionType'),
            status: str('v1.ConditionStatus'),
          }),
        ),
      }),
    ),
  }),
  successPolicy: obj('SuccessPolicy', {
    rules: list(obj('SuccessPolicyRule', { succeededIndexes: str(), succeededCount: int32 })),
  }),
});
const GO_ROOT: Readonly<Record<string, GoField>> = {
  Job: obj('Job', { metadata: GO_OBJECT_META, spec: GO_JOB_SPEC }),
  Pod: obj('Pod', { metadata: GO_OBJECT_META, spec: GO_POD_SPEC }),
  Node: obj('Node', { metadata: GO_OBJECT_META }),
  CronJob: obj('CronJob', {
    metadata: GO_OBJECT_META,
    spec: obj('CronJobSpec', {
      schedule: str(),
      timeZone: str(),
      startingDeadlineSeconds: int64,
      concurrencyPolicy: str('v1.ConcurrencyPolicy'),
      suspend: bool,
      successfulJobsHistoryLimit: int32,
      failedJobsHistoryLimit: int32,
      jobTemplate: obj('JobTemplateSpec', { metadata: GO_OBJECT_META, spec: GO_JOB_SPEC }),
    }),
  }),
};

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'number') return 'number';
  return typeof v;
}

/** The first Go decoding error (`json: cannot unmarshal ...`), as encoding/json reports it. */
function firstTypeError(value: unknown, field: GoField, struct: string, path: string): string | undefined {
  if (value === null || value === undefined || field.k === 'any') return undefined;
  const go = field.go;
  const mismatch = (what: string) =>
    `json: cannot unmarshal ${what} into Go struct field ${struct}.${path} of type ${go}`;
  switch (field.k) {
    case 'scalar': {
      if (field.t === 'int') {
        if (typeof value !== 'number') return mismatch(jsonKind(value));
        if (!Number.isInteger(value)) return mismatch(`number ${value}`);
        return undefined;
      }
      if (field.t === 'bool') return typeof value === 'boolean' ? undefined : mismatch(jsonKind(value));
      return typeof value === 'string' ? undefined : mismatch(jsonKind(value));
    }
    case 'object': {
      if (jsonKind(value) !== 'object') return mismatch(jsonKind(value));
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const sub = field.fields[k];
        if (!sub) continue;
        const e = firstTypeError(v, sub, field.struct, `${path}.${k}`);
        if (e) return e;
      }
      return undefined;
    }
    case 'array': {
      if (!Array.isArray(value)) return mismatch(jsonKind(value));
      for (const v of value) {
        const e = firstTypeError(v, field.elem, struct, path);
        if (e) return e;
      }
      return undefined;
    }
    case 'map': {
      if (jsonKind(value) !== 'object') return mismatch(jsonKind(value));
      for (const v of Object.values(value as Record<string, unknown>)) {
        const e = firstTypeError(v, field.elem, struct, path);
        if (e) return e;
      }
      return undefined;
    }
  }
}

/**
 * The API server's refusal of a body whose field types do not decode (a string where an
 * integer belongs, a number where an object belongs), or undefined.
 *
 * @example
 * ```ts
 * decodeTypeError('Job', { spec: { parallelism: 'two' } })?.message;
 * // 'Job in version "v1" cannot be handled as a Job: json: cannot unmarshal string into Go struct field JobSpec.spec.parallelism of type int32'
 * ```
 */
export function decodeTypeError(kind: string, body: unknown): BadRequestError | undefined {
  const root = GO_ROOT[kind];
  if (!root || root.k !== 'object' || jsonKind(body) !== 'object') return undefined;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const sub = root.fields[k];
    if (!sub) continue;
    const e = firstTypeError(v, sub, root.struct, k);
    if (e) return BadRequestError.decode(kind, 'v1', e);
  }
  return undefined;
}
