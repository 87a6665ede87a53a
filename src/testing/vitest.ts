/**
 * Side-effect entry: installs the jobsim matchers into Vitest's `expect`. Use it in a test file
 * or in Vitest's `setupFiles`. (The package exports only `jobsim/testing`; from there, call
 * `installMatchers(expect)` instead.)
 *
 * @example
 * ```ts
 * import './src/testing/vitest.js'; // or setupFiles: ['src/testing/vitest.ts']
 * expect(sim).toHaveJobCondition('pi', 'Complete');
 * ```
 * @packageDocumentation
 */
import { expect } from 'vitest';
import { installMatchers } from './matchers.js';

export type { EventMatch, JobStatusMatch, JobsimMatchers } from './matchers.js';

installMatchers(expect);
