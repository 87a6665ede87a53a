/**
 * Virtual time while serving. Two modes:
 *
 * - speed X (default 1): a wall-clock timer advances the engine so that X virtual seconds pass
 *   per wall second. This is the only place the wall clock is read, and it only decides how far
 *   to advance; simulation state never sees it.
 * - paused: time moves only when a client asks (`POST /jobsim/v1/clock/advance?by=30s`,
 *   `POST /jobsim/v1/clock/run?until=idle`), so the same requests give the same answers.
 *
 * In both modes, work due at the current instant runs right after each write (a created Job gets
 * its pods at once), without moving the clock.
 */
import { formatDuration, parseDuration } from '../engine/duration.js';
import type { RunEnd } from '../engine/engine.js';
import type { Simulation } from '../simulation.js';

/** Options of a {@link ServeClock}. */
export interface ServeClockOptions {
  /** Virtual seconds per wall second (default 1). Ignored when paused. */
  readonly speed?: number;
  /** Time moves only through {@link ServeClock.advance} / {@link ServeClock.run}. */
  readonly paused?: boolean;
  /** Wall milliseconds between two advances in speed mode (default 50). */
  readonly tickMs?: number;
  /** Called once when the run hits the engine's time or event limit. */
  readonly onLimit?: (message: string) => void;
}

/** The clock as `GET /jobsim/v1/clock` reports it. */
export interface ClockStatus {
  readonly kind: 'Clock';
  readonly apiVersion: 'jobsim.io/v1';
  /** Virtual time since the start, as a Go duration (`1m30s`). */
  readonly now: string;
  readonly nowMs: number;
  /** The wall-clock time the simulation shows for now (RFC 3339). */
  readonly time: string;
  readonly paused: boolean;
  readonly speed: number;
  /** Virtual time of the next scheduled work, or null when nothing is scheduled. */
  readonly next: string | null;
  /** How the last advance ended (`time`, `idle`, `predicate`, `limit`), with a message for limits. */
  readonly result?: { readonly reason: RunEnd['reason']; readonly message?: string };
}

/**
 * Drives a simulation's virtual clock for `jobsim serve`.
 *
 * @example
 * ```ts
 * const clock = new ServeClock(sim, { paused: true });
 * clock.advance('30s');
 * ```
 */
export class ServeClock {
  private readonly sim: Simulation;
  readonly paused: boolean;
  readonly speed: number;
  private readonly tickMs: number;
  private readonly onLimit: ((message: string) => void) | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private wallBase = 0;
  private virtualBase = 0;
  private limited = false;

  constructor(sim: Simulation, options: ServeClockOptions = {}) {
    this.sim = sim;
    this.paused = options.paused === true;
    const speed = options.speed ?? 1;
    if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`invalid speed ${speed}: must be > 0`);
    this.speed = this.paused ? 0 : speed;
    this.tickMs = options.tickMs ?? 50;
    this.onLimit = options.onLimit;
  }

  /** Starts the wall-clock timer (speed mode only). */
  start(): void {
    if (this.paused || this.timer) return;
    this.rebase();
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
  }

  /** Stops the timer. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private rebase(): void {
    this.wallBase = performance.now();
    this.virtualBase = this.sim.now();
  }

  private tick(): void {
    if (this.limited) return;
    const target = this.virtualBase + Math.floor((performance.now() - this.wallBase) * this.speed);
    if (target > this.sim.now()) this.check(this.sim.engine.runUntil(target));
  }

  private check(end: RunEnd): RunEnd {
    if (end.reason === 'limit' && !this.limited) {
      this.limited = true;
      this.onLimit?.(end.message);
    }
    return end;
  }

  /** Runs the work due at the current instant (after a write), without moving the clock. */
  settle(): void {
    this.check(this.sim.engine.runUntil(this.sim.now()));
  }

  /** Advances virtual time by a duration (`'30s'`, or ms as a number). */
  advance(by: string | number): RunEnd {
    const ms = typeof by === 'number' ? by : parseDuration(by);
    const end = this.check(this.sim.engine.runUntil(this.sim.now() + ms));
    this.rebase();
    return end;
  }

  /** Runs until idle (`'idle'`) or to a virtual time since the start (`'2m'`). */
  run(until: string): RunEnd {
    const end = this.check(
      until === 'idle' ? this.sim.engine.runUntilIdle() : this.sim.engine.runUntil(parseDuration(until)),
    );
    this.rebase();
    return end;
  }

  /** The clock's state, optionally with the end of the last advance. */
  status(end?: RunEnd): ClockStatus {
    const now = this.sim.now();
    const next = this.sim.engine.nextTime();
    const s: ClockStatus = {
      kind: 'Clock',
      apiVersion: 'jobsim.io/v1',
      now: formatDuration(now),
      nowMs: now,
      time: new Date(this.sim.nowEpoch()).toISOString().replace(/\.000Z$/, 'Z'),
      paused: this.paused,
      speed: this.speed,
      next: next === undefined ? null : formatDuration(next),
    };
    if (!end) return s;
    return {
      ...s,
      result: end.reason === 'limit' ? { reason: end.reason, message: end.message } : { reason: end.reason },
    };
  }
}
