/**
 * A binary min-heap of timed entries ordered by (time, seq): the simulation's total order.
 * Ties in time resolve by insertion order. Parallel arrays, comparison inlined: no comparator
 * callbacks on the hot path.
 */
export class EventQueue<T> {
  private times: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  private nextSeq = 0;

  /** Number of queued entries. */
  get size(): number {
    return this.times.length;
  }

  /** Adds an entry at `time`; returns its sequence number. */
  push(time: number, item: T): number {
    const seq = this.nextSeq++;
    const times = this.times;
    const seqs = this.seqs;
    const items = this.items;
    let i = times.length;
    times.push(time);
    seqs.push(seq);
    items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (pt < time || (pt === time && seqs[p]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[p]!;
      items[i] = items[p]!;
      i = p;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
    return seq;
  }

  /** Time of the earliest entry, or `undefined` when empty. */
  peekTime(): number | undefined {
    return this.times[0];
  }

  /** The earliest entry without removing it, or `undefined` when empty. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** Removes and returns the earliest entry, or `undefined` when empty. */
  pop(): T | undefined {
    const times = this.times;
    const n = times.length;
    if (n === 0) return undefined;
    const seqs = this.seqs;
    const items = this.items;
    const top = items[0]!;
    const lastT = times.pop()!;
    const lastS = seqs.pop()!;
    const lastI = items.pop()!;
    const len = n - 1;
    if (len > 0) {
      let i = 0;
      const half = len >> 1;
      while (i < half) {
        let c = 2 * i + 1;
        let ct = times[c]!;
        let cs = seqs[c]!;
        const r = c + 1;
        if (r < len) {
          const rt = times[r]!;
          const rs = seqs[r]!;
          if (rt < ct || (rt === ct && rs < cs)) {
            c = r;
            ct = rt;
            cs = rs;
          }
        }
        if (lastT < ct || (lastT === ct && lastS < cs)) break;
        times[i] = ct;
        seqs[i] = cs;
        items[i] = items[c]!;
        i = c;
      }
      times[i] = lastT;
      seqs[i] = lastS;
      items[i] = lastI;
    }
    return top;
  }
}
