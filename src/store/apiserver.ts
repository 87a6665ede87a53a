/**
 * The API server's request path on top of the store: defaulting, selector generation,
 * admission, validation on create and update (with immutability), JSON merge patch, delete
 * with propagation, and the Eviction API. A request that fails changes nothing.
 */

import { DecodeTypeError, decodeTyped } from '../api/decode.js';
import { AlreadyExistsError, InvalidObjectError, NotFoundError, RESOURCES } from '../api/errors.js';
import { defaultJob, defaultJobForCreate, defaultPod } from '../api/job-defaults.js';
import {
  jobUpdateWarnings,
  jobWarnings,
  validateJobCreate,
  validateJobUpdate,
} from '../api/job-validation.js';
import { checkDecodable, podSpecWarnings, validateNode, validatePodCreate } from '../api/pod-validation.js';
import { getPodQOS } from '../api/qos.js';
import { strictDecode, strictDecodeError, unsimulatedFieldWarnings } from '../api/strict.js';
import type { Job, Kind, KindMap, KubeObject, Node, Pod, PodSpec, Toleration } from '../api/types.js';
import { NAMESPACED } from '../api/types.js';
import { withDisruptionTarget } from '../controllers/nodelifecycle.js';
import { PROFILE } from '../profile.js';
import { isPlainObject, jsonEqual, mergePatch } from '../util/merge-patch.js';
import type { DeleteOptions, Store } from './store.js';

/** What a write did, as kubectl reports it (`created`, `configured`, `unchanged`). */
export type WriteOutcome = 'created' | 'configured' | 'unchanged';

/** Kinds jobsim accepts in manifests and steps. */
export const KINDS: readonly Kind[] = ['Job', 'CronJob', 'Pod', 'Node', 'Event'];

/** Case-insensitive kind lookup (`job`, `jobs`, `Job`, `po`, ...). */
export function normalizeKind(kind: string): Kind | undefined {
  const k = kind.toLowerCase();
  switch (k) {
    case 'job':
    case 'jobs':
    case 'job.batch':
    case 'jobs.batch':
      return 'Job';
    case 'cronjob':
    case 'cronjobs':
    case 'cj':
      return 'CronJob';
    case 'pod':
    case 'pods':
    case 'po':
      return 'Pod';
    case 'node':
    case 'nodes':
    case 'no':
      return 'Node';
    case 'event':
    case 'events':
    case 'ev':
      return 'Event';
    default:
      return undefined;
  }
}

/** Validator hook for kinds validated outside this module (CronJob). */
export type KindValidator = {
  readonly defaults?: (obj: KubeObject) => KubeObject;
  readonly create: (obj: KubeObject) => ReturnType<typeof validateJobCreate>;
  readonly update: (obj: KubeObject, old: KubeObject) => ReturnType<typeof validateJobUpdate>;
};

/**
 * The API server facade used by steps, the library API and `jobsim serve`.
 *
 * @example
 * ```ts
 * const api = new ApiServer(store);
 * api.create(jobManifest); // defaulted, validated, stored
 * ```
 */
export class ApiServer {
  readonly store: Store;
  /** Extra validators by kind (registered by optional controllers). */
  readonly validators = new Map<Kind, KindValidator>();
  /** Warnings of the last write (API server `Warning` headers). */
  lastWarnings: string[] = [];
  /**
   * What optional packages installed on this API server, by name (e.g. the CronJob controllers),
   * so that installing twice returns the first installation. Kept here rather than in a
   * module-level WeakMap: V8's young-generation GC treats WeakMap values as strong, which kept
   * every finished simulation alive until the next full GC.
   */
  readonly installed = new Map<string, unknown>();

  constructor(store: Store) {
    this.store = store;
    store.admit = admitObject;
  }

  private kindOf(obj: KubeObject): Kind {
    const k = normalizeKind(obj.kind ?? '');
    if (!k) throw new Error(`no kind "${obj.kind}" is registered`);
    return k;
  }

  /** Prepares an object for create: defaulting, generated selector, validation. Does not store it. */
  prepareCreate<K extends Kind>(kind: K, obj: KindMap[K], uid: string): KindMap[K] {
    this.lastWarnings = [];
    const name = obj.metadata?.name ?? obj.metadata?.generateName ?? '';
    const decoded = strictDecode(kind, obj);
    if (decoded.error) throw decoded.error;
    const prepared = this.prepareValidated(kind, decoded.value, uid, name);
    this.lastWarnings.push(...unsimulatedFieldWarnings(kind, prepared));
    return prepared;
  }

  private prepareValidated<K extends Kind>(kind: K, obj: KindMap[K], uid: string, name: string): KindMap[K] {
    switch (kind) {
      case 'Job': {
        const undecodable = checkDecodable('Job', obj as Job);
        if (undecodable) throw undecodable;
        // Defaulting, the generated selector, and defaulting again as when the object is read
        // back from storage (a Job without labels gets the now generated template labels).
        const job = defaultJobForCreate(withMeta(obj as Job), uid);
        const errs = validateJobCreate(job);
        if (errs.length > 0) throw new InvalidObjectError('Job', 'batch', name, errs);
        this.lastWarnings = jobWarnings(job);
        const { status: _s, ...rest } = job;
        return rest as KindMap[K];
      }
      case 'Pod': {
        const undecodable = checkDecodable('Pod', obj as Pod);
        if (undecodable) throw undecodable;
        const pod = defaultPod(withMeta(obj as Pod));
        const errs = validatePodCreate(pod);
        if (errs.length > 0) throw new InvalidObjectError('Pod', '', name, errs);
        this.lastWarnings = podSpecWarnings(pod.spec, '');
        return {
          ...pod,
          metadata: Object.assign({}, pod.metadata, { uid }),
          status: { phase: 'Pending' },
        } as KindMap[K];
      }
      case 'Node': {
        const undecodable = checkDecodable('Node', obj as Node);
        if (undecodable) throw undecodable;
        const node = withMeta(obj as Node);
        const errs = validateNode(node);
        if (errs.length > 0) throw new InvalidObjectError('Node', '', name, errs);
        return { ...node, metadata: Object.assign({}, node.metadata, { uid }) } as KindMap[K];
      }
      default: {
        const v = this.validators.get(kind);
        let o = withMeta(obj) as KubeObject;
        if (v?.defaults) o = v.defaults(o);
        if (v) {
          const errs = v.create(o);
          if (errs.length > 0)
            throw new InvalidObjectError(kind, kind === 'CronJob' ? 'batch' : '', name, errs);
        }
        return { ...o, metadata: Object.assign({}, o.metadata, { uid }) } as KindMap[K];
      }
    }
  }

  /**
   * Creates an object.
   * @throws InvalidObjectError, AlreadyExistsError
   */
  create<K extends Kind>(obj: KindMap[K], options: { dryRun?: boolean } = {}): KindMap[K] {
    const kind = this.kindOf(obj) as K;
    const ns = NAMESPACED[kind] ? (obj.metadata?.namespace ?? 'default') : undefined;
    const name = obj.metadata?.name;
    if (name && this.store.get(kind, ns, name))
      throw new AlreadyExistsError(RESOURCES[kind]!.resource, RESOURCES[kind]!.group, name);
    const prepared = this.prepareCreate(kind, obj, this.store.newUid());
    if (options.dryRun) return prepared;
    return this.store.create(kind, prepared);
  }

  /**
   * Updates an existing object with the fields of `obj` (as a merge, like `kubectl apply` of a
   * manifest), validating the result against the old object.
   * @throws InvalidObjectError, NotFoundError
   */
  applyUpdate<K extends Kind>(obj: KindMap[K]): [KindMap[K], WriteOutcome] {
    const kind = this.kindOf(obj) as K;
    const { status: _s, ...patch } = obj as KubeObject & { status?: unknown };
    const md = { ...(patch.metadata ?? {}) } as Record<string, unknown>;
    delete md.uid;
    delete md.resourceVersion;
    delete md.creationTimestamp;
    return this.patch(kind, obj.metadata?.namespace, obj.metadata!.name!, { ...patch, metadata: md });
  }

  /** Creates the object, or updates it by name when it exists. */
  apply<K extends Kind>(obj: KindMap[K]): [KindMap[K], WriteOutcome] {
    const kind = this.kindOf(obj) as K;
    const ns = NAMESPACED[kind] ? (obj.metadata?.namespace ?? 'default') : undefined;
    const name = obj.metadata?.name;
    if (name && this.store.get(kind, ns, name)) return this.applyUpdate(obj);
    return [this.create(obj), 'created'];
  }

  /**
   * JSON merge patch of the spec and metadata of a stored object, with update validation.
   * @throws InvalidObjectError, NotFoundError
   */
  patch<K extends Kind>(
    kind: K,
    namespace: string | undefined,
    name: string,
    patch: unknown,
  ): [KindMap[K], WriteOutcome] {
    this.lastWarnings = [];
    const old = this.store.get(kind, namespace, name);
    if (!old) throw new NotFoundError(RESOURCES[kind]!.resource, RESOURCES[kind]!.group, name);
    const p = isPlainObject(patch) ? { ...patch } : {};
    delete p.status;
    delete p.kind;
    delete p.apiVersion;
    const strict = strictDecodeError(kind, p);
    if (strict) throw strict;
    let next = mergePatch(old, p) as KindMap[K];
    // The merged object is decoded as the API server decodes it (a null list element is a zero
    // value); the patch itself was checked for unknown fields above.
    next = decodeNulls(kind, next);
    next = {
      ...next,
      metadata: { ...next.metadata, name: old.metadata!.name!, uid: old.metadata!.uid! },
    } as KindMap[K];
    if (kind === 'Job') {
      next = defaultJob(next as Job) as KindMap[K];
      const errs = validateJobUpdate(next as Job, old as Job);
      if (errs.length > 0) throw new InvalidObjectError('Job', 'batch', name, errs);
      this.lastWarnings = jobUpdateWarnings(next as Job, old as Job);
    } else if (kind === 'Pod') {
      const errs = podUpdateErrors(next as Pod, old as Pod);
      if (errs.length > 0) throw new InvalidObjectError('Pod', '', name, errs);
    } else {
      const v = this.validators.get(kind);
      if (v) {
        if (v.defaults) next = v.defaults(next) as KindMap[K];
        const errs = v.update(next, old);
        if (errs.length > 0)
          throw new InvalidObjectError(kind, kind === 'CronJob' ? 'batch' : '', name, errs);
      }
    }
    if (jsonEqual(next, old)) return [old, 'unchanged'];
    const stored = this.store.update(kind, next, { noopCheck: true });
    return [stored, stored === old ? 'unchanged' : 'configured'];
  }

  /**
   * Deletes an object (`kubectl delete` defaults: Background propagation).
   * @throws NotFoundError
   */
  delete(kind: Kind, namespace: string | undefined, name: string, options: DeleteOptions = {}): void {
    if (!this.store.get(kind, namespace, name))
      throw new NotFoundError(RESOURCES[kind]!.resource, RESOURCES[kind]!.group, name);
    this.store.delete(kind, namespace, name, { propagationPolicy: 'Background', ...options });
  }

  /**
   * Eviction API: DisruptionTarget (EvictionByEvictionAPI) then a graceful delete.
   * @throws NotFoundError
   */
  evict(namespace: string | undefined, name: string): void {
    const pod = this.store.get('Pod', namespace, name);
    if (!pod) throw new NotFoundError('pods', '', name);
    if (pod.metadata?.deletionTimestamp) return;
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    let cur = pod;
    if (!terminal) {
      cur = this.store.update(
        'Pod',
        withDisruptionTarget(pod, 'EvictionByEvictionAPI', 'Eviction API: evicting', this.store.timestamp()),
      );
    }
    this.store.delete('Pod', cur.metadata?.namespace, name);
  }
}

/**
 * `obj` with the nulls left in its lists and maps decoded to Go's zero values (see `decodeTyped`);
 * null fields (a stored condition's `lastProbeTime`) and unknown fields are kept.
 */
function decodeNulls<T extends KubeObject>(kind: Kind, obj: T): T {
  if (kind === 'Event') return obj;
  try {
    return decodeTyped(obj as Record<string, unknown>, kind, { keepUnknown: true, keepNullFields: true })
      .value as T;
  } catch (e) {
    if (e instanceof DecodeTypeError) return obj;
    throw e;
  }
}

function withMeta<T extends KubeObject>(obj: T): T {
  const kind = normalizeKind(obj.kind ?? '');
  const md: { namespace?: string } = Object.assign({}, obj.metadata);
  if (kind && NAMESPACED[kind] && !md.namespace) md.namespace = 'default';
  return { ...obj, metadata: md };
}

/** The not-ready and unreachable NoExecute tolerations DefaultTolerationSeconds adds. */
const DEFAULT_TOLERATIONS: Toleration[] = [
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
].map((key) => ({
  key,
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: PROFILE.defaultTolerationSeconds,
}));

/** DefaultTolerationSeconds admission: not-ready and unreachable NoExecute tolerations for 300s. */
/**
 * The API server's mutating admission, as `Store.admit`. A module function, not a closure over the
 * store: V8's young-generation GC keeps a closure stored on an object it captures (and so the
 * whole simulation) alive until the next full GC, which made seed sweeps promote every finished
 * simulation.
 */
function admitObject(kind: Kind, obj: KubeObject, store: Store): KubeObject {
  return kind === 'Pod' ? admitPod(obj as Pod, store.timestamp()) : obj;
}

function admitPod(pod: Pod, now: string): Pod {
  const own = pod.spec?.tolerations;
  let tols: Toleration[];
  let changed: boolean;
  if (own === undefined || own.length === 0) {
    // The common case: every such pod gets the same (immutable) list.
    tols = DEFAULT_TOLERATIONS;
    changed = true;
  } else {
    tols = [...own];
    changed = false;
    const has = (key: string) =>
      tols.some(
        (t) =>
          (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'),
      );
    for (const t of DEFAULT_TOLERATIONS) {
      if (!has(t.key!)) {
        tols.push({ ...t });
        changed = true;
      }
    }
  }
  if (!pod.spec) return pod;
  // Object.assign, not spread: adding keys to a spread copy is slow in V8.
  const spec = Object.assign({}, pod.spec);
  if (changed) spec.tolerations = tols;
  if (spec.priority === undefined) spec.priority = 0;
  if (spec.serviceAccountName === undefined) spec.serviceAccountName = 'default';
  const status = Object.assign({}, pod.status);
  if (status.qosClass === undefined) status.qosClass = qosOf(spec);
  if ((spec.schedulingGates?.length ?? 0) > 0 && !status.conditions?.some((c) => c.type === 'PodScheduled')) {
    // The API server's pod strategy marks gated pods at create.
    status.conditions = [
      ...(status.conditions ?? []),
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'SchedulingGated',
        message: 'Scheduling is blocked due to non-empty scheduling gates',
        lastProbeTime: null as unknown as string,
        lastTransitionTime: now,
      },
    ];
  }
  return { ...pod, spec, status };
}

const qosCache = new WeakMap<object, string>();

/** QoS class, cached per containers list (pods of one Job share their template's). */
function qosOf(spec: PodSpec): string {
  const key = spec.containers as object;
  let q = qosCache.get(key);
  if (q === undefined || spec.initContainers) {
    q = getPodQOS(spec);
    if (!spec.initContainers) qosCache.set(key, q);
  }
  return q;
}

/** Pod updates may change only metadata labels/annotations/finalizers, and a few spec fields. */
function podUpdateErrors(next: Pod, old: Pod) {
  const a = {
    ...next.spec,
    activeDeadlineSeconds: undefined,
    tolerations: undefined,
    schedulingGates: undefined,
  };
  const b = {
    ...old.spec,
    activeDeadlineSeconds: undefined,
    tolerations: undefined,
    schedulingGates: undefined,
  };
  const oldGates = new Set((old.spec?.schedulingGates ?? []).map((g) => g.name));
  const gatesOnlyRemoved = (next.spec?.schedulingGates ?? []).every((g) => oldGates.has(g.name));
  if (jsonEqual(a, b) && gatesOnlyRemoved) return [];
  return [
    {
      type: 'FieldValueForbidden' as const,
      field: 'spec',
      detail:
        'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    },
  ];
}
