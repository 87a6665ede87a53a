/**
 * Name, label and metadata validation with upstream's messages.
 *
 * - DNS names: `staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go`
 *   (`MaxLenError` says "characters").
 * - Label keys and values: `apimachinery/pkg/api/validate/content/kube.go` (v1.34; its
 *   `MaxLenError` says "bytes").
 * - Object metadata: `apimachinery/pkg/api/validation/objectmeta.go`; labels and selectors:
 *   `apimachinery/pkg/apis/meta/v1/validation/validation.go`.
 */
import type { FieldError } from './errors.js';
import { forbidden, invalid, required, tooLong } from './errors.js';
import type { LabelSelector, LabelSelectorRequirement, ObjectMeta } from './types.js';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_ERR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_ERR =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";

const dns1123LabelRe = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const dns1123SubdomainRe = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const dns1035LabelRe = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const labelKeyRe = new RegExp(`^${LABEL_KEY_FMT}$`);
const labelValueRe = new RegExp(`^${LABEL_VALUE_FMT}$`);
const httpPathRe = new RegExp(`^${HTTP_PATH_FMT}$`);

/** Maximum length of a DNS-1123 label (and of label values and label-key names). */
export const DNS1123_LABEL_MAX_LENGTH = 63;
/** Maximum length of a DNS-1123 subdomain. */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
/** `TotalAnnotationSizeLimitB`: 256 KiB. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

/**
 * UTF-8 byte length (what Go's `len(string)` measures).
 *
 * @example
 * ```ts
 * byteLength('é'); // 2
 * ```
 */
export function byteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * `validation.RegexError`.
 *
 * @example
 * ```ts
 * regexError('msg', 'x', 'a', 'b'); // "msg (e.g. 'a',  or 'b', regex used for validation is 'x')"
 * ```
 */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let s = `${msg} (e.g. `;
  examples.forEach((ex, i) => {
    if (i > 0) s += ' or ';
    s += `'${ex}', `;
  });
  return `${s}regex used for validation is '${fmt}')`;
}

/** util/validation `MaxLenError` (object names): `must be no more than <n> characters`. */
function maxLenChars(n: number): string {
  return `must be no more than ${n} characters`;
}

/** api/validate/content `MaxLenError` (labels): `must be no more than <n> bytes`. */
function maxLenBytes(n: number): string {
  return `must be no more than ${n} bytes`;
}

/**
 * `validation.IsDNS1123Label`: the reasons `v` is not a DNS-1123 label (empty when valid).
 *
 * @example
 * ```ts
 * isDNS1123Label('my-name'); // []
 * isDNS1123Label('a.b'); // ['must not contain dots']
 * ```
 */
export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (byteLength(v) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenChars(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123LabelRe.test(v)) {
    if (dns1123SubdomainRe.test(v)) errs.push('must not contain dots');
    else errs.push(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

/**
 * `validation.IsDNS1123Subdomain`.
 *
 * @example
 * ```ts
 * isDNS1123Subdomain('example.com'); // []
 * isDNS1123Subdomain('Pi').length; // 1
 * ```
 */
export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (byteLength(v) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenChars(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123SubdomainRe.test(v))
    errs.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

/** content.IsDNS1123Subdomain (used inside label keys; says "bytes"). */
function isDNS1123SubdomainContent(v: string): string[] {
  const errs: string[] = [];
  if (byteLength(v) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenBytes(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123SubdomainRe.test(v))
    errs.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

/**
 * `validation.IsDNS1035Label`.
 *
 * @example
 * ```ts
 * isDNS1035Label('1abc').length; // 1
 * ```
 */
export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (byteLength(v) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenChars(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1035LabelRe.test(v))
    errs.push(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/**
 * `validation.IsQualifiedName` (= `content.IsLabelKey`): label keys, annotation keys, condition types,
 * resource names. An optional DNS-subdomain prefix and `/`, then a name of at most 63 bytes.
 *
 * @example
 * ```ts
 * isQualifiedName('batch.kubernetes.io/job-name'); // []
 * isQualifiedName(''); // ['name part must be non-empty', 'name part must consist of ...']
 * ```
 */
export function isQualifiedName(value: string): string[] {
  // A string field left out (an object decoded from `null`) is Go's empty string.
  const v = value ?? '';
  const errs: string[] = [];
  const parts = v.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const m of isDNS1123SubdomainContent(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > DNS1123_LABEL_MAX_LENGTH)
    errs.push(`name part ${maxLenBytes(DNS1123_LABEL_MAX_LENGTH)}`);
  if (!labelKeyRe.test(name)) {
    errs.push(`name part ${regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

/**
 * `validation.IsValidLabelValue` (= `content.IsLabelValue`).
 *
 * @example
 * ```ts
 * isValidLabelValue(''); // []
 * isValidLabelValue('a'.repeat(64)); // ['must be no more than 63 bytes']
 * ```
 */
export function isValidLabelValue(value: string): string[] {
  const v = value ?? '';
  const errs: string[] = [];
  if (byteLength(v) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenBytes(DNS1123_LABEL_MAX_LENGTH));
  if (!labelValueRe.test(v))
    errs.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/**
 * `validation.IsDomainPrefixedPath` (e.g. `spec.managedBy`).
 *
 * @example
 * ```ts
 * isDomainPrefixedPath('spec.managedBy', 'acme.io/foo'); // []
 * ```
 */
export function isDomainPrefixedPath(path: string, dpPath: string): FieldError[] {
  if (dpPath.length === 0) return [required(path, '')];
  const slash = dpPath.indexOf('/');
  const host = slash < 0 ? dpPath : dpPath.slice(0, slash);
  const rest = slash < 0 ? '' : dpPath.slice(slash + 1);
  if (slash < 0 || host.length === 0 || rest.length === 0) {
    return [invalid(path, dpPath, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  }
  const errs: FieldError[] = isDNS1123Subdomain(host).map((m) => invalid(path, host, m));
  if (!httpPathRe.test(rest)) errs.push(invalid(path, rest, regexError('Invalid path', HTTP_PATH_FMT)));
  return errs;
}

/** A `ValidateNameFunc`: reasons a name is invalid; `prefix` for generateName. */
export type NameValidator = (name: string, prefix: boolean) => string[];

function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/**
 * `NameIsDNSSubdomain` (Pods, Jobs, Nodes, CronJobs).
 *
 * @example
 * ```ts
 * nameIsDNSSubdomain('pi-', true); // [] (generateName prefix may end in '-')
 * ```
 */
export const nameIsDNSSubdomain: NameValidator = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);

/**
 * `NameIsDNSLabel` (namespaces).
 *
 * @example
 * ```ts
 * nameIsDNSLabel('default', false); // []
 * ```
 */
export const nameIsDNSLabel: NameValidator = (name, prefix) =>
  isDNS1123Label(prefix ? maskTrailingDash(name) : name);

/**
 * `path.ValidatePathSegmentName` (the generic name check the registry runs for every object).
 *
 * @example
 * ```ts
 * validatePathSegmentName('a/b', false); // ["may not contain '/'"]
 * ```
 */
export const validatePathSegmentName: NameValidator = (name, prefix) => {
  const errs: string[] = [];
  if (!prefix) {
    if (name === '.' || name === '..') return [`may not be '${name}'`];
  }
  for (const illegal of ['/', '%']) if (name.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  return errs;
};

/**
 * `ValidateLabelName`: one `Invalid` per qualified-name problem, at `path`.
 *
 * @example
 * ```ts
 * validateLabelName('a/b/c', 'metadata.labels').length; // 1
 * ```
 */
export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((m) => invalid(path, name, m));
}

/**
 * `ValidateLabels`: keys must be qualified names, values valid label values; errors at `path`
 * (e.g. `metadata.labels: Invalid value: "...": must be no more than 63 bytes`).
 *
 * @example
 * ```ts
 * validateLabels({ app: 'pi' }, 'metadata.labels'); // []
 * ```
 */
export function validateLabels(
  labels: Readonly<Record<string, string>> | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, path));
    for (const m of isValidLabelValue(String(v))) errs.push(invalid(path, v, m));
  }
  return errs;
}

/**
 * `ValidateAnnotations`: keys are qualified names (case-insensitive), total size at most 256 KiB.
 *
 * @example
 * ```ts
 * validateAnnotations({ 'Example.com/Note': 'x' }, 'metadata.annotations'); // []
 * ```
 */
export function validateAnnotations(
  annotations: Readonly<Record<string, string>> | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    total += byteLength(k) + byteLength(String(v));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

/**
 * `ValidateObjectMeta` for create: name (or generateName) required and valid, namespace required
 * for namespaced kinds (a DNS label) and forbidden otherwise, generation non-negative, labels,
 * annotations. `path` is normally `metadata`.
 *
 * @example
 * ```ts
 * validateObjectMeta({ namespace: 'default' }, true, 'metadata')[0]?.detail; // 'name or generateName is required'
 * ```
 */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  namespaced: boolean,
  path: string,
  nameFn: NameValidator = nameIsDNSSubdomain,
): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  const generateName = m.generateName ?? '';
  const name = m.name ?? '';
  const namespace = m.namespace ?? '';
  if (generateName.length !== 0) {
    for (const msg of nameFn(generateName, true))
      errs.push(invalid(`${path}.generateName`, generateName, msg));
  }
  if (name.length === 0) errs.push(required(`${path}.name`, 'name or generateName is required'));
  else for (const msg of nameFn(name, false)) errs.push(invalid(`${path}.name`, name, msg));
  if (namespaced) {
    if (namespace.length === 0) errs.push(required(`${path}.namespace`, ''));
    else
      for (const msg of nameIsDNSLabel(namespace, false))
        errs.push(invalid(`${path}.namespace`, namespace, msg));
  } else if (namespace.length !== 0) {
    errs.push(forbidden(`${path}.namespace`, 'not allowed on this type'));
  }
  const generation = m.generation ?? 0;
  if (generation < 0)
    errs.push(invalid(`${path}.generation`, generation, 'must be greater than or equal to 0'));
  errs.push(...validateLabels(m.labels, `${path}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(m.ownerReferences, `${path}.ownerReferences`));
  errs.push(...validateFinalizers(m.finalizers, `${path}.finalizers`));
  // pkg/apis/core/validation adds the legacy finalizer-name check.
  (m.finalizers ?? []).forEach((f, i) => {
    errs.push(...validateKubeFinalizerName(f ?? '', `${path}.finalizers[${i}]`));
  });
  return errs;
}

/** `metav1.FinalizerOrphanDependents` and `metav1.FinalizerDeleteDependents`. */
const FINALIZER_ORPHAN = 'orphan';
const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion';
/** `helper.IsStandardFinalizerName`: `kubernetes` and the two above. */
const STANDARD_FINALIZERS: ReadonlySet<string> = new Set([
  'kubernetes',
  FINALIZER_ORPHAN,
  FINALIZER_DELETE_DEPENDENTS,
]);

/**
 * `ValidateOwnerReferences`: apiVersion (with a version), kind, name and uid are required, Events
 * cannot own, and only one reference may be the controller.
 *
 * @example
 * ```ts
 * validateOwnerReferences([{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: '' }], 'metadata.ownerReferences')[0]?.field;
 * // 'metadata.ownerReferences.uid'
 * ```
 */
export function validateOwnerReferences(
  refs: ObjectMeta['ownerReferences'] | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const apiVersion = ref.apiVersion ?? '';
    const kind = ref.kind ?? '';
    // schema.FromAPIVersionAndKind: an unparsable apiVersion (two slashes) has no version.
    const parts = apiVersion.split('/');
    const group = parts.length === 2 ? parts[0]! : '';
    const version = parts.length === 1 ? parts[0]! : parts.length === 2 ? parts[1]! : '';
    if (version.length === 0)
      errs.push(invalid(`${path}.apiVersion`, apiVersion, 'version must not be empty'));
    if (kind.length === 0) errs.push(invalid(`${path}.kind`, kind, 'must not be empty'));
    if ((ref.name ?? '').length === 0)
      errs.push(invalid(`${path}.name`, ref.name ?? '', 'must not be empty'));
    if ((ref.uid ?? '').length === 0) errs.push(invalid(`${path}.uid`, ref.uid ?? '', 'must not be empty'));
    if (group === '' && version === 'v1' && kind === 'Event') {
      errs.push(invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (ref.controller === true) {
      const name = `${kind}/${ref.name ?? ''}`;
      if (firstController !== '') {
        errs.push(
          invalid(
            path,
            refs,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${name}`,
          ),
        );
      } else {
        firstController = name;
      }
    }
  }
  return errs;
}

/**
 * `ValidateFinalizers`: each name a qualified name (errors on the list's path, as upstream), and
 * not both `orphan` and `foregroundDeletion`.
 *
 * @example
 * ```ts
 * validateFinalizers(['orphan', 'foregroundDeletion'], 'metadata.finalizers')[0]?.detail;
 * // 'finalizer orphan and foregroundDeletion cannot be both set'
 * ```
 */
export function validateFinalizers(finalizers: readonly string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let orphan = false;
  let deleteDependents = false;
  for (const f of finalizers ?? []) {
    for (const msg of isQualifiedName(f ?? '')) errs.push(invalid(path, f ?? '', msg));
    if (f === FINALIZER_ORPHAN) orphan = true;
    if (f === FINALIZER_DELETE_DEPENDENTS) deleteDependents = true;
  }
  if (orphan && deleteDependents) {
    errs.push(
      invalid(
        path,
        finalizers,
        `finalizer ${FINALIZER_ORPHAN} and ${FINALIZER_DELETE_DEPENDENTS} cannot be both set`,
      ),
    );
  }
  return errs;
}

/** `validateKubeFinalizerName`: a name without a `/` must be a standard one. */
function validateKubeFinalizerName(f: string, path: string): FieldError[] {
  if (f.split('/').length === 1 && !STANDARD_FINALIZERS.has(f)) {
    return [invalid(path, f, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}

/**
 * `ValidateObjectMetaUpdate`: name, namespace, uid and creationTimestamp are immutable
 * (`field is immutable`); labels and annotations are validated again.
 *
 * @example
 * ```ts
 * validateObjectMetaUpdate({ name: 'b' }, { name: 'a' }, 'metadata')[0]?.detail; // 'field is immutable'
 * ```
 */
export function validateObjectMetaUpdate(
  newMeta: ObjectMeta | undefined,
  oldMeta: ObjectMeta | undefined,
  path: string,
): FieldError[] {
  const n = newMeta ?? {};
  const o = oldMeta ?? {};
  const errs: FieldError[] = [];
  if ((n.generation ?? 0) < (o.generation ?? 0)) {
    errs.push(invalid(`${path}.generation`, n.generation ?? 0, 'must not be decremented'));
  }
  const immutable: Array<[keyof ObjectMeta, unknown, unknown]> = [
    ['name', n.name ?? '', o.name ?? ''],
    ['namespace', n.namespace ?? '', o.namespace ?? ''],
    ['uid', n.uid ?? '', o.uid ?? ''],
    ['creationTimestamp', n.creationTimestamp ?? null, o.creationTimestamp ?? null],
    ['deletionTimestamp', n.deletionTimestamp ?? null, o.deletionTimestamp ?? null],
    [
      'deletionGracePeriodSeconds',
      n.deletionGracePeriodSeconds ?? null,
      o.deletionGracePeriodSeconds ?? null,
    ],
  ];
  for (const [field, nv, ov] of immutable) {
    if (nv !== ov) errs.push(invalid(`${path}.${field}`, nv, 'field is immutable'));
  }
  errs.push(...validateLabels(n.labels, `${path}.labels`));
  errs.push(...validateAnnotations(n.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(n.ownerReferences, `${path}.ownerReferences`));
  (n.finalizers ?? []).forEach((f, i) => {
    errs.push(...validateKubeFinalizerName(f ?? '', `${path}.finalizers[${i}]`));
  });
  return errs;
}

/** Options of `ValidateLabelSelector`. */
export interface LabelSelectorValidationOptions {
  /** Skip label-value checks of `matchExpressions[*].values` (kept for objects stored with such values). */
  readonly allowInvalidLabelValueInSelector?: boolean;
}

/**
 * `ValidateLabelSelectorRequirement`.
 *
 * @example
 * ```ts
 * validateLabelSelectorRequirement({ key: 'a', operator: 'In' }, 'spec.selector.matchExpressions[0]')[0]?.field;
 * // 'spec.selector.matchExpressions[0].values'
 * ```
 */
export function validateLabelSelectorRequirement(
  sr: LabelSelectorRequirement,
  path: string,
  opts: LabelSelectorValidationOptions = {},
): FieldError[] {
  const errs: FieldError[] = [];
  const values = sr.values ?? [];
  switch (sr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) {
        errs.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        errs.push(
          forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
      }
      break;
    default:
      errs.push(invalid(`${path}.operator`, sr.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(sr.key ?? '', `${path}.key`));
  if (!opts.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => {
      for (const m of isValidLabelValue(v)) errs.push(invalid(`${path}.values[${i}]`, v, m));
    });
  }
  return errs;
}

/**
 * `ValidateLabelSelector`: matchLabels as labels, each matchExpressions requirement checked.
 *
 * @example
 * ```ts
 * validateLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Foo' }] }, 'spec.selector')[0]?.detail;
 * // 'not a valid selector operator'
 * ```
 */
export function validateLabelSelector(
  sel: LabelSelector | undefined | null,
  path: string,
  opts: LabelSelectorValidationOptions = {},
): FieldError[] {
  if (sel === undefined || sel === null) return [];
  const errs = validateLabels(sel.matchLabels, `${path}.matchLabels`);
  (sel.matchExpressions ?? []).forEach((e, i) => {
    errs.push(...validateLabelSelectorRequirement(e, `${path}.matchExpressions[${i}]`, opts));
  });
  return errs;
}

/**
 * Whether `metav1.LabelSelectorAsSelector` accepts the selector (every key a qualified name, every
 * value a label value, known operators with the right number of values). When it does not, upstream
 * skips the "selector matches template labels" check.
 *
 * @example
 * ```ts
 * labelSelectorConverts({ matchLabels: { a: 'b' } }); // true
 * ```
 */
export function labelSelectorConverts(sel: LabelSelector | undefined | null): boolean {
  if (sel === undefined || sel === null) return true;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (isQualifiedName(k).length > 0 || isValidLabelValue(v).length > 0) return false;
  }
  for (const e of sel.matchExpressions ?? []) {
    const values = e.values ?? [];
    if (isQualifiedName(e.key).length > 0) return false;
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return false;
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length !== 0) return false;
        break;
      default:
        return false;
    }
    for (const v of values) if (isValidLabelValue(v).length > 0) return false;
  }
  return true;
}

/**
 * `LabelSelectorHasInvalidLabelValue`: whether any matchExpressions value is not a label value.
 *
 * @example
 * ```ts
 * labelSelectorHasInvalidLabelValue({ matchExpressions: [{ key: 'a', operator: 'In', values: ['-x'] }] }); // true
 * ```
 */
export function labelSelectorHasInvalidLabelValue(sel: LabelSelector | undefined | null): boolean {
  for (const e of sel?.matchExpressions ?? []) {
    for (const v of e.values ?? []) if (isValidLabelValue(v).length > 0) return true;
  }
  return false;
}
