/**
 * Patch engines of `jobsim serve` (strategic merge with client-side apply's directives, JSON patch,
 * merge-patch diff) and strict decoding, mirroring cases of apimachinery's
 * `strategicpatch/patch_test.go` and the JSON-patch RFC.
 */
import { describe, expect, it } from 'vitest';
import { DecodeTypeError, decodeTyped, duplicateFields } from '../../src/api/decode.js';
import { createMergePatch, jsonPatch, PatchError, strategicMerge } from '../../src/serve/patch.js';

const pod = {
  metadata: { name: 'p', finalizers: ['a', 'b'], labels: { x: '1' } },
  spec: {
    containers: [
      { name: 'a', image: 'a:1', env: [{ name: 'E1', value: '1' }] },
      { name: 'b', image: 'b:1' },
      { name: 'c', image: 'c:1' },
    ],
    volumes: [{ name: 'v', emptyDir: {} }],
    tolerations: [{ key: 't1' }],
  },
};

describe('strategic merge patch', () => {
  it('merges containers by name and keeps the others', () => {
    const out = strategicMerge(pod, { spec: { containers: [{ name: 'b', image: 'b:2' }] } }, 'Pod');
    expect((out.spec as typeof pod.spec).containers.map((c) => `${c.name}=${c.image}`)).toEqual([
      'a=a:1',
      'b=b:2',
      'c=c:1',
    ]);
  });

  it('$patch: delete removes a list element by merge key', () => {
    const out = strategicMerge(pod, { spec: { containers: [{ name: 'b', $patch: 'delete' }] } }, 'Pod');
    expect((out.spec as typeof pod.spec).containers.map((c) => c.name)).toEqual(['a', 'c']);
  });

  it('$setElementOrder orders the merged list', () => {
    const out = strategicMerge(
      pod,
      {
        spec: {
          '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }, { name: 'd' }],
          containers: [{ name: 'd', image: 'd:1' }],
        },
      },
      'Pod',
    );
    expect((out.spec as typeof pod.spec).containers.map((c) => c.name)).toEqual(['c', 'a', 'd', 'b']);
  });

  it('$deleteFromPrimitiveList removes values from a merged list of scalars', () => {
    const out = strategicMerge(pod, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, 'Pod');
    expect((out.metadata as typeof pod.metadata).finalizers).toEqual(['b']);
    const added = strategicMerge(pod, { metadata: { finalizers: ['c', 'a'] } }, 'Pod');
    expect((added.metadata as typeof pod.metadata).finalizers).toEqual(['a', 'b', 'c']);
  });

  it('$retainKeys clears the fields it does not list', () => {
    const out = strategicMerge(
      pod,
      { spec: { volumes: [{ name: 'v', $retainKeys: ['name', 'hostPath'], hostPath: { path: '/x' } }] } },
      'Pod',
    );
    expect((out.spec as { volumes: unknown[] }).volumes).toEqual([{ name: 'v', hostPath: { path: '/x' } }]);
  });

  it('$patch: replace replaces a map, and lists without a strategy are replaced whole', () => {
    const out = strategicMerge(pod, { metadata: { labels: { $patch: 'replace', y: '2' } } }, 'Pod');
    expect((out.metadata as typeof pod.metadata).labels).toEqual({ y: '2' });
    const tol = strategicMerge(pod, { spec: { tolerations: [{ key: 't2' }] } }, 'Pod');
    expect((tol.spec as typeof pod.spec).tolerations).toEqual([{ key: 't2' }]);
  });

  it('null deletes, nested env merges by name, and no directive leaks into the result', () => {
    const out = strategicMerge(
      pod,
      {
        metadata: { labels: { x: null } },
        spec: {
          containers: [
            {
              name: 'a',
              env: [{ name: 'E2', value: '2' }],
              '$setElementOrder/env': [{ name: 'E2' }, { name: 'E1' }],
            },
          ],
        },
      },
      'Pod',
    );
    expect(out.metadata).toMatchObject({ labels: {} });
    expect((out.spec as typeof pod.spec).containers[0]!.env).toEqual([
      { name: 'E2', value: '2' },
      { name: 'E1', value: '1' },
    ]);
    expect(JSON.stringify(out)).not.toContain('$');
  });

  it('refuses a merge-key list element without its key', () => {
    expect(() => strategicMerge(pod, { spec: { containers: [{ image: 'x' }] } }, 'Pod')).toThrow(PatchError);
  });
});

describe('JSON patch', () => {
  it('applies add, replace, remove, move, copy and test', () => {
    const out = jsonPatch({ a: { b: 1 }, l: [1, 2] }, [
      { op: 'test', path: '/a/b', value: 1 },
      { op: 'replace', path: '/a/b', value: 2 },
      { op: 'add', path: '/l/-', value: 3 },
      { op: 'add', path: '/l/0', value: 0 },
      { op: 'copy', from: '/a', path: '/c' },
      { op: 'move', from: '/c/b', path: '/d' },
      { op: 'remove', path: '/l/1' },
    ]);
    expect(out).toEqual({ a: { b: 2 }, l: [0, 2, 3], c: {}, d: 2 });
  });

  it('fails a test op with 422 and a missing path with 400', () => {
    expect(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(
      expect.objectContaining({ httpStatus: 422 }),
    );
    expect(() => jsonPatch({ a: 1 }, [{ op: 'remove', path: '/b' }])).toThrow(
      expect.objectContaining({ httpStatus: 400 }),
    );
  });
});

describe('createMergePatch', () => {
  it('is the merge patch from one object to the other', () => {
    expect(
      createMergePatch({ a: 1, b: { c: 1, d: 2 }, l: [1] }, { a: 1, b: { c: 2, d: 2 }, l: [1, 2], e: 3 }),
    ).toEqual({
      b: { c: 2 },
      l: [1, 2],
      e: 3,
    });
    expect(createMergePatch({ a: 1, b: 2 }, { a: 1 })).toEqual({ b: null });
    expect(createMergePatch({ a: [1] }, { a: [1] })).toEqual({});
  });
});

describe('strict decoding', () => {
  it('reports unknown fields with their paths and drops them', () => {
    const d = decodeTyped(
      {
        metadata: { name: 'x', bogus: 1 },
        spec: { template: { spec: { containers: [{ name: 'c', img: 'x' }] } } },
      },
      'Job',
    );
    expect(d.problems).toEqual([
      'unknown field "metadata.bogus"',
      'unknown field "spec.template.spec.containers[0].img"',
    ]);
    expect(d.value).toEqual({
      metadata: { name: 'x' },
      spec: { template: { spec: { containers: [{ name: 'c' }] } } },
    });
  });

  it('refuses values of the wrong JSON type as the Go decoder does', () => {
    expect(() =>
      decodeTyped({ spec: { template: { spec: { containers: [{ name: true }] } } } }, 'Job'),
    ).toThrow(
      new DecodeTypeError(
        'json: cannot unmarshal bool into Go struct field Container.spec.template.spec.containers.name of type string',
      ),
    );
    expect(() => decodeTyped({ spec: { parallelism: '2' } }, 'Job')).toThrow(/of type int32$/);
  });

  it('accepts numbers for quantities and int-or-strings, and null anywhere', () => {
    const d = decodeTyped(
      {
        spec: {
          containers: [{ name: 'c', resources: { limits: { cpu: 1 } }, ports: [{ containerPort: 80 }] }],
          nodeName: null,
        },
      },
      'Pod',
    );
    expect(d.problems).toEqual([]);
  });

  it('finds duplicate fields that JSON.parse would hide', () => {
    expect(duplicateFields('{"metadata":{"name":"a","name":"b"},"l":[{"x":1,"x":2}]}')).toEqual([
      'duplicate field "metadata.name"',
      'duplicate field "l[0].x"',
    ]);
    expect(duplicateFields('{"a":"\\"","b":[1,2,{}],"c":{}}')).toEqual([]);
  });
});
