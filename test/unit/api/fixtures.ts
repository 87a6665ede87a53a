/**
 * Fixtures mirroring `pkg/apis/batch/validation/validation_test.go` helpers
 * (`getValidGeneratedSelector`, `getValidPodTemplateSpecForGenerated`, `getValidManualSelector`, ...).
 */
import { defaultPodSpec } from '../../../src/api/job-defaults.js';
import type { Job, JobSpec, LabelSelector, PodSpec, PodTemplateSpec } from '../../../src/api/types.js';

/** `podtest.MakeContainer(name)` after defaulting. */
export function container(name: string): PodSpec['containers'][number] {
  return { name, image: 'image', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' };
}

/** `podtest.MakePod("", SetRestartPolicy(rp), SetContainers(abc), SetInitContainers(def)).Spec`. */
export function podSpec(restartPolicy: string, withInit = true): PodSpec {
  const spec: PodSpec = { restartPolicy, containers: [container('abc')] };
  if (withInit) spec.initContainers = [container('def')];
  return defaultPodSpec(spec);
}

/** `getValidGeneratedSelector()`. */
export function validGeneratedSelector(): LabelSelector {
  return {
    matchLabels: {
      'batch.kubernetes.io/controller-uid': '1a2b3c',
      'controller-uid': '1a2b3c',
      'batch.kubernetes.io/job-name': 'myjob',
      'job-name': 'myjob',
    },
  };
}

/** `getValidManualSelector()`. */
export function validManualSelector(): LabelSelector {
  return { matchLabels: { a: 'b' } };
}

/** `getValidPodTemplateSpecForGenerated(selector)` with a restart policy. */
export function templateFor(
  selector: LabelSelector,
  restartPolicy = 'OnFailure',
  withInit = true,
): PodTemplateSpec {
  return {
    metadata: { labels: { ...(selector.matchLabels ?? {}) } },
    spec: podSpec(restartPolicy, withInit),
  };
}

/** `validJobObjectMeta` + a spec with the generated selector and template. */
export function validJob(spec: Partial<JobSpec> = {}, restartPolicy = 'OnFailure'): Job {
  return {
    metadata: { name: 'myjob', namespace: 'default', uid: '1a2b3c' },
    spec: {
      selector: validGeneratedSelector(),
      template: templateFor(validGeneratedSelector(), restartPolicy),
      ...spec,
    },
  };
}

/** Same with `restartPolicy: Never` (`validPodTemplateSpecForGeneratedRestartPolicyNever`). */
export function validJobNever(spec: Partial<JobSpec> = {}): Job {
  return validJob(spec, 'Never');
}
