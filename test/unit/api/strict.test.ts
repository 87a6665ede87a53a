import { describe, expect, it } from 'vitest';
import { strictDecodeError, unknownFields, unsimulatedFieldWarnings } from '../../../src/api/strict.js';
import { Simulation } from '../../../src/simulation.js';

const job = (spec: Record<string, unknown>, podSpec: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'j' },
  spec: {
    ...spec,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }], ...podSpec } },
  },
});

describe('strict decoding (kubectl fieldValidation=Strict)', () => {
  it('finds unknown fields at any depth, with upstream paths', () => {
    expect(unknownFields('Job', job({ paralellism: 2 }))).toEqual(['spec.paralellism']);
    expect(
      unknownFields('Job', job({}, { containers: [{ name: 'c', imagee: 'x' }], restartPolicyy: 'Never' })),
    ).toEqual(['spec.template.spec.containers[0].imagee', 'spec.template.spec.restartPolicyy']);
    expect(unknownFields('Job', job({ completions: 1 }))).toEqual([]);
  });

  it('words the refusal as the API server does', () => {
    expect(strictDecodeError('Job', job({ foo: 1 }))?.message).toBe(
      'Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.foo"',
    );
  });

  it('refuses an unknown field through the request path and changes nothing', () => {
    const sim = new Simulation({ nodes: 1 });
    expect(() => sim.apply(job({ paralellism: 2 }) as never)).toThrow(/unknown field "spec.paralellism"/);
    expect(sim.list('Job')).toEqual([]);
  });
});

describe('fields jobsim stores but does not simulate', () => {
  it('are accepted with a warning, never silently ignored', () => {
    const j = job(
      {},
      { containers: [{ name: 'c', image: 'b', livenessProbe: { exec: { command: ['true'] } } }] },
    );
    expect(unsimulatedFieldWarnings('Job', j)).toEqual([
      'jobsim does not simulate spec.template.spec.containers[0].livenessProbe: accepted and stored, but it has no effect in the simulation',
    ]);
    const sim = new Simulation({ nodes: 1 });
    sim.apply(j as never);
    expect(sim.warnings).toEqual([
      'job/j: jobsim does not simulate spec.template.spec.containers[0].livenessProbe: accepted and stored, but it has no effect in the simulation',
    ]);
  });
});

describe('Go JSON decoding errors (apimachinery: a field of the wrong type refuses the body)', () => {
  const err = (body: unknown, kind = 'Job') => strictDecodeError(kind, body)?.message;
  it.each([
    [
      { spec: { parallelism: 'two' } },
      'json: cannot unmarshal string into Go struct field JobSpec.spec.parallelism of type int32',
    ],
    [
      { spec: { parallelism: 1.5 } },
      'json: cannot unmarshal number 1.5 into Go struct field JobSpec.spec.parallelism of type int32',
    ],
    [
      { spec: { template: 5 } },
      'json: cannot unmarshal number into Go struct field JobSpec.spec.template of type v1.PodTemplateSpec',
    ],
    [{ spec: [] }, 'json: cannot unmarshal array into Go struct field Job.spec of type v1.JobSpec'],
    [
      { metadata: { labels: { a: 1 } } },
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ],
    [
      { spec: { template: { spec: { containers: [5] } } } },
      'json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.containers of type v1.Container',
    ],
    [
      { spec: { template: { spec: { containers: [{ image: 7 }] } } } },
      'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string',
    ],
    [
      { spec: { suspend: 'yes' } },
      'json: cannot unmarshal string into Go struct field JobSpec.spec.suspend of type bool',
    ],
  ])('%j', (body, why) => {
    expect(err(body)).toBe(`Job in version "v1" cannot be handled as a Job: ${why}`);
  });

  it('a type error wins over unknown fields, as the decoder fails before strict checks', () => {
    expect(err({ spec: { foo: 1, parallelism: 'x' } })).toContain('cannot unmarshal string');
  });

  it('null means unset', () => {
    expect(err({ spec: { parallelism: null, template: null } })).toBeUndefined();
  });
});

describe('int32 range (encoding/json refuses a number that does not fit)', () => {
  it('names the number that overflows an int32 field', () => {
    expect(strictDecodeError('Job', { spec: { completions: 2147483648, template: {} } })?.message).toBe(
      'Job in version "v1" cannot be handled as a Job: json: cannot unmarshal number 2147483648 into Go struct field JobSpec.spec.completions of type int32',
    );
    expect(strictDecodeError('Job', { spec: { completions: 2147483647, template: {} } })).toBeUndefined();
    expect(strictDecodeError('Job', { spec: { parallelism: -2147483649, template: {} } })?.message).toContain(
      'cannot unmarshal number -2147483649 into Go struct field JobSpec.spec.parallelism of type int32',
    );
  });
});
