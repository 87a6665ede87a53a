/**
 * The HTML report in headless Chromium, opened from a file:// URL with the network off: lanes,
 * markers, the scrubber's views against `jobsim get --at`, pod details, zoom, and a 10,000-pod
 * run that must load and stay responsive. Screenshots go to test/browser/artifacts/.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { launch, openReport, root, screenshot, scrubTo, tableText, writeReport } from './browser.js';

let context: BrowserContext;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ context, close } = await launch());
});

afterAll(async () => {
  await close?.();
});

/** `jobsim get KIND -f FILE --at AT`, as the CLI prints it (stderr when there is nothing). */
function cliGet(kind: string, file: string, at: string): string {
  let out = '';
  let err = '';
  const cwd = process.cwd();
  process.chdir(root);
  try {
    main(['get', kind, '-f', file, '--at', at], { out: (s) => (out += s), err: (s) => (err += s) });
  } finally {
    process.chdir(cwd);
  }
  return (out || err).replace(/\s+$/, '');
}

/** The STATUS column of a pods table's rows. */
function statuses(table: string): string[] {
  return table
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s{2,}/)[2] ?? '');
}

describe('sim/pi.yaml', () => {
  const file = 'sim/pi.yaml';
  let html: string;
  beforeAll(() => {
    html = writeReport(file, 'pi');
  });

  it('loads offline from file:// without errors or requests', async () => {
    const { page, errors, requests, loadMs } = await openReport(context, html);
    expect(errors).toEqual([]);
    expect(requests.every((u) => u.startsWith('file:') || u.startsWith('data:'))).toBe(true);
    expect(loadMs).toBeLessThan(10_000);
    await page.close();
  });

  it('shows the summary: scenario, seed, versions, checks', async () => {
    const { page } = await openReport(context, html);
    const summary = await page.locator('#summary').textContent();
    expect(summary).toContain('sim/pi.yaml');
    expect(await page.locator('#seed').textContent()).toBe('1');
    expect(await page.locator('#k8s-version').textContent()).toBe('v1.34');
    expect(await page.locator('#jobsim-version').textContent()).toMatch(/^\d+\.\d+\.\d+/);
    expect(await page.locator('#result').textContent()).toBe('no checks');
    await page.close();
  });

  it('draws one lane on node-0, Running then Succeeded, and the Complete condition', async () => {
    const { page } = await openReport(context, html);
    expect(await page.locator('#lanes g.lane').count()).toBe(1);
    expect(await page.locator('#lanes g.node-row').getAttribute('data-node')).toBe('node-0');
    expect(await page.locator('#lanes g.lane .span.s1').count()).toBe(1);
    expect(await page.locator('#lanes g.lane .span.s4').count()).toBe(1);
    const conds = page.locator('#axis g.marker[data-kind=cond]');
    expect(await conds.getAttribute('data-tags')).toBe('SuccessCriteriaMet Complete');
    expect(await conds.textContent()).toContain('SuccessCriteriaMet, Complete');
    await page.close();
  });

  it('shows at 5s and at the end the same tables as jobsim get --at', async () => {
    const { page } = await openReport(context, html);
    await scrubTo(page, '5s', 5000);
    const pods5 = await tableText(page, 'pods-table');
    expect(pods5).toBe(cliGet('pods', file, '5s'));
    expect(statuses(pods5)).toEqual(['Running']);
    expect(await tableText(page, 'jobs-table')).toBe(cliGet('jobs', file, '5s'));
    expect(await tableText(page, 'events-table')).toBe(cliGet('events', file, '5s'));
    expect(await page.locator('#pods-cli').textContent()).toBe('jobsim get pods -f sim/pi.yaml --at 5s');
    await screenshot(page, 'pi-at-5s');
    await scrubTo(page, '12s', 12_000);
    const podsEnd = await tableText(page, 'pods-table');
    expect(podsEnd).toBe(cliGet('pods', file, '12s'));
    expect(statuses(podsEnd)).toEqual(['Completed']);
    expect(await page.locator('#frame-jobs').textContent()).toBe('job/pi Complete');
    await page.close();
  });

  it('snaps the scrubber to the last precomputed instant and steps with the arrow keys', async () => {
    const { page } = await openReport(context, html);
    await scrubTo(page, '5.5s', 5000);
    await page.locator('#timeline').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('#views[data-t="6000"]');
    await page.keyboard.press('Home');
    await page.waitForSelector('#views[data-t="0"]');
    await page.close();
  });

  it('shows a pod span object and why it changed when clicked', async () => {
    const { page } = await openReport(context, html);
    const span = page.locator('#lanes g.lane .span.s1');
    const box = (await span.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.locator('#tip').textContent()).toContain('Running');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('#details:not([hidden])');
    expect(await page.locator('#details-title').textContent()).toMatch(/^pod\/pi-[a-z0-9]{5}$/);
    expect(await page.locator('#details-at').textContent()).toMatch(/: Running; version 4 of \d+/);
    const history = await page.locator('#details-versions').textContent();
    expect(history).toContain('Job controller created it');
    expect(history).toContain('Pending -> Running');
    expect(await page.locator('#details-object').textContent()).toMatch(/phase: Running/);
    await screenshot(page, 'pi-details');
    await page.close();
  });

  it('zooms and pans the time axis', async () => {
    const { page } = await openReport(context, html);
    expect(await page.locator('#view-range').textContent()).toBe('0s – 12s');
    await page.click('#zoom-in');
    await expect.poll(() => page.locator('#view-range').textContent()).toBe('3s – 9s');
    const lanes = page.locator('#lanes');
    const box = (await lanes.boundingBox())!;
    await page.mouse.move(box.x + 700, box.y + 25);
    await page.mouse.down();
    await page.mouse.move(box.x + 500, box.y + 25, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => page.locator('#view-range').textContent()).not.toBe('3s – 9s');
    await page.click('#zoom-fit');
    await expect.poll(() => page.locator('#view-range').textContent()).toBe('0s – 12s');
    await page.close();
  });
});

describe('sim/suspend-resume.yaml', () => {
  const file = 'sim/suspend-resume.yaml';
  let html: string;
  beforeAll(() => {
    html = writeReport(file, 'suspend-resume');
  });

  it('draws six pods, the two patch steps and the Suspended condition', async () => {
    const { page, errors } = await openReport(context, html);
    expect(errors).toEqual([]);
    expect(await page.locator('#lanes g.lane').count()).toBe(6);
    const steps = await page.locator('#axis g.marker[data-kind=step]').allTextContents();
    expect(steps.join(' ')).toContain('patch job/pausable');
    const conds = await page.locator('#axis g.marker[data-kind=cond]').allTextContents();
    expect(conds.join(' ')).toContain('Suspended');
    expect(await page.locator('#result').textContent()).toBe('✓ 3 checks passed');
    await screenshot(page, 'suspend-resume');
    await page.close();
  });

  it('shows two running pods at 4s, none while suspended, four completed at the end', async () => {
    const { page } = await openReport(context, html);
    await scrubTo(page, '4s', 4000);
    const at4 = await tableText(page, 'pods-table');
    expect(at4).toBe(cliGet('pods', file, '4s'));
    expect(statuses(at4)).toEqual(['Running', 'Running']);
    await scrubTo(page, '30s', 30_000);
    expect(await tableText(page, 'pods-table')).toBe('No resources found in default namespace.');
    expect(cliGet('pods', file, '30s')).toBe('No resources found in default namespace.');
    expect(await page.locator('#frame-jobs').textContent()).toBe('job/pausable Suspended');
    expect(await tableText(page, 'jobs-table')).toBe(cliGet('jobs', file, '30s'));
    const endAt = await page.locator('#scrub').getAttribute('max');
    await page.locator('#timeline-title').click();
    await page.keyboard.press('End');
    await page.waitForSelector(`#views[data-t="${endAt}"]`);
    const atEnd = await tableText(page, 'pods-table');
    expect(statuses(atEnd)).toEqual(['Completed', 'Completed', 'Completed', 'Completed']);
    await page.close();
  });
});

describe('sim/onfailure-restarts.yaml', () => {
  const file = 'sim/onfailure-restarts.yaml';
  let html: string;
  beforeAll(() => {
    html = writeReport(file, 'onfailure-restarts');
  });

  it('shows restarts in place and the CrashLoopBackOff gap', async () => {
    const { page, errors } = await openReport(context, html);
    expect(errors).toEqual([]);
    expect(await page.locator('#lanes g.lane').count()).toBe(1);
    expect(await page.locator('#lanes .mark-r').count()).toBe(2);
    expect(await page.locator('#lanes .span.s2').count()).toBe(1);
    await scrubTo(page, '12s', 12_000);
    const at12 = await tableText(page, 'pods-table');
    expect(at12).toBe(cliGet('pods', file, '12s'));
    expect(statuses(at12)).toEqual(['CrashLoopBackOff']);
    expect(at12).toMatch(/CrashLoopBackOff\s+1 \(2s ago\)/);
    await screenshot(page, 'onfailure-restarts-at-12s');
    await page.locator('#timeline-title').click();
    await page.keyboard.press('End');
    await page.waitForSelector('#views[data-t="32000"]');
    const atEnd = await tableText(page, 'pods-table');
    expect(atEnd).toBe(cliGet('pods', file, '32s'));
    expect(atEnd).toMatch(/Completed\s+2 \(22s ago\)/);
    await page.close();
  });

  it('explains the back-off in the pod details', async () => {
    const { page } = await openReport(context, html);
    const span = page.locator('#lanes .span.s2');
    const box = (await span.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('#details:not([hidden])');
    expect(await page.locator('#details-at').textContent()).toContain('CrashLoopBackOff');
    const current = await page.locator('#details-versions tr.current').textContent();
    expect(current).toContain('backoff');
    expect(current).toContain('back-off 10s restarting failed container');
    await page.close();
  });
});

const nodeFailure = existsSync(join(root, 'sim/node-failure.yaml'));

describe.runIf(nodeFailure)('sim/node-failure.yaml', () => {
  const file = 'sim/node-failure.yaml';
  let html: string;
  beforeAll(() => {
    html = writeReport(file, 'node-failure');
  });

  it('shows the node going Unknown, the eviction and the replacement', async () => {
    const { page, errors } = await openReport(context, html);
    expect(errors).toEqual([]);
    const node0 = page.locator('#lanes g.node-row[data-node="node-0"]');
    expect(await node0.innerHTML()).toContain('Ready=Unknown');
    expect(await page.locator('#lanes .mark-d').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#lanes .span.s3').count()).toBeGreaterThanOrEqual(1);
    await scrubTo(page, '6m1s', 361_000);
    const pods = await tableText(page, 'pods-table');
    expect(pods).toBe(cliGet('pods', file, '6m1s'));
    expect(statuses(pods)).toContain('Terminating');
    await screenshot(page, 'node-failure-at-6m1s');
    await page.close();
  });
});

describe('a run of 10,000 pods', () => {
  const text = `apiVersion: batch/v1
kind: Job
metadata: {name: big}
spec:
  completions: 10000
  parallelism: 500
  backoffLimit: 100000
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox
        resources: {requests: {cpu: 100m, memory: 128Mi}}
---
apiVersion: jobsim/v1alpha1
kind: Scenario
metadata: {name: ten-thousand-pods}
spec:
  cluster:
    nodes: 10
    capacity: {cpu: "16", memory: 64Gi, pods: "110"}
  behaviors:
  - probability: 0.05
    run: {uniform: [5s, 20s]}
    exitCode: 1
  - run: {uniform: [10s, 60s]}
  limit: 100h
`;
  let html: string;
  const timings: Record<string, number> = {};
  beforeAll(async () => {
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const dir = join(import.meta.dirname, 'artifacts');
    mkdirSync(dir, { recursive: true });
    const scenario = join(dir, 'ten-thousand.yaml');
    writeFileSync(scenario, text);
    const start = performance.now();
    html = writeReport(scenario, 'ten-thousand');
    timings.generateMs = performance.now() - start;
  }, 300_000);

  afterAll(() => {
    const mb = statSync(html).size / 1048576;
    console.log(
      `10,000-pod report: ${mb.toFixed(1)} MB, generated in ${(timings.generateMs! / 1000).toFixed(1)} s, loaded in ${timings.loadMs?.toFixed(0)} ms, scrub ${timings.scrubMs?.toFixed(0)} ms, details ${timings.detailsMs?.toFixed(0)} ms`,
    );
  });

  it('is at most 12 MB', () => {
    expect(statSync(html).size).toBeLessThan(12 * 1048576);
  });

  it('loads in a few seconds and draws only the visible lanes', async () => {
    const { page, errors, loadMs } = await openReport(context, html);
    timings.loadMs = loadMs;
    expect(errors).toEqual([]);
    expect(loadMs).toBeLessThan(8000);
    expect(await page.locator('#lane-count').textContent()).toMatch(/^10,\d{3} of 10,\d{3} pods$/);
    const drawn = await page.locator('#lanes g.lane').count();
    expect(drawn).toBeGreaterThan(10);
    expect(drawn).toBeLessThan(80);
    await page.locator('#lanes-scroll').evaluate((el) => {
      el.scrollTop = el.scrollHeight / 2;
    });
    await expect
      .poll(async () => Number(await page.locator('#lanes g.lane').first().getAttribute('data-lane')))
      .toBeGreaterThan(4000);
    await screenshot(page, 'ten-thousand', false);
    await page.close();
  });

  it('stays responsive: scrubbing, bounded tables, details from compressed chunks', async () => {
    const { page } = await openReport(context, html);
    let start = performance.now();
    await scrubTo(page, '5m', 300_000);
    timings.scrubMs = performance.now() - start;
    expect(timings.scrubMs).toBeLessThan(3000);
    const note = await page.locator('#pods-note').textContent();
    expect(note).toMatch(/^[\d,]+ rows; \d+ shown/);
    const pods = await tableText(page, 'pods-table');
    expect(pods.split('\n').length).toBeLessThan(130);
    expect(pods).toMatch(/⋯ [\d,]+ more rows not shown/);
    expect(
      statuses(
        pods
          .split('\n')
          .filter((l) => !l.includes('⋯'))
          .join('\n'),
      ),
    ).toContain('Running');
    start = performance.now();
    const span = page.locator('#lanes .span.s1').first();
    const box = (await span.boundingBox())!;
    await page.mouse.click(box.x + Math.min(5, box.width / 2), box.y + box.height / 2);
    await page.waitForSelector('#details:not([hidden])');
    await expect.poll(() => page.locator('#details-object').textContent()).toContain('kind: Pod');
    timings.detailsMs = performance.now() - start;
    expect(timings.detailsMs).toBeLessThan(3000);
    await page.selectOption('#lane-kind', 'failed');
    await expect.poll(() => page.locator('#lane-count').textContent()).toMatch(/^\d{2,3} of 10,\d{3} pods$/);
    await page.close();
  });
});
