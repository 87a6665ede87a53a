/**
 * Determinism self-check: the same scenario and seed must give a byte-identical trace.
 */
import type { LoadedScenario } from '../scenario/load.js';
import { loadScenario } from '../scenario/load.js';
import { type TraceEvent, traceEventToJson } from '../trace.js';
import { runWithFaults, type ScenarioInput, type TestRunOptions } from './run.js';

/**
 * The first place where two traces differ.
 * @example
 * ```ts
 * const d = checkDeterminism(text).difference;
 * if (d) console.log(d.index, d.first, d.second);
 * ```
 */
export interface TraceDifference {
  /** 0-based line of the trace. */
  readonly index: number;
  /** That line of the first trace (undefined when the first trace is shorter). */
  readonly first: string | undefined;
  /** That line of the second trace (undefined when the second trace is shorter). */
  readonly second: string | undefined;
}

/**
 * The outcome of {@link checkDeterminism} and {@link compareTraces}.
 * @example
 * ```ts
 * checkDeterminism(text).deterministic; // true
 * ```
 */
export interface DeterminismReport {
  /** True when both traces are byte-identical. */
  readonly deterministic: boolean;
  /** Lines in the first trace. */
  readonly lines: number;
  /** The first difference, when there is one. */
  readonly difference?: TraceDifference;
}

/**
 * A trace as JSON lines, as `jobsim run -o jsonl` writes it.
 *
 * @example
 * ```ts
 * traceLines(sim.trace())[0]; // '{"t":0,"type":"object","verb":"ADDED","kind":"Node",...}'
 * ```
 */
export function traceLines(trace: readonly TraceEvent[]): string[] {
  return trace.map((e) => JSON.stringify(traceEventToJson(e)));
}

/**
 * Compares two traces line by line and returns the first difference.
 *
 * @example
 * ```ts
 * compareTraces(a.sim.trace(), b.sim.trace()).deterministic; // true
 * ```
 */
export function compareTraces(a: readonly TraceEvent[], b: readonly TraceEvent[]): DeterminismReport {
  const la = traceLines(a);
  const lb = traceLines(b);
  const n = Math.max(la.length, lb.length);
  for (let i = 0; i < n; i++) {
    if (la[i] !== lb[i]) {
      return {
        deterministic: false,
        lines: la.length,
        difference: { index: i, first: la[i], second: lb[i] },
      };
    }
  }
  return { deterministic: true, lines: la.length };
}

/**
 * Runs a scenario twice (loading the text afresh each time) and compares the traces byte for
 * byte. A difference means something outside the seed (wall clock, `Math.random`, iteration
 * order of shared state) reached the simulation.
 *
 * @example
 * ```ts
 * import { checkDeterminism } from 'jobsim/testing';
 * checkDeterminism(readFileSync('sim/pi.yaml', 'utf8')).deterministic; // true
 * ```
 */
export function checkDeterminism(input: ScenarioInput, options: TestRunOptions = {}): DeterminismReport {
  const load = (): LoadedScenario => {
    const file = options.file ?? '<generated>';
    if (typeof input === 'string') return loadScenario(input, file);
    if ('yaml' in input) return loadScenario(input.yaml, file);
    return input;
  };
  const first = runWithFaults(load(), options);
  const second = runWithFaults(load(), options);
  return compareTraces(first.sim.trace(), second.sim.trace());
}
