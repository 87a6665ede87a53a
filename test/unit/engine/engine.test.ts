import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine.js';

describe('Engine', () => {
  it('runs timers in (time, seq) order and advances the clock', () => {
    const e = new Engine();
    const seen: Array<[number, string]> = [];
    e.after(1000, 'b', () => seen.push([e.now, 'b']));
    e.after(0, 'a', () => seen.push([e.now, 'a']));
    e.after(1000, 'c', () => seen.push([e.now, 'c']));
    expect(e.runUntilIdle().reason).toBe('idle');
    expect(seen).toEqual([
      [0, 'a'],
      [1000, 'b'],
      [1000, 'c'],
    ]);
  });

  it('skips cancelled timers', () => {
    const e = new Engine();
    let ran = false;
    const t = e.after(10, 'x', () => {
      ran = true;
    });
    t.cancel();
    e.runUntilIdle();
    expect(ran).toBe(false);
    expect(e.eventsProcessed).toBe(0);
  });

  it('runUntil stops at the given time and sets the clock', () => {
    const e = new Engine();
    const seen: number[] = [];
    e.after(5000, 'x', () => seen.push(e.now));
    e.after(15000, 'y', () => seen.push(e.now));
    expect(e.runUntil(10_000)).toEqual({ reason: 'time', time: 10_000 });
    expect(seen).toEqual([5000]);
    expect(e.now).toBe(10_000);
  });

  it('ends a run that would never end at the time limit, with a clear report', () => {
    const e = new Engine({ limitMs: 60_000 });
    const tick = () => {
      e.after(1000, 'tick', tick);
    };
    tick();
    const end = e.runUntilIdle();
    expect(end.reason).toBe('limit');
    expect(end.reason === 'limit' && end.message).toBe(
      'run stopped at the time limit 1m0s with work still pending',
    );
    expect(e.now).toBe(60_000);
  });

  it('ends a run at the event limit', () => {
    const e = new Engine({ maxEvents: 100 });
    const tick = () => {
      e.after(0, 'spin', tick);
    };
    tick();
    const end = e.runUntilIdle();
    expect(end.reason).toBe('limit');
    expect(e.eventsProcessed).toBe(100);
  });

  it('treats background timers as idle', () => {
    const e = new Engine();
    let n = 0;
    const bg = () => {
      n++;
      e.after(1000, 'bg', bg, true);
    };
    bg();
    expect(e.runUntilIdle().reason).toBe('idle');
    expect(n).toBe(1);
  });
});
