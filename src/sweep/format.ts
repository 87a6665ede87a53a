/**
 * The sweep result as text: what `jobsim sweep -o table` prints.
 */
import { formatDuration } from '../engine/duration.js';
import { renderTable } from '../views/table.js';
import type { OutcomeCounts, Quantiles, SweepResult } from './aggregate.js';
import { missingShards } from './merge.js';
import { formatSeeds } from './seeds.js';

/** A percentage with two decimals, from integers (e.g. `90.85%`). */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '-';
  return `${((part * 100) / whole).toFixed(2)}%`;
}

function dur(v: number | null): string {
  return v === null ? '-' : formatDuration(v);
}

function failedCell(o: OutcomeCounts): string {
  const reasons = Object.entries(o.Failed);
  const total = reasons.reduce((n, [, c]) => n + c, 0);
  if (total === 0) return '0';
  return `${total} (${reasons.map(([r, c]) => (reasons.length > 1 ? `${r} ${c}` : r)).join(', ')})`;
}

function quantileLine(q: Quantiles): string {
  return `min ${dur(q.min)}, p50 ${dur(q.p50)}, p90 ${dur(q.p90)}, p99 ${dur(q.p99)}, max ${dur(q.max)}`;
}

/**
 * Renders a sweep result for people: checks, Job outcomes with duration quantiles, run ends,
 * pod and event totals, and the failing seeds with their replay commands.
 *
 * @example
 * ```ts
 * io.out(formatSweep(await sweep(text, { seeds: { from: 1, to: 100 } })));
 * ```
 */
export function formatSweep(r: SweepResult): string {
  const lines: string[] = [];
  const name = r.scenario ? ` (${r.scenario})` : '';
  const shard = r.shards
    ? `, shard${r.shards.indexes.length > 1 ? 's' : ''} ${r.shards.indexes.join(',')} of ${r.shards.count}`
    : '';
  lines.push(
    `Sweep ${r.file}${name}: seeds ${formatSeeds(r.seeds)}${shard}, ${r.runs} run${r.runs === 1 ? '' : 's'}, Kubernetes ${r.kubernetesVersion} semantics`,
  );
  if (r.shards) {
    const missing = missingShards(r);
    lines.push(`Partial result: shards ${missing.join(',')} of ${r.shards.count} are not included.`);
  }
  lines.push('');
  if (r.checks.length === 0) lines.push(`Checks: none (every seed passes)`);
  else {
    lines.push(`Checks: ${r.passed} of ${r.runs} seeds passed every check (${percent(r.passed, r.runs)})`);
    const rows = r.checks.map((c) => [
      String(c.passed),
      String(c.failed),
      percent(c.passed, c.passed + c.failed),
      c.description,
    ]);
    lines.push(indent(renderTable(['passed', 'failed', 'pass rate', 'check'], rows)));
  }
  const jobs = Object.entries(r.jobs);
  if (jobs.length > 0) {
    const rows = jobs.map(([jobName, j]) => [
      jobName,
      String(j.Complete),
      failedCell(j),
      String(j.Unfinished),
      dur(j.completeDuration.p50),
      dur(j.completeDuration.p90),
      dur(j.completeDuration.p99),
      dur(j.completeDuration.max),
      dur(j.failedDuration.p50),
    ]);
    lines.push('Jobs (virtual time from creation to Complete: p50 … max; to Failed: failed p50):');
    lines.push(
      indent(
        renderTable(
          ['job', 'complete', 'failed', 'unfinished', 'p50', 'p90', 'p99', 'max', 'failed p50'],
          rows,
        ),
      ),
    );
  } else lines.push('Jobs: none', '');
  lines.push(`Virtual duration per seed (until its last Job finished): ${quantileLine(r.duration)}`);
  const ends = Object.entries(r.ends)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
  lines.push(`Runs ended: ${ends || 'none'}`);
  lines.push(
    `Pods: ${r.pods.created} created, ${r.pods.failed} failed, ${r.pods.restarts} container restarts; ${r.events} events processed`,
  );
  if (r.failed > 0) {
    const shown = r.failingSeeds.length;
    lines.push(
      '',
      shown === r.failed
        ? `Failing seeds (${r.failed}):`
        : `Failing seeds (the ${shown} smallest of ${r.failed}):`,
    );
    for (const f of r.failingSeeds) {
      lines.push(`  ${f.command}`);
      for (const msg of f.failures) lines.push(`      ${clip(msg, 200)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function indent(table: string): string {
  return table
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');
}
