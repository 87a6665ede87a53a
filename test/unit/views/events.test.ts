import { describe, expect, it } from 'vitest';
import type { Event } from '../../../src/api/types.js';
import {
  describeEventAge,
  describeEventsSection,
  eventObject,
  getEventsTable,
} from '../../../src/views/events.js';
import { ago, crashLoopEvents, lines, NOW, PI_UID, piEvents } from './fixtures.js';

const jobRef = { kind: 'Job', namespace: 'default', name: 'pi', uid: PI_UID, apiVersion: 'batch/v1' };

describe('kubectl get events (printEvent)', () => {
  // Layout verified byte-for-byte against kubectl v1.33.1 printing the same cells. Rows keep the
  // API server's list order (by name), not time order: kubectl get events does not sort.
  it('LAST SEEN TYPE REASON OBJECT MESSAGE, in list order', () => {
    expect(getEventsTable([...piEvents, ...crashLoopEvents], NOW)).toBe(
      lines(
        'LAST SEEN   TYPE      REASON             OBJECT            MESSAGE',
        '3m          Normal    Scheduled          pod/flaky-x7k2p   Successfully assigned default/flaky-x7k2p to node-1',
        '41s         Normal    Pulled             pod/flaky-x7k2p   Container image "busybox:1.36" already present on machine',
        '10s         Warning   BackOff            pod/flaky-x7k2p   Back-off restarting failed container main in pod flaky-x7k2p_default(33333333-4444-4555-8666-777777777777)',
        '2m36s       Normal    Scheduled          pod/pi-abcde      Successfully assigned default/pi-abcde to node-1',
        '2m35s       Normal    Started            pod/pi-abcde      Started container pi',
        '2m36s       Normal    SuccessfulCreate   job/pi            Created pod: pi-abcde',
        '2m31s       Normal    Completed          job/pi            Job completed',
      ),
    );
  });

  it('-o wide adds SUBOBJECT, SOURCE, FIRST SEEN, COUNT and NAME', () => {
    expect(getEventsTable(piEvents, NOW, { wide: true })).toBe(
      lines(
        'LAST SEEN   TYPE     REASON             OBJECT         SUBOBJECT             SOURCE              MESSAGE                                            FIRST SEEN   COUNT   NAME',
        '2m36s       Normal   Scheduled          pod/pi-abcde                         default-scheduler   Successfully assigned default/pi-abcde to node-1   2m36s        1       pi-abcde.17f3a1b2c3d4e600',
        '2m35s       Normal   Started            pod/pi-abcde   spec.containers{pi}   kubelet, node-1     Started container pi                               2m35s        1       pi-abcde.17f3a1b2d0000000',
        '2m36s       Normal   SuccessfulCreate   job/pi                               job-controller      Created pod: pi-abcde                              2m36s        1       pi.17f3a1b2c3d4e5f6',
        '2m31s       Normal   Completed          job/pi                               job-controller      Job completed                                      2m31s        1       pi.17f3a1b3d4e5f607',
      ),
    );
  });

  it('events.k8s.io-style events: eventTime, series, reportingController, no count', () => {
    const e: Event = {
      metadata: { name: 'pi.aaaa', namespace: 'default' },
      involvedObject: jobRef,
      reason: 'Tick',
      message: '  padded message \n',
      eventTime: ago(300),
      series: { count: 12, lastObservedTime: ago(20) },
      reportingComponent: 'my-controller',
      reportingInstance: 'my-controller-abc',
      type: 'Normal',
    };
    const single: Event = { ...e, metadata: { name: 'pi.bbbb', namespace: 'default' }, eventTime: ago(7) };
    delete single.series;
    expect(getEventsTable([e, single], NOW, { wide: true })).toBe(
      lines(
        'LAST SEEN   TYPE     REASON   OBJECT   SUBOBJECT   SOURCE                             MESSAGE          FIRST SEEN   COUNT   NAME',
        '20s         Normal   Tick     job/pi               my-controller, my-controller-abc   padded message   5m           12      pi.aaaa',
        '7s          Normal   Tick     job/pi               my-controller, my-controller-abc   padded message   7s           1       pi.bbbb',
      ),
    );
    expect(describeEventAge(e, NOW)).toBe('20s (x12 over 5m)');
  });

  it('OBJECT is the lower-cased kind, with the name when there is one', () => {
    const base = { metadata: {} };
    expect(eventObject({ ...base, involvedObject: { kind: 'CronJob', name: 'hello' } })).toBe(
      'cronjob/hello',
    );
    expect(eventObject({ ...base, involvedObject: { kind: 'Node' } })).toBe('node');
  });

  it('prints a cell cut at its first newline with ...', () => {
    const e: Event = { ...piEvents[0]!, message: 'first line\nsecond line' };
    expect(getEventsTable([e], NOW)).toContain('job/pi   first line...\n');
  });
});

describe('the Events: block of kubectl describe (DescribeEvents)', () => {
  it('Events:  <none> when there are none', () => {
    expect(describeEventsSection([], NOW)).toBe('Events:  <none>\n');
  });

  it('sorts by time and shows repeats as <last> (x<count> over <first>)', () => {
    expect(describeEventsSection(crashLoopEvents, NOW)).toBe(
      lines(
        'Events:',
        '  Type     Reason     Age                  From               Message',
        '  ----     ------     ----                 ----               -------',
        '  Normal   Scheduled  3m                   default-scheduler  Successfully assigned default/flaky-x7k2p to node-1',
        '  Normal   Pulled     41s (x4 over 2m59s)  kubelet            Container image "busybox:1.36" already present on machine',
        '  Warning  BackOff    10s (x4 over 2m50s)  kubelet            Back-off restarting failed container main in pod flaky-x7k2p_default(33333333-4444-4555-8666-777777777777)',
      ),
    );
  });

  // Order printed by the real kubectl v1.33.1 for 20 events of one Job named pi.00..pi.19 whose
  // times are 60 - (i % 3) seconds ago: Go's sort.Sort is not stable.
  it('orders equal times exactly as kubectl (Go sort.Sort)', () => {
    const events: Event[] = Array.from({ length: 20 }, (_, i) => ({
      metadata: { name: `pi.${String(i).padStart(2, '0')}`, namespace: 'default' },
      involvedObject: jobRef,
      reason: `E${i}`,
      message: 'm',
      source: { component: 'job-controller' },
      firstTimestamp: ago(60 - (i % 3)),
      lastTimestamp: ago(60 - (i % 3)),
      count: 1,
      type: 'Normal',
    }));
    const reasons = describeEventsSection(events.reverse(), NOW)
      .split('\n')
      .slice(3, -1)
      .map((l) => l.trim().split(/\s+/)[1]);
    expect(reasons.join(',')).toBe('E9,E18,E15,E3,E12,E0,E6,E10,E7,E4,E13,E16,E1,E19,E8,E5,E11,E14,E2,E17');
  });
});

describe('describe event order is by lastTimestamp only (kubectl util/event.SortableEvents)', () => {
  // Observed with the real kubectl v1.33.1: events without a lastTimestamp (events.k8s.io style,
  // eventTime/series) sort before the others, whatever their eventTime.
  it('puts events without lastTimestamp first; a newline in a message ends the table line', () => {
    const series: Event = {
      metadata: { name: 'pi.aaaa', namespace: 'default' },
      involvedObject: jobRef,
      reason: 'Tick',
      message: '  padded message \n',
      eventTime: ago(300),
      series: { count: 12, lastObservedTime: ago(20) },
      reportingComponent: 'my-controller',
      reportingInstance: 'x',
      type: 'Normal',
    };
    const single: Event = {
      ...series,
      metadata: { name: 'pi.bbbb', namespace: 'default' },
      eventTime: ago(7),
    };
    delete single.series;
    const repeated: Event = {
      ...piEvents[0]!,
      metadata: { name: 'pi.cccc', namespace: 'default' },
      message: 'multi\nline msg',
      count: 3,
      firstTimestamp: ago(100),
      lastTimestamp: ago(50),
    };
    expect(describeEventsSection([repeated, single, series], NOW)).toBe(
      lines(
        'Events:',
        '  Type    Reason            Age                 From            Message',
        '  ----    ------            ----                ----            -------',
        '  Normal  Tick              20s (x12 over 5m)   my-controller   padded message',
        '  Normal  Tick              7s                  my-controller   padded message',
        '  Normal  SuccessfulCreate  50s (x3 over 100s)  job-controller  multi',
        'line msg',
      ),
    );
  });
});
