import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../../src/explorer/check.ts';
import type { Model } from '../../src/explorer/model.ts';
import { minimizeViolation } from '../../src/minimize/minimize.ts';
import { scriptJson, traceHtml } from '../../src/report/html.ts';
import { toItf } from '../../src/report/itf.ts';
import { VIOLATION_FILL } from '../../src/report/svgLanes.ts';
import { lockCycle } from '../minimize/fixtures/models.ts';
import { CHROMIUM_INSTALL, findChromium, runChromium } from './chromium.ts';

function page(model: Model) {
  const o = check(model, { search: 'dfs' });
  if (o.verdict !== 'violated') throw new Error('expected a violation');
  const r = minimizeViolation(model, o.violations[0]!);
  if (!r.ok) throw new Error(r.error);
  const itf = toItf(model, r.violation, { minimized: { before: r.before, after: r.after } });
  return { v: r.violation, itf, html: traceHtml(model, r.violation, itf, { minimized: { before: r.before, after: r.after } }, { itfFile: 'trace.itf.json' }) };
}

const m = lockCycle(3, 1);
const { v, itf, html } = page(m);

describe('traceHtml (static)', () => {
  test('self-contained: no external script, style, font, image or link', () => {
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    // URLs may appear only as data inside the embedded ITF (its format-description) and as
    // the SVG namespace, never in markup that a browser would fetch.
    const markup = html.replace(/<script type="application\/json"[\s\S]*?<\/script>/, '');
    expect(markup).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg")/);
  });
  test('SVG lanes: one box per step, the last one marked as the violation', () => {
    const boxes = html.match(/<g class="step[^"]*" data-step="\d+">/g) ?? [];
    expect(boxes).toHaveLength(v.trace.steps.length);
    expect(boxes.at(-1)).toContain('class="step violation"');
    expect(html.match(/class="step violation"/g)).toHaveLength(1);
    expect(html).toContain(`fill="${VIOLATION_FILL}"`);
    expect(html.match(/class="lane-name"/g)).toHaveLength(3);
  });
  test('legend names every lane and the violation', () => {
    const legend = html.slice(html.indexOf('class="legend"'), html.indexOf('</p>', html.indexOf('class="legend"')));
    for (const t of ['P0', 'P1', 'P2', 'violating step', 'context switch']) expect(legend).toContain(t);
  });
  test('the embedded ITF parses back to the exported document', () => {
    const m1 = /<script type="application\/json" id="itf-data">([\s\S]*?)<\/script>/.exec(html);
    expect(m1).not.toBeNull();
    expect(JSON.parse(m1![1]!)).toEqual(JSON.parse(JSON.stringify(itf)));
  });
  test('scriptJson cannot close the script element', () => {
    const s = scriptJson({ a: '</script><script>alert(1)</script>', b: '\u2028' });
    expect(s).not.toContain('</');
    expect(JSON.parse(s)).toEqual({ a: '</script><script>alert(1)</script>', b: '\u2028' });
  });
  test('escapes model text', () => {
    const weird = { ...m, threads: [{ name: '<b>P0</b>' }, ...m.threads.slice(1)] } as Model;
    const h = page(weird).html;
    expect(h).toContain('&lt;b&gt;P0&lt;/b&gt;');
    expect(h).not.toContain('<b>P0</b>');
  });
});

const browser = findChromium();
const why = browser === undefined ? ` (SKIPPED: no Chromium found; install it with \`${CHROMIUM_INSTALL}\` or set CHROMIUM=/path)` : '';
if (browser === undefined) console.warn(`html.test.ts: headless Chromium tests skipped: no chromium binary; install with: ${CHROMIUM_INSTALL}`);

describe.skipIf(browser === undefined)(`trace.html in headless Chromium${why}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'zrcheck-html-'));
  const file = join(dir, 'trace.html');
  writeFileSync(file, html);

  test('the inline script runs, reads the embedded ITF and shows the violating state', () => {
    const dom = runChromium(browser!, file, ['--dump-dom']);
    expect(dom).toMatch(/<html[^>]*data-ready="true"/);
    expect(dom).toMatch(new RegExp(`data-states="${v.trace.steps.length + 1}"`));
    expect(dom).toContain(`state after step ${v.trace.steps.length}`);
    const pre = /<pre class="state" id="state-view">([\s\S]*?)<\/pre>/.exec(dom)![1]!;
    expect(pre).toContain('"mbt::actionTaken"');
    expect(dom).toMatch(/<tr data-step="\d+" class="violation selected">/);
    expect(dom.match(/<g class="step[^"]*" data-step/g)).toHaveLength(v.trace.steps.length);
  });

  test('renders to a non-blank screenshot', () => {
    const png = join(dir, 'shot.png');
    runChromium(browser!, file, ['--window-size=900,900', `--screenshot=${png}`]);
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(10_000);
    rmSync(dir, { recursive: true, force: true });
  });
});
