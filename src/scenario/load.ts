/**
 * Loading scenario files (jobsim/v1alpha1): multi-document YAML with Kubernetes manifests and at
 * most one Scenario document. Errors carry the line and column (YAML) or the field path.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import { tryParseQuantity } from '../api/quantity.js';
import type { Job, KubeObject } from '../api/types.js';
import { DurationError, parseDuration } from '../engine/duration.js';
import type { BehaviorRule, NumberMatch, RunSpec } from '../kubelet/behaviors.js';
import { normalizeKind } from '../store/apiserver.js';
import { isPlainObject } from '../util/merge-patch.js';

/** A problem with scenario input: YAML syntax, an unknown kind, a bad Scenario field. */
export class ScenarioError extends Error {
  readonly code: 'YAML_SYNTAX' | 'UNKNOWN_KIND' | 'INVALID_SCENARIO' | 'INVALID_OBJECT';
  /** 1-based line, when known. */
  readonly line: number | undefined;
  /** 1-based column, when known. */
  readonly column: number | undefined;
  /** Field path, when known. */
  readonly path: string | undefined;
  constructor(
    code: ScenarioError['code'],
    message: string,
    where: { line?: number | undefined; column?: number | undefined; path?: string | undefined } = {},
  ) {
    super(message);
    this.name = 'ScenarioError';
    this.code = code;
    this.line = where.line;
    this.column = where.column;
    this.path = where.path;
  }
}

/** One step of the scenario (section 4). */
export interface Step {
  /** Virtual time the step runs at (ms). */
  readonly at: number;
  /** Line of the Scenario document, for messages. */
  readonly line: number | undefined;
  /** The step must be refused with a message containing this text. */
  readonly expectError?: string;
  readonly action: StepAction;
}

/** The action of a step. */
export type StepAction =
  | { readonly type: 'apply'; readonly objects: readonly KubeObject[] }
  | {
      readonly type: 'patch';
      readonly kind: string;
      readonly name: string;
      readonly namespace?: string;
      readonly patch: Record<string, unknown>;
    }
  | {
      readonly type: 'delete';
      readonly kind: string;
      readonly name: string;
      readonly namespace?: string;
      readonly propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
    }
  | {
      readonly type: 'exit';
      readonly job?: string;
      readonly pod?: string;
      readonly index?: NumberMatch;
      readonly count: number;
      readonly container?: string;
      readonly code: number;
      readonly reason?: string;
    }
  | {
      readonly type: 'evict';
      readonly job?: string;
      readonly pod?: string;
      readonly index?: NumberMatch;
      readonly count: number;
    }
  | {
      readonly type: 'node';
      readonly name: string;
      readonly state: 'down' | 'up' | 'delete' | 'cordon' | 'uncordon';
    }
  | {
      readonly type: 'wait';
      readonly kind: string;
      readonly name: string;
      readonly condition: string;
      readonly timeoutMs: number;
    }
  | { readonly type: 'expect'; readonly check: Check };

/** A check (section 5). */
export interface Check {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly status?: Record<string, unknown>;
  /** Partial match of the object's metadata (labels, annotations, finalizers, ownerReferences...). */
  readonly metadata?: Record<string, unknown>;
  /** Partial match of the object's spec. */
  readonly spec?: Record<string, unknown>;
  readonly conditions?: readonly Record<string, unknown>[];
  readonly absentConditions?: readonly string[];
  readonly pods?: Readonly<Record<string, number>>;
  readonly events?: readonly Record<string, unknown>[];
  readonly exists?: boolean;
  readonly line?: number | undefined;
}

/** The parsed Scenario document with defaults applied. */
export interface ScenarioSpec {
  readonly name: string;
  readonly seed: number;
  readonly startTime: string;
  readonly nodes: number | undefined;
  readonly capacity: Readonly<Record<string, string>>;
  readonly podStartMs: number;
  readonly behaviors: readonly BehaviorRule[];
  readonly steps: readonly Step[];
  readonly expect: readonly Check[];
  /** 'done' or a duration in ms. */
  readonly until: 'done' | number;
  readonly limitMs: number;
}

/** A loaded scenario file. */
export interface LoadedScenario {
  readonly file: string;
  readonly scenario: ScenarioSpec;
  /** Manifests in file order (Nodes are created first by the runner). */
  readonly objects: readonly KubeObject[];
  /** Line of each object's document start, parallel to `objects`. */
  readonly objectLines: readonly number[];
  readonly warnings: readonly string[];
}

const DEFAULT_CAPACITY = { cpu: '4', memory: '16Gi', pods: '110' };
const SUPPORTED = new Set(['batch/v1/Job', 'batch/v1/CronJob', 'v1/Pod', 'v1/Node']);

/**
 * Parses scenario text.
 *
 * @example
 * ```ts
 * const loaded = loadScenario(readFileSync('sim/pi.yaml', 'utf8'), 'sim/pi.yaml');
 * loaded.objects[0]?.kind; // 'Job'
 * ```
 * @throws ScenarioError
 */
export function loadScenario(text: string, file = '<input>'): LoadedScenario {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const objects: KubeObject[] = [];
  const objectLines: number[] = [];
  const warnings: string[] = [];
  let scenarioDoc: { value: Record<string, unknown>; line: number } | undefined;
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) {
      const pos = err.linePos?.[0] ?? lc.linePos(err.pos[0]);
      throw new ScenarioError('YAML_SYNTAX', `YAML syntax error: ${firstLine(err.message)}`, {
        line: pos.line,
        column: pos.col,
      });
    }
    const value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    const start = doc.contents?.range?.[0] ?? 0;
    const line = lc.linePos(start).line;
    if (value === null || value === undefined) continue;
    if (!isPlainObject(value)) {
      throw new ScenarioError('INVALID_OBJECT', 'a document must be a mapping with apiVersion and kind', {
        line,
      });
    }
    const apiVersion = value.apiVersion;
    const kind = value.kind;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      throw new ScenarioError(
        'INVALID_OBJECT',
        `Object 'Kind' is missing in document: every document needs apiVersion and kind`,
        { line, path: typeof apiVersion !== 'string' ? 'apiVersion' : 'kind' },
      );
    }
    if (apiVersion === 'jobsim/v1alpha1' && kind === 'Scenario') {
      if (scenarioDoc)
        throw new ScenarioError('INVALID_SCENARIO', 'at most one Scenario document is allowed', { line });
      scenarioDoc = { value, line };
      continue;
    }
    if (apiVersion === 'extensions/v1beta1' && kind === 'Job') {
      const [job, warning] = convertLegacyJob(value);
      objects.push(job);
      objectLines.push(line);
      warnings.push(warning);
      continue;
    }
    if (!SUPPORTED.has(`${apiVersion}/${kind}`)) {
      throw new ScenarioError(
        'UNKNOWN_KIND',
        `no matches for kind "${kind}" in version "${apiVersion}" (jobsim supports batch/v1 Job and CronJob, v1 Pod and Node, extensions/v1beta1 Job, and jobsim/v1alpha1 Scenario)`,
        { line, path: 'kind' },
      );
    }
    objects.push(value as KubeObject);
    objectLines.push(line);
  }
  const scenario = parseScenarioSpec(scenarioDoc?.value, scenarioDoc?.line, lc, text);
  return { file, scenario, objects, objectLines, warnings };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/**
 * Converts a 2015-era `extensions/v1beta1` Job to `batch/v1`. A given selector is kept with
 * `manualSelector: true` (extensions/v1beta1 used the selector as written); without one,
 * batch/v1 generates it.
 */
export function convertLegacyJob(value: Record<string, unknown>): [Job, string] {
  const spec = isPlainObject(value.spec) ? { ...value.spec } : {};
  const name = isPlainObject(value.metadata) ? String(value.metadata.name ?? '') : '';
  const autoSelector = spec.autoSelector;
  delete spec.autoSelector;
  let note = '';
  if (isPlainObject(spec.selector) && autoSelector !== true) {
    spec.manualSelector = true;
    note = '; spec.selector kept with spec.manualSelector: true';
  } else if (autoSelector === true) {
    delete spec.selector;
  }
  const job = { ...value, apiVersion: 'batch/v1', kind: 'Job', spec } as unknown as Job;
  return [
    job,
    `extensions/v1beta1 Job "${name}" is converted to batch/v1 (extensions/v1beta1 Jobs were removed in Kubernetes 1.8)${note}`,
  ];
}

// ---------- Scenario document ----------

class Path {
  readonly parts: string;
  constructor(parts: string) {
    this.parts = parts;
  }
  key(k: string): Path {
    return new Path(this.parts ? `${this.parts}.${k}` : k);
  }
  idx(i: number): Path {
    return new Path(`${this.parts}[${i}]`);
  }
  toString(): string {
    return this.parts;
  }
}

function fail(path: Path, msg: string, line?: number): never {
  throw new ScenarioError('INVALID_SCENARIO', `Scenario ${path}: ${msg}`, { path: path.toString(), line });
}

function duration(v: unknown, path: Path, line?: number): number {
  if (typeof v !== 'string' && typeof v !== 'number')
    fail(path, `must be a duration such as "30s" or "1m30s", got ${JSON.stringify(v)}`, line);
  try {
    return parseDuration(v);
  } catch (e) {
    if (e instanceof DurationError)
      fail(path, `invalid duration ${JSON.stringify(v)} (use Go syntax: 300ms, 10s, 1m30s, 2h)`, line);
    throw e;
  }
}

function int(v: unknown, path: Path, line?: number, min = Number.MIN_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v))
    fail(path, `must be an integer, got ${JSON.stringify(v)}`, line);
  // Beyond 2^53 integers are no longer exact: two different seeds would run the same.
  if (!Number.isSafeInteger(v))
    fail(path, `must be an integer of at most 2^53-1 in magnitude, got ${v}`, line);
  if (v < min) fail(path, `must be greater than or equal to ${min}`, line);
  return v;
}

function str(v: unknown, path: Path, line?: number): string {
  if (typeof v !== 'string' || v === '')
    fail(path, `must be a non-empty string, got ${JSON.stringify(v)}`, line);
  return v;
}

function numberMatch(v: unknown, path: Path, line?: number): NumberMatch {
  if (Array.isArray(v)) return v.map((x, i) => int(x, path.idx(i), line, 0));
  return int(v, path, line, 0);
}

function obj(v: unknown, path: Path, line?: number): Record<string, unknown> {
  if (!isPlainObject(v)) fail(path, `must be a mapping, got ${JSON.stringify(v)}`, line);
  return v;
}

function onlyKeys(o: Record<string, unknown>, allowed: readonly string[], path: Path, line?: number): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) fail(path.key(k), `unknown field (allowed: ${allowed.join(', ')})`, line);
  }
}

function runSpec(v: unknown, path: Path, line?: number): RunSpec {
  if (v === 'forever') return { kind: 'forever' };
  if (typeof v === 'string' || typeof v === 'number') return { kind: 'fixed', ms: duration(v, path, line) };
  const o = obj(v, path, line);
  if ('uniform' in o) {
    const u = o.uniform;
    if (!Array.isArray(u) || u.length !== 2)
      fail(path.key('uniform'), 'must be a list of two durations [min, max]', line);
    const minMs = duration(u[0], path.key('uniform').idx(0), line);
    const maxMs = duration(u[1], path.key('uniform').idx(1), line);
    if (maxMs < minMs) fail(path.key('uniform'), 'max must not be less than min', line);
    return { kind: 'uniform', minMs, maxMs };
  }
  if ('exponential' in o)
    return { kind: 'exponential', meanMs: duration(o.exponential, path.key('exponential'), line) };
  return fail(path, "must be a duration, 'forever', {uniform: [min, max]} or {exponential: mean}", line);
}

function parseBehavior(v: unknown, path: Path, line?: number): BehaviorRule {
  const o = obj(v, path, line);
  onlyKeys(o, ['match', 'probability', 'run', 'exitCode', 'reason', 'onStop'], path, line);
  const rule: {
    match?: NonNullable<BehaviorRule['match']>;
    probability?: number;
    run?: RunSpec;
    exitCode?: number;
    reason?: string;
    onStop?: { afterMs: number; exitCode: number };
  } = {};
  if (o.match !== undefined) {
    const m = obj(o.match, path.key('match'), line);
    onlyKeys(m, ['job', 'pod', 'container', 'index', 'attempt', 'restart'], path.key('match'), line);
    const match: Record<string, unknown> = {};
    if (m.job !== undefined) match.job = str(m.job, path.key('match').key('job'), line);
    if (m.pod !== undefined) match.pod = str(m.pod, path.key('match').key('pod'), line);
    if (m.container !== undefined)
      match.container = str(m.container, path.key('match').key('container'), line);
    for (const k of ['index', 'attempt', 'restart'] as const) {
      if (m[k] !== undefined) match[k] = numberMatch(m[k], path.key('match').key(k), line);
    }
    rule.match = match as NonNullable<BehaviorRule['match']>;
  }
  if (o.probability !== undefined) {
    if (typeof o.probability !== 'number' || o.probability < 0 || o.probability > 1) {
      fail(path.key('probability'), 'must be a number between 0 and 1', line);
    }
    rule.probability = o.probability;
  }
  if (o.run !== undefined) rule.run = runSpec(o.run, path.key('run'), line);
  if (o.exitCode !== undefined) rule.exitCode = int(o.exitCode, path.key('exitCode'), line, 0);
  if (rule.exitCode !== undefined && rule.exitCode > 255)
    fail(path.key('exitCode'), 'must be between 0 and 255', line);
  if (o.reason !== undefined) rule.reason = str(o.reason, path.key('reason'), line);
  if (o.onStop !== undefined) {
    const s = obj(o.onStop, path.key('onStop'), line);
    onlyKeys(s, ['after', 'exitCode'], path.key('onStop'), line);
    rule.onStop = {
      afterMs: s.after === undefined ? 0 : duration(s.after, path.key('onStop').key('after'), line),
      exitCode: s.exitCode === undefined ? 0 : int(s.exitCode, path.key('onStop').key('exitCode'), line, 0),
    };
  }
  return rule;
}

function parseCheck(v: unknown, path: Path, line?: number): Check {
  const o = obj(v, path, line);
  onlyKeys(
    o,
    [
      'job',
      'kind',
      'name',
      'namespace',
      'status',
      'metadata',
      'spec',
      'conditions',
      'absentConditions',
      'pods',
      'events',
      'exists',
    ],
    path,
    line,
  );
  let kind: string;
  let name: string;
  if (o.job !== undefined) {
    kind = 'Job';
    name = str(o.job, path.key('job'), line);
  } else {
    kind = str(o.kind, path.key('kind'), line);
    name = str(o.name, path.key('name'), line);
    if (!normalizeKind(kind)) {
      fail(
        path.key('kind'),
        `Unsupported value: ${JSON.stringify(kind)}: supported values: "Job", "Pod", "Node", "CronJob", "Event"`,
        line,
      );
    }
  }
  const check: Record<string, unknown> = { kind, name, line };
  if (o.namespace !== undefined) check.namespace = str(o.namespace, path.key('namespace'), line);
  if (o.status !== undefined) check.status = obj(o.status, path.key('status'), line);
  if (o.metadata !== undefined) check.metadata = obj(o.metadata, path.key('metadata'), line);
  if (o.spec !== undefined) check.spec = obj(o.spec, path.key('spec'), line);
  if (o.conditions !== undefined) {
    if (!Array.isArray(o.conditions)) fail(path.key('conditions'), 'must be a list', line);
    check.conditions = o.conditions.map((c, i) => obj(c, path.key('conditions').idx(i), line));
  }
  if (o.absentConditions !== undefined) {
    if (!Array.isArray(o.absentConditions))
      fail(path.key('absentConditions'), 'must be a list of condition types', line);
    check.absentConditions = o.absentConditions.map((c, i) =>
      str(c, path.key('absentConditions').idx(i), line),
    );
  }
  if (o.pods !== undefined) {
    const p = obj(o.pods, path.key('pods'), line);
    for (const [k, n] of Object.entries(p)) int(n, path.key('pods').key(k), line, 0);
    check.pods = p;
  }
  if (o.events !== undefined) {
    if (!Array.isArray(o.events)) fail(path.key('events'), 'must be a list', line);
    check.events = o.events.map((c, i) => obj(c, path.key('events').idx(i), line));
  }
  if (o.exists !== undefined) {
    if (typeof o.exists !== 'boolean') fail(path.key('exists'), 'must be true or false', line);
    check.exists = o.exists;
  }
  return check as unknown as Check;
}

const ACTIONS = ['apply', 'patch', 'delete', 'exit', 'evict', 'node', 'wait', 'expect'] as const;

function parseStep(v: unknown, path: Path, prevAt: number, line?: number): Step {
  const o = obj(v, path, line);
  onlyKeys(o, ['at', 'after', 'expectError', ...ACTIONS], path, line);
  const present = ACTIONS.filter((a) => o[a] !== undefined);
  if (present.length !== 1)
    fail(path, `must have exactly one action (${ACTIONS.join(', ')}), found ${present.length}`, line);
  if (o.at !== undefined && o.after !== undefined) fail(path, 'use either at or after, not both', line);
  const at =
    o.at !== undefined
      ? duration(o.at, path.key('at'), line)
      : prevAt + (o.after !== undefined ? duration(o.after, path.key('after'), line) : 0);
  const a = present[0]!;
  const p = path.key(a);
  const body = o[a];
  let action: StepAction;
  switch (a) {
    case 'apply': {
      const list = Array.isArray(body) ? body : [body];
      action = {
        type: 'apply',
        objects: list.map((x, i) => {
          const ob = obj(x, Array.isArray(body) ? p.idx(i) : p, line);
          if (ob.apiVersion === 'extensions/v1beta1' && ob.kind === 'Job') return convertLegacyJob(ob)[0];
          if (typeof ob.kind !== 'string' || typeof ob.apiVersion !== 'string')
            fail(p, 'each object needs apiVersion and kind', line);
          return ob as KubeObject;
        }),
      };
      break;
    }
    case 'patch': {
      const b = { ...obj(body, p, line) };
      const kind = str(b.kind, p.key('kind'), line);
      const name = str(b.name, p.key('name'), line);
      delete b.kind;
      delete b.name;
      let namespace: string | undefined;
      if (typeof b.namespace === 'string') {
        namespace = b.namespace;
        delete b.namespace;
      }
      action = { type: 'patch', kind, name, patch: b, ...(namespace ? { namespace } : {}) };
      break;
    }
    case 'delete': {
      const b = obj(body, p, line);
      onlyKeys(b, ['kind', 'name', 'namespace', 'propagationPolicy'], p, line);
      const pp = b.propagationPolicy;
      if (pp !== undefined && pp !== 'Background' && pp !== 'Foreground' && pp !== 'Orphan') {
        fail(
          p.key('propagationPolicy'),
          `Unsupported value: ${JSON.stringify(pp)}: supported values: "Background", "Foreground", "Orphan"`,
          line,
        );
      }
      action = {
        type: 'delete',
        kind: str(b.kind, p.key('kind'), line),
        name: str(b.name, p.key('name'), line),
        ...(typeof b.namespace === 'string' ? { namespace: b.namespace } : {}),
        ...(pp ? { propagationPolicy: pp as 'Background' } : {}),
      };
      break;
    }
    case 'exit':
    case 'evict': {
      const b = obj(body, p, line);
      onlyKeys(
        b,
        a === 'exit'
          ? ['job', 'pod', 'index', 'count', 'container', 'code', 'reason']
          : ['job', 'pod', 'index', 'count'],
        p,
        line,
      );
      if (b.job === undefined && b.pod === undefined) fail(p, 'needs job or pod', line);
      const base: Record<string, unknown> = {
        type: a,
        count: b.count === undefined ? 1 : int(b.count, p.key('count'), line, 1),
      };
      if (b.job !== undefined) base.job = str(b.job, p.key('job'), line);
      if (b.pod !== undefined) base.pod = str(b.pod, p.key('pod'), line);
      if (b.index !== undefined) base.index = numberMatch(b.index, p.key('index'), line);
      if (a === 'exit') {
        if (b.code === undefined) fail(p.key('code'), 'is required', line);
        base.code = int(b.code, p.key('code'), line, 0);
        if (b.container !== undefined) base.container = str(b.container, p.key('container'), line);
        if (b.reason !== undefined) base.reason = str(b.reason, p.key('reason'), line);
      }
      action = base as StepAction;
      break;
    }
    case 'node': {
      const b = obj(body, p, line);
      onlyKeys(b, ['name', 'state'], p, line);
      const state = b.state;
      if (
        state !== 'down' &&
        state !== 'up' &&
        state !== 'delete' &&
        state !== 'cordon' &&
        state !== 'uncordon'
      ) {
        fail(
          p.key('state'),
          `Unsupported value: ${JSON.stringify(state)}: supported values: "down", "up", "delete", "cordon", "uncordon"`,
          line,
        );
      }
      action = { type: 'node', name: str(b.name, p.key('name'), line), state };
      break;
    }
    case 'wait': {
      const b = obj(body, p, line);
      onlyKeys(b, ['job', 'kind', 'name', 'condition', 'timeout'], p, line);
      const kind = b.job !== undefined ? 'Job' : str(b.kind, p.key('kind'), line);
      const name = str(b.job ?? b.name, p.key(b.job !== undefined ? 'job' : 'name'), line);
      action = {
        type: 'wait',
        kind,
        name,
        condition: str(b.condition, p.key('condition'), line),
        timeoutMs: b.timeout === undefined ? 3_600_000 : duration(b.timeout, p.key('timeout'), line),
      };
      break;
    }
    case 'expect':
      action = { type: 'expect', check: parseCheck(body, p, line) };
      break;
  }
  const step: { at: number; line: number | undefined; action: StepAction; expectError?: string } = {
    at,
    line,
    action,
  };
  if (o.expectError !== undefined) step.expectError = str(o.expectError, path.key('expectError'), line);
  return step;
}

/** Parses the Scenario document's spec (or the defaults when there is none). */
function parseScenarioSpec(
  doc: Record<string, unknown> | undefined,
  docLine: number | undefined,
  lc: LineCounter,
  _text: string,
): ScenarioSpec {
  void lc;
  const root = new Path('');
  const md = doc && isPlainObject(doc.metadata) ? doc.metadata : {};
  const spec = doc?.spec === undefined ? {} : obj(doc.spec, root.key('spec'), docLine);
  const sp = root.key('spec');
  onlyKeys(
    spec,
    ['seed', 'startTime', 'cluster', 'behaviors', 'steps', 'expect', 'until', 'limit'],
    sp,
    docLine,
  );
  const seed = spec.seed === undefined ? 1 : int(spec.seed, sp.key('seed'), docLine);
  let startTime = '2026-01-01T00:00:00Z';
  if (spec.startTime !== undefined) {
    const s =
      spec.startTime instanceof Date
        ? spec.startTime.toISOString()
        : str(spec.startTime, sp.key('startTime'), docLine);
    if (Number.isNaN(Date.parse(s)))
      fail(sp.key('startTime'), `must be an RFC 3339 time, got ${JSON.stringify(s)}`, docLine);
    startTime = new Date(Date.parse(s)).toISOString().replace('.000Z', 'Z');
  }
  let nodes: number | undefined;
  let capacity: Record<string, string> = { ...DEFAULT_CAPACITY };
  let podStartMs = 0;
  if (spec.cluster !== undefined) {
    const c = obj(spec.cluster, sp.key('cluster'), docLine);
    onlyKeys(c, ['nodes', 'capacity', 'latency'], sp.key('cluster'), docLine);
    if (c.nodes !== undefined) nodes = int(c.nodes, sp.key('cluster').key('nodes'), docLine, 0);
    if (c.capacity !== undefined) {
      const cap = obj(c.capacity, sp.key('cluster').key('capacity'), docLine);
      capacity = { ...capacity };
      for (const [k, v] of Object.entries(cap)) {
        const q = typeof v === 'string' || typeof v === 'number' ? tryParseQuantity(v) : undefined;
        if (!q?.ok) {
          fail(
            sp.key('cluster').key('capacity').key(k),
            `invalid quantity ${JSON.stringify(v)}: ${q && !q.ok ? q.error : 'must be a quantity such as "4", "500m" or "16Gi"'}`,
            docLine,
          );
        }
        capacity[k] = String(v);
      }
    }
    if (c.latency !== undefined) {
      const l = obj(c.latency, sp.key('cluster').key('latency'), docLine);
      onlyKeys(l, ['podStart'], sp.key('cluster').key('latency'), docLine);
      if (l.podStart !== undefined)
        podStartMs = duration(l.podStart, sp.key('cluster').key('latency').key('podStart'), docLine);
    }
  }
  const behaviors: BehaviorRule[] = [];
  if (spec.behaviors !== undefined) {
    if (!Array.isArray(spec.behaviors)) fail(sp.key('behaviors'), 'must be a list', docLine);
    spec.behaviors.forEach((b, i) => {
      behaviors.push(parseBehavior(b, sp.key('behaviors').idx(i), docLine));
    });
  }
  const steps: Step[] = [];
  if (spec.steps !== undefined) {
    if (!Array.isArray(spec.steps)) fail(sp.key('steps'), 'must be a list', docLine);
    let prev = 0;
    spec.steps.forEach((s, i) => {
      const step = parseStep(s, sp.key('steps').idx(i), prev, docLine);
      if (step.at < prev)
        fail(
          sp.key('steps').idx(i),
          `runs at ${step.at / 1000}s, before the previous step (steps run in order)`,
          docLine,
        );
      prev = step.at;
      steps.push(step);
    });
  }
  const expect: Check[] = [];
  if (spec.expect !== undefined) {
    if (!Array.isArray(spec.expect)) fail(sp.key('expect'), 'must be a list', docLine);
    spec.expect.forEach((c, i) => {
      expect.push(parseCheck(c, sp.key('expect').idx(i), docLine));
    });
  }
  let until: 'done' | number = 'done';
  if (spec.until !== undefined && spec.until !== 'done')
    until = duration(spec.until, sp.key('until'), docLine);
  const limitMs = spec.limit === undefined ? 24 * 3_600_000 : duration(spec.limit, sp.key('limit'), docLine);
  const name = typeof md.name === 'string' ? md.name : '';
  return { name, seed, startTime, nodes, capacity, podStartMs, behaviors, steps, expect, until, limitMs };
}
