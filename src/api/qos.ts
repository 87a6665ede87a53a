/**
 * The pod QoS class (`status.qosClass`), as the API server sets it on create
 * (`pkg/apis/core/helper/qos`).
 */

import { parseQuantity } from './quantity.js';
import type { PodSpec } from './types.js';

/**
 * QoS class (`qos.GetPodQOS`): BestEffort without cpu/memory requests or limits; Guaranteed when
 * every container limits both cpu and memory and the summed requests equal the summed limits;
 * Burstable otherwise.
 *
 * @example
 * ```ts
 * getPodQOS({ containers: [{ name: 'a' }] }); // 'BestEffort'
 * ```
 */
export function getPodQOS(spec: PodSpec): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let isGuaranteed = true;
  const val = (q: unknown): bigint => {
    try {
      return parseQuantity(q as string).nanos;
    } catch {
      return 0n;
    }
  };
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const [name, q] of Object.entries(c.resources?.requests ?? {})) {
      if (name !== 'cpu' && name !== 'memory') continue;
      const v = val(q);
      if (v > 0n) requests.set(name, (requests.get(name) ?? 0n) + v);
    }
    const found = new Set<string>();
    for (const [name, q] of Object.entries(c.resources?.limits ?? {})) {
      if (name !== 'cpu' && name !== 'memory') continue;
      const v = val(q);
      if (v > 0n) {
        found.add(name);
        limits.set(name, (limits.get(name) ?? 0n) + v);
      }
    }
    if (!found.has('cpu') || !found.has('memory')) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, r] of requests) {
      if (limits.get(name) !== r) {
        isGuaranteed = false;
        break;
      }
    }
  }
  return isGuaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
