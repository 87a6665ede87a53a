/**
 * batch/v1 CronJob defaulting and validation as the API server runs them:
 * `pkg/apis/batch/v1/defaults.go` (`SetDefaults_CronJob` plus the generated pod-template
 * defaults) and `pkg/apis/batch/validation/validation.go` (`ValidateCronJobCreate`,
 * `ValidateCronJobUpdate`, `validateCronJobSpec`, `validateScheduleFormat`, `validateTimeZone`,
 * `validateConcurrencyPolicy`, `ValidateJobTemplateSpec`), with the generic registry's common
 * metadata checks on update.
 */

import type { FieldError } from '../../api/errors.js';
import { goStringCompare, invalid, notSupported, required } from '../../api/errors.js';
import { defaultPodTemplateSpec } from '../../api/job-defaults.js';
import { jobValidationOptions, validateJob } from '../../api/job-validation.js';
import {
  nameIsDNSSubdomain,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validatePathSegmentName,
} from '../../api/names.js';
import type { CronJob, CronJobSpec, Job, JobSpec, JobTemplateSpec, LabelSelector } from '../../api/types.js';
import type { KindValidator } from '../../store/apiserver.js';
import { loadLocation, parseStandard } from './schedule.js';

const NEGATIVE = 'must be greater than or equal to 0';
/** `DNS1035LabelMaxLength - 11`: room for the `-<minutes>` suffix of Job names. */
const MAX_CRONJOB_NAME_LENGTH = 52;
const VALID_TIME_ZONE_CHARACTERS = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * `SetDefaults_CronJob` and the pod-template defaults of `SetObjectDefaults_CronJob`:
 * concurrencyPolicy `Allow`, suspend `false`, successfulJobsHistoryLimit 3,
 * failedJobsHistoryLimit 1; the Job template's pod spec gets the PodSpec defaults (restartPolicy
 * `Always` when unset, which validation then rejects). A CronJob being created (no uid yet) gets
 * an empty status, as `PrepareForCreate` does. Pure.
 *
 * @example
 * ```ts
 * defaultCronJob({ spec: { schedule: '* * * * *', jobTemplate: { spec: { template: {} } } } }).spec?.successfulJobsHistoryLimit; // 3
 * ```
 */
export function defaultCronJob(obj: CronJob): CronJob {
  const out = structuredClone(obj) as CronJob & { spec: CronJobSpec };
  const spec = (out.spec ??= { schedule: '', jobTemplate: {} } as CronJobSpec) as {
    -readonly [K in keyof CronJobSpec]: CronJobSpec[K];
  };
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  if (spec.suspend === undefined || spec.suspend === null) spec.suspend = false;
  if (spec.successfulJobsHistoryLimit === undefined || spec.successfulJobsHistoryLimit === null)
    spec.successfulJobsHistoryLimit = 3;
  if (spec.failedJobsHistoryLimit === undefined || spec.failedJobsHistoryLimit === null)
    spec.failedJobsHistoryLimit = 1;
  const jt = (spec.jobTemplate ??= {}) as { spec?: JobSpec };
  const js = (jt.spec ??= { template: {} }) as { template: JobSpec['template'] };
  js.template = defaultPodTemplateSpec(js.template ?? {});
  if (!out.metadata?.uid) (out as { status?: unknown }).status = {};
  return out;
}

/** A LabelSelector as Go's `encoding/json` renders it (json tags, omitempty, sorted map keys). */
function selectorValue(sel: LabelSelector): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const ml = sel.matchLabels ?? {};
  if (Object.keys(ml).length > 0) {
    const sorted: Record<string, string> = {};
    for (const k of Object.keys(ml).sort(goStringCompare)) sorted[k] = ml[k]!;
    out.matchLabels = sorted;
  }
  const me = sel.matchExpressions ?? [];
  if (me.length > 0) {
    out.matchExpressions = me.map((e) => {
      const r: Record<string, unknown> = { key: e.key, operator: e.operator };
      if (e.values !== undefined && e.values.length > 0) r.values = e.values;
      return r;
    });
  }
  return out;
}

/**
 * `validateJobSpec` (the checks a Job and a CronJob's job template share), run through
 * `validateJob` on a stand-in Job whose selector is manual and empty, keeping only the spec
 * errors and moving them under `path`.
 */
function validateJobTemplateJobSpec(spec: JobSpec | undefined, path: string): FieldError[] {
  const standIn: Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'template', namespace: 'default', uid: 'template' },
    spec: { ...(spec ?? { template: {} }), selector: {}, manualSelector: true },
  };
  const errs = validateJob(standIn, jobValidationOptions(standIn));
  const out: FieldError[] = [];
  for (const e of errs) {
    if (!e.field.startsWith('spec.') || e.field.startsWith('spec.selector')) continue;
    out.push({ ...e, field: `${path}${e.field.slice('spec'.length)}` });
  }
  return out;
}

/**
 * `ValidateJobTemplateSpec`: the Job spec checks; a selector is refused (it is generated for each
 * Job) and so is `manualSelector: true`.
 */
export function validateJobTemplateSpec(jt: JobTemplateSpec | undefined, path: string): FieldError[] {
  const spec = jt?.spec;
  const errs = validateJobTemplateJobSpec(spec, `${path}.spec`);
  if (spec?.selector !== undefined && spec.selector !== null) {
    errs.push(
      invalid(`${path}.spec.selector`, selectorValue(spec.selector), '`selector` will be auto-generated'),
    );
  }
  if (spec?.manualSelector === true) {
    errs.push(notSupported(`${path}.spec.manualSelector`, true, ['nil', 'false']));
  }
  return errs;
}

/**
 * `validateScheduleFormat`: robfig/cron's `ParseStandard` error as the detail; `TZ`/`CRON_TZ` in
 * the schedule refused (allowed on update only when the old schedule had it, and then never with
 * `timeZone`).
 */
function validateScheduleFormat(
  schedule: string,
  allowTZInSchedule: boolean,
  timeZone: string | null | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  try {
    parseStandard(schedule);
  } catch (e) {
    errs.push(invalid(path, schedule, (e as Error).message));
  }
  const hasTZ = schedule.includes('TZ');
  if (allowTZInSchedule && hasTZ && timeZone !== undefined && timeZone !== null) {
    errs.push(invalid(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZInSchedule && hasTZ) {
    errs.push(invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

/** `validateTimeZone`. */
function validateTimeZone(timeZone: string | null | undefined, path: string): FieldError[] {
  if (timeZone === undefined || timeZone === null) return [];
  if (timeZone.length === 0) return [invalid(path, timeZone, 'timeZone must be nil or non-empty string')];
  for (const part of timeZone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !VALID_TIME_ZONE_CHARACTERS.test(part)) {
      return [invalid(path, timeZone, `unknown time zone ${timeZone}`)];
    }
  }
  const errs: FieldError[] = [];
  if (timeZone.toLowerCase() === 'local') {
    errs.push(
      invalid(
        path,
        timeZone,
        'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
      ),
    );
  }
  try {
    loadLocation(timeZone);
  } catch (e) {
    errs.push(invalid(path, timeZone, (e as Error).message));
  }
  return errs;
}

/** `validateConcurrencyPolicy`. */
function validateConcurrencyPolicy(policy: string | undefined, path: string): FieldError[] {
  switch (policy ?? '') {
    case 'Allow':
    case 'Forbid':
    case 'Replace':
      return [];
    case '':
      return [required(path, '')];
    default:
      return [notSupported(path, policy, ['Allow', 'Forbid', 'Replace'])];
  }
}

function nonNegative(value: number | null | undefined, path: string): FieldError[] {
  return value !== undefined && value !== null && value < 0 ? [invalid(path, value, NEGATIVE)] : [];
}

/** `validateCronJobSpec`. */
function validateCronJobSpec(
  spec: CronJobSpec | undefined,
  oldSpec: CronJobSpec | undefined,
  path: string,
): FieldError[] {
  const s = spec ?? ({ schedule: '', jobTemplate: {} } as CronJobSpec);
  const errs: FieldError[] = [];
  if (!s.schedule) {
    errs.push(required(`${path}.schedule`, ''));
  } else {
    const allowTZInSchedule = oldSpec !== undefined ? (oldSpec.schedule ?? '').includes('TZ') : false;
    errs.push(...validateScheduleFormat(s.schedule, allowTZInSchedule, s.timeZone, `${path}.schedule`));
  }
  errs.push(...nonNegative(s.startingDeadlineSeconds, `${path}.startingDeadlineSeconds`));
  if (oldSpec === undefined || (oldSpec.timeZone ?? null) !== (s.timeZone ?? null)) {
    errs.push(...validateTimeZone(s.timeZone, `${path}.timeZone`));
  }
  errs.push(...validateConcurrencyPolicy(s.concurrencyPolicy, `${path}.concurrencyPolicy`));
  errs.push(...validateJobTemplateSpec(s.jobTemplate, `${path}.jobTemplate`));
  errs.push(...nonNegative(s.successfulJobsHistoryLimit, `${path}.successfulJobsHistoryLimit`));
  errs.push(...nonNegative(s.failedJobsHistoryLimit, `${path}.failedJobsHistoryLimit`));
  return errs;
}

/**
 * `ValidateCronJobCreate` on a defaulted CronJob: object metadata (a DNS subdomain name), the
 * spec, and a name of at most 52 characters (the controller appends an 11-character suffix to
 * name Jobs).
 *
 * @example
 * ```ts
 * validateCronJobCreate(defaultCronJob({ metadata: { name: 'hello', namespace: 'default' },
 *   spec: { schedule: 'error', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never',
 *   containers: [{ name: 'c', image: 'busybox' }] } } } } } })).map(formatFieldError);
 * // ['spec.schedule: Invalid value: "error": expected exactly 5 fields, found 1: [error]']
 * ```
 */
export function validateCronJobCreate(cj: CronJob): FieldError[] {
  const errs = validateObjectMeta(cj.metadata, true, 'metadata', nameIsDNSSubdomain);
  errs.push(...validateCronJobSpec(cj.spec, undefined, 'spec'));
  const name = cj.metadata?.name ?? '';
  if (name.length > MAX_CRONJOB_NAME_LENGTH) {
    errs.push(invalid('metadata.name', name, `must be no more than ${MAX_CRONJOB_NAME_LENGTH} characters`));
  }
  return errs;
}

/**
 * Update validation: the registry's common metadata checks, then `ValidateCronJobUpdate`
 * (metadata update rules and the spec; `TZ` stays allowed in a schedule that had it; the timeZone
 * is checked only when it changes; no 52-character name check, so old long names stay usable).
 *
 * @example
 * ```ts
 * validateCronJobUpdate({ ...old, spec: { ...old.spec, schedule: '61 * * * *' } }, old)[0]?.field; // 'spec.schedule'
 * ```
 */
export function validateCronJobUpdate(cj: CronJob, old: CronJob): FieldError[] {
  const nm = { ...(cj.metadata ?? {}) };
  const om = old.metadata ?? {};
  if (!nm.uid && om.uid !== undefined) nm.uid = om.uid;
  if (om.creationTimestamp !== undefined) nm.creationTimestamp = om.creationTimestamp;
  const errs = validateObjectMeta(nm, true, 'metadata', validatePathSegmentName);
  errs.push(...validateObjectMetaUpdate(nm, om, 'metadata'));
  errs.push(...validateObjectMetaUpdate(nm, om, 'metadata'));
  errs.push(
    ...validateCronJobSpec(cj.spec, old.spec ?? ({ schedule: '', jobTemplate: {} } as CronJobSpec), 'spec'),
  );
  return errs;
}

/**
 * The API server hooks for CronJobs (`api.validators.set('CronJob', cronJobValidator)`).
 *
 * @example
 * ```ts
 * sim.api.validators.set('CronJob', cronJobValidator);
 * ```
 */
export const cronJobValidator: KindValidator = {
  defaults: (obj) => defaultCronJob(obj as CronJob),
  create: (obj) => validateCronJobCreate(obj as CronJob),
  update: (obj, old) => validateCronJobUpdate(obj as CronJob, old as CronJob),
};
