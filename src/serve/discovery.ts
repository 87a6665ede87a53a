/**
 * What a client learns about the server before it sends a request: `/version`, aggregated
 * discovery (`apidiscovery.k8s.io/v2`, the two requests kubectl 1.32 makes), legacy discovery
 * for other clients, and a small OpenAPI v3 document whose PATCH operations declare the
 * `fieldValidation` parameter, which is what lets kubectl's `create -f` / `apply -f` hand
 * validation to the server (see `research/kubectl-api-surface.md` §2).
 */
import { createHash } from 'node:crypto';
import { SCHEMA } from '../api/schema.js';
import { KUBERNETES_VERSION } from '../profile.js';
import { MERGE_LISTS } from './patch.js';
import { groupVersion, groupVersions, SERVED, type ServedResource } from './resources.js';

/** Content-Type of an aggregated discovery answer (kubectl decides by this header alone). */
export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** The `/version` body: the modelled Kubernetes version, marked as jobsim. */
export function versionInfo(): Record<string, string> {
  const minor = KUBERNETES_VERSION.replace(/^v\d+\./, '');
  return {
    major: '1',
    minor,
    emulationMajor: '1',
    emulationMinor: minor,
    minCompatibilityMajor: '1',
    minCompatibilityMinor: minor,
    gitVersion: `${KUBERNETES_VERSION}.0-jobsim`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '1970-01-01T00:00:00Z',
    goVersion: 'go1.24.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function aggregatedResource(r: ServedResource): Record<string, unknown> {
  const out: Record<string, unknown> = {
    resource: r.resource,
    responseKind: { group: r.group, version: r.version, kind: r.kindName },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
  };
  if (r.shortNames.length > 0) out.shortNames = r.shortNames;
  if (r.categories.length > 0) out.categories = r.categories;
  if (r.subresources.length > 0) {
    out.subresources = r.subresources.map((s) => ({
      subresource: s,
      responseKind:
        s === 'log'
          ? { group: '', version: '', kind: 'string' }
          : s === 'eviction'
            ? { group: 'policy', version: 'v1', kind: 'Eviction' }
            : { group: r.group, version: r.version, kind: r.kindName },
      verbs: s === 'log' ? ['get'] : s === 'eviction' ? ['create'] : ['get', 'patch', 'update'],
    }));
  }
  return out;
}

/** Aggregated discovery for `/api` (core) or `/apis` (named groups). */
export function aggregatedDiscovery(core: boolean): Record<string, unknown> {
  const groups = new Map<string, Array<{ version: string; resources: ServedResource[] }>>();
  for (const r of SERVED) {
    if ((r.group === '') !== core) continue;
    let versions = groups.get(r.group);
    if (!versions) {
      versions = [];
      groups.set(r.group, versions);
    }
    let v = versions.find((x) => x.version === r.version);
    if (!v) {
      v = { version: r.version, resources: [] };
      versions.push(v);
    }
    v.resources.push(r);
  }
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: [...groups].map(([name, versions]) => ({
      metadata: { name, creationTimestamp: null },
      versions: versions.map((v) => ({
        version: v.version,
        resources: v.resources.map(aggregatedResource),
        freshness: 'Current',
      })),
    })),
  };
}

/** Legacy `/api` (`APIVersions`). */
export function legacyCore(address: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: address }],
  };
}

/** Legacy `/apis` (`APIGroupList`). */
export function legacyGroups(): Record<string, unknown> {
  const groups = groupVersions().filter((g) => g.group !== '');
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map((g) => {
      const gv = { groupVersion: groupVersion(g), version: g.version };
      return { name: g.group, versions: [gv], preferredVersion: gv };
    }),
  };
}

/** Legacy `/api/v1`, `/apis/batch/v1`, ... (`APIResourceList`); undefined for unknown ones. */
export function legacyResources(group: string, version: string): Record<string, unknown> | undefined {
  const rs = SERVED.filter((r) => r.group === group && r.version === version);
  if (rs.length === 0) return undefined;
  const resources: Array<Record<string, unknown>> = [];
  for (const r of rs) {
    const e: Record<string, unknown> = {
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kindName,
      verbs: r.verbs,
    };
    if (r.shortNames.length > 0) e.shortNames = r.shortNames;
    if (r.categories.length > 0) e.categories = r.categories;
    resources.push(e);
    for (const s of r.subresources) {
      resources.push({
        name: `${r.resource}/${s}`,
        singularName: '',
        namespaced: r.namespaced,
        kind: s === 'log' ? 'Pod' : s === 'eviction' ? 'Eviction' : r.kindName,
        verbs: s === 'log' ? ['get'] : ['create'],
        ...(s === 'eviction' ? { group: 'policy', version: 'v1' } : {}),
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion({ group, version }),
    resources,
  };
}

const QUERY_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'].map((name) => ({
  name,
  in: 'query',
  schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
}));

const SCHEMA_PREFIX = 'io.k8s.jobsim.';

function propertySchema(code: string, parent: string, field: string): Record<string, unknown> {
  switch (code) {
    case 's':
      return { type: 'string' };
    case 't':
      return { type: 'string', format: 'date-time' };
    case 'q':
      return { oneOf: [{ type: 'string' }, { type: 'number' }] };
    case 'i32':
    case 'i64':
      return { type: 'integer', format: code === 'i32' ? 'int32' : 'int64' };
    case 'f':
      return { type: 'number', format: 'double' };
    case 'b':
      return { type: 'boolean' };
    case 'ios':
      return { type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true };
    case 'any':
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  }
  if (code.startsWith('[')) {
    const out: Record<string, unknown> = {
      type: 'array',
      items: propertySchema(code.slice(1, -1), parent, field),
    };
    const meta = MERGE_LISTS[`${parent}.${field}`];
    if (meta) {
      out['x-kubernetes-patch-strategy'] = meta.retainKeys ? 'merge,retainKeys' : 'merge';
      if (meta.key !== '') out['x-kubernetes-patch-merge-key'] = meta.key;
    }
    return out;
  }
  if (code.startsWith('{'))
    return { type: 'object', additionalProperties: propertySchema(code.slice(1, -1), parent, field) };
  return { default: {}, allOf: [{ $ref: `#/components/schemas/${SCHEMA_PREFIX}${code}` }] };
}

/**
 * Component schemas (field names, types and strategic-merge metadata, no descriptions) of the
 * kinds of a group-version and every type they reach: `kubectl explain` reads them, and kubectl
 * computes strategic-merge patches from them for kinds it has no compiled-in types for
 * (`extensions/v1beta1` Jobs).
 */
function componentSchemas(
  roots: ReadonlyArray<{ kind: string; group: string; version: string }>,
): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  const visit = (type: string): void => {
    if (out[SCHEMA_PREFIX + type] !== undefined) return;
    const fields = SCHEMA[type];
    if (!fields) return;
    const properties: Record<string, unknown> = {};
    out[SCHEMA_PREFIX + type] = { type: 'object', properties };
    for (const [f, code] of Object.entries(fields)) {
      properties[f] = propertySchema(code, type, f);
      for (const m of code.matchAll(/[A-Z]\w*/g)) visit(m[0]);
    }
  };
  for (const r of roots) {
    visit(r.kind);
    out[SCHEMA_PREFIX + r.kind]!['x-kubernetes-group-version-kind'] = [
      { group: r.group, version: r.version, kind: r.kind },
    ];
  }
  return out;
}

/**
 * Group-versions whose PATCH operations offer strategic merge patch, so that kubectl computes it
 * from the schemas here. Only the legacy group: for the others kubectl uses its compiled-in types.
 */
const WITH_SCHEMAS = new Set(['extensions/v1beta1']);

const PATCH_BODY = {
  content: Object.fromEntries(
    [
      'application/apply-patch+yaml',
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
    ].map((t) => [t, { schema: { type: 'object' } }]),
  ),
  required: true,
};

/** The OpenAPI v3 document of one group-version (`api/v1`, `apis/batch/v1`). */
function openApiDocument(group: string, version: string): Record<string, unknown> {
  const withSmp = WITH_SCHEMAS.has(groupVersion({ group, version }));
  const roots: Array<{ kind: string; group: string; version: string }> = [];
  const paths: Record<string, unknown> = {};
  const prefix = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  for (const r of SERVED) {
    if (r.group !== group || r.version !== version || r.kind === undefined) continue;
    const item = r.namespaced
      ? `${prefix}/namespaces/{namespace}/${r.resource}/{name}`
      : `${prefix}/${r.resource}/{name}`;
    paths[item] = {
      patch: {
        description: `partially update the specified ${r.kindName}`,
        operationId: `patch${r.kindName}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group, version, kind: r.kindName },
        parameters: QUERY_PARAMS,
        ...(withSmp ? { requestBody: PATCH_BODY } : {}),
        responses: { '200': { description: 'OK' } },
      },
    };
    roots.push({ kind: r.kindName, group, version });
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes (jobsim)', version: `${KUBERNETES_VERSION}.0` },
    paths,
    components: { schemas: componentSchemas(roots) },
  };
}

/** The OpenAPI v3 documents, their paths (`apis/batch/v1`) and content hashes. */
export interface OpenApi {
  /** `GET /openapi/v3`. */
  readonly index: Record<string, unknown>;
  /** Path (`api/v1`) -> [document JSON, hash]. */
  readonly documents: ReadonlyMap<string, readonly [string, string]>;
}

/** Builds the OpenAPI v3 index and documents. */
export function openApi(): OpenApi {
  const documents = new Map<string, readonly [string, string]>();
  const paths: Record<string, unknown> = {};
  for (const g of groupVersions()) {
    const path = g.group === '' ? `api/${g.version}` : `apis/${g.group}/${g.version}`;
    const text = JSON.stringify(openApiDocument(g.group, g.version));
    const hash = createHash('sha512').update(text).digest('hex').slice(0, 32).toUpperCase();
    documents.set(path, [text, hash]);
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
  }
  return { index: { paths }, documents };
}
