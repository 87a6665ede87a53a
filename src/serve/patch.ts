/**
 * The PATCH media types of the API server, computed against the live object: strategic merge
 * patch (apimachinery `strategicpatch`, with the directives client-side apply sends), JSON patch
 * (RFC 6902) and JSON merge patch (RFC 7386). The result is handed to the simulator's API server
 * as a merge patch from the live object ({@link createMergePatch}), so defaulting, validation and
 * immutability stay in one place.
 */

import { SCHEMA } from '../api/schema.js';
import { isPlainObject, jsonEqual, mergePatch } from '../util/merge-patch.js';

/** A patch that cannot be applied: a 400 (or 422 for a failed JSON-patch `test`). */
export class PatchError extends Error {
  readonly httpStatus: number;
  constructor(message: string, httpStatus = 400) {
    super(message);
    this.name = 'PatchError';
    this.httpStatus = httpStatus;
  }
}

/**
 * `patchStrategy:"merge"` lists of the served types and their `patchMergeKey` (`''` for lists of
 * scalars, merged as sets); `retainKeys` where the Go tag adds it. Every other list is atomic.
 */
export const MERGE_LISTS: Readonly<Record<string, { readonly key: string; readonly retainKeys?: boolean }>> =
  {
    'ObjectMeta.finalizers': { key: '' },
    'ObjectMeta.ownerReferences': { key: 'uid' },
    'PodSpec.containers': { key: 'name' },
    'PodSpec.initContainers': { key: 'name' },
    'PodSpec.ephemeralContainers': { key: 'name' },
    'PodSpec.volumes': { key: 'name', retainKeys: true },
    'PodSpec.imagePullSecrets': { key: 'name' },
    'PodSpec.hostAliases': { key: 'ip' },
    'PodSpec.topologySpreadConstraints': { key: 'topologyKey' },
    'PodSpec.resourceClaims': { key: 'name', retainKeys: true },
    'PodSpec.schedulingGates': { key: 'name' },
    'Container.env': { key: 'name' },
    'Container.ports': { key: 'containerPort' },
    'Container.volumeMounts': { key: 'mountPath' },
    'Container.volumeDevices': { key: 'devicePath' },
    'EphemeralContainer.env': { key: 'name' },
    'EphemeralContainer.ports': { key: 'containerPort' },
    'EphemeralContainer.volumeMounts': { key: 'mountPath' },
    'EphemeralContainer.volumeDevices': { key: 'devicePath' },
    'PodStatus.conditions': { key: 'type' },
    'JobStatus.conditions': { key: 'type' },
    'NodeSpec.podCIDRs': { key: '' },
    'NodeStatus.addresses': { key: 'type' },
    'NodeStatus.conditions': { key: 'type' },
  };

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM = '$deleteFromPrimitiveList/';
const ELEMENT_ORDER = '$setElementOrder/';

/** The schema type of field `k` of type `t` (`undefined` when unknown: merge as plain JSON). */
function fieldType(t: string | undefined, k: string): string | undefined {
  if (t === undefined) return undefined;
  if (t.startsWith('{')) return t.slice(1, -1);
  return SCHEMA[t]?.[k];
}

function elemType(t: string | undefined): string | undefined {
  return t?.startsWith('[') ? t.slice(1, -1) : undefined;
}

/** Removes every `$`-directive from a value that is being added as a whole. */
function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) {
    return v.filter((x) => !(isPlainObject(x) && x[DIRECTIVE] !== undefined)).map(stripDirectives);
  }
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$')) continue;
    if (x === null) continue;
    out[k] = stripDirectives(x);
  }
  return out;
}

function mergeMap(
  original: Record<string, unknown>,
  patch: Record<string, unknown>,
  type: string | undefined,
): Record<string, unknown> | undefined {
  const directive = patch[DIRECTIVE];
  if (directive === 'delete') return undefined;
  if (directive === 'replace') {
    return stripDirectives(patch) as Record<string, unknown>;
  }
  if (directive !== undefined && directive !== 'merge')
    throw new PatchError(`Unknown patch type: ${String(directive)}`);
  const out: Record<string, unknown> = { ...original };
  const retain = patch[RETAIN_KEYS];
  for (const [k, v] of Object.entries(patch)) {
    if (k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(ELEMENT_ORDER)) continue;
    if (k.startsWith(DELETE_FROM)) {
      const field = k.slice(DELETE_FROM.length);
      if (!Array.isArray(v)) throw new PatchError(`invalid ${DELETE_FROM}: must be a list`);
      const cur = out[field];
      if (Array.isArray(cur)) out[field] = cur.filter((x) => !v.some((d) => jsonEqual(d, x)));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const ft = fieldType(type, k);
    const cur = out[k];
    if (isPlainObject(v)) {
      const merged = mergeMap(isPlainObject(cur) ? cur : {}, v, ft);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
      continue;
    }
    if (Array.isArray(v)) {
      out[k] = mergeList(Array.isArray(cur) ? cur : [], v, type, k, ft);
      continue;
    }
    out[k] = v;
  }
  for (const [k, v] of Object.entries(patch)) {
    if (!k.startsWith(ELEMENT_ORDER)) continue;
    const field = k.slice(ELEMENT_ORDER.length);
    const cur = out[field];
    if (!Array.isArray(v) || !Array.isArray(cur)) continue;
    const meta = type !== undefined ? MERGE_LISTS[`${type}.${field}`] : undefined;
    out[field] = orderList(cur, v, meta?.key ?? '');
  }
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw new PatchError(`invalid ${RETAIN_KEYS}: must be a list`);
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  return out;
}

function mergeList(
  original: readonly unknown[],
  patch: readonly unknown[],
  parentType: string | undefined,
  field: string,
  listType: string | undefined,
): unknown[] {
  const meta = parentType !== undefined ? MERGE_LISTS[`${parentType}.${field}`] : undefined;
  if (meta === undefined) return stripDirectives(patch) as unknown[];
  if (patch.some((x) => isPlainObject(x) && x[DIRECTIVE] === 'replace')) {
    return stripDirectives(
      patch.filter((x) => !(isPlainObject(x) && x[DIRECTIVE] === 'replace')),
    ) as unknown[];
  }
  if (meta.key === '') {
    const out = [...original];
    for (const x of patch) if (!out.some((o) => jsonEqual(o, x))) out.push(x);
    return out;
  }
  const et = elemType(listType);
  const key = meta.key;
  const out: unknown[] = [...original];
  for (const p of patch) {
    if (!isPlainObject(p)) throw new PatchError(`merging an object in json but data type is not struct`);
    const kv = p[key];
    if (kv === undefined)
      throw new PatchError(`map: ${JSON.stringify(p)} does not contain declared merge key: ${key}`);
    const i = out.findIndex((o) => isPlainObject(o) && jsonEqual(o[key], kv));
    if (p[DIRECTIVE] === 'delete') {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) {
      const merged = mergeMap(out[i] as Record<string, unknown>, p, et);
      if (merged === undefined) out.splice(i, 1);
      else out[i] = merged;
    } else {
      const added = mergeMap({}, p, et);
      if (added !== undefined) out.push(added);
    }
  }
  return out;
}

/** `$setElementOrder`: the listed elements in the given order, then the others as they were. */
function orderList(list: readonly unknown[], order: readonly unknown[], key: string): unknown[] {
  const id = (x: unknown) => (key !== '' && isPlainObject(x) ? x[key] : x);
  const rank = (x: unknown) => {
    const i = order.findIndex((o) => jsonEqual(id(o), id(x)));
    return i < 0 ? order.length : i;
  };
  return list
    .map((x, i) => ({ x, i, r: rank(x) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((e) => e.x);
}

/**
 * Applies a strategic merge patch to an object of schema type `type` (`Job`, `Pod`, ...):
 * maps merge, lists with a merge key merge by that key, `null` deletes, and the directives
 * `$patch` (merge/replace/delete), `$retainKeys`, `$deleteFromPrimitiveList/<f>` and
 * `$setElementOrder/<f>` are honoured.
 *
 * @example
 * ```ts
 * strategicMerge(pod, { spec: { containers: [{ name: 'b', $patch: 'delete' }] } }, 'Pod');
 * ```
 */
export function strategicMerge(original: unknown, patch: unknown, type: string): Record<string, unknown> {
  if (!isPlainObject(patch)) throw new PatchError('a strategic merge patch must be a JSON object');
  const out = mergeMap(isPlainObject(original) ? original : {}, patch, type);
  return out ?? {};
}

/** RFC 6901 JSON pointer tokens. */
function pointer(path: unknown): string[] {
  if (typeof path !== 'string') throw new PatchError('missing path in JSON patch operation');
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer ${JSON.stringify(path)}`);
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function getAt(doc: unknown, tokens: readonly string[]): unknown {
  let cur: unknown = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isPlainObject(cur)) cur = cur[t];
    else return undefined;
  }
  return cur;
}

function parentOf(doc: unknown, tokens: readonly string[], op: string): [unknown, string] {
  const parent = getAt(doc, tokens.slice(0, -1));
  const last = tokens[tokens.length - 1]!;
  if (!Array.isArray(parent) && !isPlainObject(parent))
    throw new PatchError(`${op} operation does not apply: doc is missing path: "/${tokens.join('/')}"`);
  return [parent, last];
}

function arrayIndex(arr: unknown[], token: string, forAdd: boolean, path: string): number {
  if (forAdd && token === '-') return arr.length;
  if (!/^\d+$/.test(token)) throw new PatchError(`invalid array index ${JSON.stringify(token)} in ${path}`);
  const i = Number(token);
  if (i > arr.length || (!forAdd && i === arr.length))
    throw new PatchError(`unable to access invalid index: ${i}`);
  return i;
}

function add(doc: unknown, tokens: readonly string[], value: unknown, path: string): unknown {
  if (tokens.length === 0) return value;
  const [parent, last] = parentOf(doc, tokens, 'add');
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, true, path), 0, value);
  else (parent as Record<string, unknown>)[last] = value;
  return doc;
}

function remove(doc: unknown, tokens: readonly string[], path: string, op = 'remove'): unknown {
  if (tokens.length === 0) return undefined;
  const [parent, last] = parentOf(doc, tokens, op);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, false, path), 1);
  else {
    const obj = parent as Record<string, unknown>;
    if (!(last in obj))
      throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}"`);
    delete obj[last];
  }
  return doc;
}

/**
 * Applies an RFC 6902 JSON patch (`add`, `remove`, `replace`, `move`, `copy`, `test`).
 * @throws PatchError (422 for a failed `test`).
 *
 * @example
 * ```ts
 * jsonPatch({ spec: { suspend: false } }, [{ op: 'replace', path: '/spec/suspend', value: true }]);
 * ```
 */
export function jsonPatch(original: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('a JSON patch must be a list of operations');
  let doc = clone(original);
  for (const raw of ops) {
    if (!isPlainObject(raw)) throw new PatchError('a JSON patch operation must be an object');
    const op = raw.op;
    const path = String(raw.path ?? '');
    const tokens = pointer(raw.path);
    switch (op) {
      case 'add':
        doc = add(doc, tokens, clone(raw.value), path);
        break;
      case 'remove':
        doc = remove(doc, tokens, path);
        break;
      case 'replace':
        if (getAt(doc, tokens) === undefined)
          throw new PatchError(`replace operation does not apply: doc is missing key: ${path}`);
        doc = remove(doc, tokens, path, 'replace');
        doc = add(doc, tokens, clone(raw.value), path);
        break;
      case 'move':
      case 'copy': {
        const from = pointer(raw.from);
        const v = getAt(doc, from);
        if (v === undefined)
          throw new PatchError(
            `${op} operation does not apply: doc is missing from path: ${String(raw.from)}`,
          );
        if (op === 'move') doc = remove(doc, from, String(raw.from), 'move');
        doc = add(doc, tokens, clone(v), path);
        break;
      }
      case 'test':
        if (!jsonEqual(getAt(doc, tokens), raw.value))
          throw new PatchError(`testing value ${path} failed: test failed`, 422);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${String(op)}`);
    }
  }
  return doc;
}

/**
 * Applies an RFC 7386 JSON merge patch.
 *
 * @example
 * ```ts
 * jsonMergePatch({ spec: { suspend: false } }, { spec: { suspend: true } });
 * ```
 */
export function jsonMergePatch(original: unknown, patch: unknown): unknown {
  return mergePatch(original, patch);
}

/**
 * The JSON merge patch that turns `from` into `to` (keys only in `from` become `null`; lists
 * and scalars that differ are replaced whole). `{}` when they are equal.
 *
 * @example
 * ```ts
 * createMergePatch({ a: 1, b: 2 }, { a: 1, c: 3 }); // { b: null, c: 3 }
 * ```
 */
export function createMergePatch(
  from: Readonly<Record<string, unknown>>,
  to: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(from)) {
    if (from[k] !== undefined && (to[k] === undefined || to[k] === null) && from[k] !== null) out[k] = null;
  }
  for (const [k, v] of Object.entries(to)) {
    if (v === undefined || v === null) continue;
    const f = from[k];
    if (jsonEqual(f, v)) continue;
    if (isPlainObject(f) && isPlainObject(v)) out[k] = createMergePatch(f, v);
    else out[k] = v;
  }
  return out;
}
