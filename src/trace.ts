/**
 * Events as data: every change the simulation makes, and every step and check, as one typed
 * union. Views, checks and snapshots are functions of the trace.
 */
import type { Kind, KubeObject } from './api/types.js';

/** An object was added, modified or deleted in the store. */
export interface ObjectTraceEvent {
  readonly type: 'object';
  /** Virtual time (ms). */
  readonly t: number;
  readonly verb: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly kind: Kind;
  readonly namespace: string | undefined;
  readonly name: string;
  /** The object after the change (its last state for DELETED). Immutable. */
  readonly object: KubeObject;
  /** The object before the change (MODIFIED, DELETED). */
  readonly old: KubeObject | undefined;
}

/** A scenario step ran (or was refused). */
export interface StepTraceEvent {
  readonly type: 'step';
  readonly t: number;
  readonly index: number;
  readonly action: string;
  readonly description: string;
  readonly ok: boolean;
  readonly error?: string;
}

/** A check was evaluated. */
export interface CheckTraceEvent {
  readonly type: 'check';
  readonly t: number;
  readonly description: string;
  readonly ok: boolean;
  readonly failures: readonly string[];
}

/** The run ended. */
export interface EndTraceEvent {
  readonly type: 'end';
  readonly t: number;
  readonly reason: 'done' | 'until' | 'limit' | 'idle';
  readonly message: string;
}

/** One entry of the trace. */
export type TraceEvent = ObjectTraceEvent | StepTraceEvent | CheckTraceEvent | EndTraceEvent;

/** Compact JSON form of a trace event (objects included), one per line for `-o jsonl`. */
export function traceEventToJson(e: TraceEvent): Record<string, unknown> {
  if (e.type === 'object') {
    return {
      t: e.t,
      type: e.type,
      verb: e.verb,
      kind: e.kind,
      namespace: e.namespace,
      name: e.name,
      object: e.object,
    };
  }
  return { ...e };
}
