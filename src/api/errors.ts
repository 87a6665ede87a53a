/**
 * API errors with the Kubernetes API server's wording.
 *
 * Field errors mirror `staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go`
 * (v1.34: composite bad values are rendered as JSON since kubernetes/kubernetes#132314; simple
 * values as Go's `%v` / `%q`). Status errors mirror `apimachinery/pkg/api/errors/errors.go`, and the
 * kubectl rendering of an Invalid status mirrors `kubectl/pkg/cmd/util/helpers.go` (`checkErr`,
 * `MultilineError`, `statusCausesToAggrError`).
 */

/** apimachinery `CauseType` names of the field error types jobsim produces. */
export type FieldErrorType =
  | 'FieldValueInvalid'
  | 'FieldValueRequired'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueTooMany'
  | 'FieldValueTooLong'
  | 'FieldValueForbidden'
  | 'FieldValueNotFound';

/**
 * Sentinel for `field.OmitValueType{}`: an `Invalid` error that prints no value
 * (`spec.podFailurePolicy.rules[0]: Invalid value: specifying ...`).
 */
export const omitValue: unique symbol = Symbol('field.omitValue');

/** One field-level validation error (apimachinery `field.Error`). */
export interface FieldError {
  readonly type: FieldErrorType;
  /** Field path, e.g. `spec.template.spec.containers[0].name`. */
  readonly field: string;
  /** The offending value; `omitValue` to print none. Ignored for Required/Forbidden/TooLong. */
  readonly badValue?: unknown;
  readonly detail: string;
}

const TYPE_TEXT: Readonly<Record<FieldErrorType, string>> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
};

/**
 * `field.Invalid`.
 *
 * @example
 * ```ts
 * formatFieldError(invalid('spec.parallelism', -1, 'must be greater than or equal to 0'));
 * // 'spec.parallelism: Invalid value: -1: must be greater than or equal to 0'
 * ```
 */
export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, badValue: value, detail };
}

/**
 * `field.Required`.
 *
 * @example
 * ```ts
 * formatFieldError(required('spec.selector', '')); // 'spec.selector: Required value'
 * ```
 */
export function required(field: string, detail: string): FieldError {
  return { type: 'FieldValueRequired', field, badValue: '', detail };
}

/**
 * `field.NotSupported`: the valid values are quoted (`strconv.Quote`) and joined with `", "`.
 *
 * @example
 * ```ts
 * formatFieldError(notSupported('spec.completionMode', 'Foo', ['NonIndexed', 'Indexed']));
 * // 'spec.completionMode: Unsupported value: "Foo": supported values: "NonIndexed", "Indexed"'
 * ```
 */
export function notSupported(field: string, value: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? `supported values: ${validValues.map(goQuote).join(', ')}` : '';
  return { type: 'FieldValueNotSupported', field, badValue: value, detail };
}

/**
 * `field.Duplicate`.
 *
 * @example
 * ```ts
 * formatFieldError(duplicate('spec.containers[1].name', 'a'));
 * // 'spec.containers[1].name: Duplicate value: "a"'
 * ```
 */
export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, badValue: value, detail: '' };
}

/**
 * `field.TooMany` (`must have at most <max> items`).
 *
 * @example
 * ```ts
 * formatFieldError(tooMany('spec.podFailurePolicy.rules', 21, 20));
 * // 'spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items'
 * ```
 */
export function tooMany(field: string, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items';
  return { type: 'FieldValueTooMany', field, badValue: actual >= 0 ? actual : omitValue, detail };
}

/**
 * `field.TooLong` (v1.32+ wording: `may not be more than <n> bytes`; the value is never printed).
 *
 * @example
 * ```ts
 * formatFieldError(tooLong('spec.managedBy', 'x', 63));
 * // 'spec.managedBy: Too long: may not be more than 63 bytes'
 * ```
 */
export function tooLong(field: string, value: unknown, max: number): FieldError {
  const detail =
    max >= 0 ? `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` : 'value is too long';
  void value;
  return { type: 'FieldValueTooLong', field, badValue: '<value omitted>', detail };
}

/**
 * `field.Forbidden`.
 *
 * @example
 * ```ts
 * formatFieldError(forbidden('metadata.namespace', 'not allowed on this type'));
 * // 'metadata.namespace: Forbidden: not allowed on this type'
 * ```
 */
export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, badValue: '', detail };
}

/**
 * `field.NotFound`.
 *
 * @example
 * ```ts
 * formatFieldError(notFound('spec.x', 'y')); // 'spec.x: Not found: "y"'
 * ```
 */
export function notFound(field: string, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field, badValue: value, detail: '' };
}

/**
 * `field.Error.ErrorBody()`: the message without the field path.
 *
 * @example
 * ```ts
 * fieldErrorBody(required('spec.selector', '')); // 'Required value'
 * ```
 */
export function fieldErrorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  const hidesValue =
    e.type === 'FieldValueRequired' || e.type === 'FieldValueForbidden' || e.type === 'FieldValueTooLong';
  if (!hidesValue && e.badValue !== omitValue) {
    s += `: ${renderGoValue(e.badValue)}`;
  }
  if (e.detail.length !== 0) s += `: ${e.detail}`;
  return s;
}

/**
 * `field.Error.Error()`: `<field>: <body>`, exactly as the API server prints it.
 *
 * @example
 * ```ts
 * formatFieldError(required('spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"'));
 * // 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'
 * ```
 */
export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/**
 * Renders a bad value the way `ErrorBody` does: `null` for nil, bare numbers and booleans, Go-quoted
 * strings, and JSON (Go `encoding/json`: HTML-escaped, insertion order) for objects and arrays.
 *
 * @example
 * ```ts
 * renderGoValue({ y: 'z' }); // '{"y":"z"}'
 * renderGoValue('a"b'); // '"a\\"b"'
 * ```
 */
export function renderGoValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return goNumber(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    case 'string':
      return goQuote(v);
    default:
      return goJSON(v);
  }
}

function goNumber(n: number): string {
  if (Number.isInteger(n)) return n.toString();
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  return n.toString();
}

/**
 * Go's `encoding/json` rendering of a value (HTML-escaped like `json.Marshal`).
 *
 * @example
 * ```ts
 * goJSON([19, 11]); // '[19,11]'
 * ```
 */
export function goJSON(v: unknown): string {
  const s = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x)) ?? 'null';
  return s
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Go's `%q` / `strconv.Quote` for a string.
 *
 * @example
 * ```ts
 * goQuote('Never'); // '"Never"'
 * ```
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (cp < 0x20 || cp === 0x7f) {
      out += `\\x${cp.toString(16).padStart(2, '0')}`;
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      out += '\\ufffd';
    } else if ((cp >= 0x80 && cp < 0xa0) || cp === 0xad || cp === 0xfeff) {
      out +=
        cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}

/**
 * Returns a copy of a string map with keys sorted, as Go prints maps (`encoding/json`, `fmt`).
 *
 * @example
 * ```ts
 * Object.keys(sortedMap({ b: '1', a: '2' })); // ['a', 'b']
 * ```
 */
export function sortedMap<T>(m: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(m).sort(goStringCompare)) out[k] = m[k] as T;
  return out;
}

/** Byte-wise (UTF-8 code point order) comparison, like Go's string `<`. */
export function goStringCompare(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/** Stable error codes of API errors. */
export type ApiErrorCode = 'NOT_FOUND' | 'ALREADY_EXISTS' | 'INVALID' | 'BAD_REQUEST' | 'CONFLICT';

/** `metav1.StatusReason` values used by jobsim. */
export type StatusReason = 'NotFound' | 'AlreadyExists' | 'Invalid' | 'BadRequest' | 'Conflict';

const HTTP_STATUS: Readonly<Record<ApiErrorCode, number>> = {
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  INVALID: 422,
  BAD_REQUEST: 400,
  CONFLICT: 409,
};

const REASON: Readonly<Record<ApiErrorCode, StatusReason>> = {
  NOT_FOUND: 'NotFound',
  ALREADY_EXISTS: 'AlreadyExists',
  INVALID: 'Invalid',
  BAD_REQUEST: 'BadRequest',
  CONFLICT: 'Conflict',
};

/**
 * An error the API server returns as a `metav1.Status` (failure). `apiMessage` is the Status
 * message; `kubectlMessage` is what kubectl prints for it.
 *
 * @example
 * ```ts
 * const e = new NotFoundError('jobs', 'batch', 'pi');
 * e.httpStatus; // 404
 * e.kubectlMessage; // 'Error from server (NotFound): jobs.batch "pi" not found'
 * ```
 */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly httpStatus: number;
  readonly reason: StatusReason;
  readonly apiMessage: string;

  constructor(code: ApiErrorCode, apiMessage: string, message?: string) {
    super(message ?? apiMessage);
    this.name = 'ApiError';
    this.code = code;
    this.httpStatus = HTTP_STATUS[code];
    this.reason = REASON[code];
    this.apiMessage = apiMessage;
  }

  /** kubectl's `StandardErrorMessage` for a Status error with a reason. */
  get kubectlMessage(): string {
    return `Error from server (${this.reason}): ${this.apiMessage}`;
  }
}

/** Kubernetes resource (plural) and API group of each kind jobsim serves. */
export const RESOURCES: Readonly<Record<string, { readonly resource: string; readonly group: string }>> = {
  Job: { resource: 'jobs', group: 'batch' },
  CronJob: { resource: 'cronjobs', group: 'batch' },
  Pod: { resource: 'pods', group: '' },
  Node: { resource: 'nodes', group: '' },
  Event: { resource: 'events', group: '' },
};

function qualified(name: string, group: string): string {
  return group === '' ? name : `${name}.${group}`;
}

/**
 * `errors.NewNotFound`: `<resource>.<group> "<name>" not found`.
 *
 * @example
 * ```ts
 * new NotFoundError('pods', '', 'x').message; // 'pods "x" not found'
 * ```
 */
export class NotFoundError extends ApiError {
  readonly resource: string;
  readonly group: string;
  readonly objectName: string;

  constructor(resource: string, group: string, name: string) {
    super('NOT_FOUND', `${qualified(resource, group)} ${goQuote(name)} not found`);
    this.name = 'NotFoundError';
    this.resource = resource;
    this.group = group;
    this.objectName = name;
  }
}

/**
 * `errors.NewAlreadyExists`: `<resource>.<group> "<name>" already exists`.
 *
 * @example
 * ```ts
 * new AlreadyExistsError('jobs', 'batch', 'pi').message; // 'jobs.batch "pi" already exists'
 * ```
 */
export class AlreadyExistsError extends ApiError {
  readonly resource: string;
  readonly group: string;
  readonly objectName: string;

  constructor(resource: string, group: string, name: string) {
    super('ALREADY_EXISTS', `${qualified(resource, group)} ${goQuote(name)} already exists`);
    this.name = 'AlreadyExistsError';
    this.resource = resource;
    this.group = group;
    this.objectName = name;
  }
}

/**
 * `errors.NewConflict` for a stale resourceVersion: `Operation cannot be fulfilled on
 * <resource>.<group> "<name>": <reason>`.
 *
 * @example
 * ```ts
 * new ConflictError('jobs', 'batch', 'pi').message;
 * // 'Operation cannot be fulfilled on jobs.batch "pi": the object has been modified; please apply your changes to the latest version and try again'
 * ```
 */
export class ConflictError extends ApiError {
  constructor(
    resource: string,
    group: string,
    name: string,
    why = 'the object has been modified; please apply your changes to the latest version and try again',
  ) {
    super(
      'CONFLICT',
      `Operation cannot be fulfilled on ${qualified(resource, group)} ${goQuote(name)}: ${why}`,
    );
    this.name = 'ConflictError';
  }
}

/**
 * `errors.NewBadRequest`, e.g. a body that cannot be decoded:
 * `Job in version "v1" cannot be handled as a Job: quantities must match ...`.
 *
 * @example
 * ```ts
 * BadRequestError.decode('Job', 'v1', 'boom').message; // 'Job in version "v1" cannot be handled as a Job: boom'
 * ```
 */
export class BadRequestError extends ApiError {
  constructor(message: string) {
    super('BAD_REQUEST', message);
    this.name = 'BadRequestError';
  }

  /** The apiserver's decode failure message (`transformDecodeError`). */
  static decode(kind: string, version: string, why: string): BadRequestError {
    return new BadRequestError(
      `${kind} in version ${goQuote(version)} cannot be handled as a ${kind}: ${why}`,
    );
  }
}

/**
 * `errors.NewInvalid`: the object failed validation. `apiMessage` is the Status message
 * (`Job.batch "pi" is invalid: <err>` or `... is invalid: [<e1>, <e2>]`, duplicates removed like
 * `ErrorList.ToAggregate`); `message` is what kubectl prints (`The Job "pi" is invalid: <err>`, or the
 * prefix followed by one `* <err>` line per distinct cause). `causes` keeps every error, in order.
 *
 * @example
 * ```ts
 * const e = new InvalidObjectError('Job', 'batch', 'pi', [invalid('spec.parallelism', -1, 'must be greater than or equal to 0')]);
 * e.apiMessage; // 'Job.batch "pi" is invalid: spec.parallelism: Invalid value: -1: must be greater than or equal to 0'
 * e.message; // 'The Job "pi" is invalid: spec.parallelism: Invalid value: -1: must be greater than or equal to 0'
 * ```
 */
export class InvalidObjectError extends ApiError {
  override readonly code = 'INVALID' as const;
  readonly kind: string;
  readonly group: string;
  readonly objectName: string;
  readonly causes: readonly FieldError[];

  constructor(kind: string, group: string, name: string, causes: readonly FieldError[]) {
    const distinct = distinctMessages(causes);
    const qk = qualified(kind, group);
    let apiMessage = `${qk} ${goQuote(name)} is invalid`;
    if (distinct.length === 1) apiMessage += `: ${distinct[0]}`;
    else if (distinct.length > 1) apiMessage += `: [${distinct.join(', ')}]`;
    super('INVALID', apiMessage, kubectlInvalidMessage(kind, name, distinct));
    this.name = 'InvalidObjectError';
    this.kind = kind;
    this.group = group;
    this.objectName = name;
    this.causes = causes;
  }

  override get kubectlMessage(): string {
    return this.message;
  }
}

function distinctMessages(causes: readonly FieldError[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of causes) {
    const m = formatFieldError(c);
    if (seen.has(m)) continue;
    seen.add(m);
    out.push(m);
  }
  return out;
}

function kubectlInvalidMessage(kind: string, name: string, distinct: readonly string[]): string {
  const s = kind === '' && name === '' ? 'The request is invalid' : `The ${kind} ${goQuote(name)} is invalid`;
  if (distinct.length === 0) return s;
  if (distinct.length === 1) return `${s}: ${distinct[0]}`;
  return `${s}: \n${distinct.map((m) => `* ${m}`).join('\n')}`;
}
