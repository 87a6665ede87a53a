/**
 * The report page's script. `renderReport` embeds this function's source text and calls it with
 * the page's `document` and `window`, so it must be self-contained: no imports at run time, no
 * reference to anything outside its body (type imports are erased).
 *
 * The page: a timeline (one lane per pod, grouped by node, virtualised so only visible rows are
 * drawn; zoom and pan on the time axis), a scrubber that shows the CLI's views as they were at
 * a virtual time, and a details panel with a pod's object and why each version came to be.
 */
import type {
  Chunk,
  Frame,
  FrameChunk,
  HistoryChunk,
  Lane,
  Marker,
  PodVersion,
  ReportData,
  TableText,
} from '../model.js';
import type { Doc, DomEvent, El, Win } from './dom.js';

/** Starts the page. */
export function reportApp(doc: Doc, win: Win): void {
  const dataEl = doc.getElementById('jobsim-data');
  const data = JSON.parse(dataEl?.textContent ?? '{}') as ReportData;
  const $ = (id: string): El => {
    const el = doc.getElementById(id);
    if (!el) throw new Error(`missing #${id}`);
    return el;
  };

  // ----- constants -----
  const STATES = ['Pending', 'Running', 'CrashLoopBackOff', 'Terminating', 'Succeeded', 'Failed'];
  const FILL = [
    'url(#pat-pending)',
    '#0072B2',
    'url(#pat-backoff)',
    'url(#pat-terminating)',
    '#009E73',
    'url(#pat-failed)',
  ];
  const STROKE = ['#8a7f00', '#00466e', '#E69F00', '#7d3f66', '#005c44', '#8f3f00'];
  const ROW_H = 18;
  const LABEL_W = 230;
  const RIGHT_PAD = 16;
  const AXIS_H = 132;
  const OVERVIEW_TOP = 4;
  const OVERVIEW_H = 40;
  const TICKS_Y = 58;
  const MARKS_Y = 74;
  const end = Math.max(data.end, 1);

  // ----- small helpers -----
  const esc = (s: string): string =>
    s.replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
    );
  const fmt = (ms: number): string => {
    // Go's time.Duration.String(), as the CLI prints durations.
    if (ms === 0) return '0s';
    let v = Math.abs(ms);
    const sign = ms < 0 ? '-' : '';
    if (v < 1000) return `${sign}${v}ms`;
    const h = Math.floor(v / 3_600_000);
    v -= h * 3_600_000;
    const m = Math.floor(v / 60_000);
    v -= m * 60_000;
    const s = v / 1000;
    const sec = Number.isInteger(s) ? String(s) : String(Number(s.toFixed(3)));
    return `${sign}${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${sec}s`;
  };
  const parseDur = (text: string): number | undefined => {
    const s = text.trim();
    if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
    const re = /(\d+(?:\.\d+)?)(h|ms|m|s)/gy;
    let total = 0;
    let pos = 0;
    let m: RegExpExecArray | null = re.exec(s);
    while (m !== null) {
      const n = Number(m[1]);
      total += m[2] === 'h' ? n * 3_600_000 : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n;
      pos = re.lastIndex;
      m = re.exec(s);
    }
    return pos === s.length && pos > 0 ? Math.round(total) : undefined;
  };
  const num = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const bisectRight = (arr: readonly number[], t: number): number => {
    // Index of the last element <= t, or -1.
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (arr[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };

  // ----- chunks -----
  const chunkCache = new Map<string, Promise<unknown>>();
  const inflate = async (b64: string): Promise<unknown> => {
    const bin = win.atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const stream = new win.Blob([bytes]).stream().pipeThrough(new win.DecompressionStream('deflate-raw'));
    return JSON.parse(await new win.Response(stream).text());
  };
  const loadChunk = <T>(key: string, chunk: Chunk<T> | undefined): Promise<T> => {
    let p = chunkCache.get(key);
    if (!p) {
      if (!chunk) p = Promise.reject(new Error(`no chunk ${key}`));
      else if ('json' in chunk) p = Promise.resolve(chunk.json);
      else p = inflate(chunk.z);
      chunkCache.set(key, p);
    }
    return p as Promise<T>;
  };
  const frameAt = async (i: number): Promise<Frame> => {
    const c = Math.floor(i / data.framesPerChunk);
    const chunk = await loadChunk<FrameChunk>(`f${c}`, data.frameChunks[c]);
    const f = chunk.frames[i - c * data.framesPerChunk];
    if (!f) throw new Error(`no frame ${i}`);
    return f;
  };
  const historyOf = async (li: number): Promise<readonly PodVersion[]> => {
    const c = Math.floor(li / data.lanesPerChunk);
    const chunk = await loadChunk<HistoryChunk>(`h${c}`, data.historyChunks[c]);
    return chunk.lanes[String(li)] ?? [];
  };

  // ----- state -----
  const view = { t0: 0, t1: end };
  let cursor = data.frameTimes[data.frameTimes.length - 1] ?? end;
  let frameIndex = data.frameTimes.length - 1;
  let selected: { lane: number; t: number } | undefined;
  const collapsed = new Set<string>();
  let filterText = '';
  let filterKind = 'all';

  // ----- rows: node headers and lanes -----
  interface Row {
    readonly kind: 'node' | 'lane';
    readonly node: string;
    readonly lane: number;
    readonly count: number;
  }
  const NOT_SCHEDULED = '(not scheduled)';
  const byNode = new Map<string, number[]>();
  data.lanes.forEach((l, i) => {
    const k = l.node || NOT_SCHEDULED;
    let list = byNode.get(k);
    if (!list) byNode.set(k, (list = []));
    list.push(i);
  });
  for (const n of data.nodes) if (!byNode.has(n.name)) byNode.set(n.name, []);
  const nodeNames = [...byNode.keys()].sort((a, b) =>
    a === NOT_SCHEDULED ? 1 : b === NOT_SCHEDULED ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const nodeTrack = new Map(data.nodes.map((n) => [n.name, n]));
  const laneMatches = (l: Lane): boolean => {
    if (filterText) {
      const hay = `${l.n} ${l.node} ${l.job}`.toLowerCase();
      if (!filterText.split(/\s+/).every((w) => hay.includes(w))) return false;
    }
    switch (filterKind) {
      case 'failed':
        return l.s.some((s) => s[1] === 5);
      case 'restarts':
        return l.m.some((m) => m[0] >= 0 && m[1] === 'r');
      case 'disrupted':
        return l.m.some((m) => m[1] === 'd' || m[1] === 'x');
      case 'active':
        return stateAt(l, cursor) !== undefined && (stateAt(l, cursor) ?? 9) < 4;
      default:
        return true;
    }
  };
  let rows: Row[] = [];
  const buildRows = (): void => {
    rows = [];
    for (const node of nodeNames) {
      const lanes = (byNode.get(node) ?? []).filter((li) => laneMatches(data.lanes[li]!));
      if (lanes.length === 0 && (filterText || filterKind !== 'all')) continue;
      rows.push({ kind: 'node', node, lane: -1, count: lanes.length });
      if (collapsed.has(node)) continue;
      for (const li of lanes) rows.push({ kind: 'lane', node, lane: li, count: 0 });
    }
    $('lanes-spacer').style.setProperty('height', `${rows.length * ROW_H}px`);
    const h = Math.min(rows.length * ROW_H, Math.max(240, Math.round(win.innerHeight * 0.55)));
    $('lanes-scroll').style.setProperty('height', `${h}px`);
    $('lane-count').textContent =
      `${num(rows.filter((r) => r.kind === 'lane').length)} of ${num(data.lanes.length)} pods`;
  };

  const spanEnd = (l: Lane, i: number): number => {
    const next = l.s[i + 1];
    if (next) return next[0];
    return l.del >= 0 ? l.del : end;
  };
  function stateAt(l: Lane, t: number): number | undefined {
    if (l.s.length === 0 || t < l.s[0]![0] || (l.del >= 0 && t >= l.del)) return undefined;
    let k = -1;
    for (let i = 0; i < l.s.length; i++) if (l.s[i]![0] <= t) k = i;
    return k >= 0 ? l.s[k]![1] : undefined;
  }

  // ----- geometry -----
  const plotWidth = (): number => Math.max(100, $('timeline').clientWidth - LABEL_W - RIGHT_PAD);
  const xOf = (t: number): number => LABEL_W + ((t - view.t0) / (view.t1 - view.t0)) * plotWidth();
  const tOf = (x: number): number => view.t0 + ((x - LABEL_W) / plotWidth()) * (view.t1 - view.t0);
  const clampView = (): void => {
    const minSpan = Math.min(end, 50);
    let span = Math.max(minSpan, Math.min(end, view.t1 - view.t0));
    if (!Number.isFinite(span) || span <= 0) span = end;
    let t0 = Math.max(0, Math.min(view.t0, end - span));
    if (!Number.isFinite(t0)) t0 = 0;
    view.t0 = t0;
    view.t1 = t0 + span;
  };
  const zoom = (factor: number, at: number): void => {
    const t0 = at - (at - view.t0) * factor;
    const t1 = at + (view.t1 - at) * factor;
    view.t0 = t0;
    view.t1 = t1;
    clampView();
    schedule();
  };
  const niceTicks = (): number[] => {
    const span = view.t1 - view.t0;
    const target = Math.max(2, Math.floor(plotWidth() / 110));
    const steps = [
      1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
      600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
    ];
    const step = steps.find((s) => span / s <= target) ?? span / target;
    const out: number[] = [];
    for (let t = Math.ceil(view.t0 / step) * step; t <= view.t1 + 1e-9; t += step) out.push(t);
    return out;
  };

  // ----- drawing -----
  let pending = false;
  const schedule = (): void => {
    if (pending) return;
    pending = true;
    win.requestAnimationFrame(() => {
      pending = false;
      draw();
    });
  };
  const defs = `<defs>
    <pattern id="pat-pending" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#F0E442"/><circle cx="3" cy="3" r="1.1" fill="#5c5400"/></pattern>
    <pattern id="pat-backoff" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff4dc"/><rect width="2" height="6" fill="#E69F00"/></pattern>
    <pattern id="pat-terminating" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="6" height="6" fill="#CC79A7"/><rect width="2" height="6" fill="#7d3f66"/></pattern>
    <pattern id="pat-failed" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#D55E00"/><path d="M0 0L5 5M5 0L0 5" stroke="#5a2600" stroke-width="0.9"/></pattern>
    <pattern id="pat-down" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#eeeeee"/><rect width="3" height="8" fill="#999999"/></pattern>
  </defs>`;

  const drawAxis = (): void => {
    const W = $('timeline').clientWidth;
    const pw = plotWidth();
    const parts: string[] = [defs];
    parts.push(
      `<clipPath id="axis-clip"><rect x="${LABEL_W}" y="0" width="${pw}" height="${AXIS_H}"/></clipPath>`,
    );
    // Overview: active pods per state, stacked, over the visible range.
    const a = data.activity;
    const maxActive = Math.max(1, ...a.counts.map((c) => c[0] + c[1] + c[2] + c[3]));
    const binT = (b: number): number => (b * end) / a.bins;
    const firstBin = Math.max(0, Math.floor((view.t0 / end) * a.bins) - 1);
    const lastBin = Math.min(a.bins - 1, Math.ceil((view.t1 / end) * a.bins) + 1);
    const order = [1, 0, 2, 3];
    const areaFill = ['url(#pat-pending)', '#0072B2', 'url(#pat-backoff)', 'url(#pat-terminating)'];
    const yOf = (v: number): number => OVERVIEW_TOP + OVERVIEW_H - (v / maxActive) * OVERVIEW_H;
    const base = new Array<number>(lastBin - firstBin + 1).fill(0);
    parts.push('<g clip-path="url(#axis-clip)" class="overview">');
    for (const s of order) {
      let top = '';
      let bottom = '';
      for (let b = firstBin; b <= lastBin; b++) {
        const c = a.counts[b]!;
        const lo = base[b - firstBin]!;
        const hi = lo + c[s]!;
        base[b - firstBin] = hi;
        const x0 = xOf(binT(b)).toFixed(1);
        const x1 = xOf(binT(b + 1)).toFixed(1);
        top += `L${x0} ${yOf(hi).toFixed(1)}L${x1} ${yOf(hi).toFixed(1)}`;
        bottom = `L${x1} ${yOf(lo).toFixed(1)}L${x0} ${yOf(lo).toFixed(1)}${bottom}`;
      }
      if (top) parts.push(`<path d="M${top.slice(1)}${bottom}Z" fill="${areaFill[s]}" stroke="none"/>`);
    }
    parts.push('</g>');
    parts.push(
      `<text x="${LABEL_W - 8}" y="${OVERVIEW_TOP + 12}" text-anchor="end" class="small">active pods</text>`,
      `<text x="${LABEL_W - 8}" y="${OVERVIEW_TOP + 26}" text-anchor="end" class="small muted">max ${num(maxActive)}</text>`,
      `<line x1="${LABEL_W}" x2="${W - RIGHT_PAD}" y1="${OVERVIEW_TOP + OVERVIEW_H + 0.5}" y2="${OVERVIEW_TOP + OVERVIEW_H + 0.5}" class="rule"/>`,
    );
    // Ticks.
    for (const t of niceTicks()) {
      const x = xOf(t);
      if (x < LABEL_W - 0.5 || x > W - RIGHT_PAD + 0.5) continue;
      parts.push(
        `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${TICKS_Y - 6}" y2="${AXIS_H}" class="tick"/>`,
        fmt(Math.round(t)).length * 6.5 + x + 3 > W - 2
          ? `<text x="${(x - 3).toFixed(1)}" y="${TICKS_Y + 4}" text-anchor="end" class="small">${fmt(Math.round(t))}</text>`
          : `<text x="${(x + 3).toFixed(1)}" y="${TICKS_Y + 4}" class="small">${fmt(Math.round(t))}</text>`,
      );
    }
    parts.push(`<text x="${LABEL_W - 8}" y="${TICKS_Y + 4}" text-anchor="end" class="small">time</text>`);
    // Markers: steps, Job conditions, checks, one band each; markers at the same instant share a
    // glyph and a label, and a label is cut to the room before the next marker of its band.
    const groups: Array<{ t: number; band: number; items: Marker[]; index: number }> = [];
    data.markers.forEach((m, index) => {
      const band = m.kind === 'step' ? 0 : m.kind === 'cond' ? 1 : 2;
      const g = groups.find((x) => x.band === band && Math.abs(xOf(x.t) - xOf(m.t)) < 1);
      if (g) g.items.push(m);
      else groups.push({ t: m.t, band, items: [m], index });
    });
    for (const g of groups) {
      const x = xOf(g.t);
      if (x < LABEL_W - 1 || x > W - RIGHT_PAD + 1) continue;
      const worst = g.items.find((m) => !m.ok) ?? g.items[g.items.length - 1]!;
      const [glyph, color] = markerGlyph(worst);
      const y = MARKS_Y + g.band * 19;
      parts.push(
        `<g class="marker" data-marker="${g.index}" data-kind="${g.items[0]!.kind}" data-tags="${esc(g.items.map((m) => m.tag).join(' '))}"><line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${y - 2}" y2="${AXIS_H}" stroke="${color}" stroke-dasharray="2 2"/>`,
        `<text x="${x.toFixed(1)}" y="${y + 10}" text-anchor="middle" class="glyph" fill="${color}">${glyph}</text>`,
      );
      const next = groups
        .filter((o) => o.band === g.band && o.t > g.t)
        .reduce((a, o) => Math.min(a, xOf(o.t)), W - RIGHT_PAD + 40);
      const prev = groups
        .filter((o) => o.band === g.band && o.t < g.t)
        .reduce((a, o) => Math.max(a, xOf(o.t)), LABEL_W - 40);
      const label = [...new Set(g.items.map((m) => m.label))].join(', ');
      const charW = 6.3;
      const roomRight = Math.min(next, W) - x - 16;
      const roomLeft = x - Math.max(prev, LABEL_W) - 16;
      const fitLabel = (room: number) =>
        label.length * charW <= room
          ? label
          : `${label.slice(0, Math.max(0, Math.floor(room / charW) - 1))}…`;
      const need = label.length * charW;
      const right = need <= roomRight || (need > roomLeft && roomRight >= roomLeft);
      if (right && roomRight >= 28)
        parts.push(
          `<text x="${(x + 8).toFixed(1)}" y="${y + 10}" class="small mlabel">${esc(fitLabel(roomRight))}</text>`,
        );
      else if (roomLeft >= 28)
        parts.push(
          `<text x="${(x - 8).toFixed(1)}" y="${y + 10}" text-anchor="end" class="small mlabel">${esc(fitLabel(roomLeft))}</text>`,
        );
      parts.push('</g>');
    }
    parts.push(
      `<text x="${LABEL_W - 8}" y="${MARKS_Y + 10}" text-anchor="end" class="small">steps</text>`,
      `<text x="${LABEL_W - 8}" y="${MARKS_Y + 29}" text-anchor="end" class="small">Job conditions</text>`,
      `<text x="${LABEL_W - 8}" y="${MARKS_Y + 48}" text-anchor="end" class="small">checks</text>`,
    );
    // Cursor.
    const cx = xOf(cursor);
    if (cx >= LABEL_W - 1 && cx <= W - RIGHT_PAD + 1) {
      const label = fmt(cursor);
      const lw = label.length * 7 + 8;
      const left = cx + lw + 4 > W - RIGHT_PAD;
      const bx = left ? cx - lw - 2 : cx + 2;
      parts.push(
        `<line x1="${cx.toFixed(1)}" x2="${cx.toFixed(1)}" y1="0" y2="${AXIS_H}" class="cursor"/>`,
        `<rect x="${bx.toFixed(1)}" y="${OVERVIEW_TOP}" width="${lw}" height="15" rx="3" class="cursor-box"/>`,
        `<text x="${(bx + 4).toFixed(1)}" y="${OVERVIEW_TOP + 11.5}" class="small cursor-label">${label}</text>`,
      );
    }
    const svg = $('axis');
    svg.setAttribute('width', String(W));
    svg.setAttribute('height', String(AXIS_H));
    svg.innerHTML = parts.join('');
  };

  function markerGlyph(m: Marker): [string, string] {
    if (m.kind === 'step') return [m.ok ? '▼' : '▽', '#000000'];
    if (m.kind === 'check') return m.ok ? ['✓', '#009E73'] : ['✗', '#D55E00'];
    if (m.tag === 'Complete' || m.tag === 'SuccessCriteriaMet') return ['◆', '#009E73'];
    if (m.tag === 'Failed' || m.tag === 'FailureTarget') return ['✖', '#D55E00'];
    if (m.tag === 'Suspended') return ['‖', '#0072B2'];
    return ['◇', '#000000'];
  }

  const drawLanes = (): void => {
    const scroll = $('lanes-scroll');
    const W = $('timeline').clientWidth;
    const first = Math.max(0, Math.floor(scroll.scrollTop / ROW_H) - 2);
    const visible = Math.ceil(scroll.clientHeight / ROW_H) + 4;
    const last = Math.min(rows.length, first + visible);
    const svg = $('lanes');
    const height = Math.max(1, (last - first) * ROW_H);
    svg.setAttribute('width', String(W));
    svg.setAttribute('height', String(height));
    svg.style.setProperty('top', `${first * ROW_H}px`);
    const pw = plotWidth();
    const parts: string[] = [defs];
    parts.push(
      `<clipPath id="lane-clip"><rect x="${LABEL_W}" y="0" width="${pw}" height="${height}"/></clipPath>`,
    );
    // Tick grid.
    for (const t of niceTicks()) {
      const x = xOf(t);
      if (x >= LABEL_W && x <= W - RIGHT_PAD)
        parts.push(`<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="0" y2="${height}" class="grid"/>`);
    }
    const minX = LABEL_W;
    const maxX = W - RIGHT_PAD;
    const clampX = (x: number): number => Math.max(minX - 2, Math.min(maxX + 2, x));
    for (let r = first; r < last; r++) {
      const row = rows[r]!;
      const y = (r - first) * ROW_H;
      if (row.kind === 'node') {
        const open = !collapsed.has(row.node);
        parts.push(
          `<g class="node-row" data-node="${esc(row.node)}"><rect x="0" y="${y}" width="${W}" height="${ROW_H}" class="node-bg"/>`,
          `<text x="6" y="${y + 13}" class="node-label">${open ? '▾' : '▸'} ${esc(row.node)} <tspan class="muted">(${num(row.count)} pod${row.count === 1 ? '' : 's'})</tspan></text>`,
        );
        const track = nodeTrack.get(row.node);
        if (track) {
          parts.push('<g clip-path="url(#lane-clip)">');
          for (let i = 0; i < track.ready.length; i++) {
            const [from, status, reason] = track.ready[i]!;
            if (status === 'True') continue;
            const to = track.ready[i + 1]?.[0] ?? end;
            const x0 = clampX(xOf(from));
            const x1 = clampX(xOf(to));
            parts.push(
              `<rect x="${x0.toFixed(1)}" y="${y + 2}" width="${Math.max(1, x1 - x0).toFixed(1)}" height="${ROW_H - 4}" fill="url(#pat-down)" stroke="#555" stroke-width="0.6"><title>node ${esc(row.node)} Ready=${esc(status)} ${esc(reason)} from ${fmt(from)}</title></rect>`,
            );
            if (x1 - x0 > 90)
              parts.push(
                `<text x="${(x0 + 4).toFixed(1)}" y="${y + 13}" class="small node-state">Ready=${esc(status)}${reason ? ` (${esc(reason)})` : ''}</text>`,
              );
          }
          for (const [t, note] of track.notes) {
            const x = xOf(t);
            if (x >= minX && x <= maxX)
              parts.push(
                `<text x="${x.toFixed(1)}" y="${y + 13}" text-anchor="middle" class="glyph small">▲<title>${esc(`${fmt(t)} ${note}`)}</title></text>`,
              );
          }
          parts.push('</g>');
        }
        parts.push('</g>');
        continue;
      }
      const l = data.lanes[row.lane]!;
      const sel = selected?.lane === row.lane;
      parts.push(
        `<g class="lane${sel ? ' selected' : ''}" data-lane="${row.lane}">`,
        `<rect x="0" y="${y}" width="${W}" height="${ROW_H}" class="${r % 2 ? 'odd' : 'even'}"/>`,
        `<text x="16" y="${y + 13}" class="pod-label">${esc(l.n.length > 30 ? `${l.n.slice(0, 29)}…` : l.n)}</text>`,
        '<g clip-path="url(#lane-clip)">',
      );
      for (let i = 0; i < l.s.length; i++) {
        const [from, st] = l.s[i]!;
        const to = spanEnd(l, i);
        if (to < view.t0 || from > view.t1) continue;
        const x0 = clampX(xOf(from));
        const x1 = clampX(xOf(to));
        const w = Math.max(1.5, x1 - x0);
        const terminal = st >= 4;
        const yy = terminal ? y + 6 : y + 3;
        const hh = terminal ? ROW_H - 12 : ROW_H - 6;
        parts.push(
          `<rect x="${x0.toFixed(1)}" y="${yy}" width="${w.toFixed(1)}" height="${hh}" fill="${FILL[st]}" stroke="${STROKE[st]}" stroke-width="${st === 2 ? 1.2 : 0.6}"${st === 2 ? ' stroke-dasharray="3 2"' : ''} class="span s${st}" data-span="${i}"/>`,
        );
        if (terminal) {
          const gx = xOf(from);
          if (gx >= minX && gx <= maxX)
            parts.push(
              `<text x="${(gx + 2).toFixed(1)}" y="${y + 13.5}" class="glyph state-glyph" fill="${st === 4 ? '#005c44' : '#8f3f00'}">${st === 4 ? '✓' : '✗'}</text>`,
            );
        }
      }
      for (const [t, mark] of l.m) {
        const x = xOf(t);
        if (x < minX || x > maxX) continue;
        const g = mark === 'r' ? '↻' : mark === 'd' ? '⚡' : '⊘';
        parts.push(
          `<text x="${x.toFixed(1)}" y="${y + 13}" text-anchor="middle" class="glyph mark mark-${mark}">${g}</text>`,
        );
      }
      if (l.del >= 0) {
        const x = xOf(l.del);
        if (x >= minX && x <= maxX)
          parts.push(
            `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${y + 2}" y2="${y + ROW_H - 2}" class="deleted"/>`,
          );
      }
      parts.push('</g></g>');
    }
    const cx = xOf(cursor);
    if (cx >= minX - 1 && cx <= maxX + 1)
      parts.push(`<line x1="${cx.toFixed(1)}" x2="${cx.toFixed(1)}" y1="0" y2="${height}" class="cursor"/>`);
    // The node of the topmost visible lane stays in view above it.
    const top = Math.floor(scroll.scrollTop / ROW_H);
    stickyNode = undefined;
    if (rows[top]?.kind === 'lane') {
      const node = rows[top]!.node;
      const header = rows.find((r) => r.kind === 'node' && r.node === node);
      stickyNode = node;
      const y = scroll.scrollTop - first * ROW_H;
      parts.push(
        `<g class="node-row sticky" data-node="${esc(node)}"><rect x="0" y="${y}" width="${LABEL_W}" height="${ROW_H}" class="node-bg"/>`,
        `<text x="6" y="${y + 13}" class="node-label">▾ ${esc(node)} <tspan class="muted">(${num(header?.count ?? 0)})</tspan></text></g>`,
      );
    }
    svg.innerHTML = parts.join('');
  };
  let stickyNode: string | undefined;

  const draw = (): void => {
    clampView();
    drawAxis();
    drawLanes();
    $('view-range').textContent = `${fmt(Math.round(view.t0))} – ${fmt(Math.round(view.t1))}`;
  };

  // ----- scrubber and views -----
  let shown = -1;
  let request = 0;
  const renderTable = (el: El, table: TableText, empty: string): void => {
    if (table.rows === 0) {
      el.innerHTML = `<span class="empty">${esc(empty)}</span>`;
      el.dataset.rows = '0';
      return;
    }
    const lines = table.text.split('\n');
    const gaps = new Map((table.gaps ?? []).map((g) => [g[0], g[1]]));
    const out: string[] = [];
    lines.forEach((line, i) => {
      out.push(`<span class="${i === 0 ? 'hdr' : 'row'}">${esc(line)}</span>\n`);
      const gap = gaps.get(i);
      if (gap !== undefined)
        out.push(`<span class="gap">   ⋯ ${num(gap)} more row${gap === 1 ? '' : 's'} not shown\n</span>`);
    });
    el.innerHTML = out.join('');
    el.dataset.rows = String(table.rows);
  };
  const cli = (what: string, t: number): string =>
    `jobsim ${what} -f ${data.summary.file} --at ${fmt(t)}${data.summary.seedOverride ? ` --seed ${data.summary.seed}` : ''}`;
  const showFrame = async (i: number): Promise<void> => {
    const id = ++request;
    const f = await frameAt(i);
    if (id !== request) return;
    shown = i;
    renderTable($('jobs-table'), f.jobs, 'No resources found in default namespace.');
    renderTable($('pods-table'), f.pods, 'No resources found in default namespace.');
    renderTable($('events-table'), f.events, 'No resources found in default namespace.');
    $('jobs-cli').textContent = cli('get jobs', f.t);
    $('pods-cli').textContent = cli('get pods', f.t);
    $('events-cli').textContent = cli('get events', f.t);
    const counts = Object.entries(f.counts)
      .map(([k, v]) => `${k} ${num(v)}`)
      .join(', ');
    const total = Object.values(f.counts).reduce((a, b) => a + b, 0);
    $('frame-pods').textContent = `${num(total)} pod${total === 1 ? '' : 's'}${counts ? `: ${counts}` : ''}`;
    if (f.jobStatus.length <= 4) $('frame-jobs').textContent = f.jobStatus.join(', ') || 'no Jobs';
    else {
      const by = new Map<string, number>();
      for (const j of f.jobStatus) {
        const st = j.slice(j.lastIndexOf(' ') + 1);
        by.set(st, (by.get(st) ?? 0) + 1);
      }
      $('frame-jobs').textContent =
        `${num(f.jobStatus.length)} Jobs: ${[...by].map(([k, v]) => `${k} ${num(v)}`).join(', ')}`;
    }
    $('frame-time').textContent = fmt(f.t);
    const views = $('views');
    views.dataset.t = String(f.t);
    views.dataset.frame = String(i);
    for (const p of ['pods', 'events', 'jobs']) {
      const tbl = f[p as 'pods'];
      $(`${p}-note`).textContent =
        tbl.gaps && tbl.gaps.length > 0
          ? `${num(tbl.rows)} rows; ${num(tbl.text.split('\n').length - 1)} shown (the most recently changed, and the rows that set column widths). Every line shown is a line of the command's output.`
          : '';
    }
    // Prefetch the next chunk so scrubbing forward stays smooth.
    void frameAt(Math.min(data.frameTimes.length - 1, i + data.framesPerChunk)).catch(() => undefined);
  };
  const setTime = (t: number, moveView = false): void => {
    const i = Math.max(0, bisectRight(data.frameTimes, Math.max(0, Math.min(end, t))));
    frameIndex = i;
    cursor = data.frameTimes[i] ?? 0;
    const scrub = $('scrub');
    scrub.value = String(cursor);
    const ti = $('time-input');
    if (doc.activeElement !== ti) ti.value = fmt(cursor);
    if (moveView && (cursor < view.t0 || cursor > view.t1)) {
      const span = view.t1 - view.t0;
      view.t0 = cursor - span / 2;
      view.t1 = cursor + span / 2;
    }
    if (filterKind === 'active') buildRows();
    schedule();
    if (i !== shown) void showFrame(i);
    if (selected) void showDetails(selected.lane, cursor, false);
  };

  // ----- pod details -----
  const objects = new Map<number, unknown[]>();
  const mergePatch = (target: unknown, patch: unknown): unknown => {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
    const out: Record<string, unknown> =
      typeof target === 'object' && target !== null && !Array.isArray(target)
        ? { ...(target as Record<string, unknown>) }
        : {};
    for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
      if (v === null) delete out[k];
      else out[k] = mergePatch(out[k], v);
    }
    return out;
  };
  const objectsOf = (li: number, versions: readonly PodVersion[]): unknown[] => {
    let list = objects.get(li);
    if (!list) {
      list = [];
      let cur: unknown;
      for (const v of versions) {
        cur = v.obj !== undefined ? v.obj : mergePatch(cur, v.patch ?? {});
        list.push(cur);
      }
      objects.set(li, list);
    }
    return list;
  };
  const yamlScalar = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    const s = String(v);
    if (
      s === '' ||
      /^[\s-?:,[\]{}#&*!|>'"%@`]/.test(s) ||
      /[:#]\s|\s$|\n/.test(s) ||
      /^(true|false|null|yes|no|on|off|~|[-+]?\d[\d_.eE+-]*)$/i.test(s)
    )
      return JSON.stringify(s);
    return s;
  };
  const toYaml = (v: unknown, indent: string): string => {
    if (Array.isArray(v)) {
      if (v.length === 0) return ' []';
      return v
        .map((item) => {
          const body = toYaml(item, `${indent}  `);
          if (
            typeof item === 'object' &&
            item !== null &&
            !Array.isArray(item) &&
            Object.keys(item).length > 0
          )
            return `\n${indent}- ${body.replace(/^\n\s*/, '')}`;
          return `\n${indent}-${body}`;
        })
        .join('');
    }
    if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
      if (entries.length === 0) return ' {}';
      return entries.map(([k, x]) => `\n${indent}${yamlScalar(k)}:${toYaml(x, `${indent}  `)}`).join('');
    }
    return ` ${yamlScalar(v)}`;
  };
  const patchPaths = (p: unknown, prefix: string, prev: unknown, out: string[]): void => {
    if (typeof p !== 'object' || p === null || Array.isArray(p)) {
      const before = prev === undefined ? '∅' : JSON.stringify(prev);
      const after = p === null ? '∅ (removed)' : JSON.stringify(p);
      const short = (s: string) => (s.length > 90 ? `${s.slice(0, 89)}…` : s);
      out.push(`${prefix}: ${short(before)} → ${short(after)}`);
      return;
    }
    for (const [k, v] of Object.entries(p as Record<string, unknown>)) {
      if (prefix === 'metadata' && k === 'resourceVersion') continue;
      const pv = typeof prev === 'object' && prev !== null ? (prev as Record<string, unknown>)[k] : undefined;
      patchPaths(v, prefix ? `${prefix}.${k}` : k, pv, out);
    }
  };
  let detailsRequest = 0;
  async function showDetails(li: number, t: number, scroll: boolean, versionIndex?: number): Promise<void> {
    const id = ++detailsRequest;
    selected = { lane: li, t };
    const lane = data.lanes[li]!;
    const versions = await historyOf(li);
    if (id !== detailsRequest) return;
    const objs = objectsOf(li, versions);
    let vi = versionIndex ?? bisectRight(lane.v, t);
    const panel = $('details');
    panel.hidden = false;
    panel.dataset.lane = String(li);
    $('details-title').textContent = `pod/${lane.n}`;
    const state = stateAt(lane, t);
    $('details-meta').textContent = [
      lane.job ? `job/${lane.job}` : 'bare pod',
      lane.idx >= 0 ? `index ${lane.idx}` : '',
      lane.node ? `node ${lane.node}` : 'never scheduled',
      `created ${fmt(lane.v[0] ?? 0)}`,
      lane.del >= 0 ? `deleted ${fmt(lane.del)}` : 'not deleted by the end',
    ]
      .filter(Boolean)
      .join(' · ');
    if (vi < 0) {
      $('details-at').textContent =
        `At ${fmt(t)} the pod did not exist yet (created at ${fmt(lane.v[0] ?? 0)}).`;
      vi = -1;
    } else {
      const v = versions[vi]!;
      $('details-at').textContent =
        `At ${fmt(t)}: ${state === undefined ? 'deleted' : STATES[state]}; version ${vi + 1} of ${versions.length}, written at ${fmt(v.t)} (${v.verb}).`;
    }
    const list: string[] = [];
    versions.forEach((v, i) => {
      const why = v.why.length
        ? v.why.map((c) => `<li><span class="badge k-${c.k}">${esc(c.k)}</span> ${esc(c.text)}</li>`).join('')
        : '<li class="muted">no recorded cause</li>';
      list.push(
        `<tr class="version${i === vi ? ' current' : ''}" data-version="${i}"><td class="vt">${fmt(v.t)}</td><td class="vw"><div class="what">${esc(v.what.join('; '))}</div><ul class="why">${why}</ul></td></tr>`,
      );
    });
    $('details-versions').innerHTML = list.join('');
    if (vi >= 0) {
      const v = versions[vi]!;
      const changed: string[] = [];
      if (v.patch !== undefined) patchPaths(v.patch, '', vi > 0 ? objs[vi - 1] : undefined, changed);
      $('details-changes').textContent =
        v.verb === 'ADDED'
          ? 'first version'
          : v.verb === 'DELETED'
            ? 'deleted (the last state is shown)'
            : changed.length > 0
              ? changed.join('\n')
              : 'only resourceVersion changed';
      $('details-object').textContent = toYaml(objs[vi], '').replace(/^\n/, '');
    } else {
      $('details-changes').textContent = '';
      $('details-object').textContent = '';
    }
    const cur = panel.querySelector('tr.current');
    if (cur && scroll) cur.scrollIntoView({ block: 'nearest' });
    if (scroll) panel.scrollIntoView({ block: 'nearest' });
    schedule();
  }

  // ----- tooltips -----
  const tip = $('tip');
  const showTip = (e: DomEvent, html: string): void => {
    tip.innerHTML = html;
    tip.hidden = false;
    const x = Math.min(e.clientX + 14, win.innerWidth - 380);
    tip.style.setProperty('left', `${Math.max(4, x)}px`);
    tip.style.setProperty('top', `${e.clientY + 16}px`);
  };
  const hideTip = (): void => {
    tip.hidden = true;
  };
  const laneAt = (e: DomEvent): { row: Row | undefined; t: number } => {
    const rect = $('lanes-scroll').getBoundingClientRect();
    const r = Math.floor((e.clientY - rect.top + $('lanes-scroll').scrollTop) / ROW_H);
    const x = e.clientX - rect.left;
    return { row: rows[r], t: tOf(x) };
  };

  // ----- events -----
  const lanesScroll = $('lanes-scroll');
  lanesScroll.addEventListener('scroll', () => schedule());
  let drag: { x: number; t0: number; t1: number; moved: boolean; id: number } | undefined;
  const lanesSvg = $('lanes');
  lanesSvg.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, t0: view.t0, t1: view.t1, moved: false, id: e.pointerId };
    lanesSvg.setPointerCapture(e.pointerId);
  });
  lanesSvg.addEventListener('pointermove', (e) => {
    if (drag) {
      const dx = e.clientX - drag.x;
      if (Math.abs(dx) > 3) drag.moved = true;
      if (drag.moved) {
        const dt = (dx / plotWidth()) * (drag.t1 - drag.t0);
        view.t0 = drag.t0 - dt;
        view.t1 = drag.t1 - dt;
        schedule();
        hideTip();
        return;
      }
    }
    const { row, t } = laneAt(e);
    const rect = lanesScroll.getBoundingClientRect();
    if (!row || e.clientX - rect.left < LABEL_W) {
      if (row?.kind === 'lane') {
        const l = data.lanes[row.lane]!;
        showTip(
          e,
          `<b>pod/${esc(l.n)}</b><br>${esc(l.job ? `job/${l.job}` : 'bare pod')}${l.idx >= 0 ? `, index ${l.idx}` : ''}<br>click a span for its object and history`,
        );
      } else hideTip();
      return;
    }
    if (row.kind === 'node') {
      const track = nodeTrack.get(row.node);
      let status = 'True';
      let reason = '';
      for (const r of track?.ready ?? []) if (r[0] <= t) [, status, reason] = r;
      showTip(
        e,
        `<b>node ${esc(row.node)}</b> at ${fmt(Math.round(t))}<br>Ready=${esc(status)}${reason ? ` (${esc(reason)})` : ''}<br>click to fold or unfold`,
      );
      return;
    }
    const l = data.lanes[row.lane]!;
    let k = -1;
    for (let i = 0; i < l.s.length; i++) if (l.s[i]![0] <= t) k = i;
    if (k < 0 || t > spanEnd(l, k) + (view.t1 - view.t0) / plotWidth()) {
      showTip(
        e,
        `<b>pod/${esc(l.n)}</b><br>${t < (l.s[0]?.[0] ?? 0) ? 'not created yet' : 'deleted'} at ${fmt(Math.round(t))}`,
      );
      return;
    }
    const [from, st] = l.s[k]!;
    const to = spanEnd(l, k);
    const marks = l.m
      .filter((m) => Math.abs(xOf(m[0]) - xOf(t)) < 6)
      .map(
        (m) =>
          `${m[1] === 'r' ? '↻ container restarted' : m[1] === 'd' ? '⚡ disruption (DisruptionTarget)' : '⊘ deletion requested'} at ${fmt(m[0])}`,
      );
    showTip(
      e,
      `<b>pod/${esc(l.n)}</b> ${esc(STATES[st] ?? '')}<br>${fmt(from)} → ${fmt(to)} (${fmt(to - from)})${l.node ? ` on ${esc(l.node)}` : ''}` +
        `${l.sw[k] ? `<br><span class="why-tip">why: ${esc(l.sw[k]!)}</span>` : ''}${marks.length ? `<br>${esc(marks.join('; '))}` : ''}<br><span class="muted">click for the object at ${fmt(Math.round(t))}</span>`,
    );
  });
  lanesSvg.addEventListener('pointerleave', hideTip);
  lanesSvg.addEventListener('pointerup', (e) => {
    const d = drag;
    drag = undefined;
    try {
      lanesSvg.releasePointerCapture(e.pointerId);
    } catch {
      // not captured
    }
    if (!d || d.moved) return;
    const { row, t } = laneAt(e);
    if (!row) return;
    const scrollRect = lanesScroll.getBoundingClientRect();
    const onSticky =
      stickyNode !== undefined && e.clientY - scrollRect.top < ROW_H && e.clientX - scrollRect.left < LABEL_W;
    if (row.kind === 'node' || onSticky) {
      const node = onSticky ? stickyNode! : row.node;
      if (collapsed.has(node)) collapsed.delete(node);
      else collapsed.add(node);
      buildRows();
      const at = rows.findIndex((r) => r.kind === 'node' && r.node === node);
      if (onSticky && at >= 0) lanesScroll.scrollTop = at * ROW_H;
      schedule();
      return;
    }
    const rect = lanesScroll.getBoundingClientRect();
    const at = e.clientX - rect.left < LABEL_W ? cursor : Math.max(0, Math.min(end, Math.round(t)));
    setTime(at);
    void showDetails(row.lane, at, true);
  });
  const onWheel = (e: DomEvent, always: boolean): void => {
    const rect = $('timeline').getBoundingClientRect();
    const x = e.clientX - rect.left;
    if (x < LABEL_W) return;
    if (e.ctrlKey || e.metaKey || always) {
      e.preventDefault();
      zoom(e.deltaY > 0 ? 1.25 : 0.8, tOf(x));
    } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      e.preventDefault();
      const d = (e.shiftKey ? e.deltaY : e.deltaX) / plotWidth();
      const span = view.t1 - view.t0;
      view.t0 += d * span;
      view.t1 += d * span;
      schedule();
    }
  };
  lanesScroll.addEventListener('wheel', (e) => onWheel(e, false), { passive: false });
  const axis = $('axis');
  axis.addEventListener('wheel', (e) => onWheel(e, true), { passive: false });
  let brush: { x: number; moved: boolean } | undefined;
  axis.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    brush = { x: e.clientX, moved: false };
    axis.setPointerCapture(e.pointerId);
  });
  axis.addEventListener('pointermove', (e) => {
    const rect = axis.getBoundingClientRect();
    if (brush) {
      if (Math.abs(e.clientX - brush.x) > 4) brush.moved = true;
      const b = $('brush');
      if (brush.moved) {
        b.hidden = false;
        b.style.setProperty('left', `${Math.min(brush.x, e.clientX) - rect.left}px`);
        b.style.setProperty('width', `${Math.abs(e.clientX - brush.x)}px`);
      }
      return;
    }
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    if (y > MARKS_Y - 4) {
      const hits = data.markers.filter((m) => Math.abs(xOf(m.t) - x) < 6);
      if (hits.length > 0) {
        showTip(
          e,
          hits.map((m) => `<b>${fmt(m.t)}</b> ${esc(m.detail).replace(/\n/g, '<br>')}`).join('<br>'),
        );
        return;
      }
    }
    if (x >= LABEL_W) showTip(e, `${fmt(Math.round(tOf(x)))}: click to show the cluster then, drag to zoom`);
    else hideTip();
  });
  axis.addEventListener('pointerleave', hideTip);
  axis.addEventListener('pointerup', (e) => {
    const b = brush;
    brush = undefined;
    $('brush').hidden = true;
    const rect = axis.getBoundingClientRect();
    if (!b) return;
    if (b.moved) {
      const a = tOf(Math.min(b.x, e.clientX) - rect.left);
      const z = tOf(Math.max(b.x, e.clientX) - rect.left);
      view.t0 = a;
      view.t1 = z;
      clampView();
      schedule();
      return;
    }
    const x = e.clientX - rect.left;
    if (x < LABEL_W) return;
    const near = data.markers.find((m) => Math.abs(xOf(m.t) - x) < 6);
    setTime(near ? near.t : Math.round(tOf(x)));
  });

  $('zoom-in').addEventListener('click', () => zoom(0.5, (view.t0 + view.t1) / 2));
  $('zoom-out').addEventListener('click', () => zoom(2, (view.t0 + view.t1) / 2));
  $('zoom-fit').addEventListener('click', () => {
    view.t0 = 0;
    view.t1 = end;
    schedule();
  });
  $('scrub').addEventListener('input', () => setTime(Number($('scrub').value)));
  const timeInput = $('time-input');
  const applyTimeInput = (): void => {
    const t = parseDur(timeInput.value);
    timeInput.classList.toggle('invalid', t === undefined);
    if (t !== undefined) setTime(t, true);
  };
  timeInput.addEventListener('change', applyTimeInput);
  timeInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') applyTimeInput();
  });
  $('prev-frame').addEventListener('click', () =>
    setTime(data.frameTimes[Math.max(0, frameIndex - 1)] ?? 0, true),
  );
  $('next-frame').addEventListener('click', () =>
    setTime(data.frameTimes[Math.min(data.frameTimes.length - 1, frameIndex + 1)] ?? end, true),
  );
  const filterInput = $('lane-filter');
  filterInput.addEventListener('input', () => {
    filterText = filterInput.value.trim().toLowerCase();
    buildRows();
    schedule();
  });
  const kindSelect = $('lane-kind');
  kindSelect.addEventListener('change', () => {
    filterKind = kindSelect.value;
    buildRows();
    schedule();
  });
  $('details-versions').addEventListener('click', (e) => {
    const tr = (e.target as El | null)?.closest('tr.version');
    if (!tr || !selected) return;
    const vi = Number(tr.dataset.version);
    const lane = data.lanes[selected.lane]!;
    const t = lane.v[vi] ?? 0;
    setTime(t);
    void showDetails(selected.lane, t, false, vi);
  });
  $('details-close').addEventListener('click', () => {
    selected = undefined;
    $('details').hidden = true;
    schedule();
  });
  doc.addEventListener('keydown', (e) => {
    const target = e.target as El | null;
    const tag = target && typeof target.tagName === 'string' ? target.tagName.toLowerCase() : '';
    const type = tag === 'input' ? (target?.getAttribute('type') ?? 'text') : '';
    // Typing in a field or choosing in a list keeps its keys; the time slider steps by change.
    if (tag === 'select' || tag === 'textarea' || (tag === 'input' && type !== 'range')) return;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      if (e.shiftKey) {
        const times = data.markers.map((m) => m.t);
        const t =
          e.key === 'ArrowLeft'
            ? [...times].reverse().find((x) => x < cursor)
            : times.find((x) => x > cursor);
        if (t !== undefined) setTime(t, true);
      } else {
        const i = Math.max(
          0,
          Math.min(data.frameTimes.length - 1, frameIndex + (e.key === 'ArrowLeft' ? -1 : 1)),
        );
        setTime(data.frameTimes[i] ?? 0, true);
      }
    } else if (e.key === '+' || e.key === '=') zoom(0.5, cursor);
    else if (e.key === '-') zoom(2, cursor);
    else if (e.key === '0') {
      view.t0 = 0;
      view.t1 = end;
      schedule();
    } else if (e.key === 'Home') setTime(0, true);
    else if (e.key === 'End') setTime(end, true);
  });
  win.addEventListener('resize', () => {
    buildRows();
    schedule();
  });

  // ----- start -----
  $('scrub').setAttribute('max', String(end));
  buildRows();
  draw();
  setTime(cursor);
  win.jobsimReport = {
    data,
    setTime: (t: number) => setTime(t, true),
    showFrame: (i: number) => showFrame(i),
    select: (name: string, t: number) => {
      const li = data.lanes.findIndex((l) => l.n === name);
      if (li >= 0) return showDetails(li, t, true);
      return Promise.resolve();
    },
    zoom: (t0: number, t1: number) => {
      view.t0 = t0;
      view.t1 = t1;
      clampView();
      draw();
    },
  };
  void frameAt(frameIndex).then(() => {
    doc.body.dataset.ready = 'true';
  });
}
