/**
 * Headless Chromium for the report tests, through playwright-core: Debian's `/usr/bin/chromium`
 * (`.ci/browser-setup.sh` installs it), a fresh profile per run, no network at all.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { reportCommand } from '../../src/report/command.js';

export const root = join(import.meta.dirname, '..', '..');
export const artifacts = join(import.meta.dirname, 'artifacts');

/** The browser binary: `JOBSIM_CHROMIUM`, else Debian's. */
export const CHROMIUM = process.env.JOBSIM_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser with its own throw-away profile. Fails (never skips) when Chromium is missing. */
export async function launch(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: run .ci/browser-setup.sh as root (installs Debian's chromium), or set JOBSIM_CHROMIUM`,
    );
  const profile = mkdtempSync(join(tmpdir(), 'jobsim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    offline: true,
    viewport: { width: 1400, height: 900 },
    args: ARGS,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Writes the report of a scenario file with `jobsim report`; returns the HTML file's path. */
export function writeReport(file: string, name: string, extra: string[] = []): string {
  mkdirSync(artifacts, { recursive: true });
  const out = join(artifacts, `${name}.html`);
  const cwd = process.cwd();
  process.chdir(root);
  let err = '';
  try {
    const status = reportCommand(['-f', file, '-o', out, ...extra], {
      out: () => {},
      err: (s) => (err += s),
    });
    if (status === 2) throw new Error(`jobsim report -f ${file} failed: ${err}`);
  } finally {
    process.chdir(cwd);
  }
  return out;
}

/** An open report page, with what went wrong and what was requested while it loaded. */
export interface OpenReport {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
  /** Milliseconds from navigation to the page's first complete render. */
  readonly loadMs: number;
}

/** Opens a report from its file:// URL and waits until it has drawn everything once. */
export async function openReport(context: BrowserContext, html: string): Promise<OpenReport> {
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('request', (r) => requests.push(r.url()));
  const start = performance.now();
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
  return { page, errors, requests, loadMs: performance.now() - start };
}

/** Moves the scrubber by typing a time, and waits for the views of that instant. */
export async function scrubTo(page: Page, at: string, expectMs: number): Promise<void> {
  await page.fill('#time-input', at);
  await page.press('#time-input', 'Enter');
  await page.waitForSelector(`#views[data-t="${expectMs}"]`, { timeout: 10_000 });
}

/** The text of a `<pre>` table, as a user would copy it. */
export async function tableText(page: Page, id: string): Promise<string> {
  return ((await page.locator(`#${id}`).textContent()) ?? '').replace(/\s+$/, '');
}

/** Saves a screenshot under test/browser/artifacts/. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage });
}
