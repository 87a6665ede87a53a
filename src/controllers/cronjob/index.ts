/**
 * CronJobs for a simulation: the API server's CronJob defaulting and validation, the CronJob
 * controller, and the TTL-after-finished controller.
 */

import type { Engine } from '../../engine/engine.js';
import type { ApiServer } from '../../store/apiserver.js';
import type { Store } from '../../store/store.js';
import { TTLAfterFinishedController } from '../ttl.js';
import { CronJobController } from './controller.js';
import { cronJobValidator } from './validation.js';

export { needsCleanup, TTLAfterFinishedController } from '../ttl.js';
export { CronJobController } from './controller.js';
export {
  formatRFC1123Z,
  formatRFC3339,
  GO_ZERO_TIME,
  LoadLocationError,
  loadLocation,
  parseSchedule,
  parseStandard,
  type Schedule,
  ScheduleParseError,
  Zone,
} from './schedule.js';
export {
  cronJobValidator,
  defaultCronJob,
  validateCronJobCreate,
  validateCronJobUpdate,
} from './validation.js';

/** The controllers {@link installCronJobs} started. */
export interface CronJobControllers {
  readonly cronJobs: CronJobController;
  readonly ttl: TTLAfterFinishedController;
}

/**
 * Registers CronJob validation on the API server and starts the CronJob and TTL-after-finished
 * controllers (`Simulation` does this itself). Installing twice on one API server returns the
 * controllers of the first call.
 *
 * @example
 * ```ts
 * const sim = new Simulation({ nodes: 1 }); // already installed: returns its controllers
 * installCronJobs(sim.engine, sim.store, sim.api);
 * sim.apply(cronJobManifest);
 * sim.runFor('1h');
 * ```
 */
export function installCronJobs(engine: Engine, store: Store, api: ApiServer): CronJobControllers {
  const existing = api.installed.get('cronjobs') as CronJobControllers | undefined;
  if (existing) return existing;
  api.validators.set('CronJob', cronJobValidator);
  const cronJobs = new CronJobController(engine, store, api);
  cronJobs.start();
  const ttl = new TTLAfterFinishedController(engine, store);
  ttl.start();
  const controllers = { cronJobs, ttl };
  api.installed.set('cronjobs', controllers);
  return controllers;
}
