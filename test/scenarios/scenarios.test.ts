/**
 * Golden scenarios: every `test/scenarios/** /*.yaml` and `sim/*.yaml` file runs through the same
 * code path as `jobsim run` and every check in it must hold. Each file names, in a comment at
 * its top, the upstream test or rule it mirrors.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

const root = join(import.meta.dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries.sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (e.endsWith('.yaml') && !e.startsWith('_')) out.push(p);
  }
  return out;
}

const files = [...yamlFiles(join(root, 'test', 'scenarios')), ...yamlFiles(join(root, 'sim'))];

describe('scenario files', () => {
  it('finds scenario files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const rel = relative(root, file);
    it(rel, () => {
      const text = readFileSync(file, 'utf8');
      const loaded = loadScenario(text, rel);
      const result = runScenario(loaded);
      const failures = result.checks.filter((c) => !c.ok).flatMap((c) => c.failures);
      expect(failures, `${rel} (${result.end.message})`).toEqual([]);
      // A file that means to run into its time limit says so with a `# expect: limit` comment.
      if (!text.includes('# expect: limit')) expect(result.end.reason, result.end.message).not.toBe('limit');
      else expect(result.end.reason).toBe('limit');
    });
  }
});
