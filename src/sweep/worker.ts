/**
 * Worker thread entry of a sweep: receives the loaded scenario once (workerData), then chunks of
 * seeds; answers each chunk with the partial aggregate of its seeds.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type ChunkRequest, type ChunkResponse, runChunk, SeedError, type WorkerInit } from './chunk.js';

const port = parentPort;
if (port && workerData && (workerData as { jobsimSweep?: boolean }).jobsimSweep) {
  const init = (workerData as { init: WorkerInit }).init;
  port.on('message', (msg: ChunkRequest) => {
    let response: ChunkResponse;
    try {
      response = { id: msg.id, result: runChunk(init.loaded, init.identity, msg.seeds) };
    } catch (e) {
      response =
        e instanceof SeedError
          ? { id: msg.id, seed: e.seed, error: e.detail }
          : { id: msg.id, seed: msg.seeds[0] ?? 0, error: String(e) };
    }
    port.postMessage(response);
  });
}
