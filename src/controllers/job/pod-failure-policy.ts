/**
 * Pod failure policy evaluation, as upstream `pkg/controller/job/pod_failure_policy.go`.
 */
import type { ContainerStatus, Pod, PodFailurePolicy } from '../../api/types.js';

/** Result of matching a failed pod against the policy (`matchPodFailurePolicy`). */
export interface PolicyMatch {
  /** Set for a FailJob match: the Job's failure message. */
  readonly failJobMessage?: string;
  /** Whether the failure counts towards backoffLimit (false for Ignore). */
  readonly countFailed: boolean;
  /** The matching rule's action, if any rule matched. */
  readonly action?: 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';
}

const NO_MATCH: PolicyMatch = { countFailed: true };

/**
 * Evaluates the rules in order; the first matching rule decides.
 *
 * @example
 * ```ts
 * matchPodFailurePolicy({ rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] }, pod);
 * ```
 */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): PolicyMatch {
  if (!policy) return NO_MATCH;
  const ns = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  const rules = policy.rules ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    let failJobMessage: string | undefined;
    if (rule.onExitCodes) {
      const cs = matchOnExitCodes(rule.onExitCodes, pod);
      if (!cs) continue;
      failJobMessage = `Container ${cs.name} for pod ${ns}/${name} failed with exit code ${cs.state?.terminated?.exitCode} matching FailJob rule at index ${i}`;
    } else if (rule.onPodConditions) {
      const cond = matchOnPodConditions(rule.onPodConditions, pod);
      if (!cond) continue;
      failJobMessage = `Pod ${ns}/${name} has condition ${cond} matching FailJob rule at index ${i}`;
    } else {
      continue;
    }
    // An unknown action matches nothing; evaluation goes on with the next rule.
    switch (rule.action) {
      case 'Ignore':
        return { countFailed: false, action: 'Ignore' };
      case 'FailIndex':
      case 'Count':
        return { countFailed: true, action: rule.action };
      case 'FailJob':
        return { countFailed: true, action: 'FailJob', failJobMessage };
    }
  }
  return NO_MATCH;
}

function matchOnExitCodes(
  req: NonNullable<NonNullable<PodFailurePolicy['rules']>[number]['onExitCodes']>,
  pod: Pod,
): ContainerStatus | undefined {
  const check = (statuses: readonly ContainerStatus[] | undefined) => {
    for (const cs of statuses ?? []) {
      if (req.containerName && req.containerName !== cs.name) continue;
      const t = cs.state?.terminated;
      if (!t || t.exitCode === 0) continue;
      const inValues = req.values.includes(t.exitCode);
      if (req.operator === 'In' && inValues) return cs;
      if (req.operator === 'NotIn' && !inValues) return cs;
    }
    return undefined;
  };
  return check(pod.status?.containerStatuses) ?? check(pod.status?.initContainerStatuses);
}

function matchOnPodConditions(
  patterns: NonNullable<NonNullable<PodFailurePolicy['rules']>[number]['onPodConditions']>,
  pod: Pod,
): string | undefined {
  for (const c of pod.status?.conditions ?? []) {
    for (const p of patterns) {
      if (c.type === p.type && c.status === (p.status ?? 'True')) return c.type;
    }
  }
  return undefined;
}
