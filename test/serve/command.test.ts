/**
 * `jobsim serve` and `jobsim clock` as commands: the printed kubeconfig, moving a paused clock
 * from another command, clean shutdown, and usage errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockCommand, serveCommand } from '../../src/serve/command.js';
import { serverOf } from '../../src/serve/kubeconfig.js';
import { http, ROOT } from './helpers.js';

function io(signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), ...(signal ? { signal } : {}) },
  };
}

async function until(pred: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('jobsim serve / jobsim clock', { timeout: 30_000 }, () => {
  it('serves a scenario file, prints the kubeconfig, moves the clock, and stops cleanly', async () => {
    const stop = new AbortController();
    const s = io(stop.signal);
    const done = serveCommand([join(ROOT, 'sim', 'pi.yaml'), '--paused'], s.io);
    await until(() => s.out.join('').includes('Press Ctrl-C'));
    const text = s.out.join('');
    const path = /^kubeconfig: (\S+)$/m.exec(text)?.[1];
    expect(path).toBeDefined();
    expect(text).toContain(`  export KUBECONFIG=${path}\n`);
    expect(text).toMatch(/on http:\/\/127\.0\.0\.1:\d+ \(Kubernetes v1\.34 semantics, virtual time paused/);
    expect(s.err.join('')).toContain('extensions/v1beta1 Job "pi" is converted to batch/v1');
    const url = serverOf(readFileSync(path!, 'utf8'))!;

    const c = io();
    expect(await clockCommand(['advance', '30s', '--kubeconfig', path!], c.io)).toBe(0);
    expect(c.out.join('')).toBe('virtual time 30s (2026-01-01T00:00:30Z), paused; nothing scheduled\n');
    const jobs = JSON.parse((await http(`${url}/apis/batch/v1/namespaces/default/jobs/pi`)).body);
    expect(jobs.status.succeeded).toBe(1);
    const r = io();
    expect(await clockCommand(['run', '--until-idle', '--server', url], r.io)).toBe(0);
    expect(r.out.join('')).toMatch(/^virtual time 30s /);
    const st = io();
    expect(await clockCommand(['--server', url], st.io)).toBe(0);

    stop.abort();
    expect(await done).toBe(0);
    expect(existsSync(dirname(path!))).toBe(false);
    const after = io();
    expect(await clockCommand(['--server', url], after.io)).toBe(1);
    expect(after.err.join('')).toMatch(/^error: cannot reach http:\/\/127\.0\.0\.1:\d+: /);
  });

  it('refuses bad usage with exit status 2', async () => {
    const a = io();
    expect(await serveCommand(['--paused', '--speed', '2'], a.io)).toBe(2);
    expect(a.err.join('')).toBe('error: --speed and --paused cannot be used together\n');
    const b = io();
    expect(await serveCommand(['--port', 'x'], b.io)).toBe(2);
    const c = io();
    expect(await serveCommand(['nope.yaml'], c.io)).toBe(2);
    expect(c.err.join('')).toBe('error: cannot read nope.yaml: ENOENT\n');
    const d = io();
    expect(await clockCommand(['advance'], d.io)).toBe(2);
    const e = io();
    expect(await clockCommand(['advance', 'soon', '--server', 'http://127.0.0.1:1'], e.io)).toBe(2);
    const h = io();
    expect(await serveCommand(['--help'], h.io)).toBe(0);
    expect(h.out.join('')).toContain('jobsim.io/exit-code');
  });
});
