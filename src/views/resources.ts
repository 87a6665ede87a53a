/**
 * Pod resource arithmetic used by `kubectl describe`: component-helpers `resource.PodRequests` /
 * `PodLimits` (with restartable init containers, 1.29+) and `qos.GetPodQOS`.
 */
import type { DeepReadonly, Pod } from '../api/types.js';
import {
  addResourceList,
  cmpQuantity,
  maxResourceList,
  type ParsedResources,
  parseResources,
  type ResourceList,
  ZERO_QUANTITY,
} from './quantity.js';

type RPod = DeepReadonly<Pod>;

function aggregate(pod: RPod, which: 'requests' | 'limits'): ParsedResources {
  const total: ParsedResources = new Map();
  for (const c of pod.spec?.containers ?? []) {
    addResourceList(total, parseResources(c.resources?.[which] as ResourceList | undefined));
  }
  const restartable: ParsedResources = new Map();
  const init: ParsedResources = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    let own = parseResources(c.resources?.[which] as ResourceList | undefined);
    if (c.restartPolicy === 'Always') {
      addResourceList(total, own);
      addResourceList(restartable, own);
      own = new Map(restartable);
    } else {
      const tmp: ParsedResources = new Map();
      addResourceList(tmp, own);
      addResourceList(tmp, restartable);
      own = tmp;
    }
    maxResourceList(init, own);
  }
  maxResourceList(total, init);
  return total;
}

/**
 * `resource.PodRequests`: the sum of app containers and sidecars, at least the largest init
 * container's need (with the sidecars started before it), plus pod overhead.
 *
 * @example
 * ```ts
 * podRequests(pod).get('cpu'); // the pod's effective CPU request
 * ```
 */
export function podRequests(pod: RPod): ParsedResources {
  const reqs = aggregate(pod, 'requests');
  addResourceList(reqs, parseResources(pod.spec?.overhead as ResourceList | undefined));
  return reqs;
}

/**
 * `resource.PodLimits`: like {@link podRequests} for limits; overhead is added only to limits that
 * are set.
 *
 * @example
 * ```ts
 * podLimits(pod).get('memory'); // the pod's effective memory limit, if any
 * ```
 */
export function podLimits(pod: RPod): ParsedResources {
  const limits = aggregate(pod, 'limits');
  const overhead = parseResources(pod.spec?.overhead as ResourceList | undefined);
  for (const [name, q] of overhead) {
    if (limits.has(name)) addResourceList(limits, new Map([[name, q]]));
  }
  return limits;
}

/**
 * `qos.GetPodQOS`: `status.qosClass` when set, else computed from cpu/memory requests and limits
 * (`BestEffort`, `Guaranteed` or `Burstable`).
 *
 * @example
 * ```ts
 * podQOSClass({ spec: { containers: [{ name: 'c' }] } }); // 'BestEffort'
 * ```
 */
export function podQOSClass(pod: RPod): string {
  const fromStatus = pod.status?.qosClass;
  if (fromStatus !== undefined && fromStatus !== '') return fromStatus;
  const requests: ParsedResources = new Map();
  const limits: ParsedResources = new Map();
  let isGuaranteed = true;
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of all) {
    for (const [name, q] of parseResources(c.resources?.requests as ResourceList | undefined)) {
      if (name !== 'cpu' && name !== 'memory') continue;
      if (cmpQuantity(q, ZERO_QUANTITY) === 1) addResourceList(requests, new Map([[name, q]]));
    }
    const found = new Set<string>();
    for (const [name, q] of parseResources(c.resources?.limits as ResourceList | undefined)) {
      if (name !== 'cpu' && name !== 'memory') continue;
      if (cmpQuantity(q, ZERO_QUANTITY) === 1) {
        found.add(name);
        addResourceList(limits, new Map([[name, q]]));
      }
    }
    if (!found.has('memory') || !found.has('cpu')) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (lim === undefined || cmpQuantity(lim, req) !== 0) {
        isGuaranteed = false;
        break;
      }
    }
  }
  if (isGuaranteed && requests.size === limits.size) return 'Guaranteed';
  return 'Burstable';
}
