/**
 * The visual report: `renderReport(result)` turns a run into one self-contained HTML page, and
 * `reportCommand` is `jobsim report`.
 *
 * @example
 * ```ts
 * import { renderReport } from './report/index.js';
 * writeFileSync('report.html', renderReport(runScenario(loadScenario(text, 'pi.yaml'))));
 * ```
 */
export { buildReportData, createMergePatch, type ReportOptions } from './build.js';
export { REPORT_HELP, type ReportIo, reportCommand } from './command.js';
export { renderReport } from './html.js';
export type { ReportData } from './model.js';
