/**
 * The real kubectl 1.32 against `jobsim serve` (paused virtual clock, ephemeral port, fresh
 * HOME and cache dir). Without kubectl these tests are skipped with a message saying so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvalidObjectError } from '../../src/api/errors.js';
import type { Job } from '../../src/api/types.js';
import {
  advance,
  KUBECTL,
  kubectl,
  kubectlStream,
  NO_KUBECTL,
  ROOT,
  type Served,
  simulation,
  start,
} from './helpers.js';

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi2
spec:
  backoffLimit: 4
  template:
    metadata:
      annotations:
        jobsim.io/run: 20s
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
        env:
        - {name: DIGITS, value: "2000"}
      restartPolicy: Never
`;

const BAD = `apiVersion: batch/v1
kind: Job
metadata:
  name: bad
spec:
  parallelism: -1
  template:
    spec:
      containers:
      - name: pi
        image: perl
      restartPolicy: Always
`;

const WATCHED = `apiVersion: batch/v1
kind: Job
metadata:
  name: w3
spec:
  template:
    metadata:
      annotations:
        jobsim.io/run: 20s
    spec:
      containers:
      - {name: main, image: busybox}
      restartPolicy: Never
`;

describe.runIf(KUBECTL === undefined)('kubectl end-to-end', () => {
  it('is skipped: kubectl is not installed', (ctx) => {
    console.warn(`SKIPPED: ${NO_KUBECTL}`);
    ctx.skip(NO_KUBECTL);
  });
});

describe.runIf(KUBECTL !== undefined)('kubectl 1.32 against jobsim serve', { timeout: 30_000 }, () => {
  let s: Served;
  const file = (name: string, text: string) => {
    const p = join(s.dir, name);
    writeFileSync(p, text);
    return p;
  };

  beforeAll(async () => {
    s = await start(simulation());
  });
  afterAll(async () => {
    await s?.close();
  });

  it('create -f sim/pi.yaml, then get jobs shows Complete 1/1 once the clock has advanced', async () => {
    const c = await kubectl(s, 'create', '-f', 'sim/pi.yaml');
    expect(c.stderr).toContain('extensions/v1beta1 Job "pi" is converted to batch/v1');
    expect(c).toMatchObject({ code: 0, stdout: 'job.extensions/pi created\n' });
    const before = await kubectl(s, 'get', 'jobs');
    expect(before.stdout).toMatch(/^pi\s+Running\s+0\/1\s+0s\s+0s$/m);
    await advance(s, '30s');
    const after = await kubectl(s, 'get', 'jobs');
    expect(after.stdout).toBe(
      'NAME   STATUS     COMPLETIONS   DURATION   AGE\npi     Complete   1/1           11s        30s\n',
    );
  });

  it('get pods -o wide prints the wide columns at virtual ages', async () => {
    const r = await kubectl(s, 'get', 'pods', '-o', 'wide');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/m,
    );
    expect(r.stdout).toMatch(
      /^pi-[a-z0-9]{5}\s+0\/1\s+Completed\s+0\s+30s\s+\S+\s+node-0\s+<none>\s+<none>$/m,
    );
  });

  it('describe job pi lists its Events', async () => {
    const r = await kubectl(s, 'describe', 'job', 'pi');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Pods Statuses:\s+0 Active \(0 Ready\) \/ 1 Succeeded \/ 0 Failed$/m);
    expect(r.stdout).toMatch(/^Events:$/m);
    expect(r.stdout).toMatch(/Normal\s+SuccessfulCreate\s+\S+\s+job-controller\s+Created pod: pi-/);
    expect(r.stdout).toMatch(/Normal\s+Completed\s+\S+\s+job-controller\s+Job completed/);
  });

  it('apply -f twice: created, then unchanged', async () => {
    const p = file('job.yaml', JOB);
    expect((await kubectl(s, 'apply', '-f', p)).stdout).toBe('job.batch/pi2 created\n');
    expect((await kubectl(s, 'apply', '-f', p)).stdout).toBe('job.batch/pi2 unchanged\n');
    const changed = file('job2.yaml', JOB.replace('backoffLimit: 4', 'backoffLimit: 5'));
    expect((await kubectl(s, 'apply', '-f', changed)).stdout).toBe('job.batch/pi2 configured\n');
    const bl = await kubectl(s, 'get', 'job', 'pi2', '-o', 'jsonpath={.spec.backoffLimit}');
    expect(bl.stdout).toBe('5');
  });

  it('apply -f twice on the legacy extensions/v1beta1 manifest: created, then unchanged', async () => {
    const legacy = readFileSync(join(ROOT, 'sim', 'pi.yaml'), 'utf8');
    const p = file('legacy.yaml', legacy.replace('name: pi\n', 'name: legacy\n'));
    expect((await kubectl(s, 'apply', '-f', p)).stdout).toBe('job.extensions/legacy created\n');
    const again = await kubectl(s, 'apply', '-f', p);
    expect(again.stdout).toBe('job.extensions/legacy unchanged\n');
    expect((await kubectl(s, 'delete', 'job', 'legacy')).code).toBe(0);
  });

  it('explain reads the served schemas', async () => {
    const r = await kubectl(s, 'explain', 'job.spec.completions');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^FIELD: completions <integer>$/m);
  });

  it('patch --type merge suspends the Job; the same patch again is a no-op', async () => {
    const p = ['patch', 'job', 'pi2', '--type', 'merge', '-p', '{"spec":{"suspend":true}}'];
    expect((await kubectl(s, ...p)).stdout).toBe('job.batch/pi2 patched\n');
    expect((await kubectl(s, ...p)).stdout).toBe('job.batch/pi2 patched (no change)\n');
    await advance(s, '2s');
    const r = await kubectl(s, 'get', 'job', 'pi2');
    expect(r.stdout).toMatch(/^pi2\s+Suspended\s+0\/1\s/m);
    const json = await kubectl(
      s,
      'patch',
      'job',
      'pi2',
      '--type',
      'json',
      '-p',
      '[{"op":"replace","path":"/spec/suspend","value":false}]',
    );
    expect(json.stdout).toBe('job.batch/pi2 patched\n');
  });

  it('wait --for=condition=complete returns for a complete Job', async () => {
    const r = await kubectl(s, 'wait', '--for=condition=complete', 'job/pi', '--timeout=10s');
    expect(r).toMatchObject({ code: 0, stdout: 'job.batch/pi condition met\n' });
  });

  it('wait --for=condition=complete sees a Job complete while it waits', async () => {
    const w = kubectlStream(s, 'wait', '--for=condition=complete', 'job/pi2', '--timeout=15s');
    try {
      await new Promise((r) => setTimeout(r, 500));
      await advance(s, '1m');
      await w.waitFor(/job\.batch\/pi2 condition met/);
    } finally {
      await w.stop();
    }
  });

  it('get pods -w shows a pod go Running -> Completed', async () => {
    expect((await kubectl(s, 'create', '-f', file('w3.yaml', WATCHED))).code).toBe(0);
    const w = kubectlStream(s, 'get', 'pods', '-l', 'job-name=w3', '-w');
    try {
      await w.waitFor(/^w3-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+0s$/m);
      await advance(s, '30s');
      const out = await w.waitFor(/^w3-[a-z0-9]{5}\s+0\/1\s+Completed\s+0\s+20s$/m);
      expect(out.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    } finally {
      await w.stop();
    }
  });

  it('logs describes the simulated run', async () => {
    const r = await kubectl(s, 'logs', 'job/w3');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'jobsim: container "main" (image busybox) started at virtual time 1m32s\n' +
        'jobsim: container "main" exited with code 0 (Completed) at virtual time 1m52s, after 20s\n',
    );
    const missing = await kubectl(s, 'logs', 'nope');
    expect(missing.stderr).toBe(
      'error: error from server (NotFound): pods "nope" not found in namespace "default"\n',
    );
  });

  it('delete job pi: the Job and then its pods are gone', async () => {
    const r = await kubectl(s, 'delete', 'job', 'pi');
    expect(r).toMatchObject({ code: 0, stdout: 'job.batch "pi" deleted\n' });
    await advance(s, '1s');
    const pods = await kubectl(s, 'get', 'pods', '-l', 'job-name=pi');
    expect(pods.stderr).toBe('No resources found in default namespace.\n');
    const gone = await kubectl(s, 'get', 'job', 'pi');
    expect(gone.stderr).toBe('Error from server (NotFound): jobs.batch "pi" not found\n');
  });

  it('an invalid Job is refused with the API server message, as jobsim validate prints it', async () => {
    let expected = '';
    try {
      simulation().api.create(JSON.parse(JSON.stringify((await import('yaml')).parse(BAD))) as Job);
    } catch (e) {
      expected = (e as InvalidObjectError).message;
    }
    expect(expected).toMatch(/^The Job "bad" is invalid: \n\* spec\.parallelism: Invalid value: -1/);
    const r = await kubectl(s, 'create', '-f', file('bad.yaml', BAD));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${expected}\n`);
  });

  it('an unknown field is refused under strict field validation', async () => {
    const bogus = file(
      'bogus.yaml',
      JOB.replace('backoffLimit: 4', 'backoffLimit: 4\n  bogusField: 1').replace('pi2', 'bogus'),
    );
    const r = await kubectl(s, 'create', '-f', bogus);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `Error from server (BadRequest): error when creating "${bogus}": Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.bogusField"\n`,
    );
  });

  it('get nodes, events, namespaces and all print tables', async () => {
    expect((await kubectl(s, 'get', 'nodes')).stdout).toMatch(/^node-0\s+Ready\s+<none>\s+\S+\s+v1\.34\.0$/m);
    expect((await kubectl(s, 'get', 'events')).stdout).toMatch(
      /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/m,
    );
    expect((await kubectl(s, 'get', 'ns')).stdout).toMatch(/^default\s+Active\s/m);
    expect((await kubectl(s, 'get', 'all')).stdout).toMatch(/^job\.batch\/pi2\s+Complete\s/m);
  });
});
