/**
 * Object metadata checks ported from apimachinery `pkg/api/validation/objectmeta.go`
 * (ValidateOwnerReferences, ValidateFinalizers) and the legacy finalizer-name check of
 * `pkg/apis/core/validation` (validateKubeFinalizerName).
 */
import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../../../src/api/errors.js';
import { validateFinalizers, validateObjectMeta, validateOwnerReferences } from '../../../src/api/names.js';

const fmt = (errs: ReturnType<typeof validateFinalizers>) => errs.map(formatFieldError);

describe('ValidateFinalizers', () => {
  it('checks qualified names on the list path and the orphan/foregroundDeletion conflict', () => {
    expect(fmt(validateFinalizers(['a/b', 'orphan', 'foregroundDeletion'], 'metadata.finalizers'))).toEqual([
      'metadata.finalizers: Invalid value: ["a/b","orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set',
    ]);
    expect(fmt(validateFinalizers(['Bad Name'], 'metadata.finalizers'))[0]).toMatch(
      /^metadata\.finalizers: Invalid value: "Bad Name": name part must consist of/,
    );
  });

  it('core validation refuses a finalizer that is neither standard nor domain-qualified', () => {
    const errs = fmt(
      validateObjectMeta(
        { name: 'x', namespace: 'default', finalizers: ['custom', 'kubernetes', 'example.com/f'] },
        true,
        'metadata',
      ),
    );
    expect(errs).toEqual([
      'metadata.finalizers[0]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
});

describe('ValidateOwnerReferences', () => {
  it('requires apiVersion with a version, kind, name and uid', () => {
    expect(
      fmt(
        validateOwnerReferences(
          [{ apiVersion: 'batch/', kind: '', name: '', uid: '' }],
          'metadata.ownerReferences',
        ),
      ),
    ).toEqual([
      'metadata.ownerReferences.apiVersion: Invalid value: "batch/": version must not be empty',
      'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
      'metadata.ownerReferences.name: Invalid value: "": must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
    ]);
  });

  it('allows one controller reference only', () => {
    const refs = [
      { apiVersion: 'batch/v1', kind: 'Job', name: 'a', uid: '1', controller: true },
      { apiVersion: 'batch/v1', kind: 'Job', name: 'b', uid: '2', controller: true },
    ];
    expect(validateOwnerReferences(refs, 'metadata.ownerReferences').map((e) => e.detail)).toEqual([
      'Only one reference can have Controller set to true. Found "true" in references for Job/a and Job/b',
    ]);
  });
});
