/** The HTML file: self-contained, deterministic, with the run's data embedded as JSON. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/api/types.js';
import { buildReportData, createMergePatch } from '../../../src/report/build.js';
import { renderReport, scriptJson } from '../../../src/report/html.js';
import type { HistoryChunk, PodVersion, ReportData } from '../../../src/report/model.js';
import { packChunk, unpackChunk } from '../../../src/report/pack.js';
import { mergePatch } from '../../../src/util/merge-patch.js';
import { manyPods, runFile, runText } from './helpers.js';

function embedded(html: string): ReportData {
  const m = /<script type="application\/json" id="jobsim-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no embedded data');
  return JSON.parse(m[1]!) as ReportData;
}

describe('renderReport', () => {
  const result = runFile('sim/onfailure-restarts.yaml');
  const html = renderReport(result, { jobsimVersion: '9.9.9' });

  it('is one self-contained document: no external scripts, styles, fonts or images', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|@font-face/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`,
    );
  });

  it('embeds the run as JSON, with the summary the header shows', () => {
    const data = embedded(html);
    expect(data.format).toBe(1);
    expect(data.summary).toMatchObject({
      file: 'sim/onfailure-restarts.yaml',
      scenario: 'onfailure-restarts',
      seed: 1,
      jobsimVersion: '9.9.9',
      kubernetesVersion: 'v1.34',
    });
    expect(data.summary.checks).toHaveLength(1);
    expect(data.lanes).toHaveLength(1);
    expect(html).toContain('<b id="k8s-version">v1.34</b>');
    expect(html).toContain('<b id="jobsim-version">9.9.9</b>');
    expect(html).toContain('✓ 1 check passed');
  });

  it('is byte-identical for the same run', () => {
    expect(renderReport(runFile('sim/onfailure-restarts.yaml'), { jobsimVersion: '9.9.9' })).toBe(html);
  });

  it('differs with the seed', () => {
    const other = renderReport(runFile('sim/onfailure-restarts.yaml', 2), { jobsimVersion: '9.9.9' });
    expect(embedded(other).summary).toMatchObject({ seed: 2, seedOverride: true });
  });

  it('defaults to the package version', () => {
    expect(buildReportData(runFile('sim/pi.yaml')).summary.jobsimVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('cannot be broken out of by object text', () => {
    expect(scriptJson({ m: '</script><script>alert(1)</script>\u2028' })).not.toMatch(/<\/script|\u2028/);
    const parts = html.split('<script');
    expect(parts).toHaveLength(3);
  });

  it('reports failed checks', () => {
    const failing = runText(`apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: pi, image: perl}]
---
apiVersion: jobsim/v1alpha1
kind: Scenario
metadata: {name: wrong-expectation}
spec:
  expect:
  - job: pi
    status: {succeeded: 2}
`);
    const page = renderReport(failing, { jobsimVersion: 'x' });
    expect(page).toContain('✗ 1 of 1 check failed');
    expect(page).toContain('status.succeeded: expected 2, got 1');
  });
});

describe('pod histories', () => {
  it('rebuild every version of every pod from the first one and the merge patches', () => {
    for (const file of ['sim/suspend-resume.yaml', 'sim/node-failure.yaml', 'sim/onfailure-restarts.yaml']) {
      const r = runFile(file);
      const data = buildReportData(r, { jobsimVersion: 't' });
      const versions = new Map<number, readonly PodVersion[]>();
      for (const c of data.historyChunks)
        for (const [k, v] of Object.entries(unpackChunk<HistoryChunk>(c).lanes)) versions.set(Number(k), v);
      const objects = new Map<string, KubeObject[]>();
      for (const e of r.sim.trace()) {
        if (e.type !== 'object' || e.kind !== 'Pod') continue;
        const uid = e.object.metadata?.uid ?? '';
        objects.set(uid, [...(objects.get(uid) ?? []), e.object]);
      }
      data.lanes.forEach((lane, li) => {
        const list = versions.get(li)!;
        expect(list.map((v) => v.t)).toEqual(lane.v);
        let cur: unknown;
        const rebuilt = list.map((v) => (cur = v.obj !== undefined ? v.obj : mergePatch(cur, v.patch)));
        const uid = (rebuilt[0] as KubeObject).metadata?.uid ?? '';
        expect(JSON.parse(JSON.stringify(rebuilt))).toEqual(JSON.parse(JSON.stringify(objects.get(uid))));
      });
    }
  });

  it('createMergePatch: additions, removals, nested changes, arrays replaced', () => {
    expect(createMergePatch({ a: 1, b: { c: 2, d: 3 } }, { a: 1, b: { c: 2 } })).toEqual({ b: { d: null } });
    expect(createMergePatch({ a: [1, 2] }, { a: [1, 2, 3], e: 'x' })).toEqual({ a: [1, 2, 3], e: 'x' });
    expect(createMergePatch({ a: 1 }, { a: 1 })).toBeUndefined();
  });
});

describe('chunks', () => {
  it('stay JSON when small and are compressed when large, losslessly', () => {
    const small = { a: 1 };
    expect(packChunk(small, 100)).toEqual({ json: small });
    const big = { lines: Array.from({ length: 2000 }, (_, i) => `row ${i % 7} Running 1/1`) };
    const packed = packChunk(big, 100);
    expect('z' in packed).toBe(true);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(big).length / 5);
    expect(unpackChunk(packed)).toEqual(big);
  });

  it('keep a large run small: bounded frames, compressed histories', () => {
    const r = runText(manyPods(1500, 150, 8));
    const html = renderReport(r, { jobsimVersion: 't' });
    const data = embedded(html);
    expect(data.lanes.length).toBeGreaterThanOrEqual(1500);
    expect(data.frameTimes.length).toBeLessThanOrEqual(300);
    expect(data.sampled).toBe(true);
    expect(data.historyChunks.some((c) => 'z' in c)).toBe(true);
    // About a kilobyte per pod, all in.
    expect(html.length).toBeLessThan(data.lanes.length * 1500);
  }, 60_000);
});
