/**
 * The README's examples are code that runs: every ```ts block under "Use it as a library" and
 * "Testing your code with jobsim" is executed against the source, and the quick start's
 * commands are the package's scripts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function tsBlocks(section: string): string[] {
  const start = readme.indexOf(`## ${section}`);
  const end = readme.indexOf('\n## ', start + 3);
  const body = readme.slice(start, end === -1 ? undefined : end);
  return [...body.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe('README', () => {
  it('has a two-command quick start that matches package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
    expect(pkg.scripts.start).toContain('run sim/pi.yaml');
    expect(pkg.scripts.test).toContain('vitest run');
  });

  const blocks = tsBlocks('Use it as a library');
  it('has library examples', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  blocks.forEach((code, i) => {
    it(`library example ${i + 1} runs and its commented results hold`, async () => {
      await runExample(code, `example-${i}.ts`, tmpdir());
    });
  });

  // "Testing your code with jobsim": the examples import vitest and fast-check, so they are
  // written inside the project (where those packages resolve) and removed afterwards.
  const testingBlocks = tsBlocks('Testing your code with jobsim');
  it('has testing examples', () => {
    expect(testingBlocks.length).toBeGreaterThan(0);
  });

  testingBlocks.forEach((code, i) => {
    it(`testing example ${i + 1} runs and its commented results hold`, async () => {
      await runExample(code, `testing-example-${i}.ts`, join(root, 'test', 'docs'));
    });
  });
});

/** Runs one README block; `expr; // value` comments become assertions. */
async function runExample(code: string, name: string, parent: string): Promise<void> {
  const src = code
    .replace(/from 'jobsim'/g, `from ${JSON.stringify(join(root, 'src', 'index.ts'))}`)
    .replace(/from 'jobsim\/testing'/g, `from ${JSON.stringify(join(root, 'src', 'testing', 'index.ts'))}`)
    .replace(/^(.*?);\s*\/\/\s*(.+)$/gm, (_m, expr: string, value: string) =>
      /^(const|let|import|await|sim\.apply|sim\.run)/.test(expr.trim())
        ? `${expr};`
        : `__check(${expr}, ${JSON.stringify(value.trim())});`,
    );
  const dir = mkdtempSync(join(parent, parent === tmpdir() ? 'jobsim-readme-' : '.readme-'));
  const file = join(dir, name);
  writeFileSync(
    file,
    `const __check = (v: unknown, s: string) => { const e = JSON.parse(s.replace(/'/g, '"')); if (JSON.stringify(v) !== JSON.stringify(e)) throw new Error('README example: got ' + JSON.stringify(v) + ', expected ' + s); };\n${src}`,
  );
  try {
    await import(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
