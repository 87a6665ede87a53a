/**
 * `@kubernetes/client-node` against `jobsim serve`: an Indexed Job created through the typed
 * client, watched to Complete on the (paused) virtual clock, and its pods read back.
 */
import { BatchV1Api, CoreV1Api, KubeConfig, type V1Job, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advance, type Served, simulation, start } from './helpers.js';

describe('@kubernetes/client-node against jobsim serve', { timeout: 30_000 }, () => {
  let s: Served;
  let kc: KubeConfig;

  beforeAll(async () => {
    s = await start(simulation({ nodes: 2 }));
    kc = new KubeConfig();
    kc.loadFromString(s.server.kubeconfig);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('creates an Indexed Job, watches it to Complete and lists its pods', async () => {
    const batch = kc.makeApiClient(BatchV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    const job: V1Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'indexed' },
      spec: {
        completionMode: 'Indexed',
        completions: 4,
        parallelism: 2,
        template: {
          metadata: { annotations: { 'jobsim.io/run': '15s' } },
          spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox' }] },
        },
      },
    };
    const created = await batch.createNamespacedJob({ namespace: 'default', body: job });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.spec?.completionMode).toBe('Indexed');

    const list = await batch.listNamespacedJob({ namespace: 'default' });
    const events: string[] = [];
    let abort: AbortController | undefined;
    const complete = new Promise<V1Job>((resolve, reject) => {
      new Watch(kc)
        .watch(
          '/apis/batch/v1/namespaces/default/jobs',
          { fieldSelector: 'metadata.name=indexed', resourceVersion: list.metadata?.resourceVersion },
          (phase, obj: V1Job) => {
            events.push(`${phase} ${obj.status?.succeeded ?? 0}`);
            if (obj.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True'))
              resolve(obj);
          },
          (err: unknown) => {
            if (err) reject(err);
          },
        )
        .then((a) => {
          abort = a;
        }, reject);
    });
    await new Promise((r) => setTimeout(r, 100));
    await advance(s, '2m');
    const done = await complete;
    abort?.abort();
    expect(done.status?.succeeded).toBe(4);
    expect(done.status?.completedIndexes).toBe('0-3');
    expect(events.at(-1)).toBe('MODIFIED 4');

    const pods = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'job-name=indexed' });
    expect(pods.items).toHaveLength(4);
    const indexes = pods.items
      .map((p) => p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'])
      .sort();
    expect(indexes).toEqual(['0', '1', '2', '3']);
    expect(pods.items.every((p) => p.status?.phase === 'Succeeded')).toBe(true);

    const log = await core.readNamespacedPodLog({
      namespace: 'default',
      name: pods.items[0]!.metadata!.name!,
    });
    expect(log).toContain('exited with code 0 (Completed)');
  });

  it('reports API errors as typed ApiExceptions (409 AlreadyExists, 404 NotFound)', async () => {
    const batch = kc.makeApiClient(BatchV1Api);
    await expect(batch.readNamespacedJob({ namespace: 'default', name: 'nope' })).rejects.toMatchObject({
      code: 404,
    });
    const job: V1Job = {
      metadata: { name: 'indexed' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] } } },
    };
    await expect(batch.createNamespacedJob({ namespace: 'default', body: job })).rejects.toMatchObject({
      code: 409,
    });
  });
});
