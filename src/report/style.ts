/** The report page's style sheet (inline; no fonts or images are fetched). */
export const REPORT_CSS = `
:root {
  --fg: #1a1a1a; --muted: #5f6368; --bg: #ffffff; --panel: #f6f7f9; --line: #d9dce1;
  --blue: #0072B2; --orange: #E69F00; --sky: #56B4E9; --green: #009E73; --yellow: #F0E442;
  --vermillion: #D55E00; --purple: #CC79A7;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
}
* { box-sizing: border-box; }
.muted { color: var(--muted); fill: var(--muted); }
body { margin: 0; font: 14px/1.45 var(--sans); color: var(--fg); background: var(--bg); }
header.summary { padding: 14px 20px 10px; border-bottom: 1px solid var(--line); background: var(--panel); }
header.summary h1 { font-size: 20px; margin: 0 0 4px; }
header.summary h1 .file { font: 14px var(--mono); color: var(--muted); margin-left: 8px; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 4px 0 8px; color: var(--fg); }
.facts b { font-weight: 600; }
.result { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; border: 1.5px solid; }
.result.ok { color: #005c44; border-color: var(--green); background: #e6f5f0; }
.result.fail { color: #8f3f00; border-color: var(--vermillion); background: #fbece3; }
ul.checks { list-style: none; margin: 4px 0 0; padding: 0; font-size: 13px; }
ul.checks li { margin: 2px 0; }
ul.checks .verdict { font-weight: 700; display: inline-block; width: 3.2em; }
ul.checks .ok .verdict { color: #005c44; }
ul.checks .fail .verdict { color: #8f3f00; }
ul.checks .failure { display: block; margin-left: 3.2em; font-family: var(--mono); font-size: 12px; color: #8f3f00; }
ul.checks .at { color: var(--muted); font-family: var(--mono); font-size: 12px; }
.warnings { color: #8f3f00; font-size: 13px; margin: 4px 0 0; }
details.more { font-size: 13px; color: var(--muted); margin-top: 4px; }
main { padding: 10px 20px 40px; }
h2 { font-size: 16px; margin: 14px 0 6px; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; margin: 6px 0; }
.toolbar input[type=search] { width: 220px; }
button, select, input { font: inherit; }
button { border: 1px solid #9aa0a6; background: #fff; border-radius: 4px; padding: 1px 9px; cursor: pointer; }
button:hover { background: #eef3f8; }
button:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid var(--blue); outline-offset: 1px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; align-items: center; }
.legend svg { vertical-align: middle; }
#timeline { position: relative; border: 1px solid var(--line); border-radius: 4px; user-select: none; }
#axis { display: block; border-bottom: 1px solid var(--line); cursor: crosshair; }
#lanes-scroll { position: relative; overflow-y: auto; overflow-x: hidden; }
#lanes-spacer { position: relative; }
#lanes { position: absolute; left: 0; display: block; cursor: grab; }
#brush { position: absolute; top: 0; height: 132px; background: rgba(0,114,178,.15); border: 1px solid var(--blue); pointer-events: none; }
svg text { font-family: var(--sans); font-size: 12px; }
svg .small { font-size: 11px; }
svg .pod-label { font-family: var(--mono); font-size: 11.5px; }
svg .node-label { font-weight: 600; }
svg .node-bg { fill: #e9ecf0; }
svg .even { fill: #ffffff; }
svg .odd { fill: #fafbfc; }
svg .selected rect.even, svg .selected rect.odd { fill: #fff8c5; }
svg .grid { stroke: #eceef1; }
svg .tick { stroke: #c4c8ce; }
svg .rule { stroke: var(--line); }
svg .cursor { stroke: #000; stroke-width: 1.5; }
svg .cursor-label { font-weight: 700; fill: #fff; }
svg .cursor-box { fill: #000; }
svg .glyph { font-size: 12px; font-weight: 700; }
svg .state-glyph { font-size: 13px; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg .mark { fill: #000; paint-order: stroke; stroke: #fff; stroke-width: 2.5px; }
svg .deleted { stroke: #000; stroke-width: 2; }
svg .node-state { fill: #222; paint-order: stroke; stroke: #f2f2f2; stroke-width: 3px; }
svg .mlabel { fill: #222; }
#tip { position: fixed; z-index: 10; max-width: 380px; background: #1f2328; color: #fff; padding: 6px 9px; border-radius: 4px; font-size: 12.5px; pointer-events: none; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
#tip .muted { color: #c3c7cc; }
#tip .why-tip { color: #ffe08a; }
.scrubber { position: sticky; top: 0; z-index: 5; background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px; margin: 10px 0; display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; box-shadow: 0 1px 3px rgba(0,0,0,.06); }
.scrubber #scrub { flex: 1 1 320px; min-width: 200px; accent-color: #000; }
.scrubber #time-input { width: 7em; font-family: var(--mono); }
.scrubber #time-input.invalid { outline: 2px solid var(--vermillion); }
.scrubber .now { font: 600 15px var(--mono); min-width: 5em; }
.scrubber .state { font-size: 13px; }
#views { display: grid; grid-template-columns: 1fr; gap: 10px; }
.view h3 { font-size: 14px; margin: 8px 0 2px; }
.view .cli { font: 12px var(--mono); color: var(--muted); }
.view .note { font-size: 12px; color: var(--muted); }
pre.table { margin: 2px 0; padding: 8px 10px; background: var(--panel); border: 1px solid var(--line); border-radius: 4px; font: 12.5px/1.4 var(--mono); overflow-x: auto; max-height: 420px; overflow-y: auto; }
pre.table .hdr { font-weight: 700; }
pre.table .gap { color: var(--muted); font-style: italic; }
pre.table .empty { color: var(--muted); font-style: italic; }
#details { border: 1px solid var(--line); border-radius: 4px; padding: 8px 12px; margin-top: 12px; background: #fff; }
#details h3 { margin: 0; font: 600 15px var(--mono); display: flex; justify-content: space-between; }
#details .meta { color: var(--muted); font-size: 13px; }
#details .at { margin: 4px 0; font-weight: 600; }
#details .cols { display: grid; grid-template-columns: minmax(320px, 1.1fr) minmax(300px, 1fr); gap: 12px; }
#details table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
#details td { vertical-align: top; border-top: 1px solid var(--line); padding: 3px 4px; }
#details td.vt { font-family: var(--mono); white-space: nowrap; color: var(--muted); }
#details tr.version { cursor: pointer; }
#details tr.version:hover { background: #f3f6fa; }
#details tr.current { background: #fff8c5; outline: 1.5px solid #b59b00; }
#details .what { font-weight: 600; }
#details ul.why { margin: 1px 0 2px; padding-left: 0; list-style: none; }
#details ul.why li { margin: 1px 0; }
.badge { display: inline-block; font: 600 10.5px var(--mono); padding: 0 5px; border-radius: 3px; border: 1px solid #888; background: #f2f2f2; color: #222; text-transform: uppercase; }
.badge.k-step { background: #000; color: #fff; border-color: #000; }
.badge.k-backoff { background: #fff4dc; border-color: var(--orange); }
.badge.k-deadline, .badge.k-policy { background: #fbece3; border-color: var(--vermillion); }
.badge.k-eviction, .badge.k-node { background: #f7e9f1; border-color: var(--purple); }
.badge.k-suspend { background: #e3f1fa; border-color: var(--sky); }
.badge.k-behavior { background: #e6f0f7; border-color: var(--blue); }
#details pre { font: 12px/1.35 var(--mono); background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 6px 8px; max-height: 480px; overflow: auto; margin: 4px 0; white-space: pre; }
#details .versions { max-height: 480px; overflow-y: auto; }
.help { font-size: 12px; color: var(--muted); margin: 4px 0; }
kbd { font: 11px var(--mono); border: 1px solid #bbb; border-bottom-width: 2px; border-radius: 3px; padding: 0 4px; background: #fafafa; }
@media (min-width: 1400px) { #views { grid-template-columns: 1fr 1fr; } #views .view.events { grid-column: 1 / span 2; } }
`;
