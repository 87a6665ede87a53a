/**
 * CronJob defaulting and validation. Error cases mirror upstream
 * `pkg/apis/batch/validation/validation_test.go` TestValidateCronJob (success and error cases,
 * keyed by upstream's case names), TestValidateCronJobScheduleTZ and
 * TestValidateCronJobSpec/update cases; defaults mirror `pkg/apis/batch/v1/defaults_test.go`
 * TestSetDefaultCronJob. Messages are the API server's full `field: Type: value: detail` text.
 */
import { describe, expect, it } from 'vitest';
import { formatFieldError, InvalidObjectError } from '../../../src/api/errors.js';
import type { CronJob } from '../../../src/api/types.js';
import { installCronJobs } from '../../../src/controllers/cronjob/index.js';
import {
  defaultCronJob,
  validateCronJobCreate,
  validateCronJobUpdate,
} from '../../../src/controllers/cronjob/validation.js';
import { Simulation } from '../../../src/simulation.js';

const validPodTemplateSpec = {
  metadata: { labels: {} },
  spec: {
    restartPolicy: 'OnFailure',
    dnsPolicy: 'ClusterFirst',
    terminationGracePeriodSeconds: 30,
    containers: [
      { name: 'abc', image: 'image', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' },
    ],
  },
};

function cronJob(spec: Record<string, unknown>, name = 'mycronjob'): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default', uid: '1a2b3c' },
    spec: {
      schedule: '* * * * ?',
      concurrencyPolicy: 'Allow',
      jobTemplate: { spec: { template: validPodTemplateSpec } },
      ...spec,
    } as CronJob['spec'],
  } as CronJob;
}

const messages = (cj: CronJob) => validateCronJobCreate(cj).map(formatFieldError);

describe('TestValidateCronJob', () => {
  const successCases: Record<string, CronJob> = {
    'basic scheduled job': cronJob({}),
    'non-standard scheduled': cronJob({ schedule: '@hourly' }),
    'correct timeZone value': cronJob({ schedule: '0 * * * *', timeZone: 'Europe/Rome' }),
    '@every is accepted by ParseStandard': cronJob({ schedule: '@every 5m' }),
    'names of months and days, ?': cronJob({ schedule: '0 9 ? Jan-Mar MON-fri' }),
  };
  for (const [name, cj] of Object.entries(successCases)) {
    it(`success: ${name}`, () => {
      expect(messages(cj)).toEqual([]);
      const withRv = { ...cj, metadata: { ...cj.metadata, resourceVersion: '1' } };
      expect(validateCronJobUpdate(withRv, withRv).map(formatFieldError)).toEqual([]);
    });
  }

  const errorCases: Record<string, [Record<string, unknown>, string, string?]> = {
    'spec.schedule: Invalid value': [
      { schedule: 'error' },
      'spec.schedule: Invalid value: "error": expected exactly 5 fields, found 1: [error]',
    ],
    'spec.schedule: Required value': [{ schedule: '' }, 'spec.schedule: Required value'],
    'spec.schedule: cannot use both timeZone field and TZ or CRON_TZ in schedule': [
      { schedule: 'TZ=UTC 0 * * * *', timeZone: 'UTC' },
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ],
    'spec.timeZone: timeZone must be nil or non-empty string': [
      { schedule: '0 * * * *', timeZone: '' },
      'spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string',
    ],
    'spec.timeZone: timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones': [
      { schedule: '0 * * * *', timeZone: 'Local' },
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
    ],
    'spec.timeZone: Invalid value: " Continent/Zone": unknown time zone  Continent/Zone': [
      { schedule: '0 * * * *', timeZone: ' Continent/Zone' },
      'spec.timeZone: Invalid value: " Continent/Zone": unknown time zone  Continent/Zone',
    ],
    'spec.timeZone: Invalid value: "Continent/InvalidZone": unknown time zone  Continent/InvalidZone': [
      { schedule: '0 * * * *', timeZone: 'Continent/InvalidZone' },
      'spec.timeZone: Invalid value: "Continent/InvalidZone": unknown time zone Continent/InvalidZone',
    ],
    'spec.timeZone: Invalid value: " ": unknown time zone  ': [
      { schedule: '0 * * * *', timeZone: ' ' },
      'spec.timeZone: Invalid value: " ": unknown time zone  ',
    ],
    'spec.timeZone: Invalid value: "Continent/Zone ": unknown time zone Continent/Zone ': [
      { schedule: '0 * * * *', timeZone: 'Continent/Zone ' },
      'spec.timeZone: Invalid value: "Continent/Zone ": unknown time zone Continent/Zone ',
    ],
    'spec.startingDeadlineSeconds:must be greater than or equal to 0': [
      { startingDeadlineSeconds: -1 },
      'spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0',
    ],
    'spec.successfulJobsHistoryLimit: must be greater than or equal to 0': [
      { successfulJobsHistoryLimit: -1 },
      'spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    ],
    'spec.failedJobsHistoryLimit: must be greater than or equal to 0': [
      { failedJobsHistoryLimit: -1 },
      'spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    ],
    'spec.concurrencyPolicy: Required value': [
      { concurrencyPolicy: undefined },
      'spec.concurrencyPolicy: Required value',
    ],
    'spec.concurrencyPolicy: Unsupported value': [
      { concurrencyPolicy: 'Sometimes' },
      'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
    ],
    'spec.jobTemplate.spec.parallelism:must be greater than or equal to 0': [
      { jobTemplate: { spec: { parallelism: -1, template: validPodTemplateSpec } } },
      'spec.jobTemplate.spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
    ],
    'spec.jobTemplate.spec.completions:must be greater than or equal to 0': [
      { jobTemplate: { spec: { completions: -1, template: validPodTemplateSpec } } },
      'spec.jobTemplate.spec.completions: Invalid value: -1: must be greater than or equal to 0',
    ],
    'spec.jobTemplate.spec.activeDeadlineSeconds:must be greater than or equal to 0': [
      { jobTemplate: { spec: { activeDeadlineSeconds: -1, template: validPodTemplateSpec } } },
      'spec.jobTemplate.spec.activeDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0',
    ],
    'spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated':
      [
        { jobTemplate: { spec: { selector: { matchLabels: { a: 'b' } }, template: validPodTemplateSpec } } },
        'spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated',
      ],
    'spec.jobTemplate.spec.manualSelector: Unsupported value': [
      { jobTemplate: { spec: { manualSelector: true, template: validPodTemplateSpec } } },
      'spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"',
    ],
    'spec.jobTemplate.spec.template.spec.restartPolicy: Required value': [
      {
        jobTemplate: {
          spec: { template: { spec: { ...validPodTemplateSpec.spec, restartPolicy: 'Always' } } },
        },
      },
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ],
    'spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value': [
      {
        jobTemplate: {
          spec: { template: { spec: { ...validPodTemplateSpec.spec, restartPolicy: 'Invalid' } } },
        },
      },
      'spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Invalid": supported values: "Always", "OnFailure", "Never"',
      'spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Invalid": supported values: "OnFailure", "Never"',
    ],
    'spec.jobTemplate.spec.ttlSecondsAfterFinished:must be greater than or equal to 0': [
      { jobTemplate: { spec: { ttlSecondsAfterFinished: -1, template: validPodTemplateSpec } } },
      'spec.jobTemplate.spec.ttlSecondsAfterFinished: Invalid value: -1: must be greater than or equal to 0',
    ],
    'spec.schedule: end of range above maximum': [
      { schedule: '0-60 * * * *' },
      'spec.schedule: Invalid value: "0-60 * * * *": end of range (60) above maximum (59): 0-60',
    ],
    'spec.schedule: unrecognized descriptor': [
      { schedule: '@foo' },
      'spec.schedule: Invalid value: "@foo": unrecognized descriptor: @foo',
    ],
    'spec.schedule: six fields': [
      { schedule: '0 * * * * *' },
      'spec.schedule: Invalid value: "0 * * * * *": expected exactly 5 fields, found 6: [0 * * * * *]',
    ],
    'spec.schedule: CRON_TZ is refused too (and a bad zone in it is a parse error)': [
      { schedule: 'CRON_TZ=Mars/Base 0 * * * *' },
      'spec.schedule: Invalid value: "CRON_TZ=Mars/Base 0 * * * *": provided bad location Mars/Base: unknown time zone Mars/Base',
      'spec.schedule: Invalid value: "CRON_TZ=Mars/Base 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ],
  };
  for (const [name, [spec, ...expected]] of Object.entries(errorCases)) {
    it(`error: ${name}`, () => {
      const cj = cronJob(spec);
      if ('concurrencyPolicy' in spec && spec.concurrencyPolicy === undefined)
        delete cj.spec!.concurrencyPolicy;
      expect(messages(cj)).toEqual(expected);
    });
  }

  it('error: metadata.name: must be no more than 52 characters', () => {
    const name = '10000000002000000000300000000040000000005000000000123';
    expect(messages(cronJob({}, name))).toEqual([
      `metadata.name: Invalid value: "${name}": must be no more than 52 characters`,
    ]);
  });

  it('a name that is not a DNS subdomain', () => {
    expect(messages(cronJob({}, 'My_Cron'))).toEqual([
      "metadata.name: Invalid value: \"My_Cron\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });
});

describe('update validation (ValidateCronJobUpdate)', () => {
  it('a legacy schedule with TZ stays updatable; adding timeZone to it is refused', () => {
    const old = cronJob({ schedule: 'TZ=UTC 0 * * * *' });
    expect(validateCronJobUpdate(cronJob({ schedule: 'TZ=UTC 0 * * * *', suspend: true }), old)).toEqual([]);
    expect(
      validateCronJobUpdate(cronJob({ schedule: 'TZ=UTC 0 * * * *', timeZone: 'UTC' }), old).map(
        formatFieldError,
      ),
    ).toEqual([
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use both timeZone field and TZ or CRON_TZ in schedule',
    ]);
    expect(
      validateCronJobUpdate(cronJob({ schedule: 'TZ=UTC 0 * * * *' }), cronJob({})).map(formatFieldError),
    ).toEqual([
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
  });

  it('names longer than 52 characters are not checked on update', () => {
    const long = cronJob({}, 'x'.repeat(60));
    expect(validateCronJobUpdate(long, long)).toEqual([]);
  });

  it('the timeZone is only checked when it changes', () => {
    const old = cronJob({ timeZone: 'Mars/Base' });
    expect(validateCronJobUpdate(cronJob({ timeZone: 'Mars/Base', suspend: true }), old)).toEqual([]);
    expect(validateCronJobUpdate(cronJob({ timeZone: 'Moon/Base' }), old).map(formatFieldError)).toEqual([
      'spec.timeZone: Invalid value: "Moon/Base": unknown time zone Moon/Base',
    ]);
  });
});

describe('TestSetDefaultCronJob', () => {
  it('fills concurrencyPolicy, suspend, history limits and the pod template defaults', () => {
    const d = defaultCronJob({
      metadata: { name: 'x' },
      spec: {
        schedule: '* * * * *',
        jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'i:1' }] } } } },
      },
    });
    expect(d.spec?.concurrencyPolicy).toBe('Allow');
    expect(d.spec?.suspend).toBe(false);
    expect(d.spec?.successfulJobsHistoryLimit).toBe(3);
    expect(d.spec?.failedJobsHistoryLimit).toBe(1);
    const ps = d.spec?.jobTemplate.spec?.template.spec;
    expect(ps?.restartPolicy).toBe('Always');
    expect(ps?.dnsPolicy).toBe('ClusterFirst');
    expect(ps?.terminationGracePeriodSeconds).toBe(30);
    expect(ps?.containers[0]?.imagePullPolicy).toBe('IfNotPresent');
    // Job-level defaults are not applied to the template (SetDefaults_Job takes a Job).
    expect(d.spec?.jobTemplate.spec?.backoffLimit).toBeUndefined();
    expect(d.spec?.jobTemplate.spec?.completions).toBeUndefined();
    expect(d.status).toEqual({});
  });

  it('keeps values that are set', () => {
    const d = defaultCronJob({
      metadata: { name: 'x', uid: 'u' },
      spec: {
        schedule: '* * * * *',
        concurrencyPolicy: 'Forbid',
        suspend: true,
        successfulJobsHistoryLimit: 0,
        failedJobsHistoryLimit: 5,
        jobTemplate: { spec: { template: {} } },
      },
      status: { lastScheduleTime: '2026-01-01T00:00:00Z' },
    });
    expect(d.spec).toMatchObject({
      concurrencyPolicy: 'Forbid',
      suspend: true,
      successfulJobsHistoryLimit: 0,
      failedJobsHistoryLimit: 5,
    });
    expect(d.status).toEqual({ lastScheduleTime: '2026-01-01T00:00:00Z' });
  });
});

describe('through the API server', () => {
  it('an invalid CronJob is refused with the kubectl wording, and nothing is stored', () => {
    const sim = new Simulation({ nodes: 1 });
    installCronJobs(sim.engine, sim.store, sim.api);
    const bad = cronJob({ schedule: '61 * * * *' });
    delete (bad.metadata as { uid?: string }).uid;
    let err: unknown;
    try {
      sim.apply(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidObjectError);
    expect((err as InvalidObjectError).message).toBe(
      'The CronJob "mycronjob" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
    );
    expect((err as InvalidObjectError).apiMessage).toBe(
      'CronJob.batch "mycronjob" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
    );
    expect(sim.list('CronJob')).toEqual([]);
  });

  it('a manifest without restartPolicy is refused (the template defaults it to Always)', () => {
    const sim = new Simulation({ nodes: 1 });
    installCronJobs(sim.engine, sim.store, sim.api);
    expect(() =>
      sim.apply({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'hello' },
        spec: {
          schedule: '* * * * *',
          jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } },
        },
      }),
    ).toThrow(
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
  });

  it('a valid CronJob is stored defaulted, with an empty status; updates are validated', () => {
    const sim = new Simulation({ nodes: 1 });
    installCronJobs(sim.engine, sim.store, sim.api);
    const good = cronJob({});
    delete (good.metadata as { uid?: string }).uid;
    delete good.spec!.concurrencyPolicy;
    sim.apply(good);
    const stored = sim.get('CronJob', 'mycronjob');
    expect(stored?.spec?.concurrencyPolicy).toBe('Allow');
    expect(stored?.spec?.successfulJobsHistoryLimit).toBe(3);
    expect(stored?.status).toEqual({});
    expect(() => sim.patch('CronJob', 'mycronjob', { spec: { timeZone: 'Nowhere/Land' } })).toThrow(
      'spec.timeZone: Invalid value: "Nowhere/Land": unknown time zone Nowhere/Land',
    );
    sim.patch('CronJob', 'mycronjob', { spec: { suspend: true } });
    expect(sim.get('CronJob', 'mycronjob')?.spec?.suspend).toBe(true);
  });
});
