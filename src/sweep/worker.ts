/**
 * Worker thread entry of a sweep pool: receives each sweep's loaded scenario once (`load`), then
 * chunks of its seeds; answers each chunk with the partial aggregate of its seeds.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type ChunkResponse, runChunk, SeedError, type WorkerInit, type WorkerRequest } from './chunk.js';

const port = parentPort;
if (port && workerData && (workerData as { jobsimSweep?: boolean }).jobsimSweep) {
  let init: WorkerInit | undefined;
  port.on('message', (msg: WorkerRequest) => {
    if (msg.type === 'load') {
      init = msg.init;
      return;
    }
    let response: ChunkResponse;
    try {
      if (!init) throw new Error('sweep worker: chunk before load');
      response = { sweep: msg.sweep, id: msg.id, result: runChunk(init.loaded, init.identity, msg.seeds) };
    } catch (e) {
      response =
        e instanceof SeedError
          ? { sweep: msg.sweep, id: msg.id, seed: e.seed, error: e.detail }
          : { sweep: msg.sweep, id: msg.id, seed: msg.seeds[0] ?? 0, error: String(e) };
    }
    port.postMessage(response);
  });
}
