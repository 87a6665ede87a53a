/**
 * Scripting a plain manifest's pods with annotations, for `jobsim serve` (where there is no
 * Scenario document): on a Pod, or on a Job's pod template,
 *
 * - `jobsim.io/run: 30s` - how long each container runs (a Go duration, or `forever`);
 * - `jobsim.io/exit-code: "1"` - the exit code each container ends with (default 0).
 *
 * They take precedence over the scenario's behaviors for that pod. Without them, the scenario's
 * behaviors (or the default: run 10s, exit 0) decide.
 */
import type { Pod } from '../api/types.js';
import { parseDuration } from '../engine/duration.js';
import type { BehaviorRule, Behaviors, ContainerPlan } from '../kubelet/behaviors.js';

/** Annotation: how long containers run (`30s`, `2m`, `forever`). */
export const RUN_ANNOTATION = 'jobsim.io/run';
/** Annotation: the exit code containers end with (`"0"` ... `"255"`). */
export const EXIT_CODE_ANNOTATION = 'jobsim.io/exit-code';

type Annotations = Readonly<Record<string, string>> | undefined;

/**
 * Problems with the jobsim annotations of a pod or pod template, worded as API server warnings
 * (an invalid annotation is ignored, so the object is still accepted).
 *
 * @example
 * ```ts
 * annotationWarnings({ 'jobsim.io/run': 'soon' }, 'spec.template.metadata');
 * // ['spec.template.metadata.annotations[jobsim.io/run]: "soon" is not a duration (e.g. 30s, 2m) or "forever"; ignored']
 * ```
 */
export function annotationWarnings(annotations: Annotations, path = 'metadata'): string[] {
  const out: string[] = [];
  const run = annotations?.[RUN_ANNOTATION];
  if (run !== undefined && parseRun(run) === null)
    out.push(
      `${path}.annotations[${RUN_ANNOTATION}]: ${JSON.stringify(run)} is not a duration (e.g. 30s, 2m) or "forever"; ignored`,
    );
  const code = annotations?.[EXIT_CODE_ANNOTATION];
  if (code !== undefined && parseExitCode(code) === undefined)
    out.push(
      `${path}.annotations[${EXIT_CODE_ANNOTATION}]: ${JSON.stringify(code)} is not an exit code (0-255); ignored`,
    );
  return out;
}

/** `undefined` = forever; `null` = invalid. */
function parseRun(s: string): number | undefined | null {
  if (s.trim() === 'forever') return undefined;
  try {
    const ms = parseDuration(s.trim());
    return ms >= 0 ? ms : null;
  } catch {
    return null;
  }
}

function parseExitCode(s: string): number | undefined {
  const t = s.trim();
  if (!/^\d{1,3}$/.test(t)) return undefined;
  const n = Number(t);
  return n <= 255 ? n : undefined;
}

/**
 * The behavior rule a pod's jobsim annotations script, matching that pod by name; undefined when
 * the pod has no (valid) jobsim annotation.
 *
 * @example
 * ```ts
 * annotationRule({ metadata: { name: 'p', annotations: { 'jobsim.io/run': '30s', 'jobsim.io/exit-code': '1' } } });
 * // { match: { pod: 'p' }, run: { kind: 'fixed', ms: 30000 }, exitCode: 1 }
 * ```
 */
export function annotationRule(pod: Pod): BehaviorRule | undefined {
  const a = pod.metadata?.annotations;
  const runText = a?.[RUN_ANNOTATION];
  const codeText = a?.[EXIT_CODE_ANNOTATION];
  const run = runText === undefined ? null : parseRun(runText);
  const exitCode = codeText === undefined ? undefined : parseExitCode(codeText);
  if (run === null && exitCode === undefined) return undefined;
  const rule: { match: { pod: string }; run?: NonNullable<BehaviorRule['run']>; exitCode?: number } = {
    match: { pod: pod.metadata?.name ?? '' },
  };
  if (run !== null) rule.run = run === undefined ? { kind: 'forever' } : { kind: 'fixed', ms: run };
  if (exitCode !== undefined) rule.exitCode = exitCode;
  return rule;
}

/** The plan of a rule from {@link annotationRule} (fixed run time, so no randomness). */
function planOf(rule: BehaviorRule): ContainerPlan {
  const exitCode = rule.exitCode ?? 0;
  const run = rule.run ?? { kind: 'fixed', ms: 10_000 };
  return {
    runMs: run.kind === 'fixed' ? run.ms : undefined,
    exitCode,
    reason: exitCode === 0 ? 'Completed' : 'Error',
    onStop: undefined,
    rule: -2,
  };
}

const installed = new WeakSet<Behaviors>();

/**
 * Makes a simulation's container behaviors honour the jobsim annotations, ahead of its own rules,
 * by wrapping its `plan` (idempotent). This keeps `src/kubelet/behaviors.ts` untouched; with a
 * public `Behaviors.prepend(rule)` it would become one call per new pod.
 *
 * @example
 * ```ts
 * installAnnotationBehaviors(sim.behaviors);
 * ```
 */
export function installAnnotationBehaviors(behaviors: Behaviors): void {
  if (installed.has(behaviors)) return;
  installed.add(behaviors);
  const original = behaviors.plan.bind(behaviors);
  behaviors.plan = (pod: Pod, container: string, restart: number): ContainerPlan => {
    const rule = annotationRule(pod);
    return rule ? planOf(rule) : original(pod, container, restart);
  };
}
