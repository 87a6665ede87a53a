/**
 * Vitest (and Jest) matchers for simulations: Job conditions, Job status, Kubernetes Events,
 * with failure messages that show what the cluster actually had.
 */
import type { Event, Job, JobCondition, JobStatus, KubeObject } from '../api/types.js';
import { matchPartial } from '../scenario/checks.js';

/**
 * What the matchers accept: a Simulation, a ClusterSnapshot (`sim.at('30s')`), or a RunResult.
 * @example
 * ```ts
 * expect(sim).toHaveJobCondition('pi', 'Complete');
 * expect(sim.at('5s')).not.toHaveJobCondition('pi', 'Complete');
 * expect(runScenario(loaded)).toHaveJobStatus('pi', { succeeded: 1 });
 * ```
 */
export type MatcherSubject =
  | { get(kind: 'Job', name: string, namespace?: string): Job | undefined; list(kind: 'Event'): Event[] }
  | { readonly sim: { get(kind: 'Job', name: string): Job | undefined; list(kind: 'Event'): Event[] } };

/**
 * An Event to look for with `toHaveEvent`: involved object, reason, optionally type and message.
 * @example
 * ```ts
 * expect(sim).toHaveEvent({ kind: 'Job', name: 'pi', reason: 'BackoffLimitExceeded', type: 'Warning', message: /backoff limit/ });
 * ```
 */
export interface EventMatch {
  /** Kind of the involved object (`Job`, `Pod`, `Node`). */
  readonly kind: string;
  /** Name of the involved object. */
  readonly name: string;
  readonly reason: string;
  readonly type?: 'Normal' | 'Warning';
  /** A substring of the message, or a pattern it must match. */
  readonly message?: string | RegExp;
  readonly namespace?: string;
}

/**
 * Expected Job status fields: only the fields given are compared (missing counters equal 0).
 * @example
 * ```ts
 * expect(sim).toHaveJobStatus('pi', { succeeded: 3, conditions: [{ type: 'Complete', status: 'True' }] });
 * ```
 */
export type JobStatusMatch = { readonly [K in keyof JobStatus]?: unknown } & Readonly<
  Record<string, unknown>
>;

/**
 * The matchers, for typing `expect(...)`.
 * @example
 * ```ts
 * declare module 'vitest' {
 *   interface Matchers<T = any> extends JobsimMatchers<T> {}
 * }
 * ```
 */
export interface JobsimMatchers<R = unknown> {
  /**
   * The Job has a condition of this type with status True (and this reason, when given).
   * @example expect(sim).toHaveJobCondition('pi', 'Complete', 'CompletionsReached')
   */
  toHaveJobCondition(name: string, type: string, reason?: string): R;
  /**
   * The Job's status has these fields (partial, deep; absent counters are 0).
   * @example expect(sim).toHaveJobStatus('pi', { succeeded: 3, failed: 1 })
   */
  toHaveJobStatus(name: string, status: JobStatusMatch): R;
  /**
   * A Kubernetes Event about the object was recorded.
   * @example expect(sim).toHaveEvent({ kind: 'Job', name: 'pi', reason: 'Completed' })
   */
  toHaveEvent(event: EventMatch): R;
}

/**
 * The part of Vitest's (and Jest's) matcher context the matchers use.
 * @example
 * ```ts
 * expect.extend(jobsimMatchers); // vitest and jest both pass such a context
 * ```
 */
export interface MatcherContext {
  readonly isNot: boolean;
  readonly utils: {
    diff(expected: unknown, received: unknown, options?: unknown): string | null | undefined;
    printReceived(value: unknown): string;
    printExpected(value: unknown): string;
  };
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

function objects(subject: unknown): {
  get(kind: 'Job', name: string, namespace?: string): Job | undefined;
  list(kind: 'Event'): Event[];
  jobs(): Job[];
} {
  const s = (
    subject && typeof subject === 'object' && 'sim' in subject && !('get' in subject)
      ? (subject as { sim: unknown }).sim
      : subject
  ) as { get?: unknown; list?: unknown } | undefined;
  if (!s || typeof s.get !== 'function' || typeof s.list !== 'function') {
    throw new TypeError(
      `expected a Simulation, a ClusterSnapshot or a RunResult, got ${subject === null ? 'null' : typeof subject}`,
    );
  }
  const src = s as {
    get(kind: string, name: string, namespace?: string): KubeObject | undefined;
    list(kind: string): KubeObject[];
  };
  return {
    get: (kind, name, namespace) => src.get(kind, name, namespace) as Job | undefined,
    list: () => src.list('Event') as Event[],
    jobs: () => src.list('Job') as Job[],
  };
}

function jobNotFound(subject: ReturnType<typeof objects>, name: string): string {
  const names = subject.jobs().map((j) => j.metadata?.name);
  return `job/${name} not found (Jobs: ${names.length > 0 ? names.join(', ') : 'none'})`;
}

function showCondition(c: JobCondition): string {
  return `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`;
}

/**
 * The matchers themselves, to pass to `expect.extend` (see {@link installMatchers}).
 *
 * @example
 * ```ts
 * import { expect } from 'vitest';
 * import { jobsimMatchers } from 'jobsim/testing';
 * expect.extend(jobsimMatchers);
 * ```
 */
export const jobsimMatchers = {
  toHaveJobCondition(
    this: MatcherContext,
    received: unknown,
    name: string,
    type: string,
    reason?: string,
  ): MatcherResult {
    const subject = objects(received);
    const job = subject.get('Job', name);
    const want = `${type}=True${reason !== undefined ? ` (${reason})` : ''}`;
    if (!job)
      return {
        pass: false,
        message: () => `expected job/${name} to have condition ${want}, but ${jobNotFound(subject, name)}`,
      };
    const conds = job.status?.conditions ?? [];
    const pass = conds.some(
      (c) => c.type === type && c.status === 'True' && (reason === undefined || c.reason === reason),
    );
    const have = conds.length > 0 ? conds.map(showCondition).join(', ') : 'none';
    return {
      pass,
      message: () =>
        this.isNot
          ? `expected job/${name} not to have condition ${want}; conditions: ${have}`
          : `expected job/${name} to have condition ${want}; conditions: ${have}`,
      actual: conds.map(showCondition),
      expected: [want],
    };
  },

  toHaveJobStatus(
    this: MatcherContext,
    received: unknown,
    name: string,
    status: JobStatusMatch,
  ): MatcherResult {
    const subject = objects(received);
    const job = subject.get('Job', name);
    if (!job)
      return {
        pass: false,
        message: () =>
          `expected job/${name} to have status ${JSON.stringify(status)}, but ${jobNotFound(subject, name)}`,
      };
    const actual = (job.status ?? {}) as Record<string, unknown>;
    const mismatches = matchPartial(status, actual, 'status');
    const pass = mismatches.length === 0;
    // The actual status restricted to the fields asked about (absent counters as 0): the test
    // runner prints the diff of `expected` and `actual`.
    const shown: Record<string, unknown> = {};
    for (const k of Object.keys(status)) {
      const v = actual[k];
      shown[k] = v === undefined && typeof status[k] === 'number' ? 0 : v;
    }
    return {
      pass,
      message: () =>
        this.isNot
          ? `expected job/${name} not to have status ${this.utils.printExpected(status)}`
          : `expected job/${name} to have status fields:\n${mismatches.map((m) => `  ${m}`).join('\n')}`,
      actual: shown,
      expected: status,
    };
  },

  toHaveEvent(this: MatcherContext, received: unknown, event: EventMatch): MatcherResult {
    const subject = objects(received);
    const about = subject
      .list('Event')
      .filter(
        (e) =>
          e.involvedObject?.kind === event.kind &&
          e.involvedObject?.name === event.name &&
          (event.namespace === undefined || (e.involvedObject?.namespace ?? 'default') === event.namespace),
      );
    const fits = (e: Event) =>
      e.reason === event.reason &&
      (event.type === undefined || e.type === event.type) &&
      (event.message === undefined ||
        (typeof event.message === 'string'
          ? (e.message ?? '').includes(event.message)
          : event.message.test(e.message ?? '')));
    const pass = about.some(fits);
    const want = `${event.type ?? '*'} ${event.reason}${event.message !== undefined ? ` ${String(event.message)}` : ''}`;
    const list =
      about.length > 0
        ? about
            .map((e) => `  ${e.type} ${e.reason}: ${e.message}${(e.count ?? 1) > 1 ? ` (x${e.count})` : ''}`)
            .join('\n')
        : '  (none)';
    return {
      pass,
      message: () =>
        `expected ${event.kind.toLowerCase()}/${event.name} ${this.isNot ? 'not ' : ''}to have an event ${want}; events recorded:\n${list}`,
    };
  },
};

/**
 * Installs the matchers into an `expect` (Vitest's or Jest's).
 *
 * @example
 * ```ts
 * import { expect } from 'vitest';
 * import { installMatchers } from 'jobsim/testing';
 * installMatchers(expect);
 * expect(sim).toHaveJobCondition('pi', 'Complete');
 * ```
 */
export function installMatchers(expect: { extend(matchers: Record<string, unknown>): void }): void {
  expect.extend(jobsimMatchers as unknown as Record<string, unknown>);
}

/** Types `expect(sim).toHaveJobCondition(...)` & co.: vitest's `Assertion` extends `Matchers`. */
declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: must repeat vitest's declaration
  interface Matchers<T = any> extends JobsimMatchers<T> {}
}
