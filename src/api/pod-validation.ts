/**
 * Pod, pod-template and Node validation for the fields jobsim models, with upstream paths and
 * messages (`pkg/apis/core/validation/validation.go`: `ValidatePodSpec`, `validateContainers`,
 * `validateInitContainers`, `validateContainerCommon`, `validateResourceRequirements`,
 * `ValidateTolerations`, `validateNodeAffinity`, `ValidatePodTemplateSpec`, `ValidatePodCreate`,
 * `ValidateNode`, `validateNodeTaints`; `pkg/api/pod/warnings.go`).
 */

import type { NodeAffinity } from 'kubernetes-types/core/v1.js';
import type { FieldError } from './errors.js';
import { BadRequestError, duplicate, forbidden, invalid, notSupported, required } from './errors.js';
import type { NameValidator } from './names.js';
import {
  isDNS1123Label,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSSubdomain,
  validateAnnotations,
  validateLabelName,
  validateLabels,
  validateObjectMeta,
} from './names.js';
import type { Quantity } from './quantity.js';
import { tryParseQuantity } from './quantity.js';
import type { Container, Node, Pod, PodSpec, PodTemplateSpec, Taint, Toleration } from './types.js';

export type { LabelSelectorValidationOptions } from './names.js';
export { validateLabelSelector } from './names.js';

/** Options of {@link validatePodSpec}. */
export interface PodSpecValidationOptions {
  /** The spec is a Job's pod template (`ValidatePodTemplateSpec`), not a Pod. */
  readonly forJobTemplate: boolean;
  /** Skip label-value checks in required node-affinity terms (kept for stored objects). */
  readonly allowInvalidLabelValueInRequiredNodeAffinity?: boolean;
}

const MAX_INT32 = 2147483647;

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);
const INTEGER_RESOURCES = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

function isHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-');
}

function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/**
 * `helper.IsExtendedResourceName`: a domain-prefixed name outside `kubernetes.io/`
 * (e.g. `nvidia.com/gpu`).
 *
 * @example
 * ```ts
 * isExtendedResourceName('nvidia.com/gpu'); // true
 * isExtendedResourceName('cpu'); // false
 * ```
 */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

function isStandardResourceName(name: string): boolean {
  return (
    STANDARD_RESOURCES.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-')
  );
}

function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
}

function validateResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (errs.length !== 0) return errs;
  if (!name.includes('/') && !isStandardResourceName(name)) {
    return [invalid(path, name, 'must be a standard resource type or fully qualified')];
  }
  return errs;
}

function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePageResourceName(name)) {
      errs.push(invalid(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/**
 * `ValidateResourceQuantityValue`: non-negative, and a whole number for integer resources.
 *
 * @example
 * ```ts
 * validateResourceQuantityValue('cpu', '-1', 'spec.containers[0].resources.requests[cpu]')[0]?.detail;
 * // 'must be greater than or equal to 0'
 * ```
 */
export function validateResourceQuantityValue(
  resource: string,
  value: string | number,
  path: string,
): FieldError[] {
  const r = tryParseQuantity(value);
  if (!r.ok) return [];
  return quantityValueErrors(resource, r.quantity, path);
}

function quantityValueErrors(resource: string, q: Quantity, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (q.sign() < 0) errs.push(invalid(path, q.toString(), 'must be greater than or equal to 0'));
  if (isIntegerResourceName(resource) && q.nanos % 1_000_000_000n !== 0n) {
    errs.push(invalid(path, q.toString(), 'must be an integer'));
  }
  return errs;
}

/**
 * `ValidateContainerResourceRequirements`: resource names, quantities, and requests against limits
 * (`<path>.requests: Invalid value: "2": must be less than or equal to cpu limit of 1`). Quantities
 * that do not parse are skipped: upstream rejects them while decoding (see {@link checkDecodable}).
 *
 * @example
 * ```ts
 * validateResourceRequirements({ requests: { cpu: '2' }, limits: { cpu: '1' } }, 'spec.containers[0].resources')[0]?.detail;
 * // 'must be less than or equal to cpu limit of 1'
 * ```
 */
export function validateResourceRequirements(
  req: Container['resources'] | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = `${path}.limits`;
  const reqPath = `${path}.requests`;
  let limCpuOrMem = false;
  let reqCpuOrMem = false;
  let limHuge = false;
  let reqHuge = false;
  const limits = new Map<string, Quantity>();
  for (const [name, raw] of Object.entries(req?.limits ?? {})) {
    const p = `${limPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, p));
    const r = tryParseQuantity(raw as string | number);
    if (r.ok) {
      limits.set(name, r.quantity);
      errs.push(...quantityValueErrors(name, r.quantity, p));
    }
    if (isHugePageResourceName(name)) limHuge = true;
    if (name === 'cpu' || name === 'memory') limCpuOrMem = true;
  }
  const rawLimits = req?.limits ?? {};
  for (const [name, raw] of Object.entries(req?.requests ?? {})) {
    const p = `${reqPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, p));
    const r = tryParseQuantity(raw as string | number);
    if (r.ok) {
      const q = r.quantity;
      errs.push(...quantityValueErrors(name, q, p));
      const limit = limits.get(name);
      if (limit !== undefined) {
        if (q.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
          errs.push(invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
        } else if (q.cmp(limit) > 0) {
          errs.push(
            invalid(
              reqPath,
              q.toString(),
              `must be less than or equal to ${name} limit of ${limit.toString()}`,
            ),
          );
        }
      } else if (!(name in rawLimits) && !isOvercommitAllowed(name)) {
        errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
      }
    }
    if (isHugePageResourceName(name)) reqHuge = true;
    if (name === 'cpu' || name === 'memory') reqCpuOrMem = true;
  }
  if (!limCpuOrMem && !reqCpuOrMem && (reqHuge || limHuge)) {
    errs.push(forbidden(path, 'HugePages require cpu or memory'));
  }
  return errs;
}

function validateContainerCommon(ctr: Container, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = ctr.name ?? '';
  if (name.length === 0) errs.push(required(`${path}.name`, ''));
  else for (const m of isDNS1123Label(name)) errs.push(invalid(`${path}.name`, name, m));
  if ((ctr.image ?? '').length === 0) errs.push(required(`${path}.image`, ''));
  const tmp = ctr.terminationMessagePolicy ?? '';
  if (tmp === '') errs.push(required(`${path}.terminationMessagePolicy`, ''));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  }
  const pull = ctr.imagePullPolicy ?? '';
  if (pull === '') errs.push(required(`${path}.imagePullPolicy`, ''));
  else if (pull !== 'Always' && pull !== 'IfNotPresent' && pull !== 'Never') {
    errs.push(notSupported(`${path}.imagePullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']));
  }
  errs.push(...validateResourceRequirements(ctr.resources, `${path}.resources`));
  return errs;
}

function validateContainers(containers: readonly Container[] | undefined, path: string): FieldError[] {
  if (containers === undefined || containers.length === 0) return [required(path, '')];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((ctr, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(ctr, p));
    const name = ctr.name ?? '';
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    else names.add(name);
    if (ctr.restartPolicy !== undefined) {
      errs.push(forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
    }
  });
  return errs;
}

function validateInitContainers(
  inits: readonly Container[] | undefined,
  regular: readonly Container[] | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>((regular ?? []).map((c) => c.name ?? ''));
  (inits ?? []).forEach((ctr, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(ctr, p));
    let restartAlways = false;
    if (ctr.restartPolicy !== undefined) {
      if (ctr.restartPolicy !== 'Always') {
        errs.push(notSupported(`${p}.restartPolicy`, ctr.restartPolicy, ['Always']));
      }
      restartAlways = ctr.restartPolicy === 'Always';
    }
    const name = ctr.name ?? '';
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    else if (name.length > 0) names.add(name);
    if (!restartAlways) {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (ctr[f] !== undefined) {
          errs.push(
            forbidden(`${p}.${f}`, 'may not be set for init containers without restartPolicy=Always'),
          );
        }
      }
    }
  });
  return errs;
}

function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && effect.length === 0) return [required(path, '')];
  if (effect === 'NoSchedule' || effect === 'PreferNoSchedule' || effect === 'NoExecute') return [];
  return [notSupported(path, effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute'])];
}

/**
 * `ValidateTolerations` (note upstream reports value problems on the `operator` path).
 *
 * @example
 * ```ts
 * validateTolerations([{ key: 'a', operator: 'Exists', value: 'b' }], 'spec.tolerations')[0]?.detail;
 * // "value must be empty when `operator` is 'Exists'"
 * ```
 */
export function validateTolerations(
  tolerations: readonly Toleration[] | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = `${path}[${i}]`;
    const key = t.key ?? '';
    const operator = t.operator ?? '';
    const value = t.value ?? '';
    const effect = t.effect ?? '';
    if (key.length > 0) errs.push(...validateLabelName(key, `${p}.key`));
    if (key.length === 0 && operator !== 'Exists') {
      errs.push(
        invalid(
          `${p}.operator`,
          operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(invalid(`${p}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (operator) {
      case 'Equal':
      case '': {
        const ms = isValidLabelValue(value);
        if (ms.length !== 0) errs.push(invalid(`${p}.operator`, value, ms.join(';')));
        break;
      }
      case 'Exists':
        if (value.length > 0) {
          errs.push(invalid(`${p}.operator`, value, "value must be empty when `operator` is 'Exists'"));
        }
        break;
      default:
        errs.push(notSupported(`${p}.operator`, operator, ['Equal', 'Exists']));
    }
    if (effect.length > 0) errs.push(...validateTaintEffect(effect, true, `${p}.effect`));
  });
  return errs;
}

interface NodeSelectorRequirementLike {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

function validateNodeSelectorRequirement(
  rq: NodeSelectorRequirementLike,
  allowInvalidValues: boolean,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const values = rq.values ?? [];
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) {
        errs.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        errs.push(
          forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
      }
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) {
        errs.push(
          required(`${path}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"),
        );
      }
      break;
    default:
      errs.push(invalid(`${path}.operator`, rq.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(rq.key ?? '', `${path}.key`));
  if (!allowInvalidValues) {
    values.forEach((v, i) => {
      for (const m of isValidLabelValue(v)) errs.push(invalid(`${path}.values[${i}]`, v, m));
    });
  }
  return errs;
}

function validateNodeFieldSelectorRequirement(rq: NodeSelectorRequirementLike, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = rq.values ?? [];
  if (rq.operator === 'In' || rq.operator === 'NotIn') {
    if (values.length !== 1) {
      errs.push(
        required(
          `${path}.values`,
          "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
        ),
      );
    }
  } else {
    errs.push(invalid(`${path}.operator`, rq.operator, 'not a valid selector operator'));
  }
  if (rq.key !== 'metadata.name') {
    errs.push(invalid(`${path}.key`, rq.key, 'not a valid field selector key'));
  } else {
    values.forEach((v, i) => {
      for (const m of nameIsDNSSubdomain(v, false)) errs.push(invalid(`${path}.values[${i}]`, v, m));
    });
  }
  return errs;
}

function validateNodeSelectorTerm(
  term: {
    readonly matchExpressions?: readonly NodeSelectorRequirementLike[];
    readonly matchFields?: readonly NodeSelectorRequirementLike[];
  },
  allowInvalidValues: boolean,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((r, j) => {
    errs.push(...validateNodeSelectorRequirement(r, allowInvalidValues, `${path}.matchExpressions[${j}]`));
  });
  (term.matchFields ?? []).forEach((r, j) => {
    errs.push(...validateNodeFieldSelectorRequirement(r, `${path}.matchFields[${j}]`));
  });
  return errs;
}

function validateNodeAffinity(na: NodeAffinity, allowInvalidValues: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const req = na.requiredDuringSchedulingIgnoredDuringExecution;
  if (req !== undefined) {
    const termsPath = `${path}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    if ((req.nodeSelectorTerms ?? []).length === 0) {
      errs.push(required(termsPath, 'must have at least one node selector term'));
    } else {
      req.nodeSelectorTerms.forEach((t, i) => {
        errs.push(...validateNodeSelectorTerm(t, allowInvalidValues, `${termsPath}[${i}]`));
      });
    }
  }
  const pref = na.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  pref.forEach((term, i) => {
    const p = `${path}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    if (term.weight <= 0 || term.weight > 100)
      errs.push(invalid(`${p}.weight`, term.weight, 'must be in the range 1-100'));
    errs.push(...validateNodeSelectorTerm(term.preference ?? {}, true, `${p}.preference`));
  });
  return errs;
}

/**
 * `ValidatePodSpec` for the fields jobsim models, in upstream order: terminationGracePeriodSeconds
 * (required after defaulting), containers, initContainers (sidecars: restartPolicy only `Always`),
 * restartPolicy, dnsPolicy, nodeSelector, node affinity, readiness and scheduling gates,
 * serviceAccountName, nodeName, activeDeadlineSeconds (1..2147483647), hostname, subdomain,
 * tolerations, priorityClassName, preemptionPolicy. `path` is e.g. `spec` or `spec.template.spec`.
 * A negative terminationGracePeriodSeconds is not an error upstream, only a warning
 * ({@link podSpecWarnings}).
 *
 * @example
 * ```ts
 * validatePodSpec({ containers: [] } as PodSpec, 'spec.template.spec', { forJobTemplate: true })[1]?.field;
 * // 'spec.template.spec.containers'
 * ```
 */
export function validatePodSpec(
  spec: PodSpec | undefined,
  path: string,
  opts: PodSpecValidationOptions,
): FieldError[] {
  const s: Partial<PodSpec> = spec ?? {};
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds === undefined || s.terminationGracePeriodSeconds === null) {
    errs.push(required(`${path}.terminationGracePeriodSeconds`, ''));
  }
  errs.push(...validateContainers(s.containers, `${path}.containers`));
  errs.push(...validateInitContainers(s.initContainers, s.containers, `${path}.initContainers`));
  const rp = s.restartPolicy ?? '';
  if (rp === '') errs.push(required(`${path}.restartPolicy`, ''));
  else if (rp !== 'Always' && rp !== 'OnFailure' && rp !== 'Never') {
    errs.push(notSupported(`${path}.restartPolicy`, rp, ['Always', 'OnFailure', 'Never']));
  }
  const dns = s.dnsPolicy ?? '';
  if (dns === '') errs.push(required(`${path}.dnsPolicy`, ''));
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dns)) {
    errs.push(
      notSupported(`${path}.dnsPolicy`, dns, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']),
    );
  }
  errs.push(...validateLabels(s.nodeSelector, `${path}.nodeSelector`));
  if (s.affinity?.nodeAffinity !== undefined) {
    errs.push(
      ...validateNodeAffinity(
        s.affinity.nodeAffinity,
        opts.allowInvalidLabelValueInRequiredNodeAffinity === true,
        `${path}.affinity.nodeAffinity`,
      ),
    );
  }
  (s.readinessGates ?? []).forEach((g, i) => {
    for (const m of isQualifiedName(g.conditionType)) {
      errs.push(invalid(`${path}.readinessGates[${i}].conditionType`, g.conditionType, m));
    }
  });
  const gates = new Set<string>();
  (s.schedulingGates ?? []).forEach((g, i) => {
    for (const m of isQualifiedName(g.name)) errs.push(invalid(`${path}.schedulingGates[${i}]`, g.name, m));
    if (gates.has(g.name)) errs.push(duplicate(`${path}.schedulingGates[${i}]`, g.name));
    gates.add(g.name);
  });
  const nameChecks: Array<[string, string | undefined, NameValidator]> = [
    ['serviceAccountName', s.serviceAccountName, nameIsDNSSubdomain],
    ['nodeName', s.nodeName, nameIsDNSSubdomain],
  ];
  for (const [field, value, fn] of nameChecks) {
    if (value !== undefined && value.length > 0) {
      for (const m of fn(value, false)) errs.push(invalid(`${path}.${field}`, value, m));
    }
  }
  if (s.activeDeadlineSeconds !== undefined && s.activeDeadlineSeconds !== null) {
    const v = s.activeDeadlineSeconds;
    if (v < 1 || v > MAX_INT32) {
      errs.push(invalid(`${path}.activeDeadlineSeconds`, v, `must be between 1 and ${MAX_INT32}, inclusive`));
    }
  }
  for (const field of ['hostname', 'subdomain'] as const) {
    const v = s[field];
    if (v !== undefined && v.length > 0) {
      for (const m of isDNS1123Label(v)) errs.push(invalid(`${path}.${field}`, v, m));
    }
  }
  if ((s.tolerations ?? []).length > 0)
    errs.push(...validateTolerations(s.tolerations, `${path}.tolerations`));
  if (s.priorityClassName !== undefined && s.priorityClassName.length > 0) {
    for (const m of nameIsDNSSubdomain(s.priorityClassName, false)) {
      errs.push(invalid(`${path}.priorityClassName`, s.priorityClassName, m));
    }
  }
  if (s.preemptionPolicy !== undefined) {
    const pp = s.preemptionPolicy;
    if (pp === '') errs.push(required(`${path}.preemptionPolicy`, ''));
    else if (pp !== 'PreemptLowerPriority' && pp !== 'Never') {
      errs.push(notSupported(`${path}.preemptionPolicy`, pp, ['PreemptLowerPriority', 'Never']));
    }
  }
  return errs;
}

/**
 * `ValidatePodTemplateSpec`: template labels (at `<path>.labels`), annotations, the pod spec (at
 * `<path>.spec`), and no ephemeral containers.
 *
 * @example
 * ```ts
 * validatePodTemplateSpec({ metadata: { labels: { 'job-name': 'x'.repeat(64) } } }, 'spec.template')[0]?.field;
 * // 'spec.template.labels'
 * ```
 */
export function validatePodTemplateSpec(
  template: PodTemplateSpec | undefined,
  path: string,
  opts: Omit<PodSpecValidationOptions, 'forJobTemplate'> = {},
): FieldError[] {
  const t = template ?? {};
  const errs = validateLabels(t.metadata?.labels, `${path}.labels`);
  errs.push(...validateAnnotations(t.metadata?.annotations, `${path}.annotations`));
  errs.push(...validatePodSpec(t.spec, `${path}.spec`, { ...opts, forJobTemplate: true }));
  if ((t.spec?.ephemeralContainers ?? []).length > 0) {
    errs.push(
      forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'),
    );
  }
  return errs;
}

/**
 * `ValidatePodCreate` for a bare Pod (after {@link defaultPod}): metadata (name a DNS subdomain,
 * namespace required), the pod spec at `spec`, images without surrounding whitespace, no ephemeral
 * containers, no nodeName while scheduling gates remain.
 *
 * @example
 * ```ts
 * validatePodCreate({ metadata: { name: 'p', namespace: 'default' }, spec: { containers: [] } })
 *   .map((e) => e.field).includes('spec.containers'); // true
 * ```
 */
export function validatePodCreate(pod: Pod): FieldError[] {
  const errs = validateObjectMeta(pod.metadata, true, 'metadata', nameIsDNSSubdomain);
  const spec = pod.spec;
  errs.push(...validatePodSpec(spec, 'spec', { forJobTemplate: false }));
  for (const [field, list] of [
    ['containers', spec?.containers],
    ['initContainers', spec?.initContainers],
  ] as const) {
    (list ?? []).forEach((c, i) => {
      const image = c.image ?? '';
      if (image.length !== image.trim().length) {
        errs.push(
          invalid(`spec.${field}[${i}].image`, image, 'must not have leading or trailing whitespace'),
        );
      }
    });
  }
  if ((spec?.ephemeralContainers ?? []).length > 0) {
    errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  }
  if ((spec?.nodeName ?? '') !== '' && (spec?.schedulingGates ?? []).length !== 0) {
    errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

/**
 * `validateNodeTaints`. Upstream reports Node taints under `metadata.taints` (sic).
 *
 * @example
 * ```ts
 * validateTaints([{ key: 'a', effect: 'Bad' }], 'metadata.taints')[0]?.field; // 'metadata.taints[0].effect'
 * ```
 */
export function validateTaints(taints: readonly Taint[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Map<string, Set<string>>();
  (taints ?? []).forEach((t, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateLabelName(t.key ?? '', `${p}.key`));
    const vm = isValidLabelValue(t.value ?? '');
    if (vm.length !== 0) errs.push(invalid(`${p}.value`, t.value ?? '', vm.join(';')));
    const effect = t.effect ?? '';
    errs.push(...validateTaintEffect(effect, false, `${p}.effect`));
    const keys = seen.get(effect);
    if (keys?.has(t.key ?? '')) {
      const badValue = {
        Key: t.key ?? '',
        Value: t.value ?? '',
        Effect: effect,
        TimeAdded: t.timeAdded ?? null,
      };
      errs.push({ ...duplicate(p, badValue), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    if (keys === undefined) seen.set(effect, new Set([t.key ?? '']));
    else keys.add(t.key ?? '');
  });
  return errs;
}

/**
 * `ValidateNode`: metadata (cluster-scoped: a namespace is forbidden), taints (under
 * `metadata.taints`), and capacity/allocatable quantities (`status.capacity.cpu`, ...).
 *
 * @example
 * ```ts
 * validateNode({ metadata: { name: 'n1' }, status: { capacity: { pods: '1.5' } } })[0]?.detail; // 'must be an integer'
 * ```
 */
export function validateNode(node: Node): FieldError[] {
  const errs = validateObjectMeta(node.metadata, false, 'metadata', nameIsDNSSubdomain);
  if ((node.spec?.taints ?? []).length > 0)
    errs.push(...validateTaints(node.spec?.taints, 'metadata.taints'));
  for (const part of ['capacity', 'allocatable'] as const) {
    for (const [k, v] of Object.entries(node.status?.[part] ?? {})) {
      errs.push(...validateResourceQuantityValue(k, v as string | number, `status.${part}.${k}`));
    }
  }
  return errs;
}

/**
 * The decode step that precedes validation: a quantity that does not parse makes the API server
 * answer 400 (`<Kind> in version "v1" cannot be handled as a <Kind>: quantities must match ...`).
 * Checks container/initContainer resources and overhead of a Pod or a Job's template, and Node
 * capacity/allocatable. Returns the error, or `undefined`.
 *
 * @example
 * ```ts
 * checkDecodable('Pod', { spec: { containers: [{ name: 'a', resources: { requests: { cpu: 'abc' } } }] } })?.message;
 * // "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
 * ```
 */
export function checkDecodable(
  kind: 'Job' | 'Pod' | 'Node',
  obj: { readonly spec?: unknown; readonly status?: unknown },
): BadRequestError | undefined {
  const lists: Array<Readonly<Record<string, unknown>> | undefined> = [];
  if (kind === 'Node') {
    const st = obj.status as Node['status'];
    lists.push(st?.capacity, st?.allocatable);
  } else {
    const spec =
      kind === 'Job'
        ? (obj.spec as { template?: PodTemplateSpec } | undefined)?.template?.spec
        : (obj.spec as PodSpec | undefined);
    for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
      lists.push(c.resources?.limits, c.resources?.requests);
    }
    lists.push(spec?.overhead);
  }
  for (const list of lists) {
    for (const v of Object.values(list ?? {})) {
      const r = tryParseQuantity(v as string | number);
      if (!r.ok) return BadRequestError.decode(kind, 'v1', r.error);
    }
  }
  return undefined;
}

/**
 * The pod-template/pod warnings jobsim reproduces (`pkg/api/pod/warnings.go`): a negative
 * terminationGracePeriodSeconds. `path` is where the template or pod sits (`spec.template` for a
 * Job, `` for a Pod).
 *
 * @example
 * ```ts
 * podSpecWarnings({ containers: [], terminationGracePeriodSeconds: -1 }, 'spec.template');
 * // ['spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1']
 * ```
 */
export function podSpecWarnings(spec: PodSpec | undefined, path: string): string[] {
  const warnings: string[] = [];
  const prefix = path === '' ? 'spec' : `${path}.spec`;
  const g = spec?.terminationGracePeriodSeconds;
  if (g !== undefined && g !== null && g < 0) {
    warnings.push(
      `${prefix}.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1`,
    );
  }
  return warnings;
}
