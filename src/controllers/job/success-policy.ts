/**
 * Success policy evaluation (Indexed Jobs), as upstream `pkg/controller/job/success_policy.go`.
 */
import type { SuccessPolicy } from '../../api/types.js';
import { parseIndexSet } from './indexed.js';

/**
 * Returns the SuccessCriteriaMet message (`Matched rules at index <i>`) of the first rule the
 * succeeded indexes satisfy, or undefined. Evaluated only when at least one index succeeded.
 */
export function matchSuccessPolicy(
  policy: SuccessPolicy | undefined,
  completions: number,
  succeeded: ReadonlySet<number>,
): string | undefined {
  if (!policy || succeeded.size === 0) return undefined;
  const rules = policy.rules ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule.succeededIndexes !== undefined) {
      const want = parseIndexSet(rule.succeededIndexes, completions);
      let have = 0;
      for (const ix of want) if (succeeded.has(ix)) have++;
      if (rule.succeededCount === undefined) {
        if (have === want.length && want.length > 0) return `Matched rules at index ${i}`;
      } else if (have >= rule.succeededCount) {
        return `Matched rules at index ${i}`;
      }
    } else if (rule.succeededCount !== undefined && succeeded.size >= rule.succeededCount) {
      return `Matched rules at index ${i}`;
    }
  }
  return undefined;
}
