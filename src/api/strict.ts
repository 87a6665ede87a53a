/**
 * Decoding as the API server does, for manifests in scenario files and steps: values of the
 * wrong JSON type refuse the object (`json: cannot unmarshal ...`), unknown fields are refused as
 * kubectl's default `fieldValidation=Strict` makes the server do (`strict decoding error: unknown
 * field "<path>"`), both from the API types' schema (`decode.ts`, shared with `jobsim serve`);
 * and fields jobsim accepts but does not simulate get a warning, so nothing is silently ignored.
 */
import { DecodeTypeError, decodeTyped } from './decode.js';
import { BadRequestError } from './errors.js';

const DECODED_KINDS = new Set(['Job', 'Pod', 'Node', 'CronJob']);

/**
 * Unknown field paths of an object, in document order (`spec.foo`,
 * `spec.template.spec.containers[0].imagee`), from the API types' schema.
 *
 * @example
 * ```ts
 * unknownFields('Job', { spec: { paralellism: 2 } }); // ['spec.paralellism']
 * ```
 */
export function unknownFields(kind: string, obj: unknown): string[] {
  if (!DECODED_KINDS.has(kind) || typeof obj !== 'object' || obj === null || Array.isArray(obj)) return [];
  try {
    return decodeTyped(obj as Record<string, unknown>, kind)
      .problems.filter((p) => p.startsWith('unknown field '))
      .map((p) => JSON.parse(p.slice('unknown field '.length)) as string);
  } catch (e) {
    if (e instanceof DecodeTypeError) return [];
    throw e;
  }
}

/**
 * The API server's refusal of a body that does not decode into the API type: a field of the
 * wrong JSON type (`json: cannot unmarshal ...`), or, under kubectl's default strict field
 * validation, unknown fields (`strict decoding error: unknown field "spec.foo"`). Undefined
 * when the body decodes.
 *
 * @example
 * ```ts
 * strictDecodeError('Job', { spec: { parallelism: 'two' } })?.message;
 * // 'Job in version "v1" cannot be handled as a Job: json: cannot unmarshal string into Go struct field JobSpec.spec.parallelism of type int32'
 * strictDecodeError('Job', { spec: { foo: 1 } })?.message;
 * // 'Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.foo"'
 * ```
 */
export function strictDecodeError(kind: string, obj: unknown): BadRequestError | undefined {
  return strictDecode(kind, obj).error;
}

/**
 * {@link strictDecodeError}, and the object as the API server decodes it: the same, except that
 * a `null` in a list of objects becomes an empty object, as encoding/json leaves it (so
 * `containers: [null]` fails validation for its missing name instead of breaking).
 *
 * @example
 * ```ts
 * strictDecode('Job', { spec: { template: { spec: { containers: [null] } } } }).value;
 * // { spec: { template: { spec: { containers: [{}] } } } }
 * ```
 */
export function strictDecode<T>(kind: string, obj: T): { error?: BadRequestError; value: T } {
  if (!DECODED_KINDS.has(kind) || typeof obj !== 'object' || obj === null || Array.isArray(obj))
    return { value: obj };
  let decoded: ReturnType<typeof decodeTyped>;
  try {
    decoded = decodeTyped(obj as Record<string, unknown>, kind);
  } catch (e) {
    if (e instanceof DecodeTypeError)
      return { error: BadRequestError.decode(kind, 'v1', e.message), value: obj };
    throw e;
  }
  const unknown = decoded.problems.filter((p) => p.startsWith('unknown field '));
  if (unknown.length === 0) return { value: decoded.value as T };
  return {
    error: BadRequestError.decode(kind, 'v1', `strict decoding error: ${unknown.join(', ')}`),
    value: obj,
  };
}

/** Pod fields that are accepted and stored but whose effect jobsim does not simulate. */
const UNSIMULATED_POD_FIELDS = [
  'readinessGates',
  'topologySpreadConstraints',
  'resourceClaims',
  'priorityClassName',
] as const;
const UNSIMULATED_CONTAINER_FIELDS = [
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'restartPolicyRules',
] as const;

/**
 * Warnings for fields jobsim stores but does not simulate, so that nothing is silently ignored.
 *
 * @example
 * ```ts
 * unsimulatedFieldWarnings('Job', job); // ['jobsim does not simulate spec.template.spec.containers[0].livenessProbe: ...']
 * ```
 */
export function unsimulatedFieldWarnings(kind: string, obj: unknown): string[] {
  const o = obj as { spec?: Record<string, unknown> } | undefined;
  let podSpec: Record<string, unknown> | undefined;
  let base = '';
  if (kind === 'Job') {
    podSpec = (o?.spec?.template as { spec?: Record<string, unknown> } | undefined)?.spec;
    base = 'spec.template.spec';
  } else if (kind === 'CronJob') {
    const jt = o?.spec?.jobTemplate as
      | { spec?: { template?: { spec?: Record<string, unknown> } } }
      | undefined;
    podSpec = jt?.spec?.template?.spec;
    base = 'spec.jobTemplate.spec.template.spec';
  } else if (kind === 'Pod') {
    podSpec = o?.spec;
    base = 'spec';
  }
  if (!podSpec) return [];
  const out: string[] = [];
  const msg = 'accepted and stored, but it has no effect in the simulation';
  for (const f of UNSIMULATED_POD_FIELDS) {
    if (podSpec[f] !== undefined) out.push(`jobsim does not simulate ${base}.${f}: ${msg}`);
  }
  const aff = podSpec.affinity as Record<string, unknown> | undefined;
  for (const f of ['podAffinity', 'podAntiAffinity'] as const) {
    if (aff?.[f] !== undefined) out.push(`jobsim does not simulate ${base}.affinity.${f}: ${msg}`);
  }
  for (const list of ['initContainers', 'containers'] as const) {
    const cs = podSpec[list];
    if (!Array.isArray(cs)) continue;
    cs.forEach((c: Record<string, unknown>, i) => {
      for (const f of UNSIMULATED_CONTAINER_FIELDS) {
        if (c?.[f] !== undefined) out.push(`jobsim does not simulate ${base}.${list}[${i}].${f}: ${msg}`);
      }
    });
  }
  return out;
}
