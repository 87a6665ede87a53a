/**
 * From a run to the report's data: timeline, markers, activity overview, pod histories with
 * their causes, and the scrubber's precomputed views.
 */
import { createRequire } from 'node:module';
import type { KubeObject } from '../api/types.js';
import { KUBERNETES_VERSION } from '../profile.js';
import type { RunResult } from '../scenario/run.js';
import { isPlainObject, jsonEqual } from '../util/merge-patch.js';
import { explainPodChanges } from './causes.js';
import { buildFrames, chooseFrameTimes } from './frames.js';
import { buildActivity, buildTimeline } from './lanes.js';
import type { Chunk, FrameChunk, HistoryChunk, Lane, PodVersion, ReportData } from './model.js';
import { packChunk } from './pack.js';

/** Options of {@link buildReportData} and `renderReport`. */
export interface ReportOptions {
  /** jobsim's version for the header (default: this package's). */
  readonly jobsimVersion?: string;
  /** Most scrubber frames (default 300). */
  readonly maxFrames?: number;
  /** Most rows a table shows per frame (default 100). */
  readonly tableCap?: number;
  /** Bins of the activity overview (default 600). */
  readonly bins?: number;
  /** Chunks whose JSON is longer than this are compressed (default 65536 characters). */
  readonly compressAbove?: number;
}

let cachedVersion: string | undefined;

/** This package's version, from its package.json. */
export function jobsimVersion(): string {
  if (cachedVersion === undefined) {
    try {
      const pkg = createRequire(import.meta.url)('../../package.json') as { version?: string };
      cachedVersion = pkg.version ?? 'unknown';
    } catch {
      cachedVersion = 'unknown';
    }
  }
  return cachedVersion;
}

/**
 * A JSON merge patch (RFC 7386) that turns `a` into `b`, or undefined when they are equal.
 *
 * @example
 * ```ts
 * createMergePatch({ a: 1, b: 2 }, { a: 1, c: 3 }); // { b: null, c: 3 }
 * ```
 */
export function createMergePatch(a: unknown, b: unknown): unknown {
  if (a === b) return undefined;
  if (isPlainObject(a) && isPlainObject(b)) {
    const out: Record<string, unknown> = {};
    let changed = false;
    for (const [k, v] of Object.entries(b)) {
      if (v === undefined) continue;
      const d = a[k] === undefined ? v : createMergePatch(a[k], v);
      if (d !== undefined) {
        out[k] = d;
        changed = true;
      }
    }
    for (const [k, v] of Object.entries(a)) {
      if (v !== undefined && b[k] === undefined) {
        out[k] = null;
        changed = true;
      }
    }
    return changed ? out : undefined;
  }
  return jsonEqual(a, b) ? undefined : b;
}

function chunked<T, C>(
  items: readonly T[],
  size: number,
  make: (part: T[], start: number) => C,
  threshold: number,
): Chunk<C>[] {
  const out: Chunk<C>[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(packChunk(make(items.slice(i, i + size), i), threshold));
  return out;
}

/**
 * Computes everything a report shows.
 *
 * @example
 * ```ts
 * const data = buildReportData(runScenario(loadScenario(text, 'pi.yaml')));
 * data.lanes.length; // 1
 * ```
 */
export function buildReportData(result: RunResult, options: ReportOptions = {}): ReportData {
  const maxFrames = options.maxFrames ?? 300;
  const tableCap = options.tableCap ?? 100;
  const threshold = options.compressAbove ?? 65_536;
  const sim = result.sim;
  const trace = sim.trace();
  const end = Math.max(sim.now(), result.end.time, 0);
  const startTime = sim.store.startTime;

  const timeline = buildTimeline(trace);
  const changes = explainPodChanges(trace);

  // Pod histories: the first version in full, then merge patches.
  const histories: PodVersion[][] = timeline.lanes.map(() => []);
  const lastObject: Array<KubeObject | undefined> = timeline.lanes.map(() => undefined);
  for (const [i, [li, vi]] of timeline.podEntries) {
    const e = trace[i]!;
    if (e.type !== 'object') continue;
    const change = changes.get(i) ?? { what: [], why: [] };
    const prev = lastObject[li];
    const base = { t: e.t, verb: e.verb, what: change.what, why: change.why };
    const version: PodVersion =
      vi === 0 || prev === undefined
        ? { ...base, obj: e.object }
        : { ...base, patch: createMergePatch(prev, e.object) ?? {} };
    histories[li]!.push(version);
    lastObject[li] = e.object;
  }
  const lanes: Lane[] = timeline.lanes.map((lane, li) => ({
    ...lane,
    sw: lane.sv.map((vi) => {
      const v = histories[li]![vi];
      return v?.why[0]?.text ?? v?.what[0] ?? '';
    }),
  }));

  const { times, sampled } = chooseFrameTimes(trace, end, maxFrames);
  const frames = buildFrames(trace, times, startTime, tableCap);
  const framesPerChunk = 16;
  const lanesPerChunk = lanes.length <= 256 ? Math.max(1, lanes.length) : 64;

  return {
    format: 1,
    summary: {
      file: result.scenario.file,
      scenario: result.scenario.scenario.name,
      seed: result.seed,
      seedOverride: result.seed !== result.scenario.scenario.seed,
      jobsimVersion: options.jobsimVersion ?? jobsimVersion(),
      kubernetesVersion: KUBERNETES_VERSION,
      startTime: new Date(startTime).toISOString(),
      end: { reason: result.end.reason, time: result.end.time, message: result.end.message },
      checks: result.checks.map((c) => ({
        description: c.description,
        time: c.time,
        ok: c.ok,
        failures: [...c.failures],
      })),
      warnings: [...result.warnings],
      pods: lanes.length,
      traceEntries: trace.length,
    },
    end,
    lanes,
    nodes: timeline.nodes,
    markers: timeline.markers,
    activity: buildActivity(lanes, end, options.bins ?? 600),
    frameTimes: times,
    framesPerChunk,
    frameChunks: chunked(frames, framesPerChunk, (part): FrameChunk => ({ frames: part }), threshold),
    lanesPerChunk,
    historyChunks: chunked(
      histories,
      lanesPerChunk,
      (part, start): HistoryChunk => {
        const out: Record<string, readonly PodVersion[]> = {};
        part.forEach((h, k) => {
          out[String(start + k)] = h;
        });
        return { lanes: out };
      },
      threshold,
    ),
    sampled,
    tableCap,
  };
}
