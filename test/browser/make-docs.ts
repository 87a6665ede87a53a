/**
 * Regenerates the report examples in docs/: the HTML of two runs and a screenshot of each.
 *
 *   npx tsx test/browser/make-docs.ts
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openReport, root, writeReport } from './browser.js';

const docs = join(root, 'docs');
mkdirSync(docs, { recursive: true });

const examples: Array<{ name: string; file: string; at: string; select?: string }> = [
  { name: 'pi', file: 'sim/pi.yaml', at: '5s' },
  existsSync(join(root, 'sim/node-failure.yaml'))
    ? { name: 'node-failure', file: 'sim/node-failure.yaml', at: '6m1s' }
    : { name: 'node-failure', file: 'sim/backoff-limit.yaml', at: '12s' },
];

const { context, close } = await launch();
try {
  for (const ex of examples) {
    const html = writeReport(ex.file, `docs-${ex.name}`);
    copyFileSync(html, join(docs, `report-${ex.name}.html`));
    const { page, errors } = await openReport(context, html);
    if (errors.length > 0) throw new Error(`${ex.file}: ${errors.join('\n')}`);
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.fill('#time-input', ex.at);
    await page.press('#time-input', 'Enter');
    await page.locator('#timeline-title').click();
    await page.waitForTimeout(300);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(docs, `report-${ex.name}.png`) });
    console.log(`docs/report-${ex.name}.html, docs/report-${ex.name}.png (${ex.file} at ${ex.at})`);
    await page.close();
  }
} finally {
  await close();
}
