import { describe, expect, it } from 'vitest';
import type { Job } from '../../../src/api/types.js';
import { getJobsTable, jobCompletions, jobDuration, jobStatusText } from '../../../src/views/jobs.js';
import { ago, failedJob, indexedJob, lines, NOW, piJob } from './fixtures.js';

function job(
  spec: Partial<NonNullable<Job['spec']>>,
  status: Job['status'] = {},
  meta: Job['metadata'] = {},
): Job {
  return { metadata: { name: 'job1', ...meta }, spec: { template: {}, ...spec }, status };
}

describe('jobStatusText (printJob, kubectl 1.34 order)', () => {
  const cond = (type: string, status = 'True') => ({ type, status });

  // printers_test.go TestPrintJob job5-job9
  it.each([
    [[cond('Complete')], 'Complete'],
    [[cond('Failed')], 'Failed'],
    [[cond('Suspended')], 'Suspended'],
    [[cond('FailureTarget')], 'FailureTarget'],
    [[cond('SuccessCriteriaMet')], 'SuccessCriteriaMet'],
    [[], 'Running'],
  ])('conditions %j -> %s', (conditions, want) => {
    expect(jobStatusText(job({}, { conditions }))).toBe(want);
  });

  it('job9: a deleted Job is Terminating', () => {
    expect(jobStatusText(job({}, {}, { deletionTimestamp: ago(1) }))).toBe('Terminating');
  });

  it('first match wins: Complete over SuccessCriteriaMet, Failed over Terminating, Terminating over Suspended', () => {
    expect(jobStatusText(job({}, { conditions: [cond('SuccessCriteriaMet'), cond('Complete')] }))).toBe(
      'Complete',
    );
    expect(jobStatusText(job({}, { conditions: [cond('Failed')] }, { deletionTimestamp: ago(1) }))).toBe(
      'Failed',
    );
    expect(jobStatusText(job({}, { conditions: [cond('Suspended')] }, { deletionTimestamp: ago(1) }))).toBe(
      'Terminating',
    );
    expect(jobStatusText(job({}, { conditions: [cond('Suspended'), cond('FailureTarget')] }))).toBe(
      'Suspended',
    );
    expect(jobStatusText(job({}, { conditions: [cond('FailureTarget'), cond('SuccessCriteriaMet')] }))).toBe(
      'FailureTarget',
    );
  });

  it('a condition only counts when True, and the first of its type decides', () => {
    expect(jobStatusText(job({}, { conditions: [cond('Suspended', 'False')] }))).toBe('Running');
    expect(jobStatusText(job({}, { conditions: [cond('Complete', 'False'), cond('Complete')] }))).toBe(
      'Running',
    );
  });
});

describe('jobCompletions', () => {
  it('succeeded/completions, n/1 of parallelism, n/1', () => {
    expect(jobCompletions(job({ completions: 2 }, { succeeded: 1 }))).toBe('1/2');
    expect(jobCompletions(job({ completions: 5 }, { succeeded: 3 }))).toBe('3/5');
    expect(jobCompletions(job({ parallelism: 3 }))).toBe('0/1 of 3');
    expect(jobCompletions(job({ parallelism: 1 }))).toBe('0/1');
    expect(jobCompletions(job({}))).toBe('0/1');
  });
});

describe('jobDuration', () => {
  // printers_test.go TestPrintJob job3/job4
  it('completionTime - startTime once complete, else now - startTime, empty before start', () => {
    expect(jobDuration(job({}, { startTime: ago(-60), completionTime: ago(-31 * 60) }), NOW)).toBe('30m');
    expect(jobDuration(job({}, { startTime: ago(20 * 60) }), NOW)).toBe('20m');
    expect(jobDuration(job({}), NOW)).toBe('');
  });

  it('a Failed Job never gets a completionTime, so its duration keeps growing', () => {
    expect(jobDuration(failedJob, NOW)).toBe('5m');
    expect(jobDuration(failedJob, NOW + 3600_000)).toBe('65m');
  });
});

describe('getJobsTable', () => {
  // printers_test.go TestPrintJob job1 (wide)
  it('TestPrintJob job1 wide: containers, images and selector', () => {
    const j = job(
      {
        completions: 2,
        template: {
          spec: {
            containers: [
              { name: 'fake-job-container1', image: 'fake-job-image1' },
              { name: 'fake-job-container2', image: 'fake-job-image2' },
            ],
          },
        },
        selector: { matchLabels: { 'job-label': 'job-label-value' } },
      },
      { succeeded: 1 },
      { creationTimestamp: ago(-1.9) },
    );
    expect(getJobsTable([j], NOW, { wide: true })).toBe(
      lines(
        'NAME   STATUS    COMPLETIONS   DURATION   AGE   CONTAINERS                                IMAGES                            SELECTOR',
        'job1   Running   1/2                      0s    fake-job-container1,fake-job-container2   fake-job-image1,fake-job-image2   job-label=job-label-value',
      ),
    );
  });

  // Layout verified byte-for-byte against kubectl v1.33.1 printing the same cells.
  it('the pi, failing and Indexed Jobs', () => {
    expect(getJobsTable([piJob, failedJob, indexedJob], NOW)).toBe(
      lines(
        'NAME     STATUS     COMPLETIONS   DURATION   AGE',
        'pi       Complete   1/1           5s         2m36s',
        'fail     Failed     0/1           5m         5m',
        'sample   Running    3/5           95s        95s',
      ),
    );
  });

  it('-o wide', () => {
    expect(getJobsTable([piJob, failedJob, indexedJob], NOW, { wide: true })).toBe(
      lines(
        'NAME     STATUS     COMPLETIONS   DURATION   AGE     CONTAINERS   IMAGES             SELECTOR',
        'pi       Complete   1/1           5s         2m36s   pi           perl:5.34.0        batch.kubernetes.io/controller-uid=0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
        'fail     Failed     0/1           5m         5m      main         busybox:1.36       batch.kubernetes.io/controller-uid=66666666-7777-4888-8999-aaaaaaaaaaaa',
        'sample   Running    3/5           95s        95s     worker       python:3.12-slim   batch.kubernetes.io/controller-uid=77777777-8888-4999-8aaa-bbbbbbbbbbbb',
      ),
    );
  });

  it('a ten-year-old Job (TestPrintJob job2) and an empty list', () => {
    const j = job(
      {},
      {},
      { name: 'job2', creationTimestamp: new Date(NOW - 10 * 365 * 86400_000).toISOString() },
    );
    expect(getJobsTable([j], NOW)).toBe(
      lines('NAME   STATUS    COMPLETIONS   DURATION   AGE', 'job2   Running   0/1                      10y'),
    );
    expect(getJobsTable([], NOW)).toBe('');
  });
});
