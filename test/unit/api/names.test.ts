import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../../../src/api/errors.js';
import {
  byteLength,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  labelSelectorConverts,
  nameIsDNSSubdomain,
  validateAnnotations,
  validateLabelSelector,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validatePathSegmentName,
} from '../../../src/api/names.js';

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

// mirrors TestIsDNS1123Label in staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go
describe('isDNS1123Label (TestIsDNS1123Label)', () => {
  const good = [
    'a',
    'ab',
    'abc',
    'a1',
    'a-1',
    'a--1--2--b',
    '0',
    '01',
    '012',
    '1a',
    '1-a',
    '1--a--b--2',
    'a'.repeat(63),
  ];
  const bad = [
    '',
    'A',
    'ABC',
    'aBc',
    'A1',
    'A-1',
    '1-A',
    '-',
    'a-',
    '-a',
    '1-',
    '-1',
    '_',
    'a_',
    '_a',
    'a_b',
    '1_',
    '_1',
    '1_2',
    ' ',
    'a ',
    ' a',
    'a b',
  ];
  it.each(good)('accepts %j', (v) => expect(isDNS1123Label(v)).toEqual([]));
  it.each(bad)('rejects %j', (v) => expect(isDNS1123Label(v)).toEqual([LABEL_MSG]));
  it('dots and length have their own messages', () => {
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
});

// mirrors TestIsDNS1123Subdomain
describe('isDNS1123Subdomain (TestIsDNS1123Subdomain)', () => {
  const good = [
    'a',
    'ab',
    'a.b',
    'a-1.b-2',
    '0.a',
    'a--1--2--b',
    'a.b.c.d.e',
    'aaa.bbb.ccc',
    'a'.repeat(253),
  ];
  const bad = ['', 'A', 'a.B', '-', 'a-', '-a', 'a.', '.a', 'a..b', 'a_b', '1.-a', ' ', 'a b'];
  it.each(good)('accepts %j', (v) => expect(isDNS1123Subdomain(v)).toEqual([]));
  it.each(bad)('rejects %j', (v) => expect(isDNS1123Subdomain(v)).toEqual([SUBDOMAIN_MSG]));
  it('too long', () => {
    expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
  });
});

// mirrors TestIsDNS1035Label
describe('isDNS1035Label (TestIsDNS1035Label)', () => {
  it('accepts and rejects', () => {
    expect(isDNS1035Label('a-1')).toEqual([]);
    expect(isDNS1035Label('1a')).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });
});

// mirrors TestIsQualifiedName
describe('isQualifiedName (TestIsQualifiedName)', () => {
  const good = [
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    '1234',
    'simple/simple',
    'now-with-dashes/simple',
    'now-with-dashes/now-with-dashes',
    'now.with.dots/simple',
    'now-with.dashes-and.dots/simple',
    '1-num.2-num/3-num',
    '1234/5678',
    '1.2.3.4/5678',
    'Uppercase_Is_OK_123',
    'example.com/Uppercase_Is_OK_123',
    'requests.storage-foo',
    'a'.repeat(63),
    `${'a'.repeat(253)}/${'b'.repeat(63)}`,
  ];
  const bad = [
    'nospecialchars%^=@',
    'cantendwithadash-',
    '-cantstartwithadash-',
    'only/one/slash',
    'Example.com/abc',
    'example_com/abc',
    'example.com/',
    '/simple',
    'a'.repeat(64),
    `${'a'.repeat(254)}/abc`,
  ];
  it.each(good)('accepts %j', (v) => expect(isQualifiedName(v)).toEqual([]));
  it.each(bad)('rejects %j', (v) => expect(isQualifiedName(v).length).toBeGreaterThan(0));
  it('exact messages', () => {
    expect(isQualifiedName('')).toEqual([
      'name part must be non-empty',
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
    expect(isQualifiedName('a'.repeat(64))).toEqual(['name part must be no more than 63 bytes']);
    expect(isQualifiedName('/simple')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('Example.com/abc')).toEqual([`prefix part ${SUBDOMAIN_MSG}`]);
    expect(isQualifiedName('only/one/slash')).toEqual([
      "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });
});

// mirrors TestIsValidLabelValue
describe('isValidLabelValue (TestIsValidLabelValue)', () => {
  const good = [
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    'end-with-num-1',
    '1234',
    'a'.repeat(63),
    '',
    'Uppercase_Is_OK_123',
    'a.b_c-d',
  ];
  const bad = [
    'nospecialchars%^=@',
    'Tama-nui-te-rā.is_Māori.sun',
    '\\backslashes',
    '-starts-with-dash',
    'ends-with-dash-',
    '.starts.with.dot',
    'ends.with.dot.',
  ];
  it.each(good)('accepts %j', (v) => expect(isValidLabelValue(v)).toEqual([]));
  it.each(bad)('rejects %j', (v) => expect(isValidLabelValue(v)).toEqual([LABEL_VALUE_MSG]));
  it('too long (bytes)', () => {
    expect(isValidLabelValue('a'.repeat(64))).toEqual(['must be no more than 63 bytes']);
    expect(byteLength('ā')).toBe(2);
  });
});

// mirrors ValidateNameFunc tests (NameIsDNSSubdomain with prefix) and path.IsValidPathSegmentName
describe('name validators', () => {
  it('generateName prefixes may end with a dash', () => {
    expect(nameIsDNSSubdomain('pi-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('pi-', false)).toEqual([SUBDOMAIN_MSG]);
  });
  it('path segment names', () => {
    expect(validatePathSegmentName('..', false)).toEqual(["may not be '..'"]);
    expect(validatePathSegmentName('a/b%c', false)).toEqual(["may not contain '/'", "may not contain '%'"]);
  });
});

// mirrors TestValidateObjectMeta* in staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta_test.go
describe('validateObjectMeta', () => {
  it('name or generateName is required', () => {
    expect(validateObjectMeta({ namespace: 'default' }, true, 'metadata').map(formatFieldError)).toEqual([
      'metadata.name: Required value: name or generateName is required',
    ]);
  });
  it('namespace required for namespaced kinds, forbidden otherwise', () => {
    expect(validateObjectMeta({ name: 'a' }, true, 'metadata').map(formatFieldError)).toEqual([
      'metadata.namespace: Required value',
    ]);
    expect(
      validateObjectMeta({ name: 'a', namespace: 'x' }, false, 'metadata').map(formatFieldError),
    ).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
    expect(
      validateObjectMeta({ name: 'a', namespace: 'a.b' }, true, 'metadata').map(formatFieldError),
    ).toEqual(['metadata.namespace: Invalid value: "a.b": must not contain dots']);
  });
  it('invalid generateName and name', () => {
    expect(
      validateObjectMeta({ generateName: 'Pi-', name: 'Pi-abcde', namespace: 'd' }, true, 'metadata').map(
        (e) => e.field,
      ),
    ).toEqual(['metadata.generateName', 'metadata.name']);
  });
  it('labels and annotations', () => {
    expect(
      validateObjectMeta({ name: 'a', namespace: 'd', labels: { 'a/b/c': 'x' } }, true, 'metadata')[0]?.field,
    ).toBe('metadata.labels');
    const big = { k: 'v'.repeat(256 * 1024) };
    expect(validateAnnotations(big, 'metadata.annotations').map(formatFieldError)).toEqual([
      'metadata.annotations: Too long: may not be more than 262144 bytes',
    ]);
    expect(validateAnnotations({ 'Example.com/Key': 'v' }, 'metadata.annotations')).toEqual([]);
  });
  it('label values are reported with the value', () => {
    expect(validateLabels({ app: '-x' }, 'metadata.labels').map(formatFieldError)).toEqual([
      `metadata.labels: Invalid value: "-x": ${LABEL_VALUE_MSG}`,
    ]);
  });
  it('immutable metadata on update (ValidateObjectMetaUpdate)', () => {
    expect(
      validateObjectMetaUpdate(
        { name: 'b', namespace: 'x', uid: '2' },
        { name: 'a', namespace: 'x', uid: '1' },
        'metadata',
      ).map(formatFieldError),
    ).toEqual([
      'metadata.name: Invalid value: "b": field is immutable',
      'metadata.uid: Invalid value: "2": field is immutable',
    ]);
    expect(
      validateObjectMetaUpdate({ generation: 1 }, { generation: 2 }, 'metadata').map(formatFieldError),
    ).toEqual(['metadata.generation: Invalid value: 1: must not be decremented']);
  });
});

// mirrors TestValidateLabelSelector in staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation_test.go
describe('validateLabelSelector', () => {
  it('operators and values', () => {
    const errs = validateLabelSelector(
      {
        matchExpressions: [
          { key: 'a', operator: 'In' },
          { key: 'b', operator: 'Exists', values: ['x'] },
          { key: 'c', operator: 'Foo' },
          { key: 'd', operator: 'In', values: ['-bad'] },
        ],
      },
      'spec.selector',
    ).map(formatFieldError);
    expect(errs).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Foo": not a valid selector operator',
      `spec.selector.matchExpressions[3].values[0]: Invalid value: "-bad": ${LABEL_VALUE_MSG}`,
    ]);
  });
  it('invalid values can be allowed for stored selectors', () => {
    expect(
      validateLabelSelector({ matchExpressions: [{ key: 'd', operator: 'In', values: ['-bad'] }] }, 's', {
        allowInvalidLabelValueInSelector: true,
      }),
    ).toEqual([]);
  });
  it('matchLabels are validated as labels', () => {
    expect(validateLabelSelector({ matchLabels: { 'a b': 'c' } }, 'spec.selector')[0]?.field).toBe(
      'spec.selector.matchLabels',
    );
  });
  it('LabelSelectorAsSelector acceptance', () => {
    expect(labelSelectorConverts({ matchLabels: { a: 'b' } })).toBe(true);
    expect(labelSelectorConverts({ matchExpressions: [{ key: 'a', operator: 'In' }] })).toBe(false);
    expect(labelSelectorConverts(undefined)).toBe(true);
  });
});
