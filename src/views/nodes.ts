/**
 * `kubectl get nodes`: a port of `printNode` and `findNodeRoles` in
 * `pkg/printers/internalversion/printers.go`.
 */
import type { DeepReadonly, Node } from '../api/types.js';
import { translateTimestampSince } from './duration.js';
import { byteCompare } from './format.js';
import type { GetTableOptions } from './pods.js';
import { renderTable } from './table.js';

type RNode = DeepReadonly<Node>;

/**
 * The STATUS column: `Ready` / `NotReady` from the Ready condition (`Unknown` when there is
 * none), plus `,SchedulingDisabled` for a cordoned node.
 *
 * @example
 * ```ts
 * nodeStatusText(cordonedReadyNode); // 'Ready,SchedulingDisabled'
 * ```
 */
export function nodeStatusText(node: RNode): string {
  const status: string[] = [];
  // conditionMap keeps the last condition of each type
  let ready: string | undefined;
  for (const c of node.status?.conditions ?? []) {
    if (c.type === 'Ready') ready = c.status;
  }
  if (ready !== undefined) status.push(ready === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable === true) status.push('SchedulingDisabled');
  return status.join(',');
}

/**
 * `findNodeRoles`: roles from `node-role.kubernetes.io/<role>` label keys and the
 * `kubernetes.io/role` label value, sorted and de-duplicated.
 *
 * @example
 * ```ts
 * nodeRoles({ metadata: { labels: { 'node-role.kubernetes.io/control-plane': '' } } }); // ['control-plane']
 * ```
 */
export function nodeRoles(node: RNode): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role.length > 0) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort(byteCompare);
}

function nodeAddress(node: RNode, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

/**
 * `kubectl get nodes` (`NAME STATUS ROLES AGE VERSION`; `-o wide` adds `INTERNAL-IP EXTERNAL-IP
 * OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME`). `''` for no nodes.
 *
 * @example
 * ```ts
 * getNodesTable([node], now);
 * // 'NAME     STATUS   ROLES    AGE   VERSION\nnode-1   Ready    <none>   10m   v1.34.0\n'
 * ```
 */
export function getNodesTable(nodes: readonly RNode[], nowMs: number, options: GetTableOptions = {}): string {
  const headers = ['Name', 'Status', 'Roles', 'Age', 'Version'];
  if (options.wide === true)
    headers.push('Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime');
  const rows = nodes.map((node) => {
    const roles = nodeRoles(node).join(',');
    const info = node.status?.nodeInfo;
    const cells = [
      node.metadata?.name ?? '',
      nodeStatusText(node),
      roles === '' ? '<none>' : roles,
      translateTimestampSince(node.metadata?.creationTimestamp, nowMs),
      info?.kubeletVersion ?? '',
    ];
    if (options.wide === true) {
      cells.push(
        nodeAddress(node, 'InternalIP'),
        nodeAddress(node, 'ExternalIP'),
        info?.osImage || '<unknown>',
        info?.kernelVersion || '<unknown>',
        info?.containerRuntimeVersion || '<unknown>',
      );
    }
    return cells;
  });
  return renderTable(headers, rows);
}
