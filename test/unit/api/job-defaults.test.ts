import { describe, expect, it } from 'vitest';
import {
  admitPod,
  defaultContainer,
  defaultJob,
  defaultJobForCreate,
  defaultPod,
  defaultPodSpec,
  generateJobSelector,
  imageTag,
  prepareJobForCreate,
  prepareJobForUpdate,
} from '../../../src/api/job-defaults.js';
import { validateJobCreate } from '../../../src/api/job-validation.js';
import type { Job, JobSpec } from '../../../src/api/types.js';

const template = (): JobSpec['template'] => ({
  metadata: { labels: { foo: 'bar' } },
  spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] },
});
const job = (spec: Partial<JobSpec> = {}, labels?: Record<string, string>): Job => ({
  metadata: { name: 'myjob', namespace: 'default', ...(labels === undefined ? {} : { labels }) },
  spec: { template: template(), ...spec },
});

// mirrors TestSetDefaultJob in pkg/apis/batch/v1/defaults_test.go
describe('defaultJob (TestSetDefaultJob)', () => {
  it('All unspecified -> sets all to default values', () => {
    const j = defaultJob(job());
    expect(j.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      manualSelector: false,
    });
    expect(j.metadata?.labels).toEqual({ foo: 'bar' });
  });

  it('All unspecified, podFailurePolicy present -> status True and podReplacementPolicy Failed', () => {
    const j = defaultJob(
      job({
        podFailurePolicy: {
          rules: [
            {
              action: 'Ignore',
              onPodConditions: [{ type: 'DisruptionTarget' } as { type: string; status: string }],
            },
          ],
        },
      }),
    );
    expect(j.spec?.podFailurePolicy?.rules[0]?.onPodConditions?.[0]?.status).toBe('True');
    expect(j.spec?.podReplacementPolicy).toBe('Failed');
  });

  it('backoffLimitPerIndex set -> backoffLimit MaxInt32', () => {
    expect(
      defaultJob(job({ completionMode: 'Indexed', completions: 2, backoffLimitPerIndex: 1 })).spec
        ?.backoffLimit,
    ).toBe(2147483647);
  });

  it('only completions set -> parallelism 1', () => {
    expect(defaultJob(job({ completions: 11 })).spec).toMatchObject({ completions: 11, parallelism: 1 });
  });

  it('only parallelism set -> completions stay unset (work queue)', () => {
    const spec = defaultJob(job({ parallelism: 11 })).spec;
    expect(spec?.parallelism).toBe(11);
    expect(spec?.completions).toBeUndefined();
  });

  it('explicit values are kept', () => {
    const spec = defaultJob(
      job({
        completions: 2,
        parallelism: 3,
        backoffLimit: 0,
        completionMode: 'Indexed',
        suspend: true,
        manualSelector: true,
        podReplacementPolicy: 'Failed',
      }),
    ).spec;
    expect(spec).toMatchObject({
      completions: 2,
      parallelism: 3,
      backoffLimit: 0,
      completionMode: 'Indexed',
      suspend: true,
      manualSelector: true,
      podReplacementPolicy: 'Failed',
    });
  });

  it('existing Job labels are kept', () => {
    expect(defaultJob(job({}, { app: 'x' })).metadata?.labels).toEqual({ app: 'x' });
  });

  it('a template without labels leaves the Job without labels', () => {
    const j = defaultJob({ metadata: { name: 'pi' }, spec: { template: { spec: { containers: [] } } } });
    expect(j.metadata?.labels).toBeUndefined();
  });

  it('is pure and leaves restartPolicy to the pod defaults', () => {
    const input = {
      metadata: { name: 'pi' },
      spec: { template: { spec: { containers: [{ name: 'c', image: 'i' }] } } },
    } as Job;
    const before = JSON.stringify(input);
    const j = defaultJob(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(j.spec?.template.spec?.restartPolicy).toBe('Always');
  });
});

// mirrors SetDefaults_PodSpec / SetDefaults_Container / SetDefaults_Probe in pkg/apis/core/v1/defaults.go
describe('pod spec defaults', () => {
  it('PodSpec defaults', () => {
    const s = defaultPodSpec({ containers: [{ name: 'c', image: 'busybox:1.28' }] });
    expect(s).toEqual({
      containers: [
        {
          name: 'c',
          image: 'busybox:1.28',
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
    });
  });

  it.each([
    ['busybox', 'Always'],
    ['busybox:latest', 'Always'],
    ['busybox:1.28', 'IfNotPresent'],
    ['localhost:5000/pi', 'Always'],
    ['registry.k8s.io/pause:3.9', 'IfNotPresent'],
    [`busybox@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    ['Busybox', 'IfNotPresent'],
  ])('imagePullPolicy for %s is %s (TestSetDefaultImagePullPolicy)', (image, want) => {
    expect(defaultContainer({ name: 'c', image }).imagePullPolicy).toBe(want);
  });

  it('imageTag', () => {
    expect(imageTag('busybox:1.28')).toBe('1.28');
    expect(imageTag('busybox')).toBe('latest');
    expect(imageTag('UPPER')).toBeUndefined();
  });

  it('probe defaults and canonical quantities', () => {
    const c = defaultContainer({
      name: 'c',
      image: 'i',
      livenessProbe: { httpGet: { port: 80 } },
      resources: { requests: { cpu: '0.5', memory: '1.5Gi' }, limits: { cpu: '0.1m' } },
    });
    expect(c.livenessProbe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '1536Mi' }, limits: { cpu: '1m' } });
  });
});

// mirrors generateSelector / PrepareForCreate in pkg/registry/batch/job/strategy.go (TestJobStrategy_PrepareForCreate)
describe('generateJobSelector and prepareJobForCreate', () => {
  it('adds the four template labels and the uid selector', () => {
    const j = prepareJobForCreate(
      defaultJob({ metadata: { name: 'myjob', namespace: 'default' }, spec: { template: template() } }),
      'test',
    );
    expect(j.spec?.template.metadata?.labels).toEqual({
      foo: 'bar',
      'job-name': 'myjob',
      'batch.kubernetes.io/job-name': 'myjob',
      'controller-uid': 'test',
      'batch.kubernetes.io/controller-uid': 'test',
    });
    expect(j.spec?.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'test' } });
    expect(j.metadata?.uid).toBe('test');
    expect(j.metadata?.generation).toBe(1);
    expect(j.status).toEqual({});
    // the Job had no labels: it shares the template labels, generated ones included
    expect(j.metadata?.labels).toEqual(j.spec?.template.metadata?.labels);
    expect(validateJobCreate(j)).toEqual([]);
  });

  it('keeps labels the user already set (conflicts are left to validation)', () => {
    const t = template();
    t.metadata = { labels: { 'job-name': 'other' } };
    const j = generateJobSelector(defaultJob({ metadata: { name: 'myjob' }, spec: { template: t } }), 'u');
    expect(j.spec?.template.metadata?.labels?.['job-name']).toBe('other');
  });

  it('manualSelector true generates nothing', () => {
    const j = generateJobSelector(
      defaultJob({
        metadata: { name: 'myjob' },
        spec: { manualSelector: true, selector: { matchLabels: { a: 'b' } }, template: template() },
      }),
      'u',
    );
    expect(j.spec?.selector).toEqual({ matchLabels: { a: 'b' } });
    expect(j.spec?.template.metadata?.labels).toEqual({ foo: 'bar' });
  });

  it('a Job without template labels gets its labels when read back (defaultJob after storage)', () => {
    const created = prepareJobForCreate(
      defaultJob({ metadata: { name: 'pi' }, spec: { template: { spec: { containers: [] } } } }),
      'u1',
    );
    expect(created.metadata?.labels).toBeUndefined();
    expect(defaultJob(created).metadata?.labels).toEqual({
      'job-name': 'pi',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': 'u1',
      'batch.kubernetes.io/controller-uid': 'u1',
    });
  });

  it('prepareJobForUpdate keeps status and bumps generation on spec change', () => {
    const old: Job = {
      metadata: { name: 'pi', uid: 'u', generation: 3 },
      spec: { parallelism: 1, template: {} },
      status: { active: 1 },
    };
    const next = prepareJobForUpdate(
      { metadata: { name: 'pi' }, spec: { parallelism: 2, template: {} }, status: {} },
      old,
    );
    expect(next.metadata).toEqual({ name: 'pi', uid: 'u', generation: 4 });
    expect(next.status).toEqual({ active: 1 });
    expect(
      prepareJobForUpdate({ metadata: { name: 'pi' }, spec: { parallelism: 1, template: {} } }, old).metadata
        ?.generation,
    ).toBe(3);
  });
});

// mirrors SetDefaults_Pod (requests from limits) and the DefaultTolerationSeconds / Priority admission plugins
describe('defaultPod and admitPod', () => {
  it('requests default to limits for Pods', () => {
    const p = defaultPod({
      spec: {
        containers: [
          {
            name: 'a',
            image: 'x',
            resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } },
          },
        ],
      },
    });
    expect(p.spec?.containers[0]?.resources?.requests).toEqual({ cpu: '500m', memory: '1Gi' });
    expect(p.spec?.enableServiceLinks).toBe(true);
    expect(p.spec?.restartPolicy).toBe('Always');
  });

  it('adds the not-ready and unreachable tolerations unless tolerated', () => {
    const p = admitPod(defaultPod({ spec: { containers: [] } }));
    expect(p.spec?.tolerations).toEqual([
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ]);
    expect([p.spec?.priority, p.spec?.preemptionPolicy, p.spec?.serviceAccountName]).toEqual([
      0,
      'PreemptLowerPriority',
      'default',
    ]);
    const tolerant = admitPod({ spec: { containers: [], tolerations: [{ operator: 'Exists' }] } });
    expect(tolerant.spec?.tolerations).toEqual([{ operator: 'Exists' }]);
  });
});

describe('defaultJobForCreate', () => {
  it('equals defaultJob, generateJobSelector with the uid, and defaultJob again, without touching its input', () => {
    const manifests: Job[] = [
      {
        metadata: { name: 'pi' },
        spec: { template: { spec: { containers: [{ name: 'c', image: 'perl' }] } } },
      },
      {
        metadata: { name: 'lab', labels: { team: 'a' } },
        spec: {
          completionMode: 'Indexed',
          completions: 3,
          template: {
            metadata: { labels: { app: 'x' } },
            spec: {
              restartPolicy: 'Never',
              containers: [{ name: 'c', image: 'busybox:1.36', resources: { requests: { cpu: '0.5' } } }],
            },
          },
        },
      },
      {
        metadata: { name: 'manual', uid: 'given' },
        spec: {
          manualSelector: true,
          selector: { matchLabels: { a: 'b' } },
          template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c' }] } },
        },
      },
    ];
    for (const m of manifests) {
      const before = JSON.stringify(m);
      const composed = defaultJob({
        ...generateJobSelector(defaultJob(m), 'u1'),
        metadata: { ...generateJobSelector(defaultJob(m), 'u1').metadata, uid: 'u1' },
      });
      expect(JSON.stringify(defaultJobForCreate(m, 'u1'))).toBe(JSON.stringify(composed));
      expect(JSON.stringify(m)).toBe(before);
    }
  });
});
