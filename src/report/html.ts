/**
 * `renderReport`: one self-contained HTML file for a run. Inline CSS, inline script, inline SVG
 * and the run's data as embedded JSON; a Content-Security-Policy that forbids every network
 * request, so the page works (and can only work) from the file alone.
 */
import { formatDuration } from '../engine/duration.js';
import type { RunResult } from '../scenario/run.js';
import { buildReportData, type ReportOptions } from './build.js';
import { reportApp } from './client/app.js';
import type { ReportData } from './model.js';
import { REPORT_CSS } from './style.js';

export type { ReportOptions } from './build.js';

function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** JSON safe inside `<script>`: no `</script>`, no `<!--`. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const SWATCH: ReadonlyArray<readonly [string, string, string, string]> = [
  ['Pending', 'url(#lg-pending)', '#8a7f00', 'full'],
  ['Running', '#0072B2', '#00466e', 'full'],
  ['CrashLoopBackOff (waiting to restart)', 'url(#lg-backoff)', '#E69F00', 'full'],
  ['Terminating', 'url(#lg-terminating)', '#7d3f66', 'full'],
  ['Succeeded ✓', '#009E73', '#005c44', 'thin'],
  ['Failed ✗', 'url(#lg-failed)', '#8f3f00', 'thin'],
];

function legend(): string {
  const defs = `<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>
  <pattern id="lg-pending" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#F0E442"/><circle cx="3" cy="3" r="1.1" fill="#5c5400"/></pattern>
  <pattern id="lg-backoff" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff4dc"/><rect width="2" height="6" fill="#E69F00"/></pattern>
  <pattern id="lg-terminating" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="6" height="6" fill="#CC79A7"/><rect width="2" height="6" fill="#7d3f66"/></pattern>
  <pattern id="lg-failed" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#D55E00"/><path d="M0 0L5 5M5 0L0 5" stroke="#5a2600" stroke-width="0.9"/></pattern>
  <pattern id="lg-down" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#eeeeee"/><rect width="3" height="8" fill="#999999"/></pattern>
  </defs></svg>`;
  const items = SWATCH.map(([label, fill, stroke, kind]) => {
    const y = kind === 'thin' ? 4 : 1;
    const h = kind === 'thin' ? 6 : 12;
    const dash = label.startsWith('Crash')
      ? ' stroke-dasharray="3 2" stroke-width="1.2"'
      : ' stroke-width="0.8"';
    return `<span><svg width="26" height="14" aria-hidden="true"><rect x="1" y="${y}" width="24" height="${h}" fill="${fill}" stroke="${stroke}"${dash}/></svg> ${esc(label)}</span>`;
  });
  items.push(
    '<span><b>↻</b> restart</span>',
    '<span><b>⚡</b> disruption</span>',
    '<span><b>⊘</b> deletion requested</span>',
    '<span><b>|</b> deleted</span>',
    '<span><svg width="26" height="14" aria-hidden="true"><rect x="1" y="1" width="24" height="12" fill="url(#lg-down)" stroke="#555" stroke-width="0.6"/></svg> node not Ready</span>',
    '<span><b>▼</b> step</span>',
    '<span><b style="color:#009E73">◆</b> Complete</span>',
    '<span><b style="color:#D55E00">✖</b> Failed / FailureTarget</span>',
    '<span><b style="color:#0072B2">‖</b> Suspended</span>',
    '<span><b>◇</b> other condition</span>',
  );
  return `${defs}<div class="legend" id="legend">${items.join('')}</div>`;
}

function summaryHtml(d: ReportData): string {
  const s = d.summary;
  const passed = s.checks.filter((c) => c.ok).length;
  const failed = s.checks.length - passed;
  const result =
    s.checks.length === 0
      ? '<span class="result ok">no checks</span>'
      : failed === 0
        ? `<span class="result ok">✓ ${passed} check${passed === 1 ? '' : 's'} passed</span>`
        : `<span class="result fail">✗ ${failed} of ${s.checks.length} check${s.checks.length === 1 ? '' : 's'} failed</span>`;
  const checks = s.checks
    .map(
      (c) =>
        `<li class="${c.ok ? 'ok' : 'fail'}"><span class="verdict">${c.ok ? '✓ ok' : '✗ FAIL'}</span> ${esc(c.description)} <span class="at">at ${esc(formatDuration(c.time))}</span>${c.failures.map((f) => `<span class="failure">${esc(f)}</span>`).join('')}</li>`,
    )
    .join('');
  const warnings = s.warnings.map((w) => `<div class="warnings">Warning: ${esc(w)}</div>`).join('');
  return `<header class="summary" id="summary">
<h1>${s.scenario ? `${esc(s.scenario)}<span class="file">${esc(s.file)}</span>` : esc(s.file)}</h1>
<div class="facts">
<span>seed <b id="seed">${s.seed}</b>${s.seedOverride ? ' (--seed)' : ''}</span>
<span>jobsim <b id="jobsim-version">${esc(s.jobsimVersion)}</b></span>
<span>Kubernetes <b id="k8s-version">${esc(s.kubernetesVersion)}</b> semantics</span>
<span>run ended at <b>${esc(formatDuration(s.end.time))}</b> (virtual, ${esc(s.end.reason)}): ${esc(s.end.message)}</span>
<span>${s.pods.toLocaleString('en-US')} pod${s.pods === 1 ? '' : 's'}, ${s.traceEntries.toLocaleString('en-US')} trace entries</span>
<span id="result">${result}</span>
</div>
${s.checks.length > 0 ? `<ul class="checks" id="checks">${checks}</ul>` : ''}
${warnings}
<details class="more"><summary>About this report</summary>
Generated by <code>jobsim report</code> from the trace of one deterministic run (the same file and seed give the same report, byte for byte).
Virtual time 0 is ${esc(s.startTime)}. The views under the scrubber are precomputed at ${d.frameTimes.length.toLocaleString('en-US')} instants${d.sampled ? ' (every step, check and Job condition change, a round grid, and a sample of the other changes)' : ' (every instant at which something changed, and a round grid)'}; the scrubber snaps to them.
${d.sampled || d.lanes.length > d.tableCap ? `Tables longer than ${d.tableCap} rows show a subset of their rows; every line shown is a line of the CLI's output.` : ''}
</details>
</header>`;
}

function bodyHtml(d: ReportData): string {
  return `<main>
<h2 id="timeline-title">Timeline</h2>
<div class="toolbar">
<button type="button" id="zoom-in" title="zoom in (+)">+</button><button type="button" id="zoom-out" title="zoom out (−)">−</button><button type="button" id="zoom-fit" title="whole run (0)">Fit</button>
<span id="view-range" class="muted"></span>
<input id="lane-filter" type="search" placeholder="filter pods by name, job, node" aria-label="filter pods">
<select id="lane-kind" aria-label="which pods"><option value="all">all pods</option><option value="failed">pods that failed</option><option value="restarts">pods with restarts</option><option value="disrupted">pods disrupted or deleted early</option><option value="active">pods active at the cursor</option></select>
<span id="lane-count" class="muted"></span>
</div>
${legend()}
<div class="help">Drag the lanes or <kbd>Shift</kbd>+wheel to pan, <kbd>Ctrl</kbd>+wheel or wheel over the axis to zoom, drag on the axis to zoom to a range. Click the axis or a marker to move the scrubber there; click a pod span for its object at that time and why it changed. <kbd>←</kbd>/<kbd>→</kbd> step through changes, <kbd>Shift</kbd>+<kbd>←</kbd>/<kbd>→</kbd> jump between markers.</div>
<div id="timeline"><svg id="axis" role="img" aria-label="time axis with steps, Job conditions and checks"></svg><div id="brush" hidden></div>
<div id="lanes-scroll"><div id="lanes-spacer"><svg id="lanes" role="img" aria-label="pod lanes"></svg></div></div></div>
<div class="scrubber" id="scrubber">
<button type="button" id="prev-frame" title="previous change (←)">◀</button>
<input id="scrub" type="range" min="0" max="${d.end}" step="1" value="${d.end}" aria-label="virtual time">
<button type="button" id="next-frame" title="next change (→)">▶</button>
<label>at <input id="time-input" type="text" value="${esc(formatDuration(d.frameTimes[d.frameTimes.length - 1] ?? 0))}" aria-label="go to virtual time"></label>
<span class="now" id="frame-time"></span>
<span class="state"><span id="frame-jobs"></span> · <span id="frame-pods"></span></span>
</div>
<section id="views">
<div class="view jobs"><h3>Jobs</h3><div class="cli" id="jobs-cli"></div><div class="note" id="jobs-note"></div><pre class="table" id="jobs-table"></pre></div>
<div class="view pods"><h3>Pods</h3><div class="cli" id="pods-cli"></div><div class="note" id="pods-note"></div><pre class="table" id="pods-table"></pre></div>
<div class="view events"><h3>Events</h3><div class="cli" id="events-cli"></div><div class="note" id="events-note"></div><pre class="table" id="events-table"></pre></div>
</section>
<section id="details" hidden>
<h3><span id="details-title"></span><button type="button" id="details-close" title="close">×</button></h3>
<div class="meta" id="details-meta"></div>
<div class="at" id="details-at"></div>
<div class="cols">
<div><b>History: what changed and why</b><div class="versions"><table><tbody id="details-versions"></tbody></table></div></div>
<div><b>Changed in this version</b><pre id="details-changes"></pre><b>The object (YAML)</b><pre id="details-object"></pre></div>
</div>
</section>
</main>
<div id="tip" hidden></div>`;
}

/**
 * Renders a run as one self-contained HTML page: timeline, scrubber with the CLI's views at any
 * virtual time, pod details with causes, and the summary with each check's result.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * const result = runScenario(loadScenario(readFileSync('sim/pi.yaml', 'utf8'), 'sim/pi.yaml'));
 * writeFileSync('report.html', renderReport(result));
 * ```
 */
export function renderReport(result: RunResult, options: ReportOptions = {}): string {
  const data = buildReportData(result, options);
  const title = `jobsim report: ${data.summary.scenario || data.summary.file} (seed ${data.summary.seed})`;
  // Transpilers may wrap nested functions in a `__name` helper (esbuild's keepNames); define it.
  const script =
    `"use strict";\nvar __name = (f) => f;\n${reportApp.toString()}\nreportApp(document, window);\n`.replace(
      /<\/(script)/gi,
      '<\\/$1',
    );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="jobsim ${esc(data.summary.jobsimVersion)}">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${summaryHtml(data)}
${bodyHtml(data)}
<script type="application/json" id="jobsim-data">${scriptJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}
