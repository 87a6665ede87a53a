/**
 * The resources `jobsim serve` offers, as discovery names them: plural, kind, group/version,
 * scope, verbs, short names and categories (the values of a v1.34 API server for the same kinds).
 */
import type { Kind } from '../api/types.js';

/** A served resource. `kind` is undefined for `namespaces` (synthesised, read-only). */
export interface ServedResource {
  /** Plural resource name (`jobs`). */
  readonly resource: string;
  /** Singular name (`job`). */
  readonly singular: string;
  /** Kind as it appears in objects (`Job`). */
  readonly kindName: string;
  /** The simulator's kind; undefined for synthesised resources. */
  readonly kind: Kind | undefined;
  /** API group (`''` for core). */
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  /** Subresources offered (`log`, `eviction`, `status`). */
  readonly subresources: readonly string[];
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const RO = ['get', 'list', 'watch'];

/** Every resource, in discovery order (core first; `batch` before the legacy `extensions`). */
export const SERVED: readonly ServedResource[] = [
  {
    resource: 'pods',
    singular: 'pod',
    kindName: 'Pod',
    kind: 'Pod',
    group: '',
    version: 'v1',
    namespaced: true,
    verbs: RW,
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['log', 'eviction'],
  },
  {
    resource: 'events',
    singular: 'event',
    kindName: 'Event',
    kind: 'Event',
    group: '',
    version: 'v1',
    namespaced: true,
    verbs: RW,
    shortNames: ['ev'],
    categories: [],
    subresources: [],
  },
  {
    resource: 'nodes',
    singular: 'node',
    kindName: 'Node',
    kind: 'Node',
    group: '',
    version: 'v1',
    namespaced: false,
    verbs: RW,
    shortNames: ['no'],
    categories: [],
    subresources: [],
  },
  {
    resource: 'namespaces',
    singular: 'namespace',
    kindName: 'Namespace',
    kind: undefined,
    group: '',
    version: 'v1',
    namespaced: false,
    verbs: RO,
    shortNames: ['ns'],
    categories: [],
    subresources: [],
  },
  {
    resource: 'jobs',
    singular: 'job',
    kindName: 'Job',
    kind: 'Job',
    group: 'batch',
    version: 'v1',
    namespaced: true,
    verbs: RW,
    shortNames: [],
    categories: ['all'],
    subresources: [],
  },
  {
    resource: 'cronjobs',
    singular: 'cronjob',
    kindName: 'CronJob',
    kind: 'CronJob',
    group: 'batch',
    version: 'v1',
    namespaced: true,
    verbs: RW,
    shortNames: ['cj'],
    categories: ['all'],
    subresources: [],
  },
  // The 2015 tutorial's `extensions/v1beta1` Jobs (removed upstream in 1.8) are accepted and stored
  // as batch/v1, as `jobsim run` does, so `kubectl create -f sim/pi.yaml` works as written.
  {
    resource: 'jobs',
    singular: 'job',
    kindName: 'Job',
    kind: 'Job',
    group: 'extensions',
    version: 'v1beta1',
    namespaced: true,
    verbs: RW,
    shortNames: [],
    categories: [],
    subresources: [],
  },
];

/** `group/version` (`v1` for core). */
export function groupVersion(r: { readonly group: string; readonly version: string }): string {
  return r.group === '' ? r.version : `${r.group}/${r.version}`;
}

/** Looks up a resource by group, version and plural name. */
export function findResource(group: string, version: string, resource: string): ServedResource | undefined {
  return SERVED.find((r) => r.group === group && r.version === version && r.resource === resource);
}

/** The canonical (batch/v1 or core/v1) resource of a simulator kind. */
export function resourceOfKind(kind: Kind): ServedResource {
  const r = SERVED.find((s) => s.kind === kind && s.group !== 'extensions');
  if (!r) throw new Error(`no resource for kind ${kind}`);
  return r;
}

/** The distinct group-versions, in discovery order. */
export function groupVersions(): Array<{ group: string; version: string }> {
  const out: Array<{ group: string; version: string }> = [];
  for (const r of SERVED) {
    if (!out.some((g) => g.group === r.group && g.version === r.version))
      out.push({ group: r.group, version: r.version });
  }
  return out;
}
