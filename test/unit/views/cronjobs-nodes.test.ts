import { describe, expect, it } from 'vitest';
import type { CronJob, Node } from '../../../src/api/types.js';
import { getCronJobsTable } from '../../../src/views/cronjobs.js';
import { formatLabelSelector } from '../../../src/views/format.js';
import { getNodesTable, nodeRoles, nodeStatusText } from '../../../src/views/nodes.js';
import { helloCronJob, lines, NOW, node1 } from './fixtures.js';

describe('getCronJobsTable (printCronJob)', () => {
  // Layout verified byte-for-byte against kubectl v1.33.1 printing the same cells.
  it('NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE', () => {
    expect(getCronJobsTable([helloCronJob], NOW)).toBe(
      lines(
        'NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE',
        'hello   */1 * * * *   <none>     False     1        11s             10m',
      ),
    );
    expect(getCronJobsTable([helloCronJob], NOW, { wide: true })).toBe(
      lines(
        'NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE   CONTAINERS   IMAGES         SELECTOR',
        'hello   */1 * * * *   <none>     False     1        11s             10m   hello        busybox:1.28   <none>',
      ),
    );
  });

  it('a never-scheduled CronJob with a time zone, and an unset suspend', () => {
    const cj: CronJob = {
      metadata: { name: 'nightly', creationTimestamp: new Date(NOW - 11_000).toISOString() },
      spec: { schedule: '0 2 * * *', timeZone: 'Europe/Paris', jobTemplate: { spec: { template: {} } } },
    };
    expect(getCronJobsTable([cj], NOW)).toBe(
      lines(
        'NAME      SCHEDULE    TIMEZONE       SUSPEND   ACTIVE   LAST SCHEDULE   AGE',
        'nightly   0 2 * * *   Europe/Paris   <unset>   0        <none>          11s',
      ),
    );
  });
});

describe('getNodesTable (printNode)', () => {
  it('Ready, NotReady, Unknown and SchedulingDisabled', () => {
    const n = (conditions: NonNullable<Node['status']>['conditions'], unschedulable = false): Node => ({
      metadata: { name: 'n' },
      spec: { unschedulable },
      status: conditions === undefined ? {} : { conditions },
    });
    expect(nodeStatusText(n([{ type: 'Ready', status: 'True' }]))).toBe('Ready');
    expect(nodeStatusText(n([{ type: 'Ready', status: 'False' }]))).toBe('NotReady');
    expect(nodeStatusText(n([{ type: 'Ready', status: 'Unknown' }]))).toBe('NotReady');
    expect(nodeStatusText(n(undefined))).toBe('Unknown');
    expect(nodeStatusText(n([{ type: 'Ready', status: 'True' }], true))).toBe('Ready,SchedulingDisabled');
    expect(nodeStatusText(n(undefined, true))).toBe('Unknown,SchedulingDisabled');
  });

  it('roles from node-role.kubernetes.io/* keys and kubernetes.io/role', () => {
    const node: Node = {
      metadata: {
        labels: {
          'node-role.kubernetes.io/control-plane': '',
          'node-role.kubernetes.io/': 'ignored',
          'kubernetes.io/role': 'master',
          'node-role.kubernetes.io/master': '',
        },
      },
    };
    expect(nodeRoles(node)).toEqual(['control-plane', 'master']);
  });

  // Layout verified byte-for-byte against kubectl v1.33.1 printing the same cells.
  it('NAME STATUS ROLES AGE VERSION (+ wide)', () => {
    expect(getNodesTable([node1], NOW)).toBe(
      lines('NAME     STATUS   ROLES    AGE   VERSION', 'node-1   Ready    <none>   60m   v1.34.0'),
    );
    expect(getNodesTable([node1], NOW, { wide: true })).toBe(
      lines(
        'NAME     STATUS   ROLES    AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME',
        'node-1   Ready    <none>   60m   v1.34.0   10.0.0.11     <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-45-generic   containerd://1.7.22',
      ),
    );
  });
});

describe('formatLabelSelector (metav1.FormatLabelSelector)', () => {
  it('sorts requirements by key and values within a set', () => {
    expect(
      formatLabelSelector({
        matchLabels: { 'job-name': 'pi', app: 'x' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['web', 'api'] },
          { key: 'env', operator: 'NotIn', values: ['prod'] },
          { key: 'gone', operator: 'DoesNotExist' },
          { key: 'has', operator: 'Exists' },
        ],
      }),
    ).toBe('app=x,env notin (prod),!gone,has,job-name=pi,tier in (api,web)');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector(undefined)).toBe('<none>');
  });
});
