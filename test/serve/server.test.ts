/**
 * The HTTP surface of `jobsim serve` without kubectl: discovery, OpenAPI, Tables, watch
 * (history, 410, bookmarks, limits), writes (dryRun, no-op patches, preconditions, delete
 * propagation), robustness (body limit, malformed JSON, slow watchers, shutdown) and the paused
 * clock's determinism.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job, Pod } from '../../src/api/types.js';
import { AGGREGATED_CONTENT_TYPE } from '../../src/serve/discovery.js';
import { advance, http, type Served, simulation, start } from './helpers.js';

const JOB: Job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi' },
  spec: {
    template: {
      metadata: { annotations: { 'jobsim.io/run': '20s' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] },
    },
  },
};

const JOBS = '/apis/batch/v1/namespaces/default/jobs';
const PODS = '/api/v1/namespaces/default/pods';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

let servers: Served[] = [];
async function served(...args: Parameters<typeof start>): Promise<Served> {
  const s = await start(...args);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

// biome-ignore lint/suspicious/noExplicitAny: API answers are read as loose JSON in these tests
type Json = Record<string, any>;

async function json(s: Served, path: string, init: Parameters<typeof http>[1] = {}) {
  const r = await http(`${s.server.url}${path}`, init);
  return { ...r, json: JSON.parse(r.body) as Json };
}

function post(s: Served, path: string, body: unknown, query = '') {
  return json(s, `${path}${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function patch(s: Served, path: string, type: string, body: unknown) {
  return json(s, path, { method: 'PATCH', headers: { 'Content-Type': type }, body: JSON.stringify(body) });
}

/** Opens a watch and collects its lines. */
function watch(s: Served, path: string, headers: Record<string, string> = {}) {
  const lines: string[] = [];
  let status = 0;
  let ended = false;
  let res: import('node:http').IncomingMessage | undefined;
  const waiters: Array<() => void> = [];
  const req = request(`${s.server.url}${path}`, { headers }, (r) => {
    res = r;
    status = r.statusCode ?? 0;
    let buf = '';
    r.on('data', (c: Buffer) => {
      buf += c.toString('utf8');
      let i = buf.indexOf('\n');
      while (i >= 0) {
        lines.push(buf.slice(0, i));
        buf = buf.slice(i + 1);
        i = buf.indexOf('\n');
      }
      for (const w of waiters.splice(0)) w();
    });
    r.on('end', () => {
      ended = true;
      for (const w of waiters.splice(0)) w();
    });
    r.on('close', () => {
      ended = true;
      for (const w of waiters.splice(0)) w();
    });
    r.on('error', () => {});
    for (const w of waiters.splice(0)) w();
  });
  req.on('error', () => {});
  req.end();
  const until = (pred: () => boolean, ms = 5000) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timeout; lines: ${lines.join('\n')}`)), ms);
      const check = () => {
        if (pred()) {
          clearTimeout(t);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return {
    lines,
    events: () => lines.map((l) => JSON.parse(l) as { type: string; object: Json }),
    status: () => status,
    ended: () => ended,
    until,
    response: () => res,
    abort: () => req.destroy(),
  };
}

describe('discovery and OpenAPI', () => {
  it('serves /version, aggregated discovery by Accept, and legacy discovery otherwise', async () => {
    const s = await served();
    expect((await json(s, '/version')).json.gitVersion).toBe('v1.34.0-jobsim');
    const agg = await json(s, '/apis', {
      headers: {
        Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
      },
    });
    expect(agg.headers['content-type']).toBe(AGGREGATED_CONTENT_TYPE);
    const batch = agg.json.items[0];
    expect(batch.metadata.name).toBe('batch');
    expect(batch.versions[0].resources.map((r: { resource: string }) => r.resource)).toEqual([
      'jobs',
      'cronjobs',
    ]);
    const core = await json(s, '/api', { headers: { Accept: AGGREGATED_CONTENT_TYPE } });
    const pods = core.json.items[0].versions[0].resources.find(
      (r: { resource: string }) => r.resource === 'pods',
    );
    expect(pods).toMatchObject({ shortNames: ['po'], categories: ['all'], scope: 'Namespaced' });
    expect((await json(s, '/api')).json.kind).toBe('APIVersions');
    expect((await json(s, '/apis')).json.kind).toBe('APIGroupList');
    expect((await json(s, '/apis/batch/v1')).json.resources.map((r: { name: string }) => r.name)).toEqual([
      'jobs',
      'cronjobs',
    ]);
  });

  it('serves OpenAPI v3 documents whose PATCH operations declare fieldValidation, cacheable by hash', async () => {
    const s = await served();
    const index = await json(s, '/openapi/v3');
    const url = index.json.paths['apis/batch/v1'].serverRelativeURL as string;
    const doc = await json(s, url);
    expect(doc.headers['cache-control']).toBe('public, immutable');
    expect(doc.headers.etag).toMatch(/^"[0-9A-F]{32}"$/);
    const op = doc.json.paths['/apis/batch/v1/namespaces/{namespace}/jobs/{name}'].patch;
    expect(op['x-kubernetes-group-version-kind']).toEqual({ group: 'batch', version: 'v1', kind: 'Job' });
    expect(op.parameters.map((p: { name: string }) => p.name)).toContain('fieldValidation');
    expect((await http(`${s.server.url}/openapi/v2`)).status).toBe(404);
  });
});

describe('reads', () => {
  it('prints Tables with every column and the row objects kubectl asks for', async () => {
    const s = await served();
    await post(s, JOBS, JOB);
    await advance(s, '30s');
    const t = await json(s, JOBS, { headers: { Accept: TABLE } });
    expect(t.json.kind).toBe('Table');
    expect(
      t.json.columnDefinitions.map((c: { name: string; priority: number }) => `${c.name}/${c.priority}`),
    ).toEqual([
      'Name/0',
      'Status/0',
      'Completions/0',
      'Duration/0',
      'Age/0',
      'Containers/1',
      'Images/1',
      'Selector/1',
    ]);
    expect(t.json.rows[0].cells.slice(0, 5)).toEqual(['pi', 'Complete', '1/1', '21s', '30s']);
    expect(t.json.rows[0].object.kind).toBe('PartialObjectMetadata');
    const full = await json(s, `${JOBS}?includeObject=Object`, { headers: { Accept: TABLE } });
    expect(full.json.rows[0].object.spec.completions).toBe(1);
    const none = await json(s, `${JOBS}?includeObject=None`, { headers: { Accept: TABLE } });
    expect(none.json.rows[0].object).toBeUndefined();
  });

  it('filters lists by label and field selectors', async () => {
    const s = await served(simulation({ nodes: 2 }));
    await post(s, JOBS, { ...JOB, spec: { ...JOB.spec, parallelism: 3, completions: 3 } });
    const all = await json(s, PODS);
    expect(all.json.items).toHaveLength(3);
    expect(all.json.metadata.resourceVersion).toMatch(/^\d+$/);
    const node = all.json.items[0].spec.nodeName as string;
    const onNode = await json(
      s,
      `/api/v1/pods?fieldSelector=${encodeURIComponent(`spec.nodeName=${node},status.phase!=Failed`)}`,
    );
    expect(onNode.json.items.every((p: Pod) => p.spec?.nodeName === node)).toBe(true);
    expect((await json(s, `${PODS}?labelSelector=job-name%3Dpi`)).json.items).toHaveLength(3);
    expect((await json(s, `${PODS}?labelSelector=job-name%3Dother`)).json.items).toHaveLength(0);
    const name = all.json.items[0].metadata.name as string;
    expect((await json(s, `${PODS}?fieldSelector=metadata.name%3D${name}`)).json.items).toHaveLength(1);
  });

  it('answers unknown paths and subresources with a NotFound Status', async () => {
    const s = await served();
    await post(s, JOBS, JOB);
    const scale = await patch(s, `${JOBS}/pi/scale`, 'application/merge-patch+json', {
      spec: { replicas: 2 },
    });
    expect(scale.status).toBe(404);
    expect(scale.json).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'the server could not find the requested resource',
    });
    const missing = await json(s, `${JOBS}/nope`);
    expect(missing.json).toMatchObject({
      code: 404,
      message: 'jobs.batch "nope" not found',
      details: { name: 'nope', group: 'batch', kind: 'jobs' },
    });
  });
});

describe('writes', () => {
  it('create: 201, then 409 AlreadyExists; 422 Invalid carries field causes', async () => {
    const s = await served();
    expect((await post(s, JOBS, JOB)).status).toBe(201);
    const again = await post(s, JOBS, JOB);
    expect(again.json).toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
      message: 'jobs.batch "pi" already exists',
    });
    const bad = await post(s, JOBS, {
      ...JOB,
      metadata: { name: 'bad' },
      spec: { ...JOB.spec, parallelism: -1 },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.details).toEqual({
      name: 'bad',
      group: 'batch',
      kind: 'Job',
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: -1: must be greater than or equal to 0',
          field: 'spec.parallelism',
        },
      ],
    });
  });

  it('dryRun=All validates and answers but never stores', async () => {
    const s = await served();
    const rv = s.sim.store.resourceVersion;
    const dry = await post(s, JOBS, JOB, '?dryRun=All');
    expect(dry.status).toBe(201);
    expect(s.sim.store.resourceVersion).toBe(rv);
    expect((await json(s, `${JOBS}/pi`)).status).toBe(404);
    await post(s, JOBS, JOB);
    const rv2 = s.sim.store.resourceVersion;
    const p = await patch(s, `${JOBS}/pi?dryRun=All`, 'application/merge-patch+json', {
      spec: { suspend: true },
    });
    expect(p.json.spec.suspend).toBe(true);
    expect(s.sim.store.get('Job', 'default', 'pi')?.spec?.suspend).toBe(false);
    const d = await json(s, `${JOBS}/pi?dryRun=All`, { method: 'DELETE' });
    expect(d.status).toBe(200);
    expect(s.sim.store.get('Job', 'default', 'pi')).toBeDefined();
    expect(s.sim.store.resourceVersion).toBe(rv2);
  });

  it('a no-op patch keeps the resourceVersion; a real one bumps it', async () => {
    const s = await served();
    await post(s, JOBS, JOB);
    const a = await patch(s, `${JOBS}/pi`, 'application/strategic-merge-patch+json', {
      spec: { suspend: false },
    });
    const b = await patch(s, `${JOBS}/pi`, 'application/strategic-merge-patch+json', {
      spec: { suspend: false },
    });
    expect(b.json.metadata.resourceVersion).toBe(a.json.metadata.resourceVersion);
    const c = await patch(s, `${JOBS}/pi`, 'application/json-patch+json', [
      { op: 'add', path: '/metadata/labels/team', value: 'a' },
    ]);
    expect(Number(c.json.metadata.resourceVersion)).toBeGreaterThan(Number(a.json.metadata.resourceVersion));
    expect(c.json.metadata.labels.team).toBe('a');
  });

  it('refuses immutable changes (422), stale resourceVersions (409) and unsupported media types (415)', async () => {
    const s = await served();
    const created = (await post(s, JOBS, JOB)).json;
    const sel = await patch(s, `${JOBS}/pi`, 'application/merge-patch+json', {
      spec: { completionMode: 'Indexed' },
    });
    expect(sel.status).toBe(422);
    expect(sel.json.details.causes[0].field).toBe('spec.completionMode');
    const put = await json(s, `${JOBS}/pi`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...created, metadata: { ...created.metadata, resourceVersion: '1' } }),
    });
    expect(put.json).toMatchObject({ code: 409, reason: 'Conflict' });
    const proto = await json(s, JOBS, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
      body: 'x',
    });
    expect(proto.json).toMatchObject({ code: 415, reason: 'UnsupportedMediaType' });
  });

  it('PUT replaces the writable fields', async () => {
    const s = await served();
    await post(s, JOBS, JOB);
    const created = (await json(s, `${JOBS}/pi`)).json;
    const put = await json(s, `${JOBS}/pi`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...created, metadata: { ...created.metadata, labels: { only: 'this' } } }),
    });
    expect(put.status).toBe(200);
    expect(put.json.metadata.labels).toEqual({ only: 'this' });
  });

  it('strict field validation: 400 for unknown or duplicate fields; Warn answers with Warning headers', async () => {
    const s = await served();
    const body = JSON.stringify(JOB).replace('"spec":{', '"spec":{"bogus":1,');
    const strict = await json(s, `${JOBS}?fieldValidation=Strict`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(strict.json.message).toBe(
      'Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.bogus"',
    );
    const dup = JSON.stringify(JOB).replace('"name":"pi"', '"name":"pi","name":"pi"');
    const d = await json(s, `${JOBS}?fieldValidation=Strict`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: dup,
    });
    expect(d.json.message).toContain('duplicate field "metadata.name"');
    const warn = await json(s, `${JOBS}?fieldValidation=Warn`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(warn.status).toBe(201);
    expect(warn.headers.warning).toBe('299 - "unknown field \\"spec.bogus\\""');
    expect(warn.json.spec.bogus).toBeUndefined();
  });

  it('delete: batch/v1 Jobs orphan their pods by default (with a warning); Background removes them', async () => {
    const s = await served();
    await post(s, JOBS, JOB);
    await post(s, JOBS, { ...JOB, metadata: { name: 'b' } });
    const orphan = await json(s, `${JOBS}/pi`, { method: 'DELETE' });
    expect(orphan.headers.warning).toContain('child pods are preserved by default when jobs are deleted');
    const bg = await json(s, `${JOBS}/b`, {
      method: 'DELETE',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ propagationPolicy: 'Background' }),
    });
    expect(bg.json).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 'b', kind: 'jobs', group: 'batch' },
    });
    await advance(s, '1s');
    expect((await json(s, `${JOBS}/pi`)).status).toBe(404);
    const left = (await json(s, PODS)).json.items as Pod[];
    expect(left.map((p) => p.metadata?.labels?.['job-name'])).toEqual(['pi']);
    expect(left[0]!.metadata?.ownerReferences ?? []).toEqual([]);
  });

  it('scripts pods with jobsim.io annotations and warns about invalid ones', async () => {
    const s = await served();
    const failing = {
      ...JOB,
      metadata: { name: 'fail' },
      spec: {
        backoffLimit: 0,
        template: {
          ...JOB.spec!.template,
          metadata: { annotations: { 'jobsim.io/run': '5s', 'jobsim.io/exit-code': '3' } },
        },
      },
    };
    await post(s, JOBS, failing);
    const odd = await post(s, JOBS, {
      ...JOB,
      metadata: { name: 'odd' },
      spec: { template: { ...JOB.spec!.template, metadata: { annotations: { 'jobsim.io/run': 'soon' } } } },
    });
    expect(odd.headers.warning).toContain(
      'spec.template.metadata.annotations[jobsim.io/run]: \\"soon\\" is not a duration',
    );
    const accented = await post(s, JOBS, {
      ...JOB,
      metadata: { name: 'accented' },
      spec: {
        template: { ...JOB.spec!.template, metadata: { annotations: { 'jobsim.io/run': 'bientôt' } } },
      },
    });
    expect(accented.status).toBe(201);
    expect(accented.headers.warning).toContain('\\"bient\\u00f4t\\"');
    await advance(s, '30s');
    const pod = (await json(s, `${PODS}?labelSelector=job-name%3Dfail`)).json.items[0] as Pod;
    expect(pod.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 3,
      reason: 'Error',
    });
    expect(
      (await json(s, `${JOBS}/fail`)).json.status.conditions.map((c: { type: string }) => c.type),
    ).toContain('Failed');
    const oddPod = (await json(s, `${PODS}?labelSelector=job-name%3Dodd`)).json.items[0] as Pod;
    expect(oddPod.status?.phase).toBe('Succeeded');
  });
});

describe('watch', { timeout: 20_000 }, () => {
  it('replays from a resourceVersion, in order, and keeps delivering', async () => {
    const s = await served();
    const list = await json(s, JOBS);
    await post(s, JOBS, JOB);
    const w = watch(s, `${JOBS}?watch=true&resourceVersion=${list.json.metadata.resourceVersion}`);
    await w.until(() => w.lines.length >= 1);
    await advance(s, '30s');
    await w.until(() => w.events().some((e) => e.object.status?.succeeded === 1));
    const ev = w.events();
    expect(ev[0]!.type).toBe('ADDED');
    const rvs = ev.map((e) => Number(e.object.metadata.resourceVersion));
    expect([...rvs].sort((a, b) => a - b)).toEqual(rvs);
    w.abort();
  });

  it('sends the current state as ADDED for resourceVersion=0 (single-object watch)', async () => {
    const s = await served();
    await post(s, JOBS, JOB);
    const w = watch(s, `${JOBS}?watch=true&fieldSelector=metadata.name%3Dpi&resourceVersion=0`, {
      Accept: TABLE,
    });
    await w.until(() => w.lines.length >= 1);
    const first = w.events()[0]!;
    expect(first.type).toBe('ADDED');
    expect(first.object.kind).toBe('Table');
    expect(first.object.columnDefinitions).toHaveLength(8);
    expect(first.object.rows[0].cells[0]).toBe('pi');
    w.abort();
  });

  it('answers 410 Expired for a resourceVersion older than the history', async () => {
    const s = await served(simulation(), { watchHistory: 5 });
    await post(s, JOBS, JOB);
    await advance(s, '30s');
    const w = watch(s, `${PODS}?watch=true&resourceVersion=1`);
    await w.until(() => w.ended());
    expect(w.events()).toEqual([
      {
        type: 'ERROR',
        object: expect.objectContaining({
          kind: 'Status',
          reason: 'Expired',
          code: 410,
          message: expect.stringMatching(/^too old resource version: 1 \(\d+\)$/),
        }),
      },
    ]);
  });

  it('sends bookmarks only when allowed, and ends at timeoutSeconds', async () => {
    const s = await served();
    const w = watch(
      s,
      `${JOBS}?watch=true&allowWatchBookmarks=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=1`,
    );
    await w.until(() => w.ended(), 4000);
    expect(w.events()).toEqual([
      {
        type: 'BOOKMARK',
        object: {
          kind: 'Job',
          apiVersion: 'batch/v1',
          metadata: {
            resourceVersion: expect.any(String),
            annotations: { 'k8s.io/initial-events-end': 'true' },
          },
        },
      },
    ]);
  });

  it('drops a watcher that does not read, and the simulation goes on', async () => {
    const sim = simulation({ nodes: 4 });
    const s = await served(sim, { watchBufferBytes: 1 });
    const w = watch(s, `${PODS}?watch=true`);
    await w.until(() => w.status() === 200);
    w.response()!.pause();
    await post(s, JOBS, { ...JOB, spec: { ...JOB.spec, parallelism: 50, completions: 200 } });
    await advance(s, '10m');
    expect(sim.get('Job', 'pi')?.status?.succeeded).toBe(200);
    w.response()!.resume();
    await w.until(() => w.ended());
  });

  it('bounds the number of watches (429) and ends every stream on close', async () => {
    const s = await served(simulation(), { maxWatches: 1 });
    const w = watch(s, `${JOBS}?watch=true`);
    await w.until(() => w.status() === 200);
    const second = await json(s, `${PODS}?watch=true`);
    expect(second.json).toMatchObject({ code: 429, reason: 'TooManyRequests' });
    await s.close();
    servers = servers.filter((x) => x !== s);
    await w.until(() => w.ended());
  });
});

describe('speed mode', () => {
  it('advances virtual time with the wall clock, speed times faster', async () => {
    const s = await served(simulation(), { paused: false, speed: 100 });
    await post(s, JOBS, JOB);
    const t0 = performance.now();
    let clock = (await json(s, '/jobsim/v1/clock')).json;
    while (clock.nowMs < 25_000 && performance.now() - t0 < 10_000) {
      await new Promise((r) => setTimeout(r, 50));
      clock = (await json(s, '/jobsim/v1/clock')).json;
    }
    expect(performance.now() - t0).toBeGreaterThan(150);
    expect(clock).toMatchObject({ kind: 'Clock', paused: false, speed: 100 });
    expect(clock.nowMs).toBeGreaterThanOrEqual(25_000);
    expect((await json(s, `${JOBS}/pi`)).json.status.succeeded).toBe(1);
  });
});

describe('robustness', { timeout: 20_000 }, () => {
  it('refuses bodies over 3 MiB with 413 and malformed JSON with a 400 Status', async () => {
    const s = await served();
    const big = await json(s, JOBS, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.alloc(3 * 1024 * 1024 + 1, 32),
    });
    expect(big.json).toMatchObject({ kind: 'Status', code: 413, reason: 'RequestEntityTooLarge' });
    const bad = await json(s, JOBS, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"kind": Job',
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
    expect(bad.json.message).toMatch(/^couldn't get version\/kind; json parse error: /);
    expect((await json(s, '/version')).status).toBe(200);
  });

  it('gives byte-identical answers for the same requests and advances when paused', async () => {
    const transcript = async () => {
      const s = await served(simulation({ nodes: 2 }));
      const out: string[] = [];
      const w = watch(s, `${PODS}?watch=true`, { Accept: TABLE });
      await w.until(() => w.status() === 200);
      out.push((await post(s, JOBS, { ...JOB, spec: { ...JOB.spec, parallelism: 2, completions: 4 } })).body);
      for (const by of ['5s', '30s', '1m']) {
        await advance(s, by);
        out.push((await http(`${s.server.url}${PODS}`, { headers: { Accept: TABLE } })).body);
        out.push((await http(`${s.server.url}${JOBS}/pi`)).body);
        out.push((await http(`${s.server.url}/api/v1/namespaces/default/events`)).body);
      }
      await w.until(() => w.events().filter((e) => e.object.rows[0].cells[2] === 'Completed').length >= 4);
      out.push(...w.lines);
      w.abort();
      return out.join('\n');
    };
    const a = await transcript();
    const b = await transcript();
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toBe(a);
  });
});
