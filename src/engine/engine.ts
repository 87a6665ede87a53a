import { formatDuration } from './duration.js';
import { EventQueue } from './queue.js';
import { RandomStreams } from './random.js';

/** A scheduled piece of work. `cancel()` makes it a no-op (lazy tombstone). */
export interface Timer {
  /** Virtual time (ms) the work is due. */
  readonly at: number;
  /** Label for traces and limit reports. */
  readonly label: string;
  /** Background work (periodic resyncs) does not keep `runUntilIdle` going. */
  readonly background: boolean;
  /** Cancels the timer; a cancelled timer never runs. */
  cancel(): void;
  /** True once cancelled or run. */
  readonly done: boolean;
}

class TimerImpl implements Timer {
  done = false;
  readonly at: number;
  readonly label: string;
  readonly background: boolean;
  readonly fn: () => void;
  constructor(at: number, label: string, background: boolean, fn: () => void) {
    this.at = at;
    this.label = label;
    this.background = background;
    this.fn = fn;
  }
  cancel(): void {
    this.done = true;
  }
}

/** Why a run ended. */
export type RunEnd =
  | { readonly reason: 'idle'; readonly time: number }
  | { readonly reason: 'time'; readonly time: number }
  | { readonly reason: 'predicate'; readonly time: number }
  | {
      readonly reason: 'limit';
      readonly time: number;
      readonly limit: 'time' | 'events';
      readonly message: string;
    };

/** Options of an {@link Engine}. */
export interface EngineOptions {
  /** Seed of every random stream (default 1). */
  readonly seed?: number;
  /** Hard cap on virtual time, in ms (default 24h). */
  readonly limitMs?: number;
  /** Hard cap on processed events (default 50 million). */
  readonly maxEvents?: number;
}

/**
 * The discrete-event engine: a virtual clock in integer milliseconds and a queue of timers
 * ordered by (time, seq). It knows nothing of Kubernetes.
 *
 * @example
 * ```ts
 * const engine = new Engine({ seed: 1 });
 * engine.after(1000, 'hello', () => console.log(engine.now)); // prints 1000
 * engine.runUntilIdle();
 * ```
 */
export class Engine {
  private readonly queue = new EventQueue<TimerImpl>();
  private nowMs = 0;
  private foreground = 0;
  /** Number of timers run so far. */
  eventsProcessed = 0;
  /** Named seeded random streams. */
  readonly random: RandomStreams;
  /** Hard cap on virtual time (ms). */
  limitMs: number;
  /** Hard cap on processed events. */
  maxEvents: number;
  /** Work to run after each timer fires (e.g. flushing watch notifications); not counted as events. */
  private readonly afterEach: Array<() => void> = [];

  constructor(options: EngineOptions = {}) {
    this.random = new RandomStreams(options.seed ?? 1);
    this.limitMs = options.limitMs ?? 24 * 3_600_000;
    this.maxEvents = options.maxEvents ?? 50_000_000;
  }

  /** Current virtual time in ms. */
  get now(): number {
    return this.nowMs;
  }

  /** Number of pending timers that are not background work (cancelled ones included until popped). */
  get pendingForeground(): number {
    return this.foreground;
  }

  /** Schedules `fn` at absolute virtual time `at` (clamped to now). */
  at(at: number, label: string, fn: () => void, background = false): Timer {
    const t = new TimerImpl(Math.max(at, this.nowMs), label, background, fn);
    if (!background) this.foreground++;
    this.queue.push(t.at, t);
    return t;
  }

  /** Schedules `fn` after `delayMs` of virtual time. */
  after(delayMs: number, label: string, fn: () => void, background = false): Timer {
    return this.at(this.nowMs + Math.max(0, delayMs), label, fn, background);
  }

  /** Registers work to run after every timer (used to settle reactions at one instant). */
  onAfterEach(fn: () => void): void {
    this.afterEach.push(fn);
  }

  /** Time of the next live timer, skipping cancelled ones; undefined when none. */
  nextTime(): number | undefined {
    for (;;) {
      const t = this.queue.peekTime();
      if (t === undefined) return undefined;
      const top = this.queue.peek();
      if (top?.done) {
        this.queue.pop();
        if (!top.background) this.foreground--;
        continue;
      }
      return t;
    }
  }

  /** Runs the next live timer. Returns false when nothing is left. */
  step(): boolean {
    for (;;) {
      const t = this.queue.pop();
      if (!t) return false;
      if (!t.background) this.foreground--;
      if (t.done) continue;
      t.done = true;
      this.nowMs = t.at;
      this.eventsProcessed++;
      t.fn();
      for (const f of this.afterEach) f();
      return true;
    }
  }

  /**
   * Runs every timer due at or before `time`, then sets the clock to `time`.
   * Stops early at the time or event limit.
   */
  runUntil(time: number): RunEnd {
    for (;;) {
      const next = this.nextTime();
      if (next === undefined || next > time) break;
      const lim = this.checkLimits(next);
      if (lim) return lim;
      this.step();
    }
    if (time > this.limitMs) {
      this.nowMs = Math.max(this.nowMs, this.limitMs);
      return this.limitEnd('time');
    }
    this.nowMs = Math.max(this.nowMs, time);
    return { reason: 'time', time: this.nowMs };
  }

  /**
   * Runs until only background work is left (or nothing), or until `predicate` holds after a
   * timer, or a limit is reached.
   */
  runUntilIdle(predicate?: () => boolean): RunEnd {
    for (;;) {
      if (predicate?.()) return { reason: 'predicate', time: this.nowMs };
      const next = this.nextTime();
      if (next === undefined || this.foreground <= 0) return { reason: 'idle', time: this.nowMs };
      const lim = this.checkLimits(next);
      if (lim) return lim;
      this.step();
    }
  }

  private checkLimits(next: number): RunEnd | undefined {
    if (next > this.limitMs) {
      this.nowMs = Math.max(this.nowMs, this.limitMs);
      return this.limitEnd('time');
    }
    if (this.eventsProcessed >= this.maxEvents) return this.limitEnd('events');
    return undefined;
  }

  private limitEnd(kind: 'time' | 'events'): RunEnd {
    const message =
      kind === 'time'
        ? `run stopped at the time limit ${formatDuration(this.limitMs)} with work still pending`
        : `run stopped after ${this.maxEvents} events with work still pending at ${formatDuration(this.nowMs)}`;
    return { reason: 'limit', time: this.nowMs, limit: kind, message };
  }
}
