import { describe, expect, it } from 'vitest';
import { formatFieldError, InvalidObjectError } from '../../../src/api/errors.js';
import { admitPod, defaultPod, defaultPodSpec } from '../../../src/api/job-defaults.js';
import {
  checkDecodable,
  isExtendedResourceName,
  podSpecWarnings,
  validateLabelSelector,
  validateNode,
  validatePodCreate,
  validatePodSpec,
  validatePodTemplateSpec,
  validateResourceRequirements,
  validateTaints,
  validateTolerations,
} from '../../../src/api/pod-validation.js';
import type { PodSpec } from '../../../src/api/types.js';
import { Engine } from '../../../src/engine/engine.js';
import { ApiServer } from '../../../src/store/apiserver.js';
import { Store } from '../../../src/store/store.js';

const f = (errs: ReturnType<typeof validatePodSpec>) => errs.map(formatFieldError);
const spec = (s: Partial<PodSpec> = {}): PodSpec =>
  defaultPodSpec({ restartPolicy: 'Never', containers: [{ name: 'abc', image: 'image' }], ...s });
const T = { forJobTemplate: true };

// mirrors TestValidatePodSpec in pkg/apis/core/validation/validation_test.go
describe('validatePodSpec (TestValidatePodSpec)', () => {
  it('a defaulted spec is valid', () => {
    expect(validatePodSpec(spec(), 'spec', T)).toEqual([]);
  });

  it('no containers', () => {
    expect(f(validatePodSpec(spec({ containers: [] }), 'spec.template.spec', T))).toEqual([
      'spec.template.spec.containers: Required value',
    ]);
  });

  it('container name and image required, name a DNS label, unique', () => {
    const s = spec({
      containers: [
        { name: '', image: '' },
        { name: 'Bad_Name', image: 'x' },
        { name: 'dup', image: 'x' },
        { name: 'dup', image: 'x' },
      ],
    });
    expect(f(validatePodSpec(s, 'spec', T))).toEqual([
      'spec.containers[0].name: Required value',
      'spec.containers[0].image: Required value',
      "spec.containers[1].name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      'spec.containers[3].name: Duplicate value: "dup"',
    ]);
  });

  it('terminationMessagePolicy and imagePullPolicy', () => {
    const s = spec();
    s.containers[0] = {
      ...s.containers[0]!,
      terminationMessagePolicy: 'Sometimes',
      imagePullPolicy: 'Maybe',
    };
    expect(f(validatePodSpec(s, 'spec', T))).toEqual([
      'spec.containers[0].terminationMessagePolicy: Unsupported value: "Sometimes": supported values: "File", "FallbackToLogsOnError"',
      'spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never"',
    ]);
  });

  it('regular containers may not set restartPolicy', () => {
    const s = spec();
    s.containers[0] = { ...s.containers[0]!, restartPolicy: 'Always' };
    expect(f(validatePodSpec(s, 'spec', T))).toEqual([
      'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers',
    ]);
  });

  it('init containers: restartPolicy only Always (sidecars), names unique across containers, no probes', () => {
    const s = spec({
      initContainers: [
        {
          name: 'side',
          image: 'x',
          restartPolicy: 'Always',
          readinessProbe: { exec: { command: ['true'] } },
        },
        { name: 'abc', image: 'x' },
        {
          name: 'once',
          image: 'x',
          restartPolicy: 'OnFailure',
          livenessProbe: { exec: { command: ['true'] } },
        },
      ],
    });
    expect(f(validatePodSpec(s, 'spec', T))).toEqual([
      'spec.initContainers[1].name: Duplicate value: "abc"',
      'spec.initContainers[2].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      'spec.initContainers[2].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]);
  });

  it('restartPolicy and dnsPolicy', () => {
    expect(f(validatePodSpec({ ...spec(), restartPolicy: 'Sometimes' }, 'spec', T))).toEqual([
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
    expect(f(validatePodSpec({ ...spec(), dnsPolicy: '' }, 'spec', T))).toEqual([
      'spec.dnsPolicy: Required value',
    ]);
  });

  it('terminationGracePeriodSeconds is required (defaulting sets it)', () => {
    const s = spec();
    delete s.terminationGracePeriodSeconds;
    expect(f(validatePodSpec(s, 'spec', T))).toEqual(['spec.terminationGracePeriodSeconds: Required value']);
  });

  it('activeDeadlineSeconds must be in [1, MaxInt32]', () => {
    expect(f(validatePodSpec(spec({ activeDeadlineSeconds: 0 }), 'spec', T))).toEqual([
      'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
    ]);
    expect(validatePodSpec(spec({ activeDeadlineSeconds: 1 }), 'spec', T)).toEqual([]);
  });

  it('nodeSelector labels, hostname, nodeName, priorityClassName', () => {
    const errs = f(
      validatePodSpec(
        spec({ nodeSelector: { 'a b': 'c' }, hostname: 'a.b', nodeName: 'N', priorityClassName: 'P' }),
        'spec',
        T,
      ),
    );
    expect(errs.map((e) => e.split(':')[0])).toEqual([
      'spec.nodeSelector',
      'spec.nodeName',
      'spec.hostname',
      'spec.priorityClassName',
    ]);
    expect(errs[2]).toBe('spec.hostname: Invalid value: "a.b": must not contain dots');
  });

  it('negative terminationGracePeriodSeconds is only a warning', () => {
    expect(validatePodSpec(spec({ terminationGracePeriodSeconds: -1 }), 'spec', T)).toEqual([]);
    expect(podSpecWarnings(spec({ terminationGracePeriodSeconds: -1 }), '')).toEqual([
      'spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
    ]);
  });

  it('a bare Pod created with a negative grace period gets the warning from the API server', () => {
    const api = new ApiServer(new Store(new Engine(), { startTime: 0 }));
    api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { terminationGracePeriodSeconds: -5, containers: [{ name: 'a', image: 'b' }] },
    });
    expect(api.lastWarnings).toEqual([
      'spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
    ]);
  });

  it('required node affinity', () => {
    const s = spec({
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'zone', operator: 'Gt', values: [] },
                  { key: 'k', operator: 'Near' },
                ],
              },
            ],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }],
        },
      },
    });
    expect(f(validatePodSpec(s, 'spec', T))).toEqual([
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].operator: Invalid value: "Near": not a valid selector operator',
      'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
    ]);
    const empty = spec({
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } },
      },
    });
    expect(f(validatePodSpec(empty, 'spec', T))).toEqual([
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term',
    ]);
  });

  it('scheduling gates are qualified names without duplicates', () => {
    expect(f(validatePodSpec(spec({ schedulingGates: [{ name: 'g' }, { name: 'g' }] }), 'spec', T))).toEqual([
      'spec.schedulingGates[1]: Duplicate value: "g"',
    ]);
  });
});

// mirrors TestValidateTolerations in pkg/apis/core/validation/validation_test.go
describe('validateTolerations (TestValidateTolerations)', () => {
  const one = (t: Parameters<typeof validateTolerations>[0]) =>
    validateTolerations(t, 'field').map(formatFieldError);
  it('valid tolerations', () => {
    expect(one([{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }])).toEqual([]);
    expect(one([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }])).toEqual([]);
    expect(one([{ operator: 'Exists' }])).toEqual([]);
    expect(
      one([
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ]),
    ).toEqual([]);
  });
  it('invalid toleration key', () => {
    expect(
      one([{ key: 'nospecialchars^=@', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }])[0],
    ).toMatch(
      /^field\[0\]\.key: Invalid value: "nospecialchars\^=@": name part must consist of alphanumeric characters/,
    );
  });
  it('invalid toleration operator', () => {
    expect(one([{ key: 'foo', operator: 'In', value: 'bar', effect: 'NoSchedule' }])).toEqual([
      'field[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"',
    ]);
  });
  it("value must be empty when `operator` is 'Exists'", () => {
    expect(one([{ key: 'foo', operator: 'Exists', value: 'bar', effect: 'NoSchedule' }])).toEqual([
      'field[0].operator: Invalid value: "bar": value must be empty when `operator` is \'Exists\'',
    ]);
  });
  it("operator must be 'Exists' when `key` is empty", () => {
    expect(one([{ operator: 'Equal', value: 'bar', effect: 'NoSchedule' }])).toEqual([
      'field[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    ]);
  });
  it("effect must be 'NoExecute' when `TolerationSeconds` is set", () => {
    expect(
      one([
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoSchedule',
          tolerationSeconds: 20,
        },
      ]),
    ).toEqual([
      'field[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
    ]);
  });
  it('unknown effect', () => {
    expect(one([{ key: 'foo', operator: 'Exists', effect: 'NoScheduleNoAdmit' }])).toEqual([
      'field[0].effect: Unsupported value: "NoScheduleNoAdmit": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
  });
  it('invalid value for Equal is reported on the operator path', () => {
    expect(one([{ key: 'foo', operator: 'Equal', value: '-x' }])[0]).toMatch(
      /^field\[0\]\.operator: Invalid value: "-x": a valid label must be/,
    );
  });
});

// mirrors TestValidateResourceRequirements / validateResourceRequirements in pkg/apis/core/validation
describe('validateResourceRequirements', () => {
  const r = (req: Parameters<typeof validateResourceRequirements>[0]) =>
    validateResourceRequirements(req, 'spec.containers[0].resources').map(formatFieldError);
  it('valid', () => {
    expect(
      r({
        requests: { cpu: '500m', memory: '1Gi' },
        limits: { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '1' },
      }),
    ).toEqual([]);
  });
  it('requests above limits', () => {
    expect(r({ requests: { cpu: '2', memory: '2Gi' }, limits: { cpu: '1', memory: '1Gi' } })).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
      'spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi',
    ]);
  });
  it('negative quantities', () => {
    expect(r({ requests: { cpu: '-1' } })).toEqual([
      'spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0',
    ]);
  });
  it('resource names', () => {
    expect(r({ requests: { pods: '1', foo: '1' } })).toEqual([
      'spec.containers[0].resources.requests[pods]: Invalid value: "pods": must be a standard resource for containers',
      'spec.containers[0].resources.requests[foo]: Invalid value: "foo": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests[foo]: Invalid value: "foo": must be a standard resource for containers',
    ]);
  });
  it('extended resources: integers, requests equal to limits, limits required', () => {
    expect(r({ limits: { 'nvidia.com/gpu': '500m' } })).toEqual([
      'spec.containers[0].resources.limits[nvidia.com/gpu]: Invalid value: "500m": must be an integer',
    ]);
    expect(r({ requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '2' } })).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2',
    ]);
    expect(r({ requests: { 'nvidia.com/gpu': '1' } })).toEqual([
      'spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
    ]);
    expect(isExtendedResourceName('nvidia.com/gpu')).toBe(true);
    expect(isExtendedResourceName('kubernetes.io/foo')).toBe(false);
  });
  it('hugepages require cpu or memory', () => {
    expect(r({ limits: { 'hugepages-2Mi': '2Mi' }, requests: { 'hugepages-2Mi': '2Mi' } })).toEqual([
      'spec.containers[0].resources: Forbidden: HugePages require cpu or memory',
    ]);
  });
});

// mirrors the decode failure of a bad quantity (apiserver transformDecodeError + resource.ErrFormatWrong)
describe('checkDecodable', () => {
  it('a bad quantity is a 400, not a validation error', () => {
    const e = checkDecodable('Job', {
      spec: { template: { spec: { containers: [{ name: 'a', resources: { requests: { cpu: 'abc' } } }] } } },
    });
    expect(e?.httpStatus).toBe(400);
    expect(e?.message).toBe(
      'Job in version "v1" cannot be handled as a Job: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    );
    expect(
      checkDecodable('Pod', {
        spec: { containers: [{ name: 'a', resources: { limits: { memory: '1K' } } }] },
      })?.message,
    ).toBe('Pod in version "v1" cannot be handled as a Pod: unable to parse quantity\'s suffix');
    expect(checkDecodable('Node', { status: { capacity: { cpu: '4' } } })).toBeUndefined();
  });
});

// mirrors ValidatePodTemplateSpec
describe('validatePodTemplateSpec', () => {
  it('template labels are reported at <path>.labels', () => {
    const errs = validatePodTemplateSpec(
      { metadata: { labels: { 'job-name': 'x'.repeat(64) } }, spec: spec() },
      'spec.template',
    );
    expect(errs.map(formatFieldError)).toEqual([
      `spec.template.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 bytes`,
    ]);
  });
  it('ephemeral containers are forbidden in templates', () => {
    const errs = validatePodTemplateSpec(
      { spec: { ...spec(), ephemeralContainers: [{ name: 'e', image: 'x' }] } },
      'spec.template',
    );
    expect(errs.map(formatFieldError)).toEqual([
      'spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template',
    ]);
  });
});

// mirrors TestValidatePodCreate (ValidatePodCreate / validatePodMetadataAndSpec)
describe('validatePodCreate', () => {
  it('a defaulted, admitted pod is valid', () => {
    const pod = admitPod(
      defaultPod({
        metadata: { name: 'p', namespace: 'default' },
        spec: { containers: [{ name: 'a', image: 'busybox' }] },
      }),
    );
    expect(validatePodCreate(pod)).toEqual([]);
  });
  it('bare pods default to restartPolicy Always and must have containers', () => {
    const pod = defaultPod({ metadata: { name: 'p', namespace: 'default' }, spec: { containers: [] } });
    expect(pod.spec?.restartPolicy).toBe('Always');
    expect(new InvalidObjectError('Pod', '', 'p', validatePodCreate(pod)).message).toBe(
      'The Pod "p" is invalid: spec.containers: Required value',
    );
  });
  it('image whitespace and nodeName with scheduling gates', () => {
    const pod = defaultPod({
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        nodeName: 'n1',
        schedulingGates: [{ name: 'g' }],
        containers: [{ name: 'a', image: ' busybox' }],
      },
    });
    expect(validatePodCreate(pod).map(formatFieldError)).toEqual([
      'spec.containers[0].image: Invalid value: " busybox": must not have leading or trailing whitespace',
      'spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared',
    ]);
  });
});

// mirrors TestValidateNode / validateNodeTaints in pkg/apis/core/validation (taints sit under metadata.taints)
describe('validateNode', () => {
  it('valid node', () => {
    expect(
      validateNode({
        metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } },
        spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
        status: { capacity: { cpu: '4', memory: '16Gi', pods: '110' }, allocatable: { cpu: '3500m' } },
      }),
    ).toEqual([]);
  });
  it('taint effects, values and duplicates', () => {
    expect(
      validateTaints(
        [
          { key: 'a', effect: 'NoScheduleNoAdmit' },
          { key: 'b', effect: '' },
          { key: 'c', value: '-x', effect: 'NoSchedule' },
          { key: 'd', effect: 'NoExecute' },
          { key: 'd', effect: 'NoExecute' },
        ],
        'metadata.taints',
      ).map(formatFieldError),
    ).toEqual([
      'metadata.taints[0].effect: Unsupported value: "NoScheduleNoAdmit": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'metadata.taints[1].effect: Required value',
      "metadata.taints[2].value: Invalid value: \"-x\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      'metadata.taints[4]: Duplicate value: {"Key":"d","Value":"","Effect":"NoExecute","TimeAdded":null}: taints must be unique by key and effect pair',
    ]);
  });
  it('namespace is forbidden, quantities checked', () => {
    expect(
      validateNode({
        metadata: { name: 'n', namespace: 'x' },
        status: { capacity: { pods: '1.5', cpu: '-1' } },
      }).map(formatFieldError),
    ).toEqual([
      'metadata.namespace: Forbidden: not allowed on this type',
      'status.capacity.pods: Invalid value: "1500m": must be an integer',
      'status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0',
    ]);
  });
});

describe('validateLabelSelector re-export', () => {
  it('is the names.ts validator', () => {
    expect(
      validateLabelSelector({ matchExpressions: [{ key: 'k', operator: 'Exists' }] }, 'spec.selector'),
    ).toEqual([]);
  });
});
