import { describe, expect, it } from 'vitest';
import { formatFieldError, InvalidObjectError } from '../../../src/api/errors.js';
import { defaultJob, prepareJobForCreate } from '../../../src/api/job-defaults.js';
import type { JobValidationOptions } from '../../../src/api/job-validation.js';
import {
  jobUpdateWarnings,
  jobValidationOptions,
  jobWarnings,
  semanticDeepEqual,
  validateJob,
  validateJobCreate,
  validateJobUpdate,
  validateJobUpdateWithOptions,
} from '../../../src/api/job-validation.js';
import type { Job, JobSpec, PodFailurePolicy, PodFailurePolicyRule } from '../../../src/api/types.js';
import {
  templateFor,
  validGeneratedSelector,
  validJob,
  validJobNever,
  validManualSelector,
} from './fixtures.js';

const CREATE: JobValidationOptions = {
  requirePrefixedLabels: true,
  allowMutableSchedulingDirectives: false,
  allowElasticIndexedJobs: true,
  allowInvalidLabelValueInSelector: false,
};

function messages(job: Job, opts: JobValidationOptions = CREATE): string[] {
  return validateJob(job, opts).map(formatFieldError);
}

/** What `kubectl create -f` of a user-written Job reports (defaulting, PrepareForCreate, Validate). */
function createErrors(job: Job, uid = 'uid-1'): string[] {
  return validateJobCreate(prepareJobForCreate(defaultJob(job), uid)).map(formatFieldError);
}

function pfp(rules: PodFailurePolicyRule[]): PodFailurePolicy {
  return { rules };
}

// mirrors TestValidateJob successCases in pkg/apis/batch/validation/validation_test.go
describe('validateJob: success cases (TestValidateJob)', () => {
  const cases: Record<string, Job> = {
    'valid success policy': validJobNever({
      completionMode: 'Indexed',
      completions: 10,
      successPolicy: {
        rules: [{ succeededCount: 1, succeededIndexes: '0,2,4' }, { succeededIndexes: '1,3,5-9' }],
      },
    }),
    'valid pod failure policy': validJobNever({
      podFailurePolicy: pfp([
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
        { action: 'FailJob', onPodConditions: [{ type: 'CustomConditionType', status: 'False' }] },
        { action: 'Count', onExitCodes: { containerName: 'abc', operator: 'In', values: [1, 2, 3] } },
        { action: 'Ignore', onExitCodes: { containerName: 'def', operator: 'In', values: [4] } },
        { action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [5, 6, 7] } },
      ]),
    }),
    'valid pod failure policy with FailIndex': validJobNever({
      completionMode: 'Indexed',
      completions: 2,
      backoffLimitPerIndex: 1,
      manualSelector: true,
      podFailurePolicy: pfp([{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [10] } }]),
    }),
    'valid manual selector': {
      metadata: { name: 'myjob', namespace: 'default', uid: '1a2b3c', annotations: { foo: 'bar' } },
      spec: {
        selector: validManualSelector(),
        manualSelector: true,
        template: templateFor(validManualSelector(), 'OnFailure', false),
      },
    },
    'valid generated selector': validJob(),
    'valid pod replacement': validJob({ podReplacementPolicy: 'TerminatingOrFailed' }),
    'valid pod replacement with failed': validJob({ podReplacementPolicy: 'Failed' }),
    'valid NonIndexed completion mode': validJob({ completionMode: 'NonIndexed' }),
    'valid Indexed completion mode': validJob({
      completionMode: 'Indexed',
      completions: 2,
      parallelism: 100000,
    }),
    'valid parallelism and maxFailedIndexes for high completions when backoffLimitPerIndex is used': validJob(
      {
        completions: 100_000,
        parallelism: 100_000,
        maxFailedIndexes: 100_000,
        backoffLimitPerIndex: 1,
        completionMode: 'Indexed',
      },
    ),
    'valid parallelism and maxFailedIndexes for unlimited completions when backoffLimitPerIndex is used':
      validJob({
        completions: 1_000_000_000,
        parallelism: 10_000,
        maxFailedIndexes: 10_000,
        backoffLimitPerIndex: 1,
        completionMode: 'Indexed',
      }),
    'valid managedBy field': validJob({ managedBy: 'example.com/foo' }),
  };
  for (const [name, job] of Object.entries(cases)) {
    it(name, () => {
      expect(messages(job)).toEqual([]);
    });
  }

  it('do not allow new batch labels (RequirePrefixedLabels false accepts legacy-only labels)', () => {
    const job: Job = {
      metadata: { name: 'myjob', namespace: 'default', uid: '1a2b3c' },
      spec: {
        selector: { matchLabels: { 'controller-uid': '1a2b3c' } },
        template: templateFor({ matchLabels: { 'controller-uid': '1a2b3c', 'job-name': 'myjob' } }),
      },
    };
    expect(messages(job, { ...CREATE, requirePrefixedLabels: false })).toEqual([]);
  });
});

// mirrors TestValidateJob errorCases in pkg/apis/batch/validation/validation_test.go. Upstream
// keys print composite values with Go's %#v; v1.34 prints them as JSON (kubernetes#132314).
describe('validateJob: error cases (TestValidateJob)', () => {
  const cases: Array<[string, Job, JobValidationOptions?]> = [
    [
      'spec.managedBy: Too long: may not be more than 63 bytes',
      validJob({ managedBy: `example.com/${'x'.repeat(60)}` }),
    ],
    [
      'spec.managedBy: Invalid value: "invalid custom controller name": must be a domain-prefixed path (such as "acme.io/foo")',
      validJob({ managedBy: 'invalid custom controller name' }),
    ],
    [
      'spec.successPolicy: Invalid value: {"Rules":[]}: requires indexed completion mode',
      validJobNever({ successPolicy: { rules: [] } }),
    ],
    [
      'spec.successPolicy.rules: Required value: at least one rules must be specified when the successPolicy is specified',
      validJobNever({
        completionMode: 'Indexed',
        completions: 5,
        successPolicy: {} as JobSpec['successPolicy'] & object,
      }),
    ],
    [
      'spec.successPolicy.rules[0]: Required value: at least one of succeededCount or succeededIndexes must be specified',
      validJobNever({ completionMode: 'Indexed', completions: 5, successPolicy: { rules: [{}] } }),
    ],
    [
      'spec.successPolicy.rules[0].succeededIndexes: Invalid value: "invalid-format": error parsing succeededIndexes: cannot convert string to integer for index: "invalid"',
      validJobNever({
        completionMode: 'Indexed',
        completions: 5,
        successPolicy: { rules: [{ succeededIndexes: 'invalid-format' }] },
      }),
    ],
    [
      'spec.successPolicy.rules[0].succeededIndexes: Too long: may not be more than 65536 bytes',
      validJobNever({
        completionMode: 'Indexed',
        completions: 5,
        successPolicy: { rules: [{ succeededIndexes: '1'.repeat(65537) }] },
      }),
    ],
    [
      'spec.successPolicy.rules[0].succeededCount: Invalid value: -1: must be greater than or equal to 0',
      validJobNever({
        completionMode: 'Indexed',
        completions: 5,
        successPolicy: { rules: [{ succeededCount: -1 }] },
      }),
    ],
    [
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 6: must be less than or equal to 5 (the number of specified completions)',
      validJobNever({
        completionMode: 'Indexed',
        completions: 5,
        successPolicy: { rules: [{ succeededCount: 6 }] },
      }),
    ],
    [
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 4: must be less than or equal to 3 (the number of indexes in the specified succeededIndexes field)',
      validJobNever({
        completionMode: 'Indexed',
        completions: 5,
        successPolicy: { rules: [{ succeededCount: 4, succeededIndexes: '0-2' }] },
      }),
    ],
    [
      'spec.successPolicy.rules: Too many: 21: must have at most 20 items',
      validJobNever({
        completionMode: 'Indexed',
        completions: 5,
        successPolicy: { rules: Array.from({ length: 21 }, () => ({ succeededCount: 5 })) },
      }),
    ],
    [
      'spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
      validJobNever({ podFailurePolicy: pfp([{ action: 'FailJob' }]) }),
    ],
    [
      'spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Duplicate value: 11',
      validJobNever({
        podFailurePolicy: pfp([{ action: 'FailJob', onExitCodes: { operator: 'In', values: [11, 11] } }]),
      }),
    ],
    [
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Too many: 256: must have at most 255 items',
      validJobNever({
        podFailurePolicy: pfp([
          {
            action: 'FailJob',
            onExitCodes: { operator: 'In', values: Array.from({ length: 256 }, (_, i) => i) },
          },
        ]),
      }),
    ],
    [
      'spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items',
      validJobNever({
        podFailurePolicy: pfp(
          Array.from({ length: 21 }, (_, i) => ({
            action: 'FailJob',
            onExitCodes: { operator: 'In', values: [i + 1] },
          })),
        ),
      }),
    ],
    [
      'spec.podFailurePolicy.rules[0].onPodConditions: Too many: 21: must have at most 20 items',
      validJobNever({
        podFailurePolicy: pfp([
          {
            action: 'FailJob',
            onPodConditions: Array.from({ length: 21 }, (_, i) => ({
              type: `CustomType_${i}`,
              status: 'True',
            })),
          },
        ]),
      }),
    ],
    [
      'spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 13',
      validJobNever({
        podFailurePolicy: pfp([
          { action: 'FailJob', onExitCodes: { operator: 'In', values: [12, 13, 13, 13] } },
        ]),
      }),
    ],
    [
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [19,11]: must be ordered',
      validJobNever({
        podFailurePolicy: pfp([{ action: 'FailJob', onExitCodes: { operator: 'In', values: [19, 11] } }]),
      }),
    ],
    [
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []: at least one value is required',
      validJobNever({
        podFailurePolicy: pfp([{ action: 'FailJob', onExitCodes: { operator: 'In', values: [] } }]),
      }),
    ],
    [
      'spec.podFailurePolicy.rules[0].action: Required value: valid values: ["Count" "FailIndex" "FailJob" "Ignore"]',
      validJobNever({
        podFailurePolicy: pfp([{ action: '', onExitCodes: { operator: 'In', values: [1, 2, 3] } }]),
      }),
    ],
    [
      'spec.podFailurePolicy.rules[0].onExitCodes.operator: Required value: valid values: ["In" "NotIn"]',
      validJobNever({
        podFailurePolicy: pfp([{ action: 'FailJob', onExitCodes: { operator: '', values: [1, 2, 3] } }]),
      }),
    ],
    [
      'spec.podFailurePolicy.rules[0]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported',
      validJobNever({
        podFailurePolicy: pfp([
          {
            action: 'FailJob',
            onExitCodes: { containerName: 'abc', operator: 'In', values: [1, 2, 3] },
            onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }],
          },
        ]),
      }),
    ],
    [
      'spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 0: must not be 0 for the In operator',
      validJobNever({
        podFailurePolicy: pfp([{ action: 'Ignore', onExitCodes: { operator: 'In', values: [1, 0, 2] } }]),
      }),
    ],
    [
      'spec.podFailurePolicy.rules[1].onExitCodes.containerName: Invalid value: "xyz": must be one of the container or initContainer names in the pod template',
      validJobNever({
        podFailurePolicy: pfp([
          { action: 'Ignore', onExitCodes: { containerName: 'abc', operator: 'In', values: [1, 2, 3] } },
          { action: 'FailJob', onExitCodes: { containerName: 'xyz', operator: 'In', values: [5, 6, 7] } },
        ]),
      }),
    ],
    [
      'spec.podFailurePolicy.rules[0].action: Unsupported value: "UnknownAction": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
      validJobNever({
        podFailurePolicy: pfp([
          {
            action: 'UnknownAction',
            onExitCodes: { containerName: 'abc', operator: 'In', values: [1, 2, 3] },
          },
        ]),
      }),
    ],
    [
      'spec.podFailurePolicy.rules[0].onExitCodes.operator: Unsupported value: "UnknownOperator": supported values: "In", "NotIn"',
      validJobNever({
        podFailurePolicy: pfp([
          { action: 'Ignore', onExitCodes: { operator: 'UnknownOperator', values: [1, 2, 3] } },
        ]),
      }),
    ],
    [
      'spec.podFailurePolicy.rules[0].onPodConditions[0].status: Required value: valid values: ["False" "True" "Unknown"]',
      validJobNever({
        podFailurePolicy: pfp([
          {
            action: 'Ignore',
            onPodConditions: [{ type: 'DisruptionTarget' } as { type: string; status: string }],
          },
        ]),
      }),
    ],
    [
      'spec.podFailurePolicy.rules[0].onPodConditions[0].status: Unsupported value: "UnknownStatus": supported values: "False", "True", "Unknown"',
      validJobNever({
        podFailurePolicy: pfp([
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'UnknownStatus' }] },
        ]),
      }),
    ],
    [
      'spec.podFailurePolicy.rules[0].onPodConditions[0].type: Invalid value: "": name part must be non-empty',
      validJobNever({
        podFailurePolicy: pfp([{ action: 'Ignore', onPodConditions: [{ type: '', status: 'True' }] }]),
      }),
    ],
    [
      "spec.podFailurePolicy.rules[0].onPodConditions[0].type: Invalid value: \"Invalid Condition Type\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      validJobNever({
        podFailurePolicy: pfp([
          { action: 'Ignore', onPodConditions: [{ type: 'Invalid Condition Type', status: 'True' }] },
        ]),
      }),
    ],
    [
      'spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"',
      validJobNever({
        podReplacementPolicy: 'TerminatingOrFailed',
        podFailurePolicy: pfp([
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
        ]),
      }),
    ],
    [
      'spec.podReplacementPolicy: Unsupported value: "": supported values: "Failed", "TerminatingOrFailed"',
      validJobNever({ podReplacementPolicy: '' }),
    ],
    [
      'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
      validJob({ podFailurePolicy: pfp([]) }),
    ],
    [
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
      validJob({ parallelism: -1 }),
    ],
    [
      'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
      validJob({ backoffLimit: -1 }),
    ],
    [
      'spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode',
      validJob({ backoffLimitPerIndex: 1 }),
    ],
    [
      'spec.backoffLimitPerIndex: Invalid value: -1: must be greater than or equal to 0',
      validJob({ backoffLimitPerIndex: -1, completionMode: 'Indexed' }),
    ],
    [
      'spec.maxFailedIndexes: Invalid value: 11: must be less than or equal to completions',
      validJob({ completions: 10, maxFailedIndexes: 11, backoffLimitPerIndex: 1, completionMode: 'Indexed' }),
    ],
    [
      'spec.maxFailedIndexes: Required value: must be specified when completions is above 100000',
      validJob({ completions: 100_001, backoffLimitPerIndex: 1, completionMode: 'Indexed' }),
    ],
    [
      'spec.parallelism: Invalid value: 50000: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index',
      validJob({
        completions: 100_001,
        parallelism: 50_000,
        backoffLimitPerIndex: 1,
        maxFailedIndexes: 1,
        completionMode: 'Indexed',
      }),
    ],
    [
      'spec.maxFailedIndexes: Invalid value: 100001: must be less than or equal to 100000',
      validJob({
        completions: 100_001,
        backoffLimitPerIndex: 1,
        maxFailedIndexes: 100_001,
        completionMode: 'Indexed',
      }),
    ],
    [
      'spec.maxFailedIndexes: Invalid value: 50000: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index',
      validJob({
        completions: 100_001,
        backoffLimitPerIndex: 1,
        maxFailedIndexes: 50_000,
        completionMode: 'Indexed',
      }),
    ],
    [
      'spec.maxFailedIndexes: Invalid value: -1: must be greater than or equal to 0',
      validJob({ backoffLimitPerIndex: 1, maxFailedIndexes: -1, completionMode: 'Indexed' }),
    ],
    [
      'spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified',
      validJob({ maxFailedIndexes: 1, completionMode: 'Indexed' }),
    ],
    [
      'spec.completions: Invalid value: -1: must be greater than or equal to 0',
      validJob({ completions: -1 }),
    ],
    [
      'spec.activeDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0',
      validJob({ activeDeadlineSeconds: -1 }),
    ],
    [
      'spec.selector: Required value',
      {
        metadata: { name: 'myjob', namespace: 'default', uid: '1a2b3c' },
        spec: { template: templateFor(validGeneratedSelector()) },
      },
    ],
    [
      'spec.template.metadata.labels: Invalid value: {"y":"z"}: `selector` does not match template `labels`',
      {
        metadata: { name: 'myjob', namespace: 'default', uid: '1a2b3c' },
        spec: {
          selector: validManualSelector(),
          manualSelector: true,
          template: templateFor({ matchLabels: { y: 'z' } }, 'OnFailure', false),
        },
      },
    ],
    [
      'spec.template.metadata.labels: Invalid value: {"controller-uid":"4d5e6f"}: `selector` does not match template `labels`',
      {
        metadata: { name: 'myjob', namespace: 'default', uid: '1a2b3c' },
        spec: {
          selector: validManualSelector(),
          manualSelector: true,
          template: templateFor({ matchLabels: { 'controller-uid': '4d5e6f' } }, 'OnFailure', false),
        },
      },
    ],
    [
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
      {
        metadata: { name: 'myjob', namespace: 'default', uid: '1a2b3c' },
        spec: {
          selector: validManualSelector(),
          manualSelector: true,
          template: templateFor(validManualSelector(), 'Always', false),
        },
      },
    ],
    [
      'spec.template.spec.restartPolicy: Unsupported value: "Invalid": supported values: "Always", "OnFailure", "Never"',
      {
        metadata: { name: 'myjob', namespace: 'default', uid: '1a2b3c' },
        spec: {
          selector: validManualSelector(),
          manualSelector: true,
          template: templateFor(validManualSelector(), 'Invalid', false),
        },
      },
    ],
    [
      'spec.ttlSecondsAfterFinished: Invalid value: -1: must be greater than or equal to 0',
      validJob({ ttlSecondsAfterFinished: -1 }),
    ],
    [
      'spec.completions: Required value: when completion mode is Indexed',
      validJob({ completionMode: 'Indexed' }),
    ],
    [
      'spec.parallelism: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed',
      validJob({ completionMode: 'Indexed', completions: 2, parallelism: 100001 }),
    ],
    [
      "spec.template.metadata.labels[controller-uid]: Required value: must be '1a2b3c'",
      {
        metadata: { name: 'myjob', namespace: 'default', uid: '1a2b3c' },
        spec: {
          selector: { matchLabels: { 'controller-uid': '1a2b3c' } },
          template: templateFor({ matchLabels: { 'job-name': 'myjob' } }),
        },
      },
      { ...CREATE, requirePrefixedLabels: false },
    ],
    [
      'metadata.uid: Required value',
      {
        metadata: { name: 'myjob', namespace: 'default' },
        spec: {
          selector: { matchLabels: { 'controller-uid': 'test' } },
          template: templateFor({ matchLabels: { 'job-name': 'myjob' } }),
        },
      },
      { ...CREATE, requirePrefixedLabels: false },
    ],
    [
      'spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` not auto-generated',
      {
        metadata: { name: 'myjob', namespace: 'default', uid: '1a2b3c' },
        spec: { selector: { matchLabels: { a: 'b' } }, template: templateFor(validGeneratedSelector()) },
      },
    ],
    [
      "spec.template.metadata.labels[batch.kubernetes.io/controller-uid]: Required value: must be '1a2b3c'",
      {
        metadata: { name: 'myjob', namespace: 'default', uid: '1a2b3c' },
        spec: {
          selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': '1a2b3c' } },
          template: templateFor({
            matchLabels: {
              'batch.kubernetes.io/job-name': 'myjob',
              'controller-uid': '1a2b3c',
              'job-name': 'myjob',
            },
          }),
        },
      },
    ],
  ];
  for (const [want, job, opts] of cases) {
    it(want.slice(0, 120), () => {
      expect(messages(job, opts)[0]).toBe(want);
    });
  }

  it('a nil selector also fails the template-labels match (ValidateJobSpec)', () => {
    const job: Job = {
      metadata: { name: 'myjob', namespace: 'default', uid: '1a2b3c' },
      spec: { template: templateFor(validGeneratedSelector()) },
    };
    expect(messages(job)).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: {"batch.kubernetes.io/controller-uid":"1a2b3c","batch.kubernetes.io/job-name":"myjob","controller-uid":"1a2b3c","job-name":"myjob"}: `selector` does not match template `labels`',
    ]);
  });

  it('an invalid selector operator skips the match check (LabelSelectorAsSelector fails)', () => {
    const job = validJob({
      selector: { ...validGeneratedSelector(), matchExpressions: [{ key: 'a', operator: 'Bad' }] },
      manualSelector: true,
    });
    expect(messages(job)).toEqual([
      'spec.selector.matchExpressions[0].operator: Invalid value: "Bad": not a valid selector operator',
    ]);
  });

  it('reports the hostname DNS label rule of Indexed Jobs (ValidateJob)', () => {
    const name = 'a'.repeat(62);
    const job = validJob({ completionMode: 'Indexed', completions: 10 });
    expect(
      messages({ ...job, metadata: { ...job.metadata, name } }, { ...CREATE, requirePrefixedLabels: false }),
    ).toContain(
      `metadata.name: Invalid value: "${name}": will not able to create pod with invalid DNS label: ${name}-9`,
    );
  });

  it('several errors, in upstream order', () => {
    const job = validJob({ parallelism: -1, completions: -2, activeDeadlineSeconds: -3, backoffLimit: -4 });
    expect(messages(job)).toEqual([
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
      'spec.completions: Invalid value: -2: must be greater than or equal to 0',
      'spec.activeDeadlineSeconds: Invalid value: -3: must be greater than or equal to 0',
      'spec.backoffLimit: Invalid value: -4: must be greater than or equal to 0',
    ]);
  });

  it('FailIndex requires backoffLimitPerIndex (validatePodFailurePolicyRule)', () => {
    const job = validJobNever({
      podFailurePolicy: pfp([{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }]),
    });
    expect(messages(job)).toEqual([
      'spec.podFailurePolicy.rules[0].action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set',
    ]);
  });

  it('maxFailedIndexes without Indexed mode (validateJobSpec)', () => {
    expect(
      messages(validJob({ maxFailedIndexes: 1, backoffLimitPerIndex: 1, completionMode: 'NonIndexed' })),
    ).toEqual([
      'spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode',
      'spec.maxFailedIndexes: Invalid value: 1: requires indexed completion mode',
    ]);
  });

  it('an unknown completion mode (validateJobSpec)', () => {
    expect(messages(validJob({ completionMode: 'Foo' }))).toEqual([
      'spec.completionMode: Unsupported value: "Foo": supported values: "NonIndexed", "Indexed"',
    ]);
  });

  it('an unknown template restartPolicy is reported by the pod and by the Job (ValidatePodSpec + validateJobSpec)', () => {
    const job = validJob({}, 'Sometimes');
    expect(messages(job)).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"',
    ]);
  });

  it('managedBy host and path parts (IsDomainPrefixedPath)', () => {
    expect(messages(validJob({ managedBy: 'Acme.io/x y' }))).toEqual([
      "spec.managedBy: Invalid value: \"Acme.io\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      "spec.managedBy: Invalid value: \"x y\": Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')",
    ]);
  });
});

// mirrors the create path of pkg/registry/batch/job/strategy.go (defaulting, PrepareForCreate, Validate)
describe('validateJobCreate after defaulting (jobStrategy.Validate)', () => {
  const pi = (extra: Partial<JobSpec> = {}, restartPolicy?: string): Job => ({
    metadata: { name: 'pi', namespace: 'default' },
    spec: {
      ...extra,
      template: {
        spec: {
          ...(restartPolicy === undefined ? {} : { restartPolicy }),
          containers: [
            {
              name: 'pi',
              image: 'perl:5.34.0',
              command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'],
            },
          ],
        },
      },
    },
  });

  it('the docs pi Job is valid', () => {
    expect(createErrors(pi({ backoffLimit: 4 }, 'Never'))).toEqual([]);
  });

  it('an unset restartPolicy defaults to Always and is rejected', () => {
    const errs = validateJobCreate(prepareJobForCreate(defaultJob(pi()), 'u'));
    expect(new InvalidObjectError('Job', 'batch', 'pi', errs).message).toBe(
      'The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
  });

  it('a 64-character name fails as a label value of the generated job-name labels', () => {
    const name = 'a'.repeat(64);
    const job = pi({}, 'Never');
    const errs = validateJobCreate(
      prepareJobForCreate(defaultJob({ ...job, metadata: { name, namespace: 'default' } }), 'u'),
    );
    expect(errs.map(formatFieldError)).toEqual([
      `spec.template.labels: Invalid value: "${name}": must be no more than 63 bytes`,
      `spec.template.labels: Invalid value: "${name}": must be no more than 63 bytes`,
    ]);
    const e = new InvalidObjectError('Job', 'batch', name, errs);
    expect(e.message).toBe(
      `The Job "${name}" is invalid: spec.template.labels: Invalid value: "${name}": must be no more than 63 bytes`,
    );
    expect(e.apiMessage).toBe(
      `Job.batch "${name}" is invalid: spec.template.labels: Invalid value: "${name}": must be no more than 63 bytes`,
    );
  });

  it('with template labels and no Job labels, the shared labels also fail on metadata.labels', () => {
    const name = 'b'.repeat(64);
    const job: Job = {
      metadata: { name, namespace: 'default' },
      spec: {
        template: {
          metadata: { labels: { app: 'x' } },
          spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] },
        },
      },
    };
    const msgs = createErrors(job);
    expect(msgs[0]).toBe(`metadata.labels: Invalid value: "${name}": must be no more than 63 bytes`);
    expect(msgs).toContain(`spec.template.labels: Invalid value: "${name}": must be no more than 63 bytes`);
  });

  it('a name that is not a DNS subdomain', () => {
    const msgs = createErrors({ ...pi({}, 'Never'), metadata: { name: 'Pi', namespace: 'default' } });
    expect(msgs[0]).toBe(
      "metadata.name: Invalid value: \"Pi\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  });

  it('kubectl lists several causes one per line', () => {
    const errs = validateJobCreate(
      prepareJobForCreate(defaultJob(pi({ parallelism: -1, completionMode: 'Foo' }, 'Never')), 'u'),
    );
    const e = new InvalidObjectError('Job', 'batch', 'pi', errs);
    expect(e.message).toBe(
      'The Job "pi" is invalid: \n* spec.parallelism: Invalid value: -1: must be greater than or equal to 0\n* spec.completionMode: Unsupported value: "Foo": supported values: "NonIndexed", "Indexed"',
    );
    expect(e.apiMessage).toBe(
      'Job.batch "pi" is invalid: [spec.parallelism: Invalid value: -1: must be greater than or equal to 0, spec.completionMode: Unsupported value: "Foo": supported values: "NonIndexed", "Indexed"]',
    );
  });

  it('a user selector without manualSelector is rejected as not auto-generated', () => {
    const job = pi({ selector: { matchLabels: { app: 'pi' } } }, 'Never');
    expect(createErrors(job)).toContain(
      'spec.selector: Invalid value: {"matchLabels":{"app":"pi","batch.kubernetes.io/controller-uid":"uid-1"}}: `selector` not auto-generated',
    );
  });

  it('manualSelector true without a selector', () => {
    expect(createErrors(pi({ manualSelector: true }, 'Never'))[0]).toBe('spec.selector: Required value');
  });
});

// mirrors TestValidateJobUpdate in pkg/apis/batch/validation/validation_test.go
describe('validateJobUpdateWithOptions (TestValidateJobUpdate)', () => {
  const oldJob = (spec: Partial<JobSpec> = {}, restartPolicy = 'OnFailure'): Job => ({
    metadata: { name: 'abc', namespace: 'default', resourceVersion: '1' },
    spec: {
      selector: validGeneratedSelector(),
      template: templateFor(validGeneratedSelector(), restartPolicy),
      ...spec,
    },
  });
  const none: JobValidationOptions = {
    requirePrefixedLabels: false,
    allowMutableSchedulingDirectives: false,
    allowElasticIndexedJobs: false,
    allowInvalidLabelValueInSelector: false,
  };
  const elastic = { ...none, allowElasticIndexedJobs: true };
  const mutable = { ...none, allowMutableSchedulingDirectives: true };
  const nodeAffinity = (values: string[]) => ({
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'In', values }] }],
      },
    },
  });
  const pfpIgnore = pfp([
    { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
  ]);
  type Case = [string, Job, (j: Job) => void, JobValidationOptions, string | undefined];
  const cases: Case[] = [
    [
      'mutable fields',
      oldJob({ parallelism: 5, activeDeadlineSeconds: 2, ttlSecondsAfterFinished: 1 }),
      (j) => {
        Object.assign(j.spec!, {
          parallelism: 2,
          activeDeadlineSeconds: 3,
          ttlSecondsAfterFinished: 2,
          manualSelector: true,
        });
      },
      none,
      undefined,
    ],
    [
      'invalid attempt to set managedBy field',
      oldJob(),
      (j) => void (j.spec!.managedBy = 'example.com/custom-controller'),
      none,
      'spec.managedBy',
    ],
    [
      'invalid update of the managedBy field',
      oldJob({ managedBy: 'example.com/custom-controller1' }),
      (j) => void (j.spec!.managedBy = 'example.com/custom-controller2'),
      none,
      'spec.managedBy',
    ],
    [
      'immutable completions for non-indexed jobs',
      oldJob(),
      (j) => void (j.spec!.completions = 1),
      none,
      'spec.completions',
    ],
    [
      'immutable selector',
      {
        metadata: { name: 'abc', namespace: 'default' },
        spec: {
          selector: validGeneratedSelector(),
          template: templateFor({ matchLabels: { ...validGeneratedSelector().matchLabels, foo: 'bar' } }),
        },
      },
      (j) =>
        void (j.spec!.selector = { matchLabels: { ...validGeneratedSelector().matchLabels, foo: 'bar' } }),
      none,
      'spec.selector',
    ],
    [
      'add success policy',
      oldJob({ completionMode: 'Indexed', completions: 5 }, 'Never'),
      (j) => void (j.spec!.successPolicy = { rules: [{ succeededCount: 2 }] }),
      none,
      'spec.successPolicy',
    ],
    [
      'remove success policy',
      oldJob(
        {
          completionMode: 'Indexed',
          completions: 5,
          successPolicy: { rules: [{ succeededIndexes: '1-3' }] },
        },
        'Never',
      ),
      (j) => void delete j.spec!.successPolicy,
      none,
      'spec.successPolicy',
    ],
    [
      'add pod failure policy',
      oldJob({}, 'Never'),
      (j) => void (j.spec!.podFailurePolicy = pfpIgnore),
      none,
      'spec.podFailurePolicy',
    ],
    [
      'update pod failure policy',
      oldJob({ podFailurePolicy: pfpIgnore }, 'Never'),
      (j) =>
        void j.spec!.podFailurePolicy!.rules.push({
          action: 'Count',
          onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }],
        }),
      none,
      'spec.podFailurePolicy',
    ],
    [
      'set backoff limit per index',
      oldJob({ completions: 3, completionMode: 'Indexed' }, 'Never'),
      (j) => void (j.spec!.backoffLimitPerIndex = 1),
      none,
      'spec.backoffLimitPerIndex',
    ],
    [
      'update backoff limit per index',
      oldJob({ completions: 3, completionMode: 'Indexed', backoffLimitPerIndex: 1 }, 'Never'),
      (j) => void (j.spec!.backoffLimitPerIndex = 2),
      none,
      'spec.backoffLimitPerIndex',
    ],
    [
      'set max failed indexes',
      oldJob({ completions: 3, completionMode: 'Indexed', backoffLimitPerIndex: 1 }, 'Never'),
      (j) => void (j.spec!.maxFailedIndexes = 1),
      none,
      undefined,
    ],
    [
      'immutable pod template',
      oldJob({ completions: 3, completionMode: 'Indexed' }),
      (j) => void (j.spec!.template.spec!.dnsPolicy = 'ClusterFirstWithHostNet'),
      none,
      'spec.template',
    ],
    [
      'immutable completion mode',
      oldJob({ completionMode: 'Indexed', completions: 2 }),
      (j) => void (j.spec!.completionMode = 'NonIndexed'),
      none,
      'spec.completionMode',
    ],
    [
      'immutable completions for non-indexed job when AllowElasticIndexedJobs is true',
      oldJob({ completionMode: 'NonIndexed', completions: 2 }),
      (j) => void (j.spec!.completions = 4),
      elastic,
      'spec.completions',
    ],
    [
      'immutable node affinity',
      oldJob(),
      (j) => void (j.spec!.template.spec!.affinity = nodeAffinity(['bar', 'value2'])),
      none,
      'spec.template',
    ],
    [
      'add node affinity',
      oldJob(),
      (j) => void (j.spec!.template.spec!.affinity = nodeAffinity(['bar', 'value2'])),
      mutable,
      undefined,
    ],
    [
      'update node affinity',
      (() => {
        const o = oldJob();
        o.spec!.template.spec!.affinity = nodeAffinity(['bar', 'value']);
        return o;
      })(),
      (j) => void (j.spec!.template.spec!.affinity = nodeAffinity(['bar', 'value2'])),
      mutable,
      undefined,
    ],
    [
      'remove affinity',
      (() => {
        const o = oldJob();
        o.spec!.template.spec!.affinity = nodeAffinity(['bar', 'value']);
        return o;
      })(),
      (j) => void delete j.spec!.template.spec!.affinity,
      mutable,
      undefined,
    ],
    [
      'immutable tolerations',
      oldJob(),
      (j) =>
        void (j.spec!.template.spec!.tolerations = [
          { key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' },
        ]),
      none,
      'spec.template',
    ],
    [
      'mutable tolerations',
      oldJob(),
      (j) =>
        void (j.spec!.template.spec!.tolerations = [
          { key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' },
        ]),
      mutable,
      undefined,
    ],
    [
      'immutable node selector',
      oldJob(),
      (j) => void (j.spec!.template.spec!.nodeSelector = { foo: 'bar' }),
      none,
      'spec.template',
    ],
    [
      'mutable node selector',
      oldJob(),
      (j) => void (j.spec!.template.spec!.nodeSelector = { foo: 'bar' }),
      mutable,
      undefined,
    ],
    [
      'immutable annotations',
      oldJob(),
      (j) => void (j.spec!.template.metadata!.annotations = { foo: 'baz' }),
      none,
      'spec.template',
    ],
    [
      'mutable annotations',
      oldJob(),
      (j) => void (j.spec!.template.metadata!.annotations = { foo: 'baz' }),
      mutable,
      undefined,
    ],
    [
      'immutable labels',
      oldJob(),
      (j) =>
        void (j.spec!.template.metadata!.labels = { ...validGeneratedSelector().matchLabels, bar: 'baz' }),
      none,
      'spec.template',
    ],
    [
      'mutable labels',
      oldJob(),
      (j) =>
        void (j.spec!.template.metadata!.labels = { ...validGeneratedSelector().matchLabels, bar: 'baz' }),
      mutable,
      undefined,
    ],
    [
      'immutable schedulingGates',
      oldJob(),
      (j) => void (j.spec!.template.spec!.schedulingGates = [{ name: 'gate' }]),
      none,
      'spec.template',
    ],
    [
      'mutable schedulingGates',
      oldJob(),
      (j) => void (j.spec!.template.spec!.schedulingGates = [{ name: 'gate' }]),
      mutable,
      undefined,
    ],
    [
      'update completions and parallelism to same value is valid',
      oldJob({ completions: 1, parallelism: 1, completionMode: 'Indexed' }),
      (j) => void Object.assign(j.spec!, { completions: 2, parallelism: 2 }),
      elastic,
      undefined,
    ],
    [
      'previous parallelism != previous completions, new parallelism == new completions',
      oldJob({ completions: 1, parallelism: 2, completionMode: 'Indexed' }),
      (j) => void Object.assign(j.spec!, { completions: 3, parallelism: 3 }),
      elastic,
      undefined,
    ],
    [
      'indexed job updating completions and parallelism to different values is invalid',
      oldJob({ completions: 1, parallelism: 1, completionMode: 'Indexed' }),
      (j) => void Object.assign(j.spec!, { completions: 2, parallelism: 3 }),
      elastic,
      'spec.completions: Invalid value: 2: can only be modified in tandem with spec.parallelism',
    ],
    [
      'indexed job with completions set updated to nil does not panic',
      oldJob({ completions: 1, parallelism: 1, completionMode: 'Indexed' }),
      (j) => {
        delete j.spec!.completions;
        j.spec!.parallelism = 3;
      },
      elastic,
      'spec.completions: Required value: when completion mode is Indexed',
    ],
    [
      'indexed job with completions unchanged, parallelism increased higher than completions',
      oldJob({ completions: 2, parallelism: 2, completionMode: 'Indexed' }),
      (j) => void (j.spec!.parallelism = 3),
      elastic,
      undefined,
    ],
  ];
  for (const [name, old, update, opts, want] of cases) {
    it(name, () => {
      const next = structuredClone(old);
      update(next);
      const errs = validateJobUpdateWithOptions(next, old, opts);
      if (want === undefined) {
        expect(errs.map(formatFieldError)).toEqual([]);
      } else if (want.includes(':')) {
        expect(errs.map(formatFieldError)).toEqual([want]);
      } else {
        expect(errs.map((e) => `${e.field} ${e.type}`)).toEqual([`${want} FieldValueInvalid`]);
        expect(errs[0]?.detail).toBe('field is immutable');
      }
    });
  }

  it('immutable completion mode prints the new value', () => {
    const old = oldJob({ completionMode: 'Indexed', completions: 2 });
    const next = structuredClone(old);
    next.spec!.completionMode = 'NonIndexed';
    expect(validateJobUpdateWithOptions(next, old, none).map(formatFieldError)).toEqual([
      'spec.completionMode: Invalid value: "NonIndexed": field is immutable',
    ]);
  });

  it('setting managedBy on update prints the new value', () => {
    const old = oldJob();
    const next = structuredClone(old);
    next.spec!.managedBy = 'example.com/x';
    expect(validateJobUpdateWithOptions(next, old, none).map(formatFieldError)).toEqual([
      'spec.managedBy: Invalid value: "example.com/x": field is immutable',
    ]);
  });
});

// mirrors jobStrategy.ValidateUpdate + validationOptionsForJob in pkg/registry/batch/job/strategy.go
describe('validateJobUpdate (strategy)', () => {
  const stored = (): Job =>
    prepareJobForCreate(
      defaultJob({
        metadata: { name: 'pi', namespace: 'default' },
        spec: {
          suspend: true,
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } },
        },
      }),
      'uid-9',
    );

  it('a stored Job updated without changes is valid', () => {
    const old = stored();
    expect(validateJobCreate(old)).toEqual([]);
    expect(validateJobUpdate(structuredClone(old), old)).toEqual([]);
  });

  it('options: suspended and never started allows scheduling directives', () => {
    const old = stored();
    expect(jobValidationOptions(old, old)).toEqual({
      requirePrefixedLabels: true,
      allowMutableSchedulingDirectives: true,
      allowElasticIndexedJobs: true,
      allowInvalidLabelValueInSelector: false,
    });
    const next = structuredClone(old);
    next.spec!.template.spec!.nodeSelector = { disk: 'ssd' };
    expect(validateJobUpdate(next, old)).toEqual([]);
  });

  it('once started, the template is immutable', () => {
    const old: Job = { ...stored(), status: { startTime: '2024-01-01T00:00:00Z' } };
    const next = structuredClone(old);
    next.spec!.template.spec!.nodeSelector = { disk: 'ssd' };
    const errs = validateJobUpdate(next, old);
    expect(errs.map((e) => `${e.field}: ${e.detail}`)).toEqual(['spec.template: field is immutable']);
  });

  it('an invalid spec change is reported twice as causes and once in the messages', () => {
    const old = stored();
    const next = structuredClone(old);
    next.spec!.parallelism = -1;
    const errs = validateJobUpdate(next, old);
    expect(errs.map(formatFieldError)).toEqual([
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
    ]);
    expect(new InvalidObjectError('Job', 'batch', 'pi', errs).message).toBe(
      'The Job "pi" is invalid: spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('renaming is rejected', () => {
    const old = stored();
    const next = structuredClone(old);
    next.metadata!.name = 'pi2';
    expect(validateJobUpdate(next, old).map(formatFieldError)[0]).toBe(
      'metadata.name: Invalid value: "pi2": field is immutable',
    );
  });
});

// mirrors jobStrategy.WarningsOnCreate / WarningsOnUpdate and pkg/api/job/warnings.go
describe('jobWarnings', () => {
  it('warns about a name that is not a DNS label', () => {
    expect(jobWarnings({ metadata: { name: 'pi.v2' }, spec: { template: {} } })).toEqual([
      'metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]',
    ]);
  });

  it('warns about big Indexed Jobs', () => {
    const spec: JobSpec = {
      completionMode: 'Indexed',
      completions: 100_001,
      parallelism: 10_001,
      template: {},
    };
    expect(jobWarnings({ metadata: { name: 'pi' }, spec })).toEqual([
      'spec: In Indexed Jobs with a number of completions higher than 10^5 and a parallelism higher than 10^4, Kubernetes might not be able to track completedIndexes when a big number of indexes fail',
    ]);
  });

  it('warns about a negative grace period in the template', () => {
    const spec: JobSpec = { template: { spec: { containers: [], terminationGracePeriodSeconds: -5 } } };
    expect(jobWarnings({ metadata: { name: 'pi' }, spec })).toEqual([
      'spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
    ]);
  });

  it('update warnings only when the generation changed', () => {
    const spec: JobSpec = { template: { spec: { containers: [], terminationGracePeriodSeconds: -5 } } };
    expect(
      jobUpdateWarnings({ metadata: { generation: 1 }, spec }, { metadata: { generation: 1 }, spec }),
    ).toEqual([]);
    expect(
      jobUpdateWarnings({ metadata: { generation: 2 }, spec }, { metadata: { generation: 1 }, spec }),
    ).toHaveLength(1);
  });
});

// mirrors apiequality.Semantic.DeepEqual (nil and empty collections are equal)
describe('semanticDeepEqual', () => {
  it('treats absent and empty collections alike', () => {
    expect(semanticDeepEqual({ a: [], b: {} }, {})).toBe(true);
    expect(semanticDeepEqual({ a: [1] }, { a: [1] })).toBe(true);
    expect(semanticDeepEqual({ a: [1] }, { a: [2] })).toBe(false);
    expect(semanticDeepEqual({ a: 0 }, {})).toBe(false);
  });
});
