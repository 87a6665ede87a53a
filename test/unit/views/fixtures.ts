/**
 * Hand-built objects of a small simulated cluster, shaped as a 1.34 API server returns them, for
 * the view tests. The virtual clock reads {@link NOW} (2024-09-09T18:45:00Z).
 */
import type { CronJob, Event, Job, Node, Pod } from '../../../src/api/types.js';

/** The virtual clock at which the views are rendered. */
export const NOW = Date.parse('2024-09-09T18:45:00Z');

export const PI_UID = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
export const PI_POD_UID = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
export const NODE_UID = '11111111-2222-4333-8444-555555555555';

const piLabels = {
  'batch.kubernetes.io/controller-uid': PI_UID,
  'batch.kubernetes.io/job-name': 'pi',
  'controller-uid': PI_UID,
  'job-name': 'pi',
};

/** `kubectl apply -f pi.yaml` (the Job docs example), run to completion in 5s. */
export const piJob: Job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: {
    name: 'pi',
    namespace: 'default',
    uid: PI_UID,
    creationTimestamp: '2024-09-09T18:42:24Z',
    labels: piLabels,
  },
  spec: {
    parallelism: 1,
    completions: 1,
    completionMode: 'NonIndexed',
    suspend: false,
    backoffLimit: 4,
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': PI_UID } },
    template: {
      metadata: { labels: piLabels },
      spec: {
        containers: [
          {
            name: 'pi',
            image: 'perl:5.34.0',
            command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'],
          },
        ],
        restartPolicy: 'Never',
      },
    },
  },
  status: {
    startTime: '2024-09-09T18:42:24Z',
    completionTime: '2024-09-09T18:42:29Z',
    succeeded: 1,
    ready: 0,
    terminating: 0,
    uncountedTerminatedPods: {},
    conditions: [
      {
        type: 'SuccessCriteriaMet',
        status: 'True',
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
        lastProbeTime: '2024-09-09T18:42:29Z',
        lastTransitionTime: '2024-09-09T18:42:29Z',
      },
      {
        type: 'Complete',
        status: 'True',
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
        lastProbeTime: '2024-09-09T18:42:29Z',
        lastTransitionTime: '2024-09-09T18:42:29Z',
      },
    ],
  },
};

/** The pod the pi Job ran: Succeeded, container terminated with reason Completed. */
export const piPod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'pi-abcde',
    generateName: 'pi-',
    namespace: 'default',
    uid: PI_POD_UID,
    creationTimestamp: '2024-09-09T18:42:24Z',
    labels: piLabels,
    ownerReferences: [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: 'pi',
        uid: PI_UID,
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
    finalizers: [],
  },
  spec: {
    containers: [
      {
        name: 'pi',
        image: 'perl:5.34.0',
        command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'],
      },
    ],
    restartPolicy: 'Never',
    nodeName: 'node-1',
    priority: 0,
    serviceAccountName: 'default',
    tolerations: [
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
    ],
  },
  status: {
    phase: 'Succeeded',
    hostIP: '10.0.0.11',
    podIP: '10.244.1.5',
    podIPs: [{ ip: '10.244.1.5' }],
    startTime: '2024-09-09T18:42:24Z',
    qosClass: 'BestEffort',
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'False', lastTransitionTime: '2024-09-09T18:42:30Z' },
      {
        type: 'Initialized',
        status: 'True',
        reason: 'PodCompleted',
        lastTransitionTime: '2024-09-09T18:42:24Z',
      },
      { type: 'Ready', status: 'False', reason: 'PodCompleted', lastTransitionTime: '2024-09-09T18:42:29Z' },
      {
        type: 'ContainersReady',
        status: 'False',
        reason: 'PodCompleted',
        lastTransitionTime: '2024-09-09T18:42:29Z',
      },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: '2024-09-09T18:42:24Z' },
    ],
    containerStatuses: [
      {
        name: 'pi',
        image: 'docker.io/library/perl:5.34.0',
        imageID:
          'docker.io/library/perl@sha256:2584f46a92d1042b25320131219e5832c5b3e75086dfaaff33e4fda7a9f47d99',
        containerID: 'containerd://4c5e9a1f',
        ready: false,
        started: false,
        restartCount: 0,
        state: {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            startedAt: '2024-09-09T18:42:25Z',
            finishedAt: '2024-09-09T18:42:29Z',
            containerID: 'containerd://4c5e9a1f',
          },
        },
        lastState: {},
      },
    ],
  },
};

/** Job controller and scheduler/kubelet events of the pi run. */
export const piEvents: Event[] = [
  {
    metadata: { name: 'pi.17f3a1b2c3d4e5f6', namespace: 'default' },
    involvedObject: { kind: 'Job', namespace: 'default', name: 'pi', uid: PI_UID, apiVersion: 'batch/v1' },
    reason: 'SuccessfulCreate',
    message: 'Created pod: pi-abcde',
    source: { component: 'job-controller' },
    firstTimestamp: '2024-09-09T18:42:24Z',
    lastTimestamp: '2024-09-09T18:42:24Z',
    count: 1,
    type: 'Normal',
  },
  {
    metadata: { name: 'pi.17f3a1b3d4e5f607', namespace: 'default' },
    involvedObject: { kind: 'Job', namespace: 'default', name: 'pi', uid: PI_UID, apiVersion: 'batch/v1' },
    reason: 'Completed',
    message: 'Job completed',
    source: { component: 'job-controller' },
    firstTimestamp: '2024-09-09T18:42:29Z',
    lastTimestamp: '2024-09-09T18:42:29Z',
    count: 1,
    type: 'Normal',
  },
  {
    metadata: { name: 'pi-abcde.17f3a1b2c3d4e600', namespace: 'default' },
    involvedObject: {
      kind: 'Pod',
      namespace: 'default',
      name: 'pi-abcde',
      uid: PI_POD_UID,
      apiVersion: 'v1',
    },
    reason: 'Scheduled',
    message: 'Successfully assigned default/pi-abcde to node-1',
    source: { component: 'default-scheduler' },
    firstTimestamp: '2024-09-09T18:42:24Z',
    lastTimestamp: '2024-09-09T18:42:24Z',
    count: 1,
    type: 'Normal',
  },
  {
    metadata: { name: 'pi-abcde.17f3a1b2d0000000', namespace: 'default' },
    involvedObject: {
      kind: 'Pod',
      namespace: 'default',
      name: 'pi-abcde',
      uid: PI_POD_UID,
      apiVersion: 'v1',
      fieldPath: 'spec.containers{pi}',
    },
    reason: 'Started',
    message: 'Started container pi',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: '2024-09-09T18:42:25Z',
    lastTimestamp: '2024-09-09T18:42:25Z',
    count: 1,
    type: 'Normal',
  },
];

/** The virtual clock minus `seconds`, as an RFC3339 timestamp. */
export function ago(seconds: number): string {
  return new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');
}

const defaultTolerations = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

export const FLAKY_UID = '22222222-3333-4444-8555-666666666666';
export const FLAKY_POD_UID = '33333333-4444-4555-8666-777777777777';

/** A Job pod with `restartPolicy: OnFailure` whose container keeps exiting 1: CrashLoopBackOff. */
export const crashLoopPod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'flaky-x7k2p',
    namespace: 'default',
    uid: FLAKY_POD_UID,
    creationTimestamp: ago(180),
    labels: { 'batch.kubernetes.io/job-name': 'flaky', 'job-name': 'flaky' },
    ownerReferences: [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: 'flaky',
        uid: FLAKY_UID,
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  },
  spec: {
    containers: [
      {
        name: 'main',
        image: 'busybox:1.36',
        command: ['sh', '-c', 'exit 1'],
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      },
    ],
    restartPolicy: 'OnFailure',
    nodeName: 'node-1',
    priority: 0,
    serviceAccountName: 'default',
    tolerations: defaultTolerations,
  },
  status: {
    phase: 'Running',
    hostIP: '10.0.0.11',
    podIP: '10.244.1.7',
    podIPs: [{ ip: '10.244.1.7' }],
    startTime: ago(180),
    qosClass: 'Burstable',
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: ago(178) },
      { type: 'Initialized', status: 'True', lastTransitionTime: ago(180) },
      {
        type: 'Ready',
        status: 'False',
        reason: 'ContainersNotReady',
        message: 'containers with unready status: [main]',
        lastTransitionTime: ago(178),
      },
      {
        type: 'ContainersReady',
        status: 'False',
        reason: 'ContainersNotReady',
        message: 'containers with unready status: [main]',
        lastTransitionTime: ago(178),
      },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: ago(180) },
    ],
    containerStatuses: [
      {
        name: 'main',
        image: 'docker.io/library/busybox:1.36',
        imageID:
          'docker.io/library/busybox@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7',
        containerID: 'containerd://77aa01',
        ready: false,
        started: false,
        restartCount: 3,
        state: {
          waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=main' },
        },
        lastState: {
          terminated: {
            exitCode: 1,
            reason: 'Error',
            startedAt: ago(41),
            finishedAt: ago(40),
            containerID: 'containerd://77aa01',
          },
        },
      },
    ],
  },
};

/** The kubelet's events for {@link crashLoopPod}: a BackOff warning seen 4 times. */
export const crashLoopEvents: Event[] = [
  {
    metadata: { name: 'flaky-x7k2p.17f3a2000000000a', namespace: 'default' },
    involvedObject: {
      kind: 'Pod',
      namespace: 'default',
      name: 'flaky-x7k2p',
      uid: FLAKY_POD_UID,
      apiVersion: 'v1',
    },
    reason: 'Scheduled',
    message: 'Successfully assigned default/flaky-x7k2p to node-1',
    source: { component: 'default-scheduler' },
    firstTimestamp: ago(180),
    lastTimestamp: ago(180),
    count: 1,
    type: 'Normal',
  },
  {
    metadata: { name: 'flaky-x7k2p.17f3a2000000000b', namespace: 'default' },
    involvedObject: {
      kind: 'Pod',
      namespace: 'default',
      name: 'flaky-x7k2p',
      uid: FLAKY_POD_UID,
      apiVersion: 'v1',
      fieldPath: 'spec.containers{main}',
    },
    reason: 'Pulled',
    message: 'Container image "busybox:1.36" already present on machine',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: ago(179),
    lastTimestamp: ago(41),
    count: 4,
    type: 'Normal',
  },
  {
    metadata: { name: 'flaky-x7k2p.17f3a2000000000c', namespace: 'default' },
    involvedObject: {
      kind: 'Pod',
      namespace: 'default',
      name: 'flaky-x7k2p',
      uid: FLAKY_POD_UID,
      apiVersion: 'v1',
      fieldPath: 'spec.containers{main}',
    },
    reason: 'BackOff',
    message:
      'Back-off restarting failed container main in pod flaky-x7k2p_default(33333333-4444-4555-8666-777777777777)',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: ago(170),
    lastTimestamp: ago(10),
    count: 4,
    type: 'Warning',
  },
];

/** A pod whose first init container finished and whose second is still running: `Init:1/2`. */
export const initPod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'setup-q8w9e',
    namespace: 'default',
    uid: '44444444-5555-4666-8777-888888888888',
    creationTimestamp: ago(30),
    labels: { 'job-name': 'setup' },
  },
  spec: {
    initContainers: [
      { name: 'fetch', image: 'alpine:3.20', command: ['wget', 'http://example.com/data'] },
      { name: 'migrate', image: 'alpine:3.20', command: ['sh', '-c', 'sleep 60'] },
    ],
    containers: [{ name: 'app', image: 'alpine:3.20', command: ['true'] }],
    restartPolicy: 'Never',
    nodeName: 'node-1',
    priority: 0,
    serviceAccountName: 'default',
    tolerations: defaultTolerations,
  },
  status: {
    phase: 'Pending',
    hostIP: '10.0.0.11',
    podIP: '10.244.1.9',
    podIPs: [{ ip: '10.244.1.9' }],
    startTime: ago(30),
    qosClass: 'BestEffort',
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: ago(29) },
      {
        type: 'Initialized',
        status: 'False',
        reason: 'ContainersNotInitialized',
        message: 'containers with incomplete status: [migrate]',
        lastTransitionTime: ago(30),
      },
      {
        type: 'Ready',
        status: 'False',
        reason: 'ContainersNotReady',
        message: 'containers with unready status: [app]',
        lastTransitionTime: ago(30),
      },
      {
        type: 'ContainersReady',
        status: 'False',
        reason: 'ContainersNotReady',
        message: 'containers with unready status: [app]',
        lastTransitionTime: ago(30),
      },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: ago(30) },
    ],
    initContainerStatuses: [
      {
        name: 'fetch',
        image: 'docker.io/library/alpine:3.20',
        imageID: 'docker.io/library/alpine@sha256:aaaa',
        containerID: 'containerd://f1',
        ready: true,
        started: false,
        restartCount: 0,
        state: {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            startedAt: ago(28),
            finishedAt: ago(20),
            containerID: 'containerd://f1',
          },
        },
      },
      {
        name: 'migrate',
        image: 'docker.io/library/alpine:3.20',
        imageID: 'docker.io/library/alpine@sha256:aaaa',
        containerID: 'containerd://f2',
        ready: false,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: ago(19) } },
      },
    ],
    containerStatuses: [
      {
        name: 'app',
        image: 'alpine:3.20',
        imageID: '',
        ready: false,
        started: false,
        restartCount: 0,
        state: { waiting: { reason: 'PodInitializing' } },
      },
    ],
  },
};

/** A running pi pod whose deletion was requested 5s ago (grace period 30s): `Terminating`. */
export const terminatingPod: Pod = {
  ...piPod,
  metadata: {
    ...piPod.metadata,
    name: 'pi-zz9zz',
    uid: '55555555-6666-4777-8888-999999999999',
    creationTimestamp: ago(20),
    deletionTimestamp: ago(-25),
    deletionGracePeriodSeconds: 30,
  },
  status: {
    phase: 'Running',
    hostIP: '10.0.0.11',
    podIP: '10.244.1.6',
    podIPs: [{ ip: '10.244.1.6' }],
    startTime: ago(20),
    qosClass: 'BestEffort',
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: ago(19) },
      { type: 'Initialized', status: 'True', lastTransitionTime: ago(20) },
      { type: 'Ready', status: 'True', lastTransitionTime: ago(18) },
      { type: 'ContainersReady', status: 'True', lastTransitionTime: ago(18) },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: ago(20) },
    ],
    containerStatuses: [
      {
        name: 'pi',
        image: 'docker.io/library/perl:5.34.0',
        imageID:
          'docker.io/library/perl@sha256:2584f46a92d1042b25320131219e5832c5b3e75086dfaaff33e4fda7a9f47d99',
        containerID: 'containerd://9d',
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: ago(18) } },
      },
    ],
  },
};

export const FAIL_UID = '66666666-7777-4888-8999-aaaaaaaaaaaa';

/** A Job whose pods all exit 1 (`restartPolicy: Never`, backoffLimit 2): Failed after 3 pods. */
export const failedJob: Job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: {
    name: 'fail',
    namespace: 'default',
    uid: FAIL_UID,
    creationTimestamp: ago(300),
    labels: { 'batch.kubernetes.io/controller-uid': FAIL_UID, 'batch.kubernetes.io/job-name': 'fail' },
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"batch/v1","kind":"Job"}\n',
    },
  },
  spec: {
    parallelism: 1,
    completions: 1,
    completionMode: 'NonIndexed',
    suspend: false,
    backoffLimit: 2,
    activeDeadlineSeconds: 600,
    ttlSecondsAfterFinished: 3600,
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': FAIL_UID } },
    template: {
      metadata: {
        labels: { 'batch.kubernetes.io/controller-uid': FAIL_UID, 'batch.kubernetes.io/job-name': 'fail' },
      },
      spec: {
        containers: [
          {
            name: 'main',
            image: 'busybox:1.36',
            command: ['sh', '-c', 'exit 1'],
            env: [{ name: 'MODE', value: 'strict' }],
            resources: {
              limits: { cpu: '500m', memory: '128Mi' },
              requests: { cpu: '250m', memory: '64Mi' },
            },
          },
        ],
        restartPolicy: 'Never',
      },
    },
  },
  status: {
    startTime: ago(300),
    failed: 3,
    ready: 0,
    terminating: 0,
    uncountedTerminatedPods: {},
    conditions: [
      {
        type: 'FailureTarget',
        status: 'True',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
        lastProbeTime: ago(200),
        lastTransitionTime: ago(200),
      },
      {
        type: 'Failed',
        status: 'True',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
        lastProbeTime: ago(200),
        lastTransitionTime: ago(200),
      },
    ],
  },
};

/** The job controller's events for {@link failedJob}. */
export const failedJobEvents: Event[] = [
  ['17f3a3000000000a', 'SuccessfulCreate', 'Created pod: fail-aaaaa', 300, 'Normal'],
  ['17f3a3000000000b', 'SuccessfulCreate', 'Created pod: fail-bbbbb', 290, 'Normal'],
  ['17f3a3000000000c', 'SuccessfulCreate', 'Created pod: fail-ccccc', 260, 'Normal'],
  ['17f3a3000000000d', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', 200, 'Warning'],
].map(([suffix, reason, message, secondsAgo, type]) => ({
  metadata: { name: `fail.${suffix}`, namespace: 'default' },
  involvedObject: { kind: 'Job', namespace: 'default', name: 'fail', uid: FAIL_UID, apiVersion: 'batch/v1' },
  reason: reason as string,
  message: message as string,
  source: { component: 'job-controller' },
  firstTimestamp: ago(secondsAgo as number),
  lastTimestamp: ago(secondsAgo as number),
  count: 1,
  type: type as string,
}));

export const SAMPLE_UID = '77777777-8888-4999-8aaa-bbbbbbbbbbbb';

/** An Indexed Job (completions 5, parallelism 3) with indexes 0-2 done and two pods running. */
export const indexedJob: Job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: {
    name: 'sample',
    namespace: 'default',
    uid: SAMPLE_UID,
    creationTimestamp: ago(95),
    labels: { 'batch.kubernetes.io/controller-uid': SAMPLE_UID, 'batch.kubernetes.io/job-name': 'sample' },
  },
  spec: {
    parallelism: 3,
    completions: 5,
    completionMode: 'Indexed',
    suspend: false,
    backoffLimit: 6,
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': SAMPLE_UID } },
    template: {
      metadata: {
        labels: {
          'batch.kubernetes.io/controller-uid': SAMPLE_UID,
          'batch.kubernetes.io/job-name': 'sample',
        },
      },
      spec: {
        containers: [
          {
            name: 'worker',
            image: 'python:3.12-slim',
            command: ['python', '-c', 'import os; print(os.environ["JOB_COMPLETION_INDEX"])'],
          },
        ],
        restartPolicy: 'Never',
      },
    },
  },
  status: {
    startTime: ago(95),
    active: 2,
    ready: 2,
    succeeded: 3,
    terminating: 0,
    completedIndexes: '0-2',
    uncountedTerminatedPods: {},
  },
};

/** A CronJob that fires every minute, with one Job running. */
export const helloCronJob: CronJob = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: {
    name: 'hello',
    namespace: 'default',
    uid: '88888888-9999-4aaa-8bbb-cccccccccccc',
    creationTimestamp: ago(611),
  },
  spec: {
    schedule: '*/1 * * * *',
    concurrencyPolicy: 'Allow',
    suspend: false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    jobTemplate: {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'hello',
                image: 'busybox:1.28',
                command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'],
              },
            ],
            restartPolicy: 'OnFailure',
          },
        },
      },
    },
  },
  status: {
    active: [{ kind: 'Job', namespace: 'default', name: 'hello-28765432', apiVersion: 'batch/v1' }],
    lastScheduleTime: ago(11),
    lastSuccessfulTime: ago(65),
  },
};

/** The cronjob controller's events for {@link helloCronJob}. */
export const helloEvents: Event[] = [
  {
    metadata: { name: 'hello.17f3a4000000000a', namespace: 'default' },
    involvedObject: {
      kind: 'CronJob',
      namespace: 'default',
      name: 'hello',
      uid: '88888888-9999-4aaa-8bbb-cccccccccccc',
      apiVersion: 'batch/v1',
    },
    reason: 'SuccessfulCreate',
    message: 'Created job hello-28765432',
    source: { component: 'cronjob-controller' },
    firstTimestamp: ago(11),
    lastTimestamp: ago(11),
    count: 1,
    type: 'Normal',
  },
  {
    metadata: { name: 'hello.17f3a4000000000b', namespace: 'default' },
    involvedObject: {
      kind: 'CronJob',
      namespace: 'default',
      name: 'hello',
      uid: '88888888-9999-4aaa-8bbb-cccccccccccc',
      apiVersion: 'batch/v1',
    },
    reason: 'SawCompletedJob',
    message: 'Saw completed job: hello-28765431, condition: Complete',
    source: { component: 'cronjob-controller' },
    firstTimestamp: ago(65),
    lastTimestamp: ago(65),
    count: 1,
    type: 'Normal',
  },
];

/** A ready worker node. */
export const node1: Node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: 'node-1',
    uid: NODE_UID,
    creationTimestamp: ago(3600),
    labels: {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'node-1',
      'kubernetes.io/os': 'linux',
    },
    annotations: {
      'node.alpha.kubernetes.io/ttl': '0',
      'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
    },
  },
  spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] },
  status: {
    capacity: { cpu: '4', 'ephemeral-storage': '102350Mi', memory: '16393956Ki', pods: '110' },
    allocatable: { cpu: '3800m', 'ephemeral-storage': '102350Mi', memory: '15791556Ki', pods: '110' },
    conditions: [
      {
        type: 'MemoryPressure',
        status: 'False',
        lastHeartbeatTime: ago(30),
        lastTransitionTime: ago(3600),
        reason: 'KubeletHasSufficientMemory',
        message: 'kubelet has sufficient memory available',
      },
      {
        type: 'DiskPressure',
        status: 'False',
        lastHeartbeatTime: ago(30),
        lastTransitionTime: ago(3600),
        reason: 'KubeletHasNoDiskPressure',
        message: 'kubelet has no disk pressure',
      },
      {
        type: 'PIDPressure',
        status: 'False',
        lastHeartbeatTime: ago(30),
        lastTransitionTime: ago(3600),
        reason: 'KubeletHasSufficientPID',
        message: 'kubelet has sufficient PID available',
      },
      {
        type: 'Ready',
        status: 'True',
        lastHeartbeatTime: ago(30),
        lastTransitionTime: ago(3590),
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
      },
    ],
    addresses: [
      { type: 'InternalIP', address: '10.0.0.11' },
      { type: 'Hostname', address: 'node-1' },
    ],
    nodeInfo: {
      machineID: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      systemUUID: 'a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90',
      bootID: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
      kernelVersion: '6.8.0-45-generic',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      containerRuntimeVersion: 'containerd://1.7.22',
      kubeletVersion: 'v1.34.0',
      kubeProxyVersion: 'v1.34.0',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  },
};

/** Joins expected output lines, each ending in a newline (trailing spaces stay visible in quotes). */
export function lines(...ls: string[]): string {
  return ls.map((l) => `${l}\n`).join('');
}

/** A pod using many describe features: sidecar, ports, probes, env sources, volumes, selectors. */
export const richPod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-0',
    namespace: 'default',
    uid: '99999999-aaaa-4bbb-8ccc-dddddddddddd',
    creationTimestamp: ago(600),
    labels: { app: 'web' },
    annotations: {
      'example.com/short': 'yes',
      'example.com/long': 'x'.repeat(150),
      'example.com/multi': 'line one\nline two\n',
    },
  },
  spec: {
    priority: 1000,
    priorityClassName: 'high',
    serviceAccountName: 'web',
    nodeName: 'node-1',
    nodeSelector: { 'kubernetes.io/os': 'linux', disktype: 'ssd' },
    initContainers: [
      {
        name: 'proxy',
        image: 'envoy:v1.31',
        restartPolicy: 'Always',
        ports: [
          { containerPort: 15001, protocol: 'TCP', name: 'proxy' },
          { containerPort: 15090, hostPort: 15090, protocol: 'TCP' },
        ],
      },
    ],
    containers: [
      {
        name: 'app',
        image: 'nginx:1.27',
        args: ['--port', '8080', 'multi\nline'],
        ports: [{ containerPort: 8080, protocol: 'TCP' }],
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
        livenessProbe: {
          httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
          initialDelaySeconds: 5,
          timeoutSeconds: 1,
          periodSeconds: 10,
          successThreshold: 1,
          failureThreshold: 3,
        },
        readinessProbe: {
          exec: { command: ['cat', '/tmp/ready'] },
          timeoutSeconds: 1,
          periodSeconds: 5,
          successThreshold: 1,
          failureThreshold: 3,
        },
        startupProbe: {
          tcpSocket: { port: 8080 },
          timeoutSeconds: 1,
          periodSeconds: 10,
          successThreshold: 1,
          failureThreshold: 30,
        },
        envFrom: [
          { configMapRef: { name: 'web-config' } },
          { secretRef: { name: 'web-secret', optional: true }, prefix: 'S_' },
        ],
        env: [
          { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
          { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
          {
            name: 'APP_LABEL',
            valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['app']" } },
          },
          { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
          {
            name: 'MEM_REQUEST',
            valueFrom: { resourceFieldRef: { resource: 'requests.memory', divisor: '1Mi' } },
          },
          { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
          {
            name: 'MODE',
            valueFrom: { configMapKeyRef: { name: 'web-config', key: 'mode', optional: false } },
          },
          { name: 'GREETING', value: 'hello\nworld' },
        ],
        volumeMounts: [
          { name: 'data', mountPath: '/data' },
          {
            name: 'kube-api-access-abcde',
            mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
            readOnly: true,
          },
          { name: 'config', mountPath: '/etc/nginx/conf.d', subPath: 'site.conf', readOnly: true },
        ],
      },
    ],
    volumes: [
      { name: 'data', emptyDir: { sizeLimit: '1Gi' } },
      { name: 'scratch', emptyDir: { medium: 'Memory' } },
      { name: 'config', configMap: { name: 'web-config' } },
      { name: 'creds', secret: { secretName: 'web-secret', optional: true } },
      { name: 'claim', persistentVolumeClaim: { claimName: 'web-data' } },
      { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
      {
        name: 'podinfo',
        downwardAPI: {
          items: [
            { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
            { path: 'cpu', resourceFieldRef: { containerName: 'app', resource: 'limits.cpu' } },
          ],
        },
      },
      {
        name: 'kube-api-access-abcde',
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            {
              downwardAPI: {
                items: [
                  { path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
                ],
              },
            },
          ],
        },
      },
    ],
    tolerations: [
      { operator: 'Exists' },
      { key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' },
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ],
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: 'web' } },
      },
      { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' },
    ],
    readinessGates: [{ conditionType: 'example.com/lb-ready' }],
  },
  status: {
    phase: 'Running',
    hostIP: '10.0.0.11',
    podIP: '10.244.1.20',
    podIPs: [{ ip: '10.244.1.20' }, { ip: 'fd00::20' }],
    startTime: ago(600),
    conditions: [
      { type: 'example.com/lb-ready', status: 'True' },
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
      { type: 'ContainersReady', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ],
    initContainerStatuses: [
      {
        name: 'proxy',
        image: 'envoy:v1.31',
        imageID: 'docker.io/envoyproxy/envoy@sha256:1111',
        containerID: 'containerd://p1',
        ready: true,
        started: true,
        restartCount: 1,
        state: { running: { startedAt: ago(590) } },
        lastState: {
          terminated: {
            exitCode: 137,
            reason: 'OOMKilled',
            signal: 9,
            startedAt: ago(598),
            finishedAt: ago(591),
            message: 'out of memory',
          },
        },
      },
    ],
    containerStatuses: [
      {
        name: 'app',
        image: 'nginx:1.27',
        imageID: 'docker.io/library/nginx@sha256:2222',
        containerID: 'containerd://a1',
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: ago(589) } },
      },
    ],
  },
};
