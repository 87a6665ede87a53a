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
