/**
 * A counterexample as one self-contained HTML page: summary, legend, SVG thread lanes (the
 * violating step highlighted), the step table with what changed, the wait-for picture, and a
 * state inspector fed by the ITF JSON embedded in the page.
 *
 * Why self-contained: results/ is browsed offline and from CI artefacts; the page makes no
 * network fetch (no external script, style, font or image) and works from file://. The inline
 * script only reads the embedded ITF; it marks <html data-ready="true"> once it has run, which
 * the headless-browser test checks.
 */
import type { Model } from '../explorer/model.ts';
import type { Violation } from '../explorer/outcome.ts';
import { formatMetrics, metricsOf } from '../minimize/metrics.ts';
import type { ItfTrace, TraceMeta } from './itf.ts';
import { laneColour, traceSvg, VIOLATION_FILL, VIOLATION_STROKE, xmlEscape } from './svgLanes.ts';
import { cellLabel, movingThreads, waitForSection } from './traceMarkdown.ts';
import { stepChanges } from './traceText.ts';

export interface TraceHtmlOptions {
  /** File name of the ITF export next to the page, for the replay line. */
  readonly itfFile?: string;
  /** Overrides the wait-for text (see traceMarkdown's hook). */
  readonly waitForText?: string;
}

/** JSON safe inside <script>: no `</script>`, no line separators that end JS strings. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #111; background: #fff; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
code, pre, td.mono { font-family: ui-monospace, monospace; }
table.steps { border-collapse: collapse; font-size: 0.9em; }
table.steps td, table.steps th { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
table.steps tr.violation td { background: ${VIOLATION_FILL}; border-color: ${VIOLATION_STROKE}; font-weight: bold; }
table.steps tr.selected td { outline: 2px solid #3366cc; }
table.steps tr { cursor: pointer; }
.legend span.swatch { display: inline-block; width: 1em; height: 1em; border: 1px solid #555; vertical-align: middle; margin: 0 0.3em 0 1em; }
.lanes { overflow-x: auto; } .lanes g.step { cursor: pointer; }
pre { overflow-x: auto; }
pre.state { background: #f6f6f6; padding: 0.6em; max-height: 24em; overflow: auto; }
`;

const SCRIPT = `
(function () {
  var itf = JSON.parse(document.getElementById('itf-data').textContent);
  var view = document.getElementById('state-view');
  var caption = document.getElementById('state-caption');
  function show(i) {
    var s = itf.states[i];
    var shown = {};
    for (var k in s) if (k !== '#meta') shown[k] = s[k];
    caption.textContent = i === 0 ? 'initial state' : 'state after step ' + i + ' (' + s['mbt::actionTaken'] + ')';
    view.textContent = JSON.stringify(shown, null, 1);
    var rows = document.querySelectorAll('table.steps tr[data-step]');
    for (var r = 0; r < rows.length; r++) rows[r].classList.toggle('selected', Number(rows[r].getAttribute('data-step')) === i);
  }
  var clickable = document.querySelectorAll('[data-step]');
  for (var j = 0; j < clickable.length; j++) {
    clickable[j].addEventListener('click', function (e) { show(Number(e.currentTarget.getAttribute('data-step'))); });
  }
  show(itf['#meta'].violationState);
  document.documentElement.setAttribute('data-ready', 'true');
  document.documentElement.setAttribute('data-states', String(itf.states.length));
})();
`;

export function traceHtml(model: Model, violation: Violation, itf: ItfTrace, meta: TraceMeta = {}, opts: TraceHtmlOptions = {}): string {
  const e = xmlEscape;
  const steps = violation.trace.steps;
  const metrics = metricsOf(model, steps.map((s) => s.action));
  const cols = movingThreads(model, violation);
  const where = cellLabel(model, meta);
  const title = `${violation.property} violated in ${model.name}${where}`;
  const summary = [
    `property <code>${e(violation.property)}</code> (${e(violation.kind)}), violated after step ${steps.length}`,
    `interleaving: ${e(formatMetrics(metrics))}`,
    ...(meta.minimized !== undefined ? [`minimised from: ${e(formatMetrics(meta.minimized.before))}`] : []),
    ...(meta.seed !== undefined ? [`found by fuzzing: seed ${meta.seed}${meta.fastCheckPath !== undefined ? `, path <code>${e(meta.fastCheckPath)}</code>` : ''}`] : []),
    `model <code>${e(model.name)}</code> ${e(itf['#meta'].model.hash)}, zrcheck ${e(itf['#meta'].toolVersion)}`,
    ...(opts.itfFile !== undefined ? [`replay: <code>zrcheck replay ${e(opts.itfFile)}</code>`] : []),
  ];
  const legend = [
    ...cols.map((t, i) => `<span class="swatch" style="background:${laneColour(i)}"></span>${e(model.threads[t]?.name ?? `#${t}`)}`),
    `<span class="swatch" style="background:${VIOLATION_FILL};border-color:${VIOLATION_STROKE}"></span>violating step`,
    '<span class="swatch" style="background:#fff;border:0;border-top:1px solid #666;height:0"></span>context switch',
  ];
  const rows: string[] = [];
  let prev = violation.trace.initial;
  steps.forEach((step, i) => {
    const a = model.actions[step.action]!;
    const bad = i === steps.length - 1;
    rows.push(
      `<tr data-step="${i + 1}"${bad ? ' class="violation"' : ''}><td>${i + 1}</td><td>${e(model.threads[a.thread]?.name ?? '')}</td>` +
        `<td class="mono">${e(a.name)}</td><td class="mono">${e(a.kernelFunction ?? '')}</td><td>${e(a.specSection ?? '')}</td>` +
        `<td class="mono">${e(stepChanges(model, step.action, prev, step.state).map((c) => c.replace(/\*\*/g, '')).join(', '))}</td></tr>`,
    );
    prev = step.state;
  });
  const waits = opts.waitForText ?? waitForSection(model, violation);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${e(title)}</h1>
${meta.description !== undefined ? `<p>${e(meta.description)}</p>\n` : ''}<ul class="summary">
${summary.map((s) => `<li>${s}</li>`).join('\n')}
</ul>
<p class="legend">Legend:${legend.join('')}</p>
<h2>Thread lanes</h2>
<div class="lanes">
${traceSvg(model, violation)}
</div>
<h2>Steps</h2>
<table class="steps">
<tr data-step="0"><th>step</th><th>thread</th><th>action</th><th>kernel function</th><th>spec</th><th>what changed</th></tr>
${rows.join('\n')}
</table>
${waits !== undefined ? `<h2>Wait-for at the end</h2>\n<pre class="waitfor">${e(waits)}</pre>\n` : ''}<h2>State</h2>
<p id="state-caption">state</p>
<pre class="state" id="state-view"></pre>
<p>Click a step (in the lanes or the table) to see the state after it; the header row shows the initial state.</p>
<script type="application/json" id="itf-data">${scriptJson(itf)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
