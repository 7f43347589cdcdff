/**
 * results/claims.md: each claim of the seed thread next to the matrix cells that decide it,
 * whether zrcheck bears it out, and the trace that shows it; then findings the thread did not
 * state (read off the matrix: cycles lockdep cannot see, assumptions that change answers,
 * deadlocks no one in the thread named, disagreements with the spec's expectations).
 */
import { settingLabel, type MatrixData, type MatrixRow } from './matrixAssemble.ts';
import { variantLabel } from './matrixCell.ts';
import { CLAIMS, NOT_MODELLED, type Claim, type ClaimCheck } from './claimsData.ts';
import { mdEscape as mdCell } from './traceMarkdown.ts';
import type { PropertyCell } from './matrixTypes.ts';

export type ClaimStatus = 'held' | 'refuted' | 'partly held' | 'not checked';

export interface CheckedClaim {
  readonly claim: Claim;
  readonly status: ClaimStatus;
  readonly rows: readonly { check: ClaimCheck; found: PropertyCell | undefined; agrees: boolean | undefined }[];
}

/** The verdict of a cell: its own row if kept, else the default row (same verdicts by construction). */
export function findVerdict(data: MatrixData, check: ClaimCheck): PropertyCell | undefined {
  const label = variantLabel({ variant: check.variant, assumptions: check.assumptions ?? {} });
  let row: MatrixRow | undefined = data.rows.find((r) => r.scenario === check.scenario && r.label === label);
  // An assumption row is kept only when it changes an answer; if that setting was run and its
  // row dropped, its verdicts equal the default row's.
  if (row === undefined && check.assumptions !== undefined && wasRun(data, check)) {
    row = data.rows.find((r) => r.scenario === check.scenario && r.variant === check.variant && r.role === 'default');
  }
  const cell = row?.cells[check.property]?.verdict;
  return cell === undefined || cell.status === 'n/a' ? undefined : cell;
}

function wasRun(data: MatrixData, check: ClaimCheck): boolean {
  const want = settingLabel(check.assumptions ?? {});
  return data.findings.some((f) => f.setting === want && f.tried > 0);
}

export function checkClaims(data: MatrixData): CheckedClaim[] {
  return CLAIMS.map((claim) => {
    const rows = claim.checks.map((check) => {
      const found = findVerdict(data, check);
      const agrees = found === undefined || found.status === 'incomplete' ? undefined : found.status === check.implies;
      return { check, found, agrees };
    });
    const decided = rows.filter((r) => r.agrees !== undefined);
    let status: ClaimStatus;
    if (decided.length === 0) status = 'not checked';
    else if (decided.every((r) => r.agrees)) status = decided.length === rows.length ? 'held' : 'partly held';
    else if (decided.every((r) => !r.agrees)) status = 'refuted';
    else status = 'partly held';
    return { claim, status, rows };
  });
}

function verdictLink(v: PropertyCell | undefined): string {
  if (v === undefined) return 'not checked';
  if (v.status === 'violated') return `[violated (${v.traceLength} steps)](${v.traceFile})${v.waitFor !== undefined ? `: ${mdCell(v.waitFor)}` : ''}`;
  return v.status;
}

function cellName(c: ClaimCheck): string {
  return `${c.scenario} / ${variantLabel({ variant: c.variant, assumptions: c.assumptions ?? {} })} / ${c.property}`;
}

export function renderClaims(data: MatrixData): string {
  const checked = checkClaims(data);
  const out: string[] = ['# Claims of the thread, checked by zrcheck', ''];
  out.push(
    'Thread: "Re: [PATCH v3 3/7] iomap: optional zero range dirty folio processing" (Zhang Yi, Brian Foster; linux-fsdevel/linux-ext4, July-August 2025). ' +
      'Each claim is read as verdicts of matrix cells (scenario / version / property, see matrix.md); "held" means every cell gave the verdict the claim implies.',
    '',
  );
  out.push('| claim | who, when | status |', '|---|---|---|');
  for (const c of checked) out.push(`| [${c.claim.id}](#${c.claim.id.toLowerCase()}) | ${c.claim.who}, ${c.claim.when} | ${c.status} |`);
  out.push('');
  for (const c of checked) {
    out.push(`## ${c.claim.id}`, '');
    out.push(`${c.claim.who}, ${c.claim.when}:`, '', `> ${c.claim.quote}`, '');
    out.push(`Reading: ${c.claim.reading}`, '');
    out.push(`Status: **${c.status}**`, '');
    out.push('| cell | claim implies | zrcheck found | agrees |', '|---|---|---|---|');
    for (const r of c.rows) {
      out.push(`| ${cellName(r.check)} | ${r.check.implies} | ${verdictLink(r.found)} | ${r.agrees === undefined ? '—' : r.agrees ? 'yes' : '**no**'} |`);
    }
    out.push('');
  }

  out.push('## Findings the thread did not state', '');
  const findings: string[] = [];
  const blind = data.rows.flatMap((row) =>
    Object.entries(row.cells)
      .filter(([p, c]) => p === 'D2' && c.verdict.status === 'violated' && (c.verdict.lockdepInvisible ?? 0) > 0)
      .map(() => `${row.scenario}/${row.label}`),
  );
  const allDeadlocks = data.rows.flatMap((row) =>
    Object.entries(row.cells).filter(([p, c]) => p === 'D2' && c.verdict.status === 'violated').map(() => `${row.scenario}/${row.label}`),
  );
  if (allDeadlocks.length > 0) {
    findings.push(
      `Lockdep would miss ${blind.length} of the ${allDeadlocks.length} deadlocks found: their wait-for cycle has an edge lockdep cannot see (PG_writeback or a folio lock held across a handle start; spec C.1 lockdep note)${blind.length > 0 ? `: ${blind.join(', ')}` : ''}. Only a wait-for analysis reports them.`,
    );
  }
  const c6 = data.rows.filter((r) => r.scenario === 'C6' && r.role === 'default' && r.cells['D2']?.verdict.status === 'violated');
  if (c6.length > 0) {
    const first = c6[0]!.cells['D2']!.verdict;
    findings.push(
      `Scenario C6 (folio lock vs handle order, no flush at all) deadlocks for ${c6.map((r) => r.variant).join(', ')}${
        first.status === 'violated' ? ` ([trace](${first.traceFile}))` : ''
      }. The thread discusses only flush-driven deadlocks; neither the batch (V2/V3) nor dropping the hole flush (V2a/V4) helps here; only zeroing outside the handle does.`,
    );
  }
  for (const f of data.findings) {
    if (f.changed.length === 0) continue;
    const label = (variant: string) => variantLabel({ variant, assumptions: f.assumptions });
    const describe = (c: { scenario: string; variant: string; properties: readonly string[] }) => {
      const row = data.rows.find((r) => r.scenario === c.scenario && r.label === label(c.variant));
      const d2 = row?.cells['D2']?.verdict;
      const cycle = c.properties.includes('D2') && d2?.status === 'violated' && d2.waitFor !== undefined ? `; new deadlock ${d2.waitFor}` : '';
      const gone = c.properties.includes('D2') && d2?.status === 'holds' ? '; deadlock gone' : '';
      return `${c.scenario}/${c.variant} (${c.properties.join(' ')}${cycle}${gone})`;
    };
    findings.push(
      `${Object.keys(f.assumptions).length > 1 ? 'Combined setting' : 'Assumption'} ${f.setting} (default ${settingLabel(f.defaults)}) changes answers in ${f.changed.length} of ${f.tried} cells: ${f.changed
        .map(describe)
        .join('; ')}.`,
    );
    if (Object.keys(f.assumptions).length > 1) {
      // Which deadlocks survive the combination (its own row if kept, else the default row).
      const survivors = data.rows
        .filter((r) => r.role === 'default')
        .filter((r) => {
          const own = data.rows.find((x) => x.scenario === r.scenario && x.label === label(r.variant));
          return (own ?? r).cells['D2']?.verdict.status === 'violated';
        })
        .map((r) => `${r.scenario}/${r.variant}`);
      findings.push(`Under ${f.setting}, deadlocks remain in: ${survivors.length === 0 ? 'none' : survivors.join(', ')}.`);
    }
  }
  const unchanged = data.findings.filter((f) => f.changed.length === 0 && f.tried > 0);
  if (unchanged.length > 0) {
    findings.push(`No answer depends on: ${unchanged.map((f) => f.setting).join('; ')} (each run on ${unchanged[0]!.tried} cells).`);
  }
  if (data.mismatches.length > 0) {
    findings.push(
      `zrcheck disagrees with ${data.mismatches.length} expectation${data.mismatches.length === 1 ? '' : 's'} of the spec (see matrix.md, "Mismatches"): ${data.mismatches
        .map((m) => `${m.scenario}/${m.label}/${m.property} is ${m.found}, expected ${m.expected.expect} (${m.expected.id})`)
        .join('; ')}.`,
    );
  }
  if (findings.length === 0) out.push('None.', '');
  else for (const f of findings) out.push(`- ${f}`, '');

  out.push('## Statements not modelled', '');
  for (const n of NOT_MODELLED) out.push(`- ${n.who}, ${n.when}: "${n.quote}" — ${n.why}`, '');
  return out.join('\n');
}
