/**
 * Reproducible property failures: when a property over generated scenarios fails, the report
 * names the fast-check seed and path, and writes the shrunk scenario as a YAML file that
 * `jobsim run FILE` runs again.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import type { GeneratedScenario } from './arbitraries.js';

/**
 * Options of {@link checkProperty} and {@link assertProperty}: fast-check's, plus where to write.
 * @example
 * ```ts
 * assertProperty(prop, { name: 'invariants', numRuns: 200, seed: 42, failureDir: 'tmp/failures' });
 * ```
 */
export type PropertyOptions<Ts> = fc.Parameters<Ts> & {
  /** Name of the property, used in the file name (default `property`). */
  readonly name?: string;
  /** Directory for failure files (default `$JOBSIM_FAILURE_DIR` or `.jobsim-failures`). */
  readonly failureDir?: string;
  /** Scenario text of a counterexample (default: the first generated scenario inside it). */
  readonly toScenario?: (counterexample: Ts) => string | undefined;
  /** Where the report goes besides the thrown error (default `console.error`; false: nowhere). */
  readonly log?: ((message: string) => void) | false;
};

/**
 * The outcome of a property run, as data.
 * @example
 * ```ts
 * const report = checkProperty(prop);
 * if (report.failed) console.log(report.seed, report.path, report.file);
 * ```
 */
export interface PropertyReport<Ts> {
  readonly failed: boolean;
  /** fast-check seed of the run. */
  readonly seed: number;
  /** fast-check path of the shrunk counterexample (replay with `{ seed, path }`). */
  readonly path: string | undefined;
  readonly numRuns: number;
  readonly numShrinks: number;
  readonly counterexample: Ts | undefined;
  /** What the property threw (or returned false). */
  readonly error: unknown;
  /** The counterexample's scenario file text, when there is one. */
  readonly scenarioYaml: string | undefined;
  /** The file the scenario was written to. */
  readonly file: string | undefined;
  /** The human report (empty when the property held). */
  readonly message: string;
}

/**
 * Thrown by {@link assertProperty}; carries the report.
 * @example
 * ```ts
 * try {
 *   assertProperty(prop);
 * } catch (e) {
 *   if (e instanceof PropertyFailedError) e.report.file; // '.jobsim-failures/property-seed42.yaml'
 * }
 * ```
 */
export class PropertyFailedError<Ts = unknown> extends Error {
  readonly code = 'PROPERTY_FAILED';
  readonly report: PropertyReport<Ts>;
  constructor(report: PropertyReport<Ts>) {
    super(report.message);
    this.name = 'PropertyFailedError';
    this.report = report;
  }
}

function isGenerated(v: unknown): v is GeneratedScenario {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { yaml?: unknown }).yaml === 'string' &&
    Array.isArray((v as { jobs?: unknown }).jobs)
  );
}

/**
 * The first generated scenario inside a value (a counterexample tuple, an object, …).
 *
 * @example
 * ```ts
 * findScenario([42, generated])?.yaml; // the scenario file text
 * ```
 */
export function findScenario(value: unknown, depth = 0): GeneratedScenario | undefined {
  if (isGenerated(value)) return value;
  if (depth > 4 || typeof value !== 'object' || value === null) return undefined;
  const items = Array.isArray(value) ? value : Object.values(value);
  for (const v of items) {
    const found = findScenario(v, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return e === undefined ? 'the property returned false' : String(e);
}

function envSeed(): number | undefined {
  const v = typeof process !== 'undefined' ? process.env.JOBSIM_SEED : undefined;
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/**
 * Runs a fast-check property and returns the outcome as data; on failure the shrunk scenario is
 * written to `<failureDir>/<name>-seed<seed>.yaml` (with the seed, path and error as comments).
 * The seed defaults to `$JOBSIM_SEED` when set.
 *
 * @example
 * ```ts
 * const report = checkProperty(fc.property(scenario(), (s) => checkScenario(s).violations.length === 0), {
 *   numRuns: 50,
 * });
 * report.failed; // false
 * ```
 */
export function checkProperty<Ts>(
  property: fc.IProperty<Ts>,
  options: PropertyOptions<Ts> = {},
): PropertyReport<Ts> {
  const { name = 'property', failureDir, toScenario, log, ...params } = options;
  const seed = params.seed ?? envSeed();
  const details = fc.check(property, {
    ...params,
    ...(seed !== undefined ? { seed } : {}),
  } as fc.Parameters<Ts>);
  if (!details.failed) {
    return {
      failed: false,
      seed: details.seed,
      path: undefined,
      numRuns: details.numRuns,
      numShrinks: 0,
      counterexample: undefined,
      error: undefined,
      scenarioYaml: undefined,
      file: undefined,
      message: '',
    };
  }
  const counterexample = details.counterexample ?? undefined;
  const path = details.counterexamplePath ?? undefined;
  const error = details.errorInstance ?? undefined;
  let scenarioYaml: string | undefined;
  if (counterexample !== undefined) {
    scenarioYaml = toScenario ? toScenario(counterexample) : findScenario(counterexample)?.yaml;
  }
  let file: string | undefined;
  const why =
    details.counterexample === null
      ? details.interrupted
        ? 'the run was interrupted'
        : 'too many values were skipped by preconditions'
      : errorText(error);
  if (scenarioYaml !== undefined) {
    const dir =
      failureDir ??
      (typeof process !== 'undefined' ? process.env.JOBSIM_FAILURE_DIR : undefined) ??
      '.jobsim-failures';
    mkdirSync(dir, { recursive: true });
    file = join(dir, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}-seed${details.seed}.yaml`);
    const header = [
      `# jobsim property failure: ${name}`,
      `# fast-check seed ${details.seed}, path ${JSON.stringify(path ?? '')}`,
      `# reproduce the run: npx jobsim run ${file}`,
      `# replay the property: assertProperty(prop, { seed: ${details.seed}, path: ${JSON.stringify(path ?? '')} })`,
      '#',
      ...why.split('\n').map((l) => `# ${l}`),
      '',
    ].join('\n');
    writeFileSync(file, `${header}${scenarioYaml}`);
  }
  const lines = [
    `Property ${JSON.stringify(name)} failed after ${details.numRuns} run(s) and ${details.numShrinks} shrink(s).`,
    `  seed: ${details.seed}, path: ${JSON.stringify(path ?? '')}  (replay: assertProperty(prop, { seed: ${details.seed}, path: ${JSON.stringify(path ?? '')} }))`,
  ];
  if (file) lines.push(`  scenario: ${file}  (reproduce: npx jobsim run ${file})`);
  lines.push('', why);
  if (scenarioYaml !== undefined) lines.push('', `--- ${file} ---`, scenarioYaml.trimEnd());
  else if (counterexample !== undefined) lines.push('', `counterexample: ${fc.stringify(counterexample)}`);
  return {
    failed: true,
    seed: details.seed,
    path,
    numRuns: details.numRuns,
    numShrinks: details.numShrinks,
    counterexample,
    error,
    scenarioYaml,
    file,
    message: lines.join('\n'),
  };
}

/**
 * Runs a fast-check property and throws a {@link PropertyFailedError} when it fails, with the
 * seed, the path and the shrunk scenario (also written to a YAML file that `jobsim run` takes).
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { assertProperty, checkScenario, scenario } from 'jobsim/testing';
 * it('never violates an invariant', () => {
 *   assertProperty(fc.property(scenario(), (s) => { assertNoViolations(checkScenario(s).violations); }), {
 *     name: 'invariants',
 *     numRuns: 100,
 *   });
 * });
 * ```
 */
export function assertProperty<Ts>(property: fc.IProperty<Ts>, options: PropertyOptions<Ts> = {}): void {
  const report = checkProperty(property, options);
  if (!report.failed) return;
  if (options.log !== false) (options.log ?? console.error)(report.message);
  throw new PropertyFailedError(report);
}
