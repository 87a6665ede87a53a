/**
 * `null` in a manifest decodes as Go's encoding/json leaves it: a field read as null is unset, a
 * list element or map value read as null is its zero value.
 */
import { describe, expect, it } from 'vitest';
import { strictDecode } from '../../../src/api/strict.js';

describe('strictDecode and null (encoding/json zero values)', () => {
  it('unsets fields, zeroes list elements and map values', () => {
    const job = {
      metadata: { name: 'x', labels: { a: null } },
      spec: {
        parallelism: null,
        template: {
          spec: {
            containers: [
              null,
              { name: 'c', image: 'i', command: [null], resources: { requests: { cpu: null } } },
            ],
          },
        },
      },
    };
    const { error, value } = strictDecode('Job', job);
    expect(error).toBeUndefined();
    expect(value).toEqual({
      metadata: { name: 'x', labels: { a: '' } },
      spec: {
        template: {
          spec: {
            containers: [{}, { name: 'c', image: 'i', command: [''], resources: { requests: { cpu: '0' } } }],
          },
        },
      },
    });
  });
});

describe('a merge patch that leaves a null in a list', () => {
  it('is decoded like a create: the zero-value element fails validation, nothing crashes', async () => {
    const { Simulation } = await import('../../../src/simulation.js');
    const sim = new Simulation({ seed: 1, nodes: 1 });
    sim.apply({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'x' },
      spec: {
        suspend: true,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'a', image: 'b' }] } },
      },
    });
    expect(() =>
      sim.api.patch('Job', 'default', 'x', { spec: { template: { spec: { containers: [null] } } } }),
    ).toThrow(/spec\.template\.spec\.containers\[0\]\.name: Required value/);
  });
});
