/**
 * batch/v1 Job validation as the API server runs it, in upstream order
 * (`pkg/apis/batch/validation/validation.go`: `ValidateJob`, `validateGeneratedSelector`,
 * `ValidateJobSpec`, `validateJobSpec`, `validatePodFailurePolicy*`, `validateSuccessPolicy*`,
 * `validatePodReplacementPolicy`, `ValidateJobUpdate`, `ValidateJobSpecUpdate`, `validateCompletions`,
 * `validatePodTemplateUpdate`; `pkg/registry/batch/job/strategy.go`: `validationOptionsForJob`,
 * `WarningsOnCreate`, `WarningsOnUpdate`; `pkg/api/job/warnings.go`; and the generic registry's
 * `rest.BeforeUpdate` common-field checks).
 *
 * Inputs are Jobs after `defaultJob` and, on create, `prepareJobForCreate`. Like upstream, update
 * validation runs the spec checks twice (`ValidateJob` and `ValidateJobSpecUpdate`), so causes can
 * repeat; `InvalidObjectError` drops the repeats from the messages, as the API server and kubectl do.
 */

import type { FieldError } from './errors.js';
import {
  duplicate,
  invalid,
  notSupported,
  omitValue,
  required,
  sortedMap,
  tooLong,
  tooMany,
} from './errors.js';
import { validateIndexesFormat } from './indexes.js';
import {
  CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
} from './job-defaults.js';
import {
  isDNS1123Label,
  isDomainPrefixedPath,
  labelSelectorConverts,
  labelSelectorHasInvalidLabelValue,
  nameIsDNSSubdomain,
  validateLabelName,
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validatePathSegmentName,
} from './names.js';
import { podSpecWarnings, validatePodTemplateSpec } from './pod-validation.js';
import { compileSelector } from './selector.js';
import type {
  Job,
  JobSpec,
  LabelSelector,
  PodFailurePolicy,
  PodFailurePolicyOnExitCodesRequirement,
  PodFailurePolicyOnPodConditionsPattern,
  PodFailurePolicyRule,
  PodTemplateSpec,
  SuccessPolicy,
  SuccessPolicyRule,
} from './types.js';

const MAX_PARALLELISM_FOR_INDEXED_JOB = 100_000;
const MAX_FAILED_INDEXES_FOR_INDEXED_JOB = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_ON_EXIT_CODES_VALUES = 255;
const MAX_ON_POD_CONDITIONS_PATTERNS = 20;
const MAX_MANAGED_BY_LENGTH = 63;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;
const MAX_SUCCESS_POLICY_RULES = 20;

const POD_FAILURE_POLICY_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const ON_EXIT_CODES_OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];
const NEGATIVE = 'must be greater than or equal to 0';
const IMMUTABLE = 'field is immutable';

/** `JobValidationOptions` (+ the pod validation option jobsim honours). */
export interface JobValidationOptions {
  /** Require the `batch.kubernetes.io/` pair of generated labels (always on create). */
  readonly requirePrefixedLabels: boolean;
  /** Template scheduling directives may change (old Job suspended and never started). */
  readonly allowMutableSchedulingDirectives: boolean;
  /** `ElasticIndexedJob` (GA): Indexed completions may change in tandem with parallelism. */
  readonly allowElasticIndexedJobs: boolean;
  /** Keep selectors stored with invalid matchExpressions values valid. */
  readonly allowInvalidLabelValueInSelector: boolean;
}

/**
 * `validationOptionsForJob`: create options when `oldJob` is absent, update options otherwise.
 *
 * @example
 * ```ts
 * jobValidationOptions({}).requirePrefixedLabels; // true
 * ```
 */
export function jobValidationOptions(newJob: Job, oldJob?: Job): JobValidationOptions {
  void newJob;
  if (oldJob === undefined) {
    return {
      requirePrefixedLabels: true,
      allowMutableSchedulingDirectives: false,
      allowElasticIndexedJobs: true,
      allowInvalidLabelValueInSelector: false,
    };
  }
  const labels = oldJob.spec?.template?.metadata?.labels ?? {};
  return {
    requirePrefixedLabels: JOB_NAME_LABEL in labels && CONTROLLER_UID_LABEL in labels,
    allowMutableSchedulingDirectives: oldJob.spec?.suspend === true && oldJob.status?.startTime === undefined,
    allowElasticIndexedJobs: true,
    allowInvalidLabelValueInSelector: labelSelectorHasInvalidLabelValue(oldJob.spec?.selector),
  };
}

/** A LabelSelector as Go's `encoding/json` renders it (json tags, omitempty, sorted map). */
function selectorValue(sel: LabelSelector): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (sel.matchLabels !== undefined && Object.keys(sel.matchLabels).length > 0) {
    out.matchLabels = sortedMap(sel.matchLabels);
  }
  if (sel.matchExpressions !== undefined && sel.matchExpressions.length > 0) {
    out.matchExpressions = sel.matchExpressions.map((e) => {
      const r: Record<string, unknown> = { key: e.key, operator: e.operator };
      if (e.values !== undefined && e.values.length > 0) r.values = e.values;
      return r;
    });
  }
  return out;
}

/** A string map as Go prints it (sorted keys; a nil map is `null`). */
function mapValue(m: Readonly<Record<string, string>> | undefined): unknown {
  return m === undefined ? null : sortedMap(m);
}

/** Internal `batch.PodFailurePolicy` as JSON (Go field names, no omitempty). */
function podFailurePolicyValue(p: PodFailurePolicy | undefined): unknown {
  if (p === undefined) return null;
  return {
    Rules:
      p.rules === undefined
        ? null
        : p.rules.map((r: PodFailurePolicyRule) => ({
            Action: r.action ?? '',
            OnExitCodes:
              r.onExitCodes === undefined
                ? null
                : {
                    ContainerName: r.onExitCodes.containerName ?? null,
                    Operator: r.onExitCodes.operator ?? '',
                    Values: r.onExitCodes.values ?? null,
                  },
            OnPodConditions:
              r.onPodConditions === undefined
                ? null
                : r.onPodConditions.map((c) => ({ Type: c.type ?? '', Status: c.status ?? '' })),
          })),
  };
}

/** Internal `batch.SuccessPolicy` as JSON (Go field names, no omitempty). */
function successPolicyValue(p: SuccessPolicy | undefined): unknown {
  if (p === undefined) return null;
  return {
    Rules:
      p.rules === undefined
        ? null
        : p.rules.map((r: SuccessPolicyRule) => ({
            SucceededIndexes: r.succeededIndexes ?? null,
            SucceededCount: r.succeededCount ?? null,
          })),
  };
}

/** The pod template as reported in `spec.template: field is immutable` (approximation, see module docs). */
function templateValue(t: PodTemplateSpec | undefined): unknown {
  return { ObjectMeta: t?.metadata ?? {}, Spec: t?.spec ?? {} };
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as object).every((x) => x === undefined);
  return false;
}

/**
 * `apiequality.Semantic.DeepEqual` on JSON-shaped objects: absent, `null`, empty string, empty list
 * and empty map are all equal (Go zero values / nil-or-empty collections).
 *
 * @example
 * ```ts
 * semanticDeepEqual({ a: [] }, {}); // true
 * semanticDeepEqual({ a: 1 }, { a: 2 }); // false
 * ```
 */
export function semanticDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => semanticDeepEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!semanticDeepEqual(ao[k], bo[k])) return false;
  return true;
}

function validateHasLabel(
  labels: Readonly<Record<string, string>> | undefined,
  path: string,
  key: string,
  expected: string,
): FieldError[] {
  const p = `${path}.labels[${key}]`;
  if (labels === undefined || !(key in labels)) return [required(p, `must be '${expected}'`)];
  if (labels[key] !== expected) return [invalid(p, mapValue(labels), `must be '${expected}'`)];
  return [];
}

/** `validateGeneratedSelector`. */
function validateGeneratedSelector(job: Job, requirePrefixedLabels: boolean): FieldError[] {
  const spec = job.spec;
  if (spec?.manualSelector === true) return [];
  if (spec?.selector === undefined || spec.selector === null) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  if (uid === '') errs.push(required('metadata.uid', ''));
  const labels = spec.template?.metadata?.labels;
  const tpath = 'spec.template.metadata';
  errs.push(...validateHasLabel(labels, tpath, LEGACY_CONTROLLER_UID_LABEL, uid));
  errs.push(...validateHasLabel(labels, tpath, LEGACY_JOB_NAME_LABEL, name));
  const expected: Record<string, string> = {};
  if (requirePrefixedLabels) {
    errs.push(...validateHasLabel(labels, tpath, CONTROLLER_UID_LABEL, uid));
    errs.push(...validateHasLabel(labels, tpath, JOB_NAME_LABEL, name));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  expected[LEGACY_CONTROLLER_UID_LABEL] = uid;
  expected[LEGACY_JOB_NAME_LABEL] = name;
  if (labelSelectorConverts(spec.selector) && !compileSelector(spec.selector)(expected)) {
    errs.push(invalid('spec.selector', selectorValue(spec.selector), '`selector` not auto-generated'));
  }
  return errs;
}

function nonNegative(value: number | undefined, path: string): FieldError[] {
  return value !== undefined && value !== null && value < 0 ? [invalid(path, value, NEGATIVE)] : [];
}

function validatePodFailurePolicyRuleOnExitCodes(
  r: PodFailurePolicyOnExitCodesRequirement,
  path: string,
  containerNames: ReadonlySet<string>,
): FieldError[] {
  const errs: FieldError[] = [];
  const operator = r.operator ?? '';
  if (operator === '') {
    errs.push(required(`${path}.operator`, `valid values: ${goStringSlice(ON_EXIT_CODES_OPERATORS)}`));
  } else if (!ON_EXIT_CODES_OPERATORS.includes(operator)) {
    errs.push(notSupported(`${path}.operator`, operator, ON_EXIT_CODES_OPERATORS));
  }
  if (r.containerName !== undefined && r.containerName !== null && !containerNames.has(r.containerName)) {
    errs.push(
      invalid(
        `${path}.containerName`,
        r.containerName,
        'must be one of the container or initContainer names in the pod template',
      ),
    );
  }
  const valuesPath = `${path}.values`;
  const values = r.values ?? [];
  if (values.length === 0) {
    errs.push(invalid(valuesPath, r.values ?? null, 'at least one value is required'));
  } else if (values.length > MAX_ON_EXIT_CODES_VALUES) {
    errs.push(tooMany(valuesPath, values.length, MAX_ON_EXIT_CODES_VALUES));
  }
  let ordered = true;
  const unique = new Set<number>();
  values.forEach((v, j) => {
    const vp = `${valuesPath}[${j}]`;
    if (operator === 'In' && v === 0) errs.push(invalid(vp, v, 'must not be 0 for the In operator'));
    if (unique.has(v)) errs.push(duplicate(vp, v));
    else unique.add(v);
    if (j > 0 && values[j - 1]! > v) ordered = false;
  });
  if (!ordered) errs.push(invalid(valuesPath, values, 'must be ordered'));
  return errs;
}

function validatePodFailurePolicyRuleOnPodConditions(
  patterns: readonly PodFailurePolicyOnPodConditionsPattern[],
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (patterns.length > MAX_ON_POD_CONDITIONS_PATTERNS) {
    errs.push(tooMany(path, patterns.length, MAX_ON_POD_CONDITIONS_PATTERNS));
  }
  patterns.forEach((p, j) => {
    const pp = `${path}[${j}]`;
    errs.push(...validateLabelName(p.type ?? '', `${pp}.type`));
    const status = p.status ?? '';
    if (status === '') {
      errs.push(required(`${pp}.status`, `valid values: ${goStringSlice(CONDITION_STATUSES)}`));
    } else if (!CONDITION_STATUSES.includes(status)) {
      errs.push(notSupported(`${pp}.status`, status, CONDITION_STATUSES));
    }
  });
  return errs;
}

/** Go's `%q` of a `[]string`: `["a" "b"]`. */
function goStringSlice(xs: readonly string[]): string {
  return `[${xs.map((x) => JSON.stringify(x)).join(' ')}]`;
}

function validatePodFailurePolicy(spec: JobSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const rules = spec.podFailurePolicy?.rules ?? [];
  const rulesPath = `${path}.rules`;
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES) {
    errs.push(tooMany(rulesPath, rules.length, MAX_POD_FAILURE_POLICY_RULES));
  }
  const names = new Set<string>();
  for (const c of spec.template?.spec?.containers ?? []) names.add(c.name);
  for (const c of spec.template?.spec?.initContainers ?? []) names.add(c.name);
  rules.forEach((rule, i) => {
    const rp = `${rulesPath}[${i}]`;
    const action = rule.action ?? '';
    if (action === '') {
      errs.push(required(`${rp}.action`, `valid values: ${goStringSlice(POD_FAILURE_POLICY_ACTIONS)}`));
    } else if (action === 'FailIndex') {
      if (spec.backoffLimitPerIndex === undefined || spec.backoffLimitPerIndex === null) {
        errs.push(invalid(`${rp}.action`, action, 'requires the backoffLimitPerIndex to be set'));
      }
    } else if (!POD_FAILURE_POLICY_ACTIONS.includes(action)) {
      errs.push(notSupported(`${rp}.action`, action, POD_FAILURE_POLICY_ACTIONS));
    }
    const hasExit = rule.onExitCodes !== undefined && rule.onExitCodes !== null;
    const conditions = rule.onPodConditions ?? [];
    if (hasExit)
      errs.push(...validatePodFailurePolicyRuleOnExitCodes(rule.onExitCodes!, `${rp}.onExitCodes`, names));
    if (conditions.length > 0)
      errs.push(...validatePodFailurePolicyRuleOnPodConditions(conditions, `${rp}.onPodConditions`));
    if (hasExit && conditions.length > 0) {
      errs.push(invalid(rp, omitValue, 'specifying both OnExitCodes and OnPodConditions is not supported'));
    }
    if (!hasExit && conditions.length === 0) {
      errs.push(invalid(rp, omitValue, 'specifying one of OnExitCodes and OnPodConditions is required'));
    }
  });
  return errs;
}

function validateSuccessPolicy(spec: JobSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const rules = spec.successPolicy?.rules ?? [];
  const rulesPath = `${path}.rules`;
  if (rules.length === 0) {
    errs.push(
      required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'),
    );
  }
  if (rules.length > MAX_SUCCESS_POLICY_RULES)
    errs.push(tooMany(rulesPath, rules.length, MAX_SUCCESS_POLICY_RULES));
  const completions = spec.completions ?? 0;
  rules.forEach((rule, i) => {
    const rp = `${rulesPath}[${i}]`;
    const hasCount = rule.succeededCount !== undefined && rule.succeededCount !== null;
    const hasIndexes = rule.succeededIndexes !== undefined && rule.succeededIndexes !== null;
    if (!hasCount && !hasIndexes) {
      errs.push(required(rp, 'at least one of succeededCount or succeededIndexes must be specified'));
    }
    let totalIndexes = 0;
    if (hasIndexes) {
      const s = rule.succeededIndexes!;
      const ip = `${rp}.succeededIndexes`;
      if (s.length > MAX_SUCCEEDED_INDEXES_LENGTH) errs.push(tooLong(ip, s, MAX_SUCCEEDED_INDEXES_LENGTH));
      const r = validateIndexesFormat(s, completions);
      if (r.error !== undefined) errs.push(invalid(ip, s, `error parsing succeededIndexes: ${r.error}`));
      else totalIndexes = r.total;
    }
    if (hasCount) {
      const n = rule.succeededCount!;
      const cp = `${rp}.succeededCount`;
      errs.push(...nonNegative(n, cp));
      if (n > completions) {
        errs.push(
          invalid(
            cp,
            n,
            `must be less than or equal to ${completions} (the number of specified completions)`,
          ),
        );
      }
      if (hasIndexes && n > totalIndexes) {
        errs.push(
          invalid(
            cp,
            n,
            `must be less than or equal to ${totalIndexes} (the number of indexes in the specified succeededIndexes field)`,
          ),
        );
      }
    }
  });
  return errs;
}

function validatePodReplacementPolicy(spec: JobSpec, path: string): FieldError[] {
  const p = spec.podReplacementPolicy;
  if (p === undefined || p === null) return [];
  if (spec.podFailurePolicy !== undefined && spec.podFailurePolicy !== null) {
    return p !== 'Failed' ? [notSupported(path, p, ['Failed'])] : [];
  }
  return p !== 'Failed' && p !== 'TerminatingOrFailed'
    ? [notSupported(path, p, ['Failed', 'TerminatingOrFailed'])]
    : [];
}

/** `validateJobSpec` (the part shared with CronJob job templates). */
function validateJobSpecCommon(spec: JobSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.parallelism, `${path}.parallelism`));
  errs.push(...nonNegative(spec.completions, `${path}.completions`));
  errs.push(...nonNegative(spec.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`));
  errs.push(...nonNegative(spec.backoffLimit, `${path}.backoffLimit`));
  errs.push(...nonNegative(spec.ttlSecondsAfterFinished, `${path}.ttlSecondsAfterFinished`));
  errs.push(...nonNegative(spec.backoffLimitPerIndex, `${path}.backoffLimitPerIndex`));
  const hasBLPI = spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null;
  const hasMFI = spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes !== null;
  if (hasMFI) {
    errs.push(...nonNegative(spec.maxFailedIndexes, `${path}.maxFailedIndexes`));
    if (!hasBLPI) errs.push(required(`${path}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
  }
  if (spec.managedBy !== undefined && spec.managedBy !== null) {
    errs.push(...isDomainPrefixedPath(`${path}.managedBy`, spec.managedBy));
    if (spec.managedBy.length > MAX_MANAGED_BY_LENGTH) {
      errs.push(tooLong(`${path}.managedBy`, spec.managedBy, MAX_MANAGED_BY_LENGTH));
    }
  }
  const mode = spec.completionMode;
  const hasCompletions = spec.completions !== undefined && spec.completions !== null;
  if (mode !== undefined && mode !== null) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') {
      errs.push(notSupported(`${path}.completionMode`, mode, ['NonIndexed', 'Indexed']));
    }
    if (mode === 'Indexed') {
      if (!hasCompletions) errs.push(required(`${path}.completions`, 'when completion mode is Indexed'));
      const par = spec.parallelism;
      if (par !== undefined && par !== null && par > MAX_PARALLELISM_FOR_INDEXED_JOB) {
        errs.push(
          invalid(
            `${path}.parallelism`,
            par,
            `must be less than or equal to ${MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed`,
          ),
        );
      }
      const mfi = spec.maxFailedIndexes;
      if (hasCompletions && hasMFI && mfi! > spec.completions!) {
        errs.push(invalid(`${path}.maxFailedIndexes`, mfi, 'must be less than or equal to completions'));
      }
      if (hasMFI && mfi! > MAX_FAILED_INDEXES_FOR_INDEXED_JOB) {
        errs.push(
          invalid(
            `${path}.maxFailedIndexes`,
            mfi,
            `must be less than or equal to ${MAX_FAILED_INDEXES_FOR_INDEXED_JOB}`,
          ),
        );
      }
      if (hasCompletions && spec.completions! > COMPLETIONS_SOFT_LIMIT && hasBLPI) {
        if (!hasMFI) {
          errs.push(
            required(
              `${path}.maxFailedIndexes`,
              `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`,
            ),
          );
        }
        if (par !== undefined && par !== null && par > PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS) {
          errs.push(
            invalid(
              `${path}.parallelism`,
              par,
              `must be less than or equal to ${PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS} when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`,
            ),
          );
        }
        if (hasMFI && mfi! > MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS) {
          errs.push(
            invalid(
              `${path}.maxFailedIndexes`,
              mfi,
              `must be less than or equal to ${MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS} when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`,
            ),
          );
        }
      }
    }
  }
  if (mode === undefined || mode === null || mode === 'NonIndexed') {
    if (hasBLPI) {
      errs.push(
        invalid(
          `${path}.backoffLimitPerIndex`,
          spec.backoffLimitPerIndex,
          'requires indexed completion mode',
        ),
      );
    }
    if (hasMFI)
      errs.push(
        invalid(`${path}.maxFailedIndexes`, spec.maxFailedIndexes, 'requires indexed completion mode'),
      );
  }
  if (spec.podFailurePolicy !== undefined && spec.podFailurePolicy !== null) {
    errs.push(...validatePodFailurePolicy(spec, `${path}.podFailurePolicy`));
  }
  if (spec.successPolicy !== undefined && spec.successPolicy !== null) {
    if ((mode ?? 'NonIndexed') !== 'Indexed') {
      errs.push(
        invalid(
          `${path}.successPolicy`,
          successPolicyValue(spec.successPolicy),
          'requires indexed completion mode',
        ),
      );
    } else {
      errs.push(...validateSuccessPolicy(spec, `${path}.successPolicy`));
    }
  }
  errs.push(...validatePodReplacementPolicy(spec, `${path}.podReplacementPolicy`));
  errs.push(...validatePodTemplateSpec(spec.template, `${path}.template`));
  const rp = spec.template?.spec?.restartPolicy ?? '';
  const rpPath = `${path}.template.spec.restartPolicy`;
  if (rp === 'Always' || rp === '') {
    errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  } else if (rp !== 'OnFailure' && rp !== 'Never') {
    errs.push(notSupported(rpPath, rp, ['OnFailure', 'Never']));
  } else if (spec.podFailurePolicy !== undefined && spec.podFailurePolicy !== null && rp !== 'Never') {
    errs.push(invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  }
  return errs;
}

/** `ValidateJobSpec`: the common checks plus selector presence, validity and match. */
function validateJobSpec(spec: JobSpec | undefined, path: string, opts: JobValidationOptions): FieldError[] {
  const s: JobSpec = spec ?? ({ template: {} } as JobSpec);
  const errs = validateJobSpecCommon(s, path);
  if (s.selector === undefined || s.selector === null) {
    errs.push(required(`${path}.selector`, ''));
  } else {
    errs.push(
      ...validateLabelSelector(s.selector, `${path}.selector`, {
        allowInvalidLabelValueInSelector: opts.allowInvalidLabelValueInSelector,
      }),
    );
  }
  if (labelSelectorConverts(s.selector)) {
    const labels = s.template?.metadata?.labels;
    if (!compileSelector(s.selector)(labels ?? {})) {
      errs.push(
        invalid(
          `${path}.template.metadata.labels`,
          mapValue(labels),
          '`selector` does not match template `labels`',
        ),
      );
    }
  }
  return errs;
}

/**
 * `ValidateJob` with explicit options (create and update both run it).
 *
 * @example
 * ```ts
 * validateJob({ metadata: { name: 'pi', namespace: 'default' } }, jobValidationOptions({})).length > 0; // true
 * ```
 */
export function validateJob(job: Job, opts: JobValidationOptions): FieldError[] {
  const errs = validateObjectMeta(job.metadata, true, 'metadata', nameIsDNSSubdomain);
  errs.push(...validateGeneratedSelector(job, opts.requirePrefixedLabels));
  errs.push(...validateJobSpec(job.spec, 'spec', opts));
  const spec = job.spec;
  const completions = spec?.completions;
  if (
    spec?.completionMode === 'Indexed' &&
    completions !== undefined &&
    completions !== null &&
    completions > 0
  ) {
    const name = job.metadata?.name ?? '';
    const host = `${name}-${completions - 1}`;
    if (isDNS1123Label(host).length > 0) {
      errs.push(
        invalid('metadata.name', name, `will not able to create pod with invalid DNS label: ${host}`),
      );
    }
  }
  return errs;
}

/**
 * Create-time validation (`jobStrategy.Validate`) of a Job after `defaultJob` and
 * `prepareJobForCreate` (or `generateJobSelector`). Errors come in upstream's order.
 *
 * @example
 * ```ts
 * import { defaultJob, prepareJobForCreate } from './job-defaults.js';
 * const job = prepareJobForCreate(defaultJob({
 *   metadata: { name: 'pi', namespace: 'default' },
 *   spec: { parallelism: -1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } },
 * }), 'uid-1');
 * validateJobCreate(job).map(formatFieldError);
 * // ['spec.parallelism: Invalid value: -1: must be greater than or equal to 0']
 * ```
 */
export function validateJobCreate(job: Job): FieldError[] {
  return validateJob(job, jobValidationOptions(job));
}

/** `validateCompletions`. */
function validateCompletions(
  spec: JobSpec,
  oldSpec: JobSpec,
  path: string,
  opts: JobValidationOptions,
): FieldError[] {
  const immutable = (): FieldError[] =>
    semanticDeepEqual(spec.completions, oldSpec.completions)
      ? []
      : [invalid(path, spec.completions ?? null, IMMUTABLE)];
  if (!opts.allowElasticIndexedJobs) return immutable();
  if (spec.completionMode !== 'Indexed') return immutable();
  if (semanticDeepEqual(spec.completions, oldSpec.completions)) return [];
  if (spec.completions === undefined || spec.completions === null) return [];
  if (spec.completions !== spec.parallelism) {
    return [invalid(path, spec.completions, 'can only be modified in tandem with spec.parallelism')];
  }
  return [];
}

/** `validatePodTemplateUpdate`, with the suspended-and-never-started scheduling-directive exception. */
function validatePodTemplateUpdate(
  spec: JobSpec,
  oldSpec: JobSpec,
  path: string,
  opts: JobValidationOptions,
): FieldError[] {
  const template = spec.template;
  let oldTemplate = oldSpec.template;
  if (opts.allowMutableSchedulingDirectives) {
    const ot = structuredClone(oldSpec.template ?? {}) as unknown as {
      metadata?: Record<string, unknown>;
      spec?: Record<string, unknown>;
    };
    const ospec: Record<string, unknown> = (ot.spec ??= {});
    const nspec: Record<string, unknown> = (template?.spec ?? {}) as unknown as Record<string, unknown>;
    const na = nspec.affinity as Record<string, unknown> | undefined;
    const oa = ospec.affinity as Record<string, unknown> | undefined;
    if (na === undefined && oa !== undefined) {
      delete oa.nodeAffinity;
      if (isEmpty(oa)) delete ospec.affinity;
    } else if (na !== undefined && oa === undefined) {
      ospec.affinity = na.nodeAffinity === undefined ? {} : { nodeAffinity: na.nodeAffinity };
    } else if (na !== undefined && oa !== undefined) {
      if (na.nodeAffinity === undefined) delete oa.nodeAffinity;
      else oa.nodeAffinity = na.nodeAffinity;
    }
    for (const f of ['nodeSelector', 'tolerations', 'schedulingGates']) {
      if (nspec[f] === undefined) delete ospec[f];
      else ospec[f] = nspec[f];
    }
    const ometa: Record<string, unknown> = (ot.metadata ??= {});
    const nmeta = (template?.metadata ?? {}) as Record<string, unknown>;
    for (const f of ['annotations', 'labels']) {
      if (nmeta[f] === undefined) delete ometa[f];
      else ometa[f] = nmeta[f];
    }
    oldTemplate = ot as unknown as PodTemplateSpec;
  }
  return semanticDeepEqual(template, oldTemplate)
    ? []
    : [invalid(`${path}.template`, templateValue(template), IMMUTABLE)];
}

function immutableField(newVal: unknown, oldVal: unknown, path: string, render: unknown): FieldError[] {
  return semanticDeepEqual(newVal, oldVal) ? [] : [invalid(path, render, IMMUTABLE)];
}

/** `ValidateJobSpecUpdate`. */
function validateJobSpecUpdate(
  spec: JobSpec,
  oldSpec: JobSpec,
  path: string,
  opts: JobValidationOptions,
): FieldError[] {
  const errs = validateJobSpec(spec, path, opts);
  errs.push(...validateCompletions(spec, oldSpec, `${path}.completions`, opts));
  errs.push(
    ...immutableField(
      spec.selector,
      oldSpec.selector,
      `${path}.selector`,
      spec.selector === undefined ? null : selectorValue(spec.selector),
    ),
  );
  errs.push(...validatePodTemplateUpdate(spec, oldSpec, path, opts));
  errs.push(
    ...immutableField(
      spec.completionMode,
      oldSpec.completionMode,
      `${path}.completionMode`,
      spec.completionMode ?? null,
    ),
  );
  errs.push(
    ...immutableField(
      spec.podFailurePolicy,
      oldSpec.podFailurePolicy,
      `${path}.podFailurePolicy`,
      podFailurePolicyValue(spec.podFailurePolicy),
    ),
  );
  errs.push(
    ...immutableField(
      spec.backoffLimitPerIndex,
      oldSpec.backoffLimitPerIndex,
      `${path}.backoffLimitPerIndex`,
      spec.backoffLimitPerIndex ?? null,
    ),
  );
  errs.push(
    ...immutableField(spec.managedBy, oldSpec.managedBy, `${path}.managedBy`, spec.managedBy ?? null),
  );
  errs.push(
    ...immutableField(
      spec.successPolicy,
      oldSpec.successPolicy,
      `${path}.successPolicy`,
      successPolicyValue(spec.successPolicy),
    ),
  );
  return errs;
}

/**
 * `ValidateJobUpdate` alone: metadata update rules and `ValidateJobSpecUpdate` (the spec checks plus
 * immutability), with explicit options. {@link validateJobUpdate} is what the API server runs.
 *
 * @example
 * ```ts
 * validateJobUpdateWithOptions(newJob, oldJob, { ...jobValidationOptions(newJob, oldJob), allowMutableSchedulingDirectives: true });
 * ```
 */
export function validateJobUpdateWithOptions(
  newJob: Job,
  oldJob: Job,
  opts: JobValidationOptions,
): FieldError[] {
  const errs = validateObjectMetaUpdate(newJob.metadata, oldJob.metadata, 'metadata');
  errs.push(
    ...validateJobSpecUpdate(
      newJob.spec ?? ({ template: {} } as JobSpec),
      oldJob.spec ?? ({ template: {} } as JobSpec),
      'spec',
      opts,
    ),
  );
  return errs;
}

/**
 * Update validation of a Job (`rest.BeforeUpdate` common fields, then `jobStrategy.ValidateUpdate` =
 * `ValidateJob` + `ValidateJobUpdate`), with the options derived from the old Job: prefixed labels
 * required only if the old template had them; scheduling directives (node affinity, nodeSelector,
 * tolerations, template labels/annotations, scheduling gates) mutable while the old Job is suspended
 * and has no `status.startTime`; Indexed `completions` mutable only together with `parallelism`.
 * Immutable fields report `<path>: Invalid value: <v>: field is immutable`.
 *
 * @example
 * ```ts
 * // old and new are stored Jobs; new changes spec.completionMode
 * validateJobUpdate(newJob, oldJob).some((e) => e.field === 'spec.completionMode'); // true
 * ```
 */
export function validateJobUpdate(newJob: Job, oldJob: Job): FieldError[] {
  const opts = jobValidationOptions(newJob, oldJob);
  const nm = { ...(newJob.metadata ?? {}) };
  const om = oldJob.metadata ?? {};
  if (!nm.uid && om.uid !== undefined) nm.uid = om.uid;
  if (om.creationTimestamp !== undefined) nm.creationTimestamp = om.creationTimestamp;
  const job: Job = { ...newJob, metadata: nm };
  const errs = validateObjectMeta(nm, true, 'metadata', validatePathSegmentName);
  errs.push(...validateObjectMetaUpdate(nm, om, 'metadata'));
  errs.push(...validateJob(job, opts));
  errs.push(...validateJobUpdateWithOptions(job, oldJob, opts));
  return errs;
}

/** Go's `%v` of a `[]string`. */
function goSliceV(xs: readonly string[]): string {
  return `[${xs.join(' ')}]`;
}

function jobSpecWarnings(spec: JobSpec | undefined): string[] {
  const warnings: string[] = [];
  if (spec?.completionMode === 'Indexed') {
    const completions = spec.completions ?? 0;
    const parallelism = spec.parallelism ?? 0;
    if (completions > 100_000 && parallelism > 10_000) {
      warnings.push(
        'spec: In Indexed Jobs with a number of completions higher than 10^5 and a parallelism higher than 10^4, Kubernetes might not be able to track completedIndexes when a big number of indexes fail',
      );
    }
  }
  warnings.push(...podSpecWarnings(spec?.template?.spec, 'spec.template'));
  return warnings;
}

/**
 * The API server's create warnings for a Job (`WarningsOnCreate`): a name that is not a DNS label,
 * the Indexed completions/parallelism soft limits, and pod-template warnings. kubectl prints each as
 * `Warning: <text>`.
 *
 * @example
 * ```ts
 * jobWarnings({ metadata: { name: 'pi.v2' }, spec: { template: {} } });
 * // ['metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]']
 * ```
 */
export function jobWarnings(job: Job): string[] {
  const warnings: string[] = [];
  const msgs = isDNS1123Label(job.metadata?.name ?? '');
  if (msgs.length !== 0) {
    warnings.push(
      `metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: ${goSliceV(msgs)}`,
    );
  }
  warnings.push(...jobSpecWarnings(job.spec));
  return warnings;
}

/**
 * Update warnings (`WarningsOnUpdate`): the spec warnings, only when the generation changed.
 *
 * @example
 * ```ts
 * jobUpdateWarnings({ metadata: { generation: 1 } }, { metadata: { generation: 1 } }); // []
 * ```
 */
export function jobUpdateWarnings(newJob: Job, oldJob: Job): string[] {
  if ((newJob.metadata?.generation ?? 0) === (oldJob.metadata?.generation ?? 0)) return [];
  return jobSpecWarnings(newJob.spec);
}
