/**
 * Side-effect entry: installs the jobsim matchers into Vitest's `expect`. Use it in a test file
 * or in `setupFiles`.
 *
 * @example
 * ```ts
 * import 'jobsim/testing/vitest';
 * expect(sim).toHaveJobCondition('pi', 'Complete');
 * ```
 * @packageDocumentation
 */
import { expect } from 'vitest';
import { installMatchers } from './matchers.js';

export type { EventMatch, JobStatusMatch, JobsimMatchers } from './matchers.js';

installMatchers(expect);
