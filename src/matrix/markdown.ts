/**
 * Renders matrix data as results/matrix.md: per profile, an overview of the mechanisms each
 * version x scenario shows, one table per scenario (every property, states, collision
 * probability, trace links, the expectations each cell is judged by), the mechanisms the spec
 * expects and where they were found, and the assumptions that change an answer; then the
 * mismatches, the expectation rules with citations, and the mechanisms.
 *
 * No dates, no absolute paths, no timings: two runs must give the same bytes.
 */
import { mdEscape as mdCell } from '../report/traceMarkdown.ts';
import { settingLabel } from './assemble.ts';
import type { MatrixData, MatrixProfile, MatrixRow } from './matrixData.ts';
import type { PropertyCell } from './types.ts';

function prob(p: number): string {
  return p === 0 ? '0' : p.toExponential(1);
}

function judgementMarks(row: MatrixRow, target: string): string {
  return row.judgements
    .filter((j) => j.target === target)
    .map((j) => (j.comparison === 'match' ? ` =${j.rule}` : j.comparison === 'mismatch' ? ` **≠${j.rule}**` : ` (${j.rule} unchecked)`))
    .join('');
}

/** One property of a row: verdict, trace link, mechanism, then its judgements. */
export function cellText(row: MatrixRow, property: string): string {
  const v = row.cells[property]!;
  let s: string;
  if (v.status === 'holds') s = '✓';
  else if (v.status === 'violated') s = `[✗ ${v.traceLength}](${v.traceFile})`;
  else if (v.status === 'incomplete') s = '? incomplete';
  else s = 'n/a';
  return s + judgementMarks(row, property);
}

/** The mechanisms a row shows, grouped: `C1-no-batch (D1 D2)`, each linked to its shortest trace. */
export function mechanismsText(row: MatrixRow, link: boolean): string {
  const by = new Map<string, { props: string[]; trace?: PropertyCell }>();
  for (const t of row.found) {
    const [p, m] = t.split(':') as [string, string];
    const e = by.get(m) ?? { props: [] };
    e.props.push(p);
    const v = row.mechanisms[t] ?? row.cells[p];
    if (v?.status === 'violated' && (e.trace === undefined || (e.trace.status === 'violated' && v.traceLength < e.trace.traceLength))) e.trace = v;
    by.set(m, e);
  }
  if (by.size === 0) return '—';
  return [...by.entries()]
    .map(([m, e]) => {
      const marks = row.judgements.filter((j) => j.comparison === 'mismatch' && j.target.endsWith(`:${m}`)).map((j) => ` **≠${j.rule}**`);
      const name = link && e.trace?.status === 'violated' ? `[${m}](${e.trace.traceFile})` : m;
      return `${name} (${e.props.join(' ')})${[...new Set(marks)].join('')}`;
    })
    .join('; ');
}

function runCols(row: MatrixRow): [string, string] {
  if (row.run.kind === 'checked') {
    const states = `${row.run.states}${row.run.verdict === 'incomplete' ? ` (limit: ${row.run.limit ?? '?'})` : ''}`;
    return [states, prob(row.run.collisionProbability)];
  }
  if (row.run.kind === 'not-applicable') return ['n/a', ''];
  return ['error', ''];
}

function versionName(p: MatrixProfile, id: string): string {
  return p.counterfactualVersions.some((v) => v.id === id) ? `${id} (counterfactual)` : id;
}

function renderProfile(data: MatrixData, p: MatrixProfile, out: string[]): void {
  const props = data.properties.map((x) => x.id);
  const rows = data.rows.filter((r) => r.profile === p.id);
  if (rows.length === 0) return;
  out.push(`## Profile ${p.id}: ${mdCell(p.title)}`, '');
  out.push(`Facts: \`zrcheck list profiles\`. Sources: ${mdCell(p.cite)}.`, '');
  if (rows.some((r) => r.counterfactual === true)) {
    out.push(
      `Counterfactual versions (a mix no kernel ships, run for the thread's claims and labelled wherever they appear): ${p.counterfactualVersions
        .map((v) => `${v.id}: ${mdCell(v.why)}`)
        .join('; ')}.`,
      '',
    );
  }

  out.push(`### ${p.id}: mechanisms found (default assumptions)`, '');
  const defaults = rows.filter((r) => r.role === 'default');
  const scenarioIds = data.scenarios.map((s) => s.id).filter((s) => defaults.some((r) => r.scenario === s));
  const versionIds = [...new Set(defaults.map((r) => r.variant))];
  out.push(`| scenario | ${versionIds.map((v) => versionName(p, v)).join(' | ')} |`);
  out.push(`|---|${versionIds.map(() => '---').join('|')}|`);
  for (const s of scenarioIds) {
    const cols = versionIds.map((v) => {
      const row = defaults.find((r) => r.scenario === s && r.variant === v);
      if (row === undefined) return '';
      if (row.run.kind === 'not-applicable') return 'n/a';
      if (row.run.kind === 'error') return 'error';
      const other = props.filter((q) => row.cells[q]!.status === 'violated' && !row.found.some((t) => t.startsWith(`${q}:`)) && !/^D1-/.test(q));
      const text = [mechanismsText(row, false), ...other.map((q) => `${q} violated`)].filter((x) => x !== '—').join('; ');
      const mism = row.judgements.some((j) => j.comparison === 'mismatch');
      return `${text === '' ? 'none' : text}${mism && !text.includes('≠') ? ' **≠**' : ''}`;
    });
    out.push(`| ${s} | ${cols.join(' | ')} |`);
  }
  out.push('');

  for (const s of data.scenarios) {
    const sRows = rows.filter((r) => r.scenario === s.id);
    if (sRows.length === 0) continue;
    out.push(`### ${p.id} / ${s.id}: ${mdCell(s.title ?? '')}`, '');
    if (s.cite !== undefined) out.push(`Source: ${mdCell(s.cite)}`, '');
    out.push(`| version | assumptions | states | P(coll) | ${props.join(' | ')} | mechanisms |`);
    out.push(`|---|---|---:|---:|${props.map(() => '---').join('|')}|---|`);
    for (const row of sRows) {
      const [states, pc] = runCols(row);
      out.push(
        `| ${versionName(p, row.variant)} | ${mdCell(row.role === 'default' ? 'defaults' : settingLabel(row.assumptions))} | ${states} | ${pc} | ${props
          .map((q) => cellText(row, q))
          .join(' | ')} | ${mechanismsText(row, true)} |`,
      );
    }
    const cycles = new Map<string, string[]>();
    for (const row of sRows) {
      const v = row.cells['D2'];
      if (v?.status !== 'violated') continue;
      const blind = (v.lockdepInvisible ?? 0) > 0 ? `, lockdep cannot see ${v.lockdepInvisible} edge${v.lockdepInvisible === 1 ? '' : 's'}` : '';
      const k = `${v.mechanism !== undefined ? `${v.mechanism}: ` : ''}${v.waitFor ?? 'no wait-for information'}${blind}`;
      cycles.set(k, [...(cycles.get(k) ?? []), `[${row.label}](${v.traceFile})`]);
    }
    if (cycles.size > 0) {
      out.push('', 'Deadlock (D2) wait-for cycles (shortest per cell):');
      for (const [cycle, where] of cycles) out.push(`- ${mdCell(cycle)}: ${where.join(', ')}`);
    }
    for (const r of sRows.filter((x) => x.run.kind !== 'checked')) {
      out.push('', `- ${r.label}: ${r.run.kind === 'not-applicable' ? `not applicable: ${mdCell(r.run.reason)}` : `model error: ${mdCell((r.run as { message: string }).message)}`}`);
    }
    out.push('');
  }

  const pres = data.presence.filter((x) => x.profile === p.id);
  out.push(`### ${p.id}: mechanisms the spec expects`, '');
  if (pres.length === 0) out.push('No expectation names a mechanism on this profile.', '');
  else {
    out.push('| rule | target | version | setting | judged in | found in |', '|---|---|---|---|---|---|');
    for (const x of pres) {
      const found =
        x.witnesses.length === 0
          ? x.comparison === 'mismatch'
            ? '**not found ≠**'
            : 'unchecked'
          : x.witnesses.map((w) => `[${w.cell}](${w.traceFile}) (${w.traceLength})`).join(', ');
      out.push(`| ${x.rule} | ${x.target} | ${versionName(p, x.variant)} | ${mdCell(x.setting)} | ${x.judged.join(' ')} | ${found} |`);
    }
    out.push('');
  }

  const findings = data.findings.filter((f) => f.profile === p.id);
  out.push(`### ${p.id}: assumptions that change an answer`, '');
  if (findings.length === 0) out.push('No assumption settings were run.', '');
  else {
    out.push(
      "Each non-default value of the profile's assumptions was run on every cell above, one at a time; rows whose answers (a property, or a mechanism found) change appear in the scenario tables.",
      '',
    );
    out.push('| setting | default | cells changed / tried | where (scenario/version: what changed) |');
    out.push('|---|---|---:|---|');
    for (const f of findings) {
      const where = f.changed.map((c) => `${c.scenario}/${c.variant}: ${c.properties.join(' ')}`).join('; ');
      out.push(`| ${f.setting} | ${settingLabel(f.defaults)} | ${f.changed.length} / ${f.tried} | ${mdCell(where === '' ? 'no answer changes' : where)} |`);
    }
    out.push('');
  }
}

export function renderMatrixMarkdown(data: MatrixData): string {
  const out: string[] = [];
  const c = data.counts;
  out.push('# zrcheck verdict matrix', '');
  out.push(
    `Generated by \`zrcheck matrix\`: exhaustive breadth-first search per cell, one trace per violated property and per violated mechanism (fewest steps, then minimised for context switches). ` +
      `Profiles: ${data.profiles.filter((p) => data.rows.some((r) => r.profile === p.id)).map((p) => p.id).join(', ')}. ${c.rows} rows from ${c.runs} runs; ` +
      `${c.violated} violated, ${c.holds} hold, ${c.notApplicable} not applicable, ${c.incomplete} incomplete; ` +
      `expectation checks (one per rule, target and cell it covers, or per rule and setting for a present rule): ${c.match} match, **${c.mismatch} mismatch**, ${c.unchecked} unchecked.`,
    '',
  );
  out.push(
    'Legend: ✓ holds (exhaustive); [✗ n](path) violated, n = trace length, link to the trace with its wait-for cycle; n/a not checked by this scenario; ' +
      '`=E` matches expectation E, **≠E** contradicts it. Expectations are keyed to (profile, version, mechanism), never to a scenario: an `absent` rule is judged in every cell it covers, ' +
      'a `present` rule across the cells it names ("mechanisms the spec expects"). "mechanisms" lists the named ways a property broke (`zrcheck list mechanisms`). ' +
      '"states" is the number of distinct states explored, "P(coll)" the probability that fingerprint hashing missed a state.',
    '',
  );
  for (const p of data.profiles) renderProfile(data, p, out);

  out.push('## Mismatches with the expectations', '');
  if (data.mismatches.length === 0) out.push('None.', '');
  else {
    out.push('| profile | scenario | version | target | zrcheck | expected | basis | source |');
    out.push('|---|---|---|---|---|---|---|---|');
    for (const m of data.mismatches) {
      const found = m.traceFile !== undefined ? `[${m.found}](${m.traceFile})` : m.found;
      out.push(`| ${m.profile} | ${m.scenario} | ${mdCell(m.label)} | ${m.target} | ${found} | ${m.expected.expect} (${m.expected.id}) | ${m.expected.basis} | ${mdCell(m.expected.cite)} |`);
    }
    out.push('');
  }

  out.push('## Expectation rules', '');
  out.push('| id | profiles | versions | targets | when | expect | witness scenarios | basis | source |', '|---|---|---|---|---|---|---|---|---|');
  for (const e of data.expectations) {
    out.push(
      `| ${e.id} | ${e.profiles.join(' ')} | ${e.versions.join(' ')} | ${e.targets.join(' ')} | ${mdCell(settingLabel(e.when ?? {}))} | ${e.expect} | ${(e.witnessIn ?? []).join(' ')} | ${e.basis} | ${mdCell(e.cite)} |`,
    );
  }
  out.push('');

  out.push('## Mechanisms', '');
  out.push('| id | breaks | what | source |', '|---|---|---|---|');
  for (const m of data.mechanisms) out.push(`| ${m.id} | ${m.properties.join(' ')} | ${mdCell(m.title ?? '')} | ${mdCell(m.cite ?? '')} |`);
  out.push('');
  return out.join('\n');
}
