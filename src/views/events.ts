/**
 * Events as kubectl shows them: `kubectl get events` (a port of `printEvent` in
 * `pkg/printers/internalversion/printers.go`) and the `Events:` block of `kubectl describe`
 * (`DescribeEvents` in `staging/src/k8s.io/kubectl/pkg/describe/describe.go`, kubectl 1.34).
 */
import type { DeepReadonly, Event } from '../api/types.js';
import { parseTimestamp, translateTimestampSince } from './duration.js';
import { byteCompare } from './format.js';
import { goSort } from './gosort.js';
import type { GetTableOptions } from './pods.js';
import { PrefixWriter } from './prefixwriter.js';
import { renderTable } from './table.js';

type REvent = DeepReadonly<Event>;

/**
 * Orders events as the API server lists them (storage key order: namespace, then name). Event
 * names are `<involvedObject.name>.<hex timestamp>`, so this is roughly per-object, by time.
 *
 * @example
 * ```ts
 * apiListOrder([b, a]); // [a, b] when a's name sorts first
 * ```
 */
export function apiListOrder<
  T extends { readonly metadata?: { readonly namespace?: string; readonly name?: string } },
>(items: readonly T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort(
      (a, b) =>
        byteCompare(a.item.metadata?.namespace ?? '', b.item.metadata?.namespace ?? '') ||
        byteCompare(a.item.metadata?.name ?? '', b.item.metadata?.name ?? '') ||
        a.i - b.i,
    )
    .map((x) => x.item);
}

/**
 * The OBJECT column: `<lowercase kind>/<name>` (`pod/pi-abcde`, `job/pi`), or just the kind when
 * the involved object has no name.
 *
 * @example
 * ```ts
 * eventObject({ involvedObject: { kind: 'Job', name: 'pi' }, metadata: {} }); // 'job/pi'
 * ```
 */
export function eventObject(event: REvent): string {
  const kind = (event.involvedObject.kind ?? '').toLowerCase();
  const name = event.involvedObject.name ?? '';
  return name.length > 0 ? `${kind}/${name}` : kind;
}

function firstNonEmpty(...ss: Array<string | undefined>): string {
  for (const s of ss) if (s !== undefined && s.length > 0) return s;
  return '';
}

/**
 * The cells `printEvent` computes (all of them: the server always generates the wide row and
 * kubectl hides the priority-1 columns).
 */
function eventCells(event: REvent, nowMs: number): string[] {
  let firstTimestamp = translateTimestampSince(event.firstTimestamp, nowMs);
  if (parseTimestamp(event.firstTimestamp) === undefined) {
    firstTimestamp = translateTimestampSince(event.eventTime, nowMs);
  }
  let lastTimestamp = translateTimestampSince(event.lastTimestamp, nowMs);
  if (parseTimestamp(event.lastTimestamp) === undefined) lastTimestamp = firstTimestamp;
  let count = event.count ?? 0;
  if (event.series !== undefined && event.series !== null) {
    lastTimestamp = translateTimestampSince(event.series.lastObservedTime, nowMs);
    count = event.series.count ?? 0;
  } else if (count === 0) {
    // Singleton events don't have a count set in the new API.
    count = 1;
  }
  const source = firstNonEmpty(event.source?.component, event.reportingComponent);
  const host = firstNonEmpty(event.source?.host, event.reportingInstance);
  return [
    lastTimestamp,
    event.type ?? '',
    event.reason ?? '',
    eventObject(event),
    event.involvedObject.fieldPath ?? '',
    host.length === 0 ? source : `${source}, ${host}`,
    (event.message ?? '').trim(),
    firstTimestamp,
    String(count),
    event.metadata.name ?? '',
  ];
}

/**
 * `kubectl get events` (`LAST SEEN TYPE REASON OBJECT MESSAGE`; `-o wide` shows `LAST SEEN TYPE
 * REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME`). kubectl does not sort events by
 * time: rows come in the API server's list order (namespace, then name), which this reproduces.
 * `''` for no events.
 *
 * @example
 * ```ts
 * getEventsTable(events, now);
 * // 'LAST SEEN   TYPE     REASON             OBJECT   MESSAGE\n'
 * // '2m          Normal   SuccessfulCreate   job/pi   Created pod: pi-abcde\n'
 * ```
 */
export function getEventsTable(
  events: readonly REvent[],
  nowMs: number,
  options: GetTableOptions = {},
): string {
  const wide = options.wide === true;
  const headers = wide
    ? [
        'Last Seen',
        'Type',
        'Reason',
        'Object',
        'Subobject',
        'Source',
        'Message',
        'First Seen',
        'Count',
        'Name',
      ]
    : ['Last Seen', 'Type', 'Reason', 'Object', 'Message'];
  const rows = apiListOrder(events).map((e) => {
    const c = eventCells(e, nowMs);
    return wide ? c : [c[0]!, c[1]!, c[2]!, c[3]!, c[6]!];
  });
  return renderTable(headers, rows);
}

const ZERO_TIME = Number.NEGATIVE_INFINITY;

/**
 * kubectl `util/event.SortableEvents` (used by describe): by `lastTimestamp` only, so events
 * without one (events.k8s.io-style, with `eventTime`/`series`) sort first. (The `kubectl events`
 * command sorts differently; this is not it.)
 */
function eventSortTime(e: REvent): number {
  return parseTimestamp(e.lastTimestamp) ?? ZERO_TIME;
}

/**
 * The Age cell of a describe event row: `2m` for a single occurrence, `2m (x3 over 5m)` for a
 * repeated one (`<lastSeen> (x<count> over <firstSeen>)`).
 *
 * @example
 * ```ts
 * describeEventAge(repeatedEvent, now); // '10s (x4 over 2m)'
 * ```
 */
export function describeEventAge(e: REvent, nowMs: number): string {
  let firstTimestampSince = translateTimestampSince(e.eventTime, nowMs);
  if (parseTimestamp(e.eventTime) === undefined)
    firstTimestampSince = translateTimestampSince(e.firstTimestamp, nowMs);
  if (e.series !== undefined && e.series !== null) {
    return `${translateTimestampSince(e.series.lastObservedTime, nowMs)} (x${e.series.count ?? 0} over ${firstTimestampSince})`;
  }
  if ((e.count ?? 0) > 1) {
    return `${translateTimestampSince(e.lastTimestamp, nowMs)} (x${e.count} over ${firstTimestampSince})`;
  }
  return firstTimestampSince;
}

/**
 * Writes `DescribeEvents` into a describe page: `Events:\t<none>` when empty (so it aligns with the
 * fields above it), else a flush and the `Type Reason Age From Message` table sorted by time with
 * Go's (unstable) `sort.Sort`
 * on `lastTimestamp`.
 *
 * @example
 * ```ts
 * const w = new PrefixWriter();
 * writeEvents(w, [], now);
 * w.finish(); // 'Events:  <none>\n'
 * ```
 */
export function writeEvents(w: PrefixWriter, events: readonly REvent[], nowMs: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = goSort([...events], (a, b) => eventSortTime(a) < eventSortTime(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const source = firstNonEmpty(e.source?.component, e.reportingComponent);
    w.write(
      1,
      `${e.type ?? ''}\t${e.reason ?? ''}\t${describeEventAge(e, nowMs)}\t${source}\t${(e.message ?? '').trim()}\n`,
    );
  }
}

/**
 * The `Events:` block of `kubectl describe` on its own. Events are taken in the API server's list
 * order (namespace, name), then sorted by time as kubectl does.
 *
 * @example
 * ```ts
 * describeEventsSection([], now); // 'Events:  <none>\n'
 * describeEventsSection(jobEvents, now);
 * // 'Events:\n'
 * // '  Type    Reason            Age   From            Message\n'
 * // '  ----    ------            ----  ----            -------\n'
 * // '  Normal  SuccessfulCreate  7s    job-controller  Created pod: pi-abcde\n'
 * ```
 */
export function describeEventsSection(events: readonly REvent[], nowMs: number): string {
  const w = new PrefixWriter();
  writeEvents(w, apiListOrder(events), nowMs);
  return w.finish();
}
