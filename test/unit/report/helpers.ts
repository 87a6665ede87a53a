/** Shared helpers of the report tests: run a scenario file, ask the CLI for a view. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../../src/scenario/load.js';
import { type RunResult, runScenario } from '../../../src/scenario/run.js';
import { runCli } from '../../helpers/cli.js';

export const root = join(import.meta.dirname, '..', '..', '..');

/** Runs a scenario file (path relative to the repository) to its end. */
export function runFile(file: string, seed?: number): RunResult {
  const text = readFileSync(join(root, file), 'utf8');
  return runScenario(loadScenario(text, file), seed === undefined ? {} : { seed });
}

/** Runs scenario text. */
export function runText(text: string, file = 'inline.yaml'): RunResult {
  return runScenario(loadScenario(text, file));
}

/** `jobsim ARGS` from the repository root: exit status and output. */
export const cli = runCli;

/** A scenario with many pods: some fail, on several nodes. */
export function manyPods(completions: number, parallelism: number, nodes = 4): string {
  return `apiVersion: batch/v1
kind: Job
metadata: {name: many}
spec:
  completions: ${completions}
  parallelism: ${parallelism}
  backoffLimit: 100000
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox
        resources: {requests: {cpu: 100m, memory: 128Mi}}
---
apiVersion: jobsim/v1alpha1
kind: Scenario
metadata: {name: many-pods}
spec:
  cluster:
    nodes: ${nodes}
    capacity: {cpu: "16", memory: 64Gi, pods: "110"}
  behaviors:
  - probability: 0.05
    run: {uniform: [5s, 20s]}
    exitCode: 1
  - run: {uniform: [10s, 60s]}
  limit: 100h
`;
}
