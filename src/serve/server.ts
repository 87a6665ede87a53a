/**
 * `jobsim serve`: a loopback HTTP server that speaks enough of the Kubernetes API for the real
 * kubectl (create, apply, get, describe, delete, patch, wait, logs, get -w) and client libraries
 * to drive a {@link Simulation} on its virtual clock. Every write goes through the simulator's
 * API server (defaulting, validation, immutability); this module only speaks HTTP, decodes,
 * patches, prints Tables and streams watches. The request surface follows
 * `research/kubectl-api-surface.md`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { DecodeTypeError, decodeTyped, duplicateFields } from '../api/decode.js';
import { AlreadyExistsError, BadRequestError, ConflictError, NotFoundError } from '../api/errors.js';
import type { Job, Kind, KubeObject, Pod } from '../api/types.js';
import { NAMESPACED } from '../api/types.js';
import { convertLegacyJob } from '../scenario/load.js';
import type { Simulation } from '../simulation.js';
import type { ApiServer } from '../store/apiserver.js';
import type { DeleteOptions, Store, WatchEvent } from '../store/store.js';
import { isPlainObject } from '../util/merge-patch.js';
import { annotationWarnings, installAnnotationBehaviors } from './annotations.js';
import { ServeClock } from './clock.js';
import {
  AGGREGATED_CONTENT_TYPE,
  aggregatedDiscovery,
  legacyCore,
  legacyGroups,
  legacyResources,
  openApi,
  versionInfo,
} from './discovery.js';
import { kubeconfigFor } from './kubeconfig.js';
import { logContainer, podLog, renderLog } from './logs.js';
import { createMergePatch, jsonMergePatch, jsonPatch, PatchError, strategicMerge } from './patch.js';
import { findResource, groupVersion, type ServedResource } from './resources.js';
import { requestFilter } from './selectors.js';
import { deleted, HttpError, notFoundPath, statusOf } from './status.js';
import { type IncludeObject, table } from './table.js';
import { ResourceVersionTooOld, type WatchEventType, WatchHub } from './watch.js';

/** Options of {@link serve}. */
export interface ServeOptions {
  /** TCP port (default 0: an ephemeral port, see {@link JobsimServer.url}). */
  readonly port?: number;
  /** Address to bind (default `127.0.0.1`). Anything but loopback prints a warning. */
  readonly address?: string;
  /** Virtual seconds per wall second (default 1). */
  readonly speed?: number;
  /** Time moves only through `POST /jobsim/v1/clock/...` (byte-identical answers for the same requests). */
  readonly paused?: boolean;
  /** Most concurrent watch streams (default 256); more get 429. */
  readonly maxWatches?: number;
  /** Unsent bytes a watch stream may pile up before it is dropped (default 16 MiB). */
  readonly watchBufferBytes?: number;
  /** Changes kept for watches resuming from a resourceVersion (default 20,000). */
  readonly watchHistory?: number;
  /** Largest request body (default 3 MiB); larger ones get 413. */
  readonly maxBodyBytes?: number;
  /** Warnings for the operator (non-loopback address, time limit reached). */
  readonly warn?: (message: string) => void;
  /** One line per request (`GET /api/v1/pods 200`). */
  readonly log?: (line: string) => void;
}

/** A running server. */
export interface JobsimServer {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** A kubeconfig for the server (context `jobsim`, namespace `default`). */
  readonly kubeconfig: string;
  /** The virtual clock driver. */
  readonly clock: ServeClock;
  /** Ends every stream and stops listening. */
  close(): Promise<void>;
}

const MiB = 1024 * 1024;
const JSON_TYPE = 'application/json';
const TABLE_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;

interface Ctx {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly query: URLSearchParams;
  readonly warnings: string[];
}

interface Target {
  readonly r: ServedResource;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly sub: string | undefined;
}

/** The schema type name of a served kind (client-node's model names without `V1`). */
function schemaType(r: ServedResource): string {
  return r.kindName;
}

function isDryRun(q: URLSearchParams): boolean {
  const v = q.getAll('dryRun');
  if (v.length === 0) return false;
  for (const x of v) {
    if (x !== 'All')
      throw new HttpError(400, 'BadRequest', `Invalid dry run value: ${x}: supported values: "All"`);
  }
  return true;
}

function fieldValidation(q: URLSearchParams): 'Strict' | 'Warn' | 'Ignore' {
  const v = q.get('fieldValidation') ?? 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw new HttpError(
    400,
    'BadRequest',
    `fieldValidation must be one of "Ignore", "Warn", or "Strict", got ${JSON.stringify(v)}`,
  );
}

function wantsTable(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return accept.split(',').some((m) => /(^|;)\s*as=Table/.test(m) && /(^|;)\s*g=meta\.k8s\.io/.test(m));
}

function includeObject(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

/** Strips what a client may not change by an update: status and system metadata. */
function writable(o: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { status: _s, kind: _k, apiVersion: _a, ...rest } = o;
  const md = isPlainObject(rest.metadata) ? { ...rest.metadata } : {};
  for (const k of [
    'uid',
    'resourceVersion',
    'creationTimestamp',
    'generation',
    'managedFields',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'selfLink',
    'namespace',
    'name',
  ])
    delete md[k];
  return { ...rest, metadata: md };
}

/**
 * Starts serving a simulation.
 *
 * @example
 * ```ts
 * const sim = Simulation.fromYaml(readFileSync('sim/pi.yaml', 'utf8'));
 * const server = await serve(sim, { paused: true });
 * writeFileSync('kubeconfig', server.kubeconfig); // kubectl --kubeconfig kubeconfig get jobs
 * await server.close();
 * ```
 */
export async function serve(sim: Simulation, options: ServeOptions = {}): Promise<JobsimServer> {
  const address = options.address ?? '127.0.0.1';
  const warn = options.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  if (!LOOPBACK.test(address))
    warn(
      `serving on ${address}: the API has no authentication, so anyone who can reach this address can read and change the simulation`,
    );
  installAnnotationBehaviors(sim.behaviors);
  const clock = new ServeClock(sim, {
    ...(options.speed !== undefined ? { speed: options.speed } : {}),
    paused: options.paused === true,
    onLimit: (m) => warn(`${m}; virtual time stops here`),
  });
  const handler = new Handler(sim, clock, options);
  const server = createServer((req, res) => {
    handler.handle(req, res);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host}:${port}`;
  handler.address = address;
  clock.start();
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    kubeconfig: kubeconfigFor(url),
    clock,
    close(): Promise<void> {
      closing ??= closeServer(server, clock, handler);
      return closing;
    },
  };
}

function closeServer(server: Server, clock: ServeClock, handler: Handler): Promise<void> {
  clock.stop();
  handler.close();
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setImmediate(() => server.closeAllConnections());
  });
}

class Handler {
  private readonly sim: Simulation;
  private readonly store: Store;
  private readonly api: ApiServer;
  private readonly clock: ServeClock;
  private readonly hub: WatchHub;
  private readonly maxWatches: number;
  private readonly watchBufferBytes: number;
  private readonly maxBodyBytes: number;
  private readonly log: ((line: string) => void) | undefined;
  private readonly openapi = openApi();
  /** Open streams (watches and log follows), ended on close. */
  private readonly streams = new Set<ServerResponse>();
  address = '127.0.0.1';

  constructor(sim: Simulation, clock: ServeClock, options: ServeOptions) {
    this.sim = sim;
    this.store = sim.store;
    this.api = sim.api;
    this.clock = clock;
    this.hub = new WatchHub(
      sim.store,
      options.watchHistory !== undefined ? { historySize: options.watchHistory } : {},
    );
    this.maxWatches = options.maxWatches ?? 256;
    this.watchBufferBytes = options.watchBufferBytes ?? 16 * MiB;
    this.maxBodyBytes = options.maxBodyBytes ?? 3 * MiB;
    this.log = options.log;
  }

  close(): void {
    this.hub.close();
    for (const res of [...this.streams]) res.end();
    this.streams.clear();
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    res.sendDate = false;
    const url = new URL(req.url ?? '/', 'http://jobsim.invalid');
    const ctx: Ctx = { req, res, method: req.method ?? 'GET', query: url.searchParams, warnings: [] };
    if (this.log) {
      const log = this.log;
      res.on('finish', () => log(`${ctx.method} ${req.url ?? ''} ${res.statusCode}`));
    }
    this.route(ctx, url.pathname).catch((e: unknown) => {
      try {
        this.fail(ctx, e);
      } catch {
        res.destroy();
      }
    });
  }

  private fail(ctx: Ctx, e: unknown): void {
    let err = e;
    if (e instanceof PatchError)
      err = new HttpError(e.httpStatus, e.httpStatus === 422 ? 'Invalid' : 'BadRequest', e.message);
    const status = statusOf(err);
    if (status.code === 500)
      this.log?.(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    if (ctx.res.headersSent) {
      ctx.res.end();
      return;
    }
    this.send(ctx, status.code, status);
  }

  private send(ctx: Ctx, code: number, body: unknown, contentType = JSON_TYPE): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string | string[]> = {
      'Content-Type': contentType,
      'Content-Length': String(Buffer.byteLength(text)),
      'Cache-Control': 'no-cache, private',
    };
    if (ctx.warnings.length > 0) headers.Warning = ctx.warnings.map(warningHeader);
    ctx.res.writeHead(code, headers);
    ctx.res.end(text);
  }

  private async readBody(ctx: Ctx): Promise<string> {
    const { req } = ctx;
    const declared = Number(req.headers['content-length'] ?? '0');
    const tooLarge = () =>
      new HttpError(
        413,
        'RequestEntityTooLarge',
        `Request entity too large: limit is ${this.maxBodyBytes} bytes`,
      );
    if (declared > this.maxBodyBytes) {
      ctx.res.setHeader('Connection', 'close');
      req.resume();
      throw tooLarge();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > this.maxBodyBytes) {
        over = true;
        if (size > this.maxBodyBytes * 4) {
          req.socket.destroy();
          break;
        }
        continue;
      }
      chunks.push(chunk);
    }
    if (over) {
      ctx.res.setHeader('Connection', 'close');
      throw tooLarge();
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Parses a request body (JSON, or YAML for YAML media types). */
  private parseBody(ctx: Ctx, text: string): unknown {
    const ct = (ctx.req.headers['content-type'] ?? JSON_TYPE).split(';')[0]!.trim().toLowerCase();
    if (ct.includes('protobuf'))
      throw new HttpError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
      );
    if (text.trim() === '') throw new HttpError(400, 'BadRequest', 'the request body is empty');
    if (ct.endsWith('yaml')) {
      try {
        return parseYaml(text) as unknown;
      } catch (e) {
        throw new HttpError(400, 'BadRequest', `error converting YAML to JSON: ${(e as Error).message}`);
      }
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new HttpError(
        400,
        'BadRequest',
        `couldn't get version/kind; json parse error: ${(e as Error).message}`,
      );
    }
  }

  private async route(ctx: Ctx, pathname: string): Promise<void> {
    const segs = pathname
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
    const [a, b, c] = segs;
    if (a === 'version' && segs.length === 1) return this.get(ctx, () => versionInfo());
    if ((a === 'healthz' || a === 'readyz' || a === 'livez') && segs.length === 1)
      return this.get(ctx, () => 'ok', 'text/plain; charset=utf-8');
    if (a === 'jobsim') return this.clockRoute(ctx, segs);
    if (a === 'openapi') return this.openapiRoute(ctx, segs);
    if (a === 'api') {
      if (segs.length === 1) return this.discovery(ctx, true);
      if (b !== 'v1') throw notFoundPath();
      if (segs.length === 2) return this.get(ctx, () => legacyResources('', 'v1'));
      return this.resourceRoute(ctx, '', 'v1', segs.slice(2));
    }
    if (a === 'apis') {
      if (segs.length === 1) return this.discovery(ctx, false);
      if (segs.length === 2) {
        const gv = legacyGroups().groups as Array<{ name: string }>;
        const g = gv.find((x) => x.name === b);
        if (!g) throw notFoundPath();
        return this.get(ctx, () => ({ kind: 'APIGroup', apiVersion: 'v1', ...g }));
      }
      if (segs.length === 3) {
        const list = legacyResources(b!, c!);
        if (!list) throw notFoundPath();
        return this.get(ctx, () => list);
      }
      return this.resourceRoute(ctx, b!, c!, segs.slice(3));
    }
    throw notFoundPath();
  }

  private get(ctx: Ctx, body: () => unknown, contentType = JSON_TYPE): void {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') throw methodNotAllowed(ctx.method);
    this.send(ctx, 200, body(), contentType);
  }

  private discovery(ctx: Ctx, core: boolean): void {
    const accept = ctx.req.headers.accept ?? '';
    if (
      /as=APIGroupDiscoveryList/.test(accept) &&
      /g=apidiscovery\.k8s\.io/.test(accept) &&
      /v=v2(;|,|$)/.test(accept)
    ) {
      this.get(ctx, () => aggregatedDiscovery(core), AGGREGATED_CONTENT_TYPE);
      return;
    }
    this.get(ctx, () => (core ? legacyCore(this.address) : legacyGroups()));
  }

  private openapiRoute(ctx: Ctx, segs: readonly string[]): void {
    if (segs[1] !== 'v3') throw notFoundPath();
    if (segs.length === 2) {
      this.get(ctx, () => this.openapi.index);
      return;
    }
    const doc = this.openapi.documents.get(segs.slice(2).join('/'));
    if (!doc) throw notFoundPath();
    const [text, hash] = doc;
    if (ctx.method !== 'GET') throw methodNotAllowed(ctx.method);
    if (ctx.query.get('hash') === hash) {
      ctx.res.setHeader('Cache-Control', 'public, immutable');
      ctx.res.setHeader('Expires', 'Fri, 31 Dec 2100 23:59:59 GMT');
      ctx.res.setHeader('ETag', `"${hash}"`);
      ctx.res.writeHead(200, {
        'Content-Type': JSON_TYPE,
        'Content-Length': String(Buffer.byteLength(text)),
      });
      ctx.res.end(text);
      return;
    }
    this.send(ctx, 200, text);
  }

  // ----- virtual clock -----

  private clockRoute(ctx: Ctx, segs: readonly string[]): void {
    if (segs[1] !== 'v1' || segs[2] !== 'clock' || segs.length > 4) throw notFoundPath();
    const action = segs[3];
    if (action === undefined) {
      this.get(ctx, () => this.clock.status());
      return;
    }
    if (ctx.method !== 'POST') throw methodNotAllowed(ctx.method);
    const q = ctx.query;
    try {
      if (action === 'advance') {
        const by = q.get('by');
        if (by === null) throw new HttpError(400, 'BadRequest', 'advance needs ?by=DURATION (e.g. 30s)');
        const end = this.clock.advance(by);
        this.send(ctx, 200, this.clock.status(end));
        return;
      }
      if (action === 'run') {
        const until = q.get('until') ?? 'idle';
        const end = this.clock.run(until);
        this.send(ctx, 200, this.clock.status(end));
        return;
      }
    } catch (e) {
      if ((e as { code?: string }).code === 'INVALID_DURATION')
        throw new HttpError(400, 'BadRequest', (e as Error).message);
      throw e;
    }
    throw notFoundPath();
  }

  // ----- resources -----

  private parseTarget(group: string, version: string, rest: readonly string[]): Target {
    let namespace: string | undefined;
    let resource: string | undefined;
    let name: string | undefined;
    let sub: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      [, namespace, resource, name, sub] = rest;
      if (rest.length > 5) throw notFoundPath();
    } else {
      [resource, name, sub] = rest;
      if (rest.length > 3) throw notFoundPath();
    }
    const r = findResource(group, version, resource ?? '');
    if (!r) throw notFoundPath();
    if (namespace !== undefined && !r.namespaced) throw notFoundPath();
    if (namespace === undefined && r.namespaced && name !== undefined) throw notFoundPath();
    return { r, namespace, name, sub };
  }

  private async resourceRoute(
    ctx: Ctx,
    group: string,
    version: string,
    rest: readonly string[],
  ): Promise<void> {
    const t = this.parseTarget(group, version, rest);
    const m = ctx.method;
    if (t.sub !== undefined) {
      if (t.r.kind === 'Pod' && t.sub === 'log' && m === 'GET') return this.podLogs(ctx, t);
      if (t.r.kind === 'Pod' && t.sub === 'eviction' && m === 'POST') return this.evict(ctx, t);
      throw notFoundPath();
    }
    if (t.name === undefined) {
      if (m === 'GET') {
        const w = ctx.query.get('watch');
        if (w === 'true' || w === '1') return this.watch(ctx, t);
        return this.list(ctx, t);
      }
      if (m === 'POST' && t.r.kind !== undefined && (t.namespace !== undefined) === t.r.namespaced)
        return this.create(ctx, t, await this.readBody(ctx));
      throw methodNotAllowed(m);
    }
    if (t.r.kind === undefined) {
      if (m === 'GET') return this.getNamespace(ctx, t.name);
      throw methodNotAllowed(m);
    }
    switch (m) {
      case 'GET':
        return this.getOne(ctx, t);
      case 'PUT':
        return this.update(ctx, t, await this.readBody(ctx));
      case 'PATCH':
        return this.patch(ctx, t, await this.readBody(ctx));
      case 'DELETE':
        return this.delete(ctx, t, await this.readBody(ctx));
      default:
        throw methodNotAllowed(m);
    }
  }

  /** The object as this endpoint's group-version shows it. */
  private present(r: ServedResource, o: KubeObject): KubeObject {
    if (r.group !== 'extensions') return o;
    return { ...o, apiVersion: groupVersion(r) } as KubeObject;
  }

  private notFound(r: ServedResource, name: string): NotFoundError {
    return new NotFoundError(r.resource, r.group, name);
  }

  private now(): number {
    return this.sim.nowEpoch();
  }

  // --- namespaces (synthesised: the usual four, plus every namespace an object lives in)

  private namespaces(): KubeObject[] {
    const names = new Set(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    for (const k of ['Job', 'CronJob', 'Pod', 'Event'] as const) {
      for (const o of this.store.list(k)) names.add(o.metadata?.namespace ?? 'default');
    }
    const ts = this.store.timestamp(0);
    return [...names].sort().map(
      (name) =>
        ({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: {
            name,
            uid: `00000000-0000-4000-8000-${Buffer.from(name).toString('hex').padEnd(12, '0').slice(0, 12)}`,
            resourceVersion: '1',
            creationTimestamp: ts,
            labels: { 'kubernetes.io/metadata.name': name },
          },
          spec: { finalizers: ['kubernetes'] },
          status: { phase: 'Active' },
        }) as unknown as KubeObject,
    );
  }

  private getNamespace(ctx: Ctx, name: string): void {
    const ns = this.namespaces().find((n) => n.metadata?.name === name);
    if (!ns) throw new NotFoundError('namespaces', '', name);
    if (wantsTable(ctx.req))
      this.send(ctx, 200, table('namespaces', [ns], this.now(), '1', includeObject(ctx.query)), TABLE_TYPE);
    else this.send(ctx, 200, ns);
  }

  // --- reads

  private list(ctx: Ctx, t: Target): void {
    const filter = requestFilter(ctx.query.get('labelSelector'), ctx.query.get('fieldSelector'));
    const rv = String(this.store.resourceVersion);
    let objs: KubeObject[];
    if (t.r.kind === undefined) objs = this.namespaces().filter(filter);
    else objs = this.hub.current({ kind: t.r.kind, namespace: t.namespace, filter });
    if (wantsTable(ctx.req)) {
      this.send(ctx, 200, table(t.r.resource, objs, this.now(), rv, includeObject(ctx.query)), TABLE_TYPE);
      return;
    }
    const items = t.r.group === 'extensions' ? objs.map((o) => this.present(t.r, o)) : objs;
    this.send(ctx, 200, {
      kind: `${t.r.kindName}List`,
      apiVersion: groupVersion(t.r),
      metadata: { resourceVersion: rv },
      items,
    });
  }

  private getOne(ctx: Ctx, t: Target): void {
    const kind = t.r.kind!;
    const o = this.store.get(kind, t.namespace, t.name!);
    if (!o) throw this.notFound(t.r, t.name!);
    if (wantsTable(ctx.req)) {
      const rv = o.metadata?.resourceVersion ?? '';
      this.send(ctx, 200, table(t.r.resource, [o], this.now(), rv, includeObject(ctx.query)), TABLE_TYPE);
      return;
    }
    this.send(ctx, 200, this.present(t.r, o));
  }

  private watch(ctx: Ctx, t: Target): void {
    const { res, query } = ctx;
    if (this.streams.size >= this.maxWatches)
      throw new HttpError(429, 'TooManyRequests', `too many watches (limit ${this.maxWatches})`);
    const filter = requestFilter(query.get('labelSelector'), query.get('fieldSelector'));
    const asTable = wantsTable(ctx.req);
    const include = includeObject(query);
    const bookmarks = query.get('allowWatchBookmarks') === 'true';
    const initialEnd = bookmarks && query.get('sendInitialEvents') === 'true';
    let rvParam = query.get('resourceVersion') ?? undefined;
    if (query.get('sendInitialEvents') === 'true') rvParam = '0';
    res.writeHead(200, {
      'Content-Type': asTable ? TABLE_TYPE : JSON_TYPE,
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    res.flushHeaders();
    this.streams.add(res);
    let first = true;
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const kindName = t.r.kindName;
    const apiVersion = groupVersion(t.r);
    const write = (line: string): boolean => {
      if (done || res.destroyed || res.writableEnded) return false;
      res.write(line);
      return res.writableLength <= this.watchBufferBytes;
    };
    const event = (type: WatchEventType | 'BOOKMARK', object: KubeObject): boolean => {
      let body: unknown;
      if (asTable && type !== 'BOOKMARK') {
        body = table(
          t.r.resource,
          [object],
          this.now(),
          object.metadata?.resourceVersion ?? '',
          include,
          first,
        );
        first = false;
      } else body = type === 'BOOKMARK' ? object : this.present(t.r, object);
      return write(`{"type":"${type}","object":${JSON.stringify(body)}}\n`);
    };
    const end = () => {
      if (done) return;
      done = true;
      this.streams.delete(res);
      if (timer) clearTimeout(timer);
      // A client that stopped reading is cut off, so its unsent output does not stay in memory.
      if (res.writableLength > this.watchBufferBytes) res.destroy();
      else if (!res.writableEnded) res.end();
    };
    const bookmark = (annotations?: Record<string, string>) =>
      event('BOOKMARK', {
        kind: kindName,
        apiVersion,
        metadata: {
          resourceVersion: String(this.store.resourceVersion),
          ...(annotations ? { annotations } : {}),
        },
      } as unknown as KubeObject);
    const seconds = Number(query.get('timeoutSeconds') ?? '0');
    if (t.r.kind === undefined) {
      for (const ns of this.namespaces().filter(filter)) event('ADDED', ns);
      if (initialEnd) bookmark({ 'k8s.io/initial-events-end': 'true' });
      res.on('close', end);
      if (seconds > 0) timer = setTimeout(end, seconds * 1000);
      return;
    }
    const sink = {
      event: (type: WatchEventType, o: KubeObject) => event(type, o),
      close: end,
    };
    try {
      const w = this.hub.watch({ kind: t.r.kind, namespace: t.namespace, filter }, sink, rvParam);
      res.on('close', () => {
        this.hub.forget(w);
        end();
      });
      if (initialEnd && !done) bookmark({ 'k8s.io/initial-events-end': 'true' });
      if (seconds > 0) timer = setTimeout(() => this.hub.drop(w), seconds * 1000);
    } catch (e) {
      if (!(e instanceof ResourceVersionTooOld)) throw e;
      write(
        `${JSON.stringify({
          type: 'ERROR',
          object: {
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            message: e.message,
            reason: 'Expired',
            code: 410,
          },
        })}\n`,
      );
      end();
    }
  }

  // --- writes

  /** Parses, checks kind and namespace, converts legacy Jobs and decodes a full object body. */
  private decodeObject(ctx: Ctx, t: Target, text: string): Record<string, unknown> {
    const validation = fieldValidation(ctx.query);
    const raw = this.parseBody(ctx, text);
    if (!isPlainObject(raw))
      throw new HttpError(400, 'BadRequest', `the body of the request must be a JSON object`);
    const gv = groupVersion(t.r);
    if (raw.apiVersion !== undefined && raw.apiVersion !== gv)
      throw new HttpError(
        400,
        'BadRequest',
        `the API version in the data (${String(raw.apiVersion)}) does not match the expected API version (${gv})`,
      );
    if (raw.kind !== undefined && raw.kind !== t.r.kindName)
      throw new HttpError(
        400,
        'BadRequest',
        `the kind in the data (${String(raw.kind)}) does not match the expected kind (${t.r.kindName})`,
      );
    let obj: Record<string, unknown> = { ...raw, apiVersion: gv, kind: t.r.kindName };
    const md = isPlainObject(obj.metadata) ? { ...obj.metadata } : {};
    if (t.r.namespaced) {
      if (md.namespace !== undefined && md.namespace !== '' && md.namespace !== t.namespace)
        throw new HttpError(
          400,
          'BadRequest',
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      md.namespace = t.namespace;
    }
    obj.metadata = md;
    if (t.r.group === 'extensions') {
      const [job, warning] = convertLegacyJob(obj);
      obj = job as unknown as Record<string, unknown>;
      ctx.warnings.push(warning.replace(/^Warning: /, ''));
    }
    // Status is not written through these endpoints (the controllers own it), except a new
    // Node's capacity; what a client sends there is dropped, as the API server's strategies do.
    if (t.r.kind !== 'Node') delete obj.status;
    let decoded: ReturnType<typeof decodeTyped>;
    try {
      decoded = decodeTyped(obj, schemaType(t.r));
    } catch (e) {
      if (e instanceof DecodeTypeError) throw BadRequestError.decode(t.r.kindName, t.r.version, e.message);
      throw e;
    }
    const problems = validation === 'Ignore' ? [] : [...duplicateFields(text), ...decoded.problems];
    this.reportProblems(ctx, t, validation, problems);
    return decoded.value as Record<string, unknown>;
  }

  private reportProblems(ctx: Ctx, t: Target, validation: string, problems: readonly string[]): void {
    if (problems.length === 0 || validation === 'Ignore') return;
    if (validation === 'Strict')
      throw BadRequestError.decode(
        t.r.kindName,
        t.r.version,
        `strict decoding error: ${problems.join(', ')}`,
      );
    ctx.warnings.push(...problems);
  }

  private annotationWarnings(kind: Kind, o: KubeObject): string[] {
    if (kind === 'Pod') return annotationWarnings(o.metadata?.annotations, 'metadata');
    if (kind === 'Job')
      return annotationWarnings((o as Job).spec?.template?.metadata?.annotations, 'spec.template.metadata');
    return [];
  }

  private create(ctx: Ctx, t: Target, text: string): void {
    const kind = t.r.kind!;
    const dryRun = isDryRun(ctx.query);
    const obj = this.decodeObject(ctx, t, text) as unknown as KubeObject;
    let created: KubeObject;
    if (kind === 'Node' && !dryRun) {
      const name = obj.metadata?.name ?? '';
      if (this.store.get('Node', undefined, name)) throw new AlreadyExistsError('nodes', '', name);
      created = this.sim.addNode(obj as never);
    } else created = this.api.create(obj, { dryRun });
    ctx.warnings.push(...this.api.lastWarnings, ...this.annotationWarnings(kind, obj));
    this.send(ctx, 201, this.present(t.r, created));
    if (!dryRun) this.clock.settle();
  }

  /** Applies a merge patch from the live object through the simulator's API server. */
  private write(
    kind: Kind,
    t: Target,
    live: KubeObject,
    next: Record<string, unknown>,
    dryRun: boolean,
  ): KubeObject {
    const mp = createMergePatch(writable(live as unknown as Record<string, unknown>), writable(next));
    const api = dryRun ? dryRunApi(this.api, this.store) : this.api;
    const [out] = api.patch(kind, t.namespace, t.name!, mp);
    if (dryRun) this.api.lastWarnings = api.lastWarnings;
    return out;
  }

  private checkResourceVersion(t: Target, live: KubeObject, body: unknown): void {
    const rv =
      isPlainObject(body) && isPlainObject(body.metadata) ? body.metadata.resourceVersion : undefined;
    if (rv !== undefined && rv !== null && rv !== '' && rv !== live.metadata?.resourceVersion)
      throw new ConflictError(t.r.resource, t.r.group, t.name!);
  }

  private update(ctx: Ctx, t: Target, text: string): void {
    const kind = t.r.kind!;
    const dryRun = isDryRun(ctx.query);
    const obj = this.decodeObject(ctx, t, text);
    const name = isPlainObject(obj.metadata) ? obj.metadata.name : undefined;
    if (name !== t.name)
      throw new HttpError(
        400,
        'BadRequest',
        `the name of the object (${String(name ?? '')}) does not match the name on the URL (${t.name})`,
      );
    const live = this.store.get(kind, t.namespace, t.name!);
    if (!live) throw this.notFound(t.r, t.name!);
    this.checkResourceVersion(t, live, obj);
    const out = this.write(kind, t, live, obj, dryRun);
    ctx.warnings.push(...this.api.lastWarnings, ...this.annotationWarnings(kind, out));
    this.send(ctx, 200, this.present(t.r, out));
    if (!dryRun) this.clock.settle();
  }

  private patch(ctx: Ctx, t: Target, text: string): void {
    const kind = t.r.kind!;
    const dryRun = isDryRun(ctx.query);
    const validation = fieldValidation(ctx.query);
    const ct = (ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const live = this.store.get(kind, t.namespace, t.name!);
    if (ct === 'application/apply-patch+yaml' && !live) {
      // Server-side apply of an absent object creates it.
      const obj = this.decodeObject(ctx, t, text);
      const created = this.api.create(obj as unknown as KubeObject, { dryRun });
      ctx.warnings.push(...this.api.lastWarnings);
      this.send(ctx, 201, this.present(t.r, created));
      if (!dryRun) this.clock.settle();
      return;
    }
    if (!live) throw this.notFound(t.r, t.name!);
    const body = this.parseBody(ctx, text);
    const base = this.present(t.r, live) as unknown as Record<string, unknown>;
    let next: unknown;
    switch (ct) {
      case 'application/json-patch+json':
        next = jsonPatch(base, body);
        break;
      case 'application/merge-patch+json':
        this.checkResourceVersion(t, live, body);
        next = jsonMergePatch(base, body);
        break;
      case 'application/strategic-merge-patch+json':
      case 'application/apply-patch+yaml':
        this.checkResourceVersion(t, live, body);
        next = strategicMerge(base, body, schemaType(t.r));
        break;
      default:
        throw new HttpError(
          415,
          'UnsupportedMediaType',
          `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
        );
    }
    if (!isPlainObject(next))
      throw new HttpError(400, 'BadRequest', 'the patched object is not a JSON object');
    // Status is the controllers' (not writable here), so it is not decoded either.
    const { status: _next, ...patched } = next;
    const { status: _base, ...current } = base;
    let decoded: ReturnType<typeof decodeTyped>;
    try {
      decoded = decodeTyped(patched, schemaType(t.r));
    } catch (e) {
      if (e instanceof DecodeTypeError) throw BadRequestError.decode(t.r.kindName, t.r.version, e.message);
      throw e;
    }
    if (validation !== 'Ignore') {
      // Only what the patch introduced: fields the live object already had are not its problem.
      const before = new Set(decodeTyped(current, schemaType(t.r)).problems);
      const dups = ct === 'application/json-patch+json' ? [] : duplicateFields(text);
      this.reportProblems(ctx, t, validation, [...dups, ...decoded.problems.filter((p) => !before.has(p))]);
    }
    const out = this.write(kind, t, live, decoded.value as Record<string, unknown>, dryRun);
    ctx.warnings.push(...this.api.lastWarnings);
    if (out !== live) ctx.warnings.push(...this.annotationWarnings(kind, out));
    this.send(ctx, 200, this.present(t.r, out));
    if (!dryRun) this.clock.settle();
  }

  private delete(ctx: Ctx, t: Target, text: string): void {
    let body: Record<string, unknown> = {};
    if (text.trim() !== '') {
      const raw = this.parseBody(ctx, text);
      if (!isPlainObject(raw)) throw new HttpError(400, 'BadRequest', 'DeleteOptions must be a JSON object');
      body = raw;
    }
    const inBody = Array.isArray(body.dryRun) && body.dryRun.includes('All');
    this.deleteObject(ctx, t, t.r.kind!, body, ctx.query, inBody || isDryRun(ctx.query));
  }

  private deleteObject(
    ctx: Ctx,
    t: Target,
    kind: Kind,
    body: Record<string, unknown>,
    q: URLSearchParams,
    dryRun: boolean,
  ): void {
    const live = this.store.get(kind, t.namespace, t.name!);
    if (!live) throw this.notFound(t.r, t.name!);
    const pre = isPlainObject(body.preconditions) ? body.preconditions : {};
    if (typeof pre.uid === 'string' && pre.uid !== live.metadata?.uid)
      throw new ConflictError(
        t.r.resource,
        t.r.group,
        t.name!,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${live.metadata?.uid ?? ''}`,
      );
    if (typeof pre.resourceVersion === 'string' && pre.resourceVersion !== live.metadata?.resourceVersion)
      throw new ConflictError(
        t.r.resource,
        t.r.group,
        t.name!,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${live.metadata?.resourceVersion ?? ''}`,
      );
    const policyRaw = body.propagationPolicy ?? q.get('propagationPolicy') ?? undefined;
    const orphanRaw = body.orphanDependents ?? q.get('orphanDependents') ?? undefined;
    let policy: DeleteOptions['propagationPolicy'];
    if (policyRaw !== undefined && policyRaw !== null) {
      if (policyRaw !== 'Background' && policyRaw !== 'Foreground' && policyRaw !== 'Orphan')
        throw new BadRequestError(
          `DeleteOptions.propagationPolicy: Unsupported value: ${JSON.stringify(policyRaw)}: supported values: "Foreground", "Background", "Orphan"`,
        );
      policy = policyRaw;
    } else if (orphanRaw !== undefined && orphanRaw !== null) {
      policy = orphanRaw === true || orphanRaw === 'true' ? 'Orphan' : 'Background';
    } else if (kind === 'Job' && t.r.group === 'batch') {
      // batch/v1 Jobs orphan their pods by default, for backwards compatibility (job strategy.go).
      policy = 'Orphan';
      ctx.warnings.push(
        'child pods are preserved by default when jobs are deleted; set propagationPolicy=Background to remove them or set propagationPolicy=Orphan to suppress this warning',
      );
    } else policy = 'Background';
    const graceRaw = body.gracePeriodSeconds ?? q.get('gracePeriodSeconds') ?? undefined;
    const opts: {
      propagationPolicy: NonNullable<DeleteOptions['propagationPolicy']>;
      gracePeriodSeconds?: number;
    } = { propagationPolicy: policy };
    if (graceRaw !== undefined && graceRaw !== null) {
      const g = Number(graceRaw);
      if (!Number.isInteger(g))
        throw new BadRequestError(`invalid gracePeriodSeconds ${JSON.stringify(graceRaw)}`);
      opts.gracePeriodSeconds = Math.max(0, g);
    }
    if (dryRun) {
      this.send(ctx, 200, this.present(t.r, live));
      return;
    }
    this.api.delete(kind, t.namespace, t.name!, opts);
    const after = this.store.get(kind, t.namespace, t.name!);
    if (after) this.send(ctx, 200, this.present(t.r, after));
    else this.send(ctx, 200, deleted(kind, t.name!, live.metadata?.uid));
    this.clock.settle();
  }

  // --- pods subresources

  private async evict(ctx: Ctx, t: Target): Promise<void> {
    const text = await this.readBody(ctx);
    const dryRun = isDryRun(ctx.query);
    if (text.trim() !== '') this.parseBody(ctx, text);
    const pod = this.store.get('Pod', t.namespace, t.name!);
    if (!pod) throw this.notFound(t.r, t.name!);
    if (!dryRun) this.api.evict(t.namespace, t.name!);
    this.send(ctx, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    if (!dryRun) this.clock.settle();
  }

  private podLogs(ctx: Ctx, t: Target): void {
    const q = ctx.query;
    const pod = this.store.get('Pod', t.namespace, t.name!);
    if (!pod) throw this.notFound(t.r, t.name!);
    const container = logContainer(pod, q.get('container') ?? undefined);
    const opts = { container, previous: q.get('previous') === 'true' };
    const tailRaw = q.get('tailLines');
    const tail = tailRaw === null ? undefined : Number(tailRaw);
    const timestamps = q.get('timestamps') === 'true';
    const lines = podLog(pod, this.sim.behaviors, this.store.startTime, opts);
    const text = renderLog(lines, tail, timestamps);
    const running = lines.length === 2 && lines[1]!.text.includes(' is running;');
    if (q.get('follow') !== 'true' || !running || opts.previous) {
      this.send(ctx, 200, text, 'text/plain');
      return;
    }
    // Follow: keep the stream open until the container ends (on the virtual clock).
    const { res } = ctx;
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
    res.write(text);
    this.streams.add(res);
    const uid = pod.metadata?.uid;
    const stop = () => {
      this.store.emitter.off('change', onChange);
      this.streams.delete(res);
      if (!res.writableEnded) res.end();
    };
    const onChange = (e: WatchEvent) => {
      if (e.kind !== 'Pod' || e.object.metadata?.uid !== uid) return;
      if (e.type === 'DELETED') return stop();
      const p = e.object as Pod;
      const st = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].find(
        (s) => s.name === container,
      );
      if (!st?.state?.terminated) return;
      const now = podLog(p, this.sim.behaviors, this.store.startTime, opts);
      res.write(renderLog(now.slice(1), undefined, timestamps));
      stop();
    };
    this.store.emitter.on('change', onChange);
    res.on('close', stop);
  }
}

/** A `Warning: 299 - "text"` header value (quoted, with anything but printable ASCII escaped). */
function warningHeader(text: string): string {
  const quoted = JSON.stringify(text).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `299 - ${quoted}`;
}

function methodNotAllowed(method: string): HttpError {
  return new HttpError(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource (${method})`,
  );
}

/**
 * The simulator's API server with a store that validates and computes but never writes: the
 * `dryRun=All` path of update and patch. (`ApiServer.create` has its own `dryRun`.)
 */
function dryRunApi(api: ApiServer, store: Store): ApiServer {
  const fake = new Proxy(store, {
    get(target, prop) {
      if (prop === 'update')
        return (kind: Kind, next: KubeObject) => {
          const md = next.metadata ?? {};
          const live = target.get(kind, NAMESPACED[kind] ? md.namespace : undefined, md.name ?? '');
          return { ...next, metadata: { ...md, resourceVersion: live?.metadata?.resourceVersion } };
        };
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const dry = Object.create(api) as ApiServer;
  Object.defineProperty(dry, 'store', { value: fake });
  Object.defineProperty(dry, 'lastWarnings', { value: [], writable: true });
  return dry;
}
