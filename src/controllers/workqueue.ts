import type { Engine, Timer } from '../engine/engine.js';

/**
 * A rate-limited work queue keyed by object, with client-go's `AddAfter` semantics on the
 * virtual clock: an immediate add is deduplicated while the key waits to be processed; a
 * delayed add keeps only the earliest pending wake-up, independently of the ready entry.
 */
export class WorkQueue {
  private readonly ready = new Map<string, Timer>();
  private readonly waiting = new Map<string, Timer>();
  private readonly engine: Engine;
  private readonly name: string;
  private readonly handler: (key: string) => void;

  constructor(engine: Engine, name: string, handler: (key: string) => void) {
    this.engine = engine;
    this.name = name;
    this.handler = handler;
  }

  /** Adds `key` to be processed as soon as possible. */
  add(key: string): void {
    if (this.ready.has(key)) return;
    const t = this.engine.after(0, `${this.name} ${key}`, () => {
      this.ready.delete(key);
      this.handler(key);
    });
    this.ready.set(key, t);
  }

  /** Adds `key` after `delayMs` (immediately when <= 0). */
  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const at = this.engine.now + delayMs;
    const w = this.waiting.get(key);
    if (w && !w.done && w.at <= at) return;
    w?.cancel();
    const t = this.engine.at(at, `${this.name} ${key}`, () => {
      this.waiting.delete(key);
      this.add(key);
    });
    this.waiting.set(key, t);
  }

  /** Drops every pending entry of `key`. */
  forget(key: string): void {
    this.ready.get(key)?.cancel();
    this.ready.delete(key);
    this.waiting.get(key)?.cancel();
    this.waiting.delete(key);
  }
}
