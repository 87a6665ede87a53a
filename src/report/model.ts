/**
 * The data a report embeds: everything the page draws, computed in Node from a run's trace.
 * Small fields are plain JSON; the bulky parts (pod histories, scrubber frames) come in chunks
 * that are plain JSON when small and deflate-compressed, base64-encoded JSON when large, so a
 * 10,000-pod run stays a few megabytes and the page inflates only what it shows.
 */

/** A pod's state on the timeline. Codes index {@link STATE_NAMES}. */
export type StateCode = 0 | 1 | 2 | 3 | 4 | 5;

/** Names of the timeline states, by {@link StateCode}. */
export const STATE_NAMES = ['Pending', 'Running', 'BackOff', 'Terminating', 'Succeeded', 'Failed'] as const;

/** A chunk of bulky data: inline JSON, or deflate-raw compressed JSON in base64. */
export type Chunk<T> = { readonly json: T } | { readonly z: string; readonly bytes: number };

/** Kinds of explanation for a change. */
export type CauseKind =
  | 'step'
  | 'event'
  | 'controller'
  | 'backoff'
  | 'deadline'
  | 'policy'
  | 'eviction'
  | 'node'
  | 'kubelet'
  | 'behavior'
  | 'scheduler'
  | 'suspend'
  | 'gc';

/** One reason why an object changed. */
export interface Cause {
  readonly k: CauseKind;
  readonly text: string;
}

/** One lane of the timeline: a pod from creation to deletion (or the end of the run). */
export interface Lane {
  /** Pod name. */
  readonly n: string;
  /** Namespace. */
  readonly ns: string;
  /** Node the pod was bound to ('' if never scheduled). */
  readonly node: string;
  /** Owning Job's name ('' for bare pods). */
  readonly job: string;
  /** Completion index (Indexed Jobs), or -1. */
  readonly idx: number;
  /** Deletion time (ms), or -1 when the pod still exists at the end. */
  readonly del: number;
  /** State spans: `[from, state]`, a span lasts until the next one, the deletion or the end. */
  readonly s: ReadonlyArray<readonly [number, StateCode]>;
  /** Glyph marks: `[time, mark]` (`r` restart, `d` disruption, `x` deletion requested). */
  readonly m: ReadonlyArray<readonly [number, 'r' | 'd' | 'x']>;
  /** Times of the pod's versions (one per trace entry), for finding the version at a time. */
  readonly v: readonly number[];
  /** For each span, the index in `v` of the version that started it. */
  readonly sv: readonly number[];
  /** Short "why" of each span's start (first cause), for tooltips. */
  readonly sw: readonly string[];
}

/** A node row: Ready condition over time, taints and cordons. */
export interface NodeTrack {
  readonly name: string;
  /** `[from, Ready status ('True' | 'False' | 'Unknown' | 'Gone'), reason]`. */
  readonly ready: ReadonlyArray<readonly [number, string, string]>;
  /** Notes: `[time, text]` (tainted, cordoned, ...). */
  readonly notes: ReadonlyArray<readonly [number, string]>;
}

/** A mark on the time axis. */
export interface Marker {
  readonly t: number;
  /** `step` (scenario step), `cond` (a Job condition turned True or changed), `check` (a check). */
  readonly kind: 'step' | 'cond' | 'check';
  /** Short label drawn on the axis. */
  readonly label: string;
  /** Full text for the tooltip. */
  readonly detail: string;
  /** Condition type, step action or check result, for the glyph. */
  readonly tag: string;
  readonly ok: boolean;
}

/** One version of a pod, as embedded for the details panel. */
export interface PodVersion {
  readonly t: number;
  readonly verb: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** What changed, as the transitions view words it. */
  readonly what: readonly string[];
  /** Why it changed. */
  readonly why: readonly Cause[];
  /** The full object (first version) or a JSON merge patch against the previous version. */
  readonly obj?: unknown;
  readonly patch?: unknown;
}

/** The histories of a group of pods, by lane index. */
export interface HistoryChunk {
  readonly lanes: Readonly<Record<string, readonly PodVersion[]>>;
}

/** A kubectl table at one time: the CLI's lines (all, or a bounded subset of them). */
export interface TableText {
  /** Header and rows shown, joined by `\n`, exactly as the CLI prints them ('' for no rows). */
  readonly text: string;
  /** Rows in the full table. */
  readonly rows: number;
  /** Rows left out: `[after shown line index, count]` (line 0 is the header). */
  readonly gaps?: ReadonlyArray<readonly [number, number]>;
}

/** The views at one virtual time. */
export interface Frame {
  readonly t: number;
  readonly jobs: TableText;
  readonly pods: TableText;
  readonly events: TableText;
  /** Pods by STATUS column. */
  readonly counts: Readonly<Record<string, number>>;
  /** `job/name STATUS` for each Job, for the header line. */
  readonly jobStatus: readonly string[];
}

/** The frames of one chunk. */
export interface FrameChunk {
  readonly frames: readonly Frame[];
}

/** Pods in each active state, sampled in bins over the run (the aggregated overview). */
export interface Activity {
  readonly bins: number;
  /** `[Pending, Running, BackOff, Terminating]` counts per bin start. */
  readonly counts: ReadonlyArray<readonly [number, number, number, number]>;
  /** Pods that reached Succeeded / Failed by each bin start. */
  readonly done: ReadonlyArray<readonly [number, number]>;
}

/** Everything a report embeds. */
export interface ReportData {
  readonly format: 1;
  readonly summary: {
    readonly file: string;
    readonly scenario: string;
    readonly seed: number;
    /** True when `--seed` overrode the file's seed (the CLI commands shown then carry it). */
    readonly seedOverride: boolean;
    readonly jobsimVersion: string;
    readonly kubernetesVersion: string;
    readonly startTime: string;
    readonly end: { readonly reason: string; readonly time: number; readonly message: string };
    readonly checks: ReadonlyArray<{
      readonly description: string;
      readonly time: number;
      readonly ok: boolean;
      readonly failures: readonly string[];
    }>;
    readonly warnings: readonly string[];
    readonly pods: number;
    readonly traceEntries: number;
  };
  /** End of the time axis (ms). */
  readonly end: number;
  readonly lanes: readonly Lane[];
  readonly nodes: readonly NodeTrack[];
  readonly markers: readonly Marker[];
  readonly activity: Activity;
  /** Frame times, ascending; frame `i` lives in chunk `floor(i / framesPerChunk)`. */
  readonly frameTimes: readonly number[];
  readonly framesPerChunk: number;
  readonly frameChunks: ReadonlyArray<Chunk<FrameChunk>>;
  /** Lane `i`'s history lives in chunk `floor(i / lanesPerChunk)`. */
  readonly lanesPerChunk: number;
  readonly historyChunks: ReadonlyArray<Chunk<HistoryChunk>>;
  /** True when the frames are a sample of the change times (large runs). */
  readonly sampled: boolean;
  /** Most rows a table shows per frame. */
  readonly tableCap: number;
}
