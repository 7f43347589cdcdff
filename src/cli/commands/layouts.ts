/**
 * `zrcheck layouts --variant ID [--scenario ID] --max-blocks N`: checks every small initial
 * layout for one version (the scenario picks the threads and the caller), and reports per
 * property how many layouts break it and the smallest witness, with the command that shows
 * its trace. Exit 1 when any layout breaks a property, 0 when none does.
 */
import { describeLayout, sweepLayouts } from '../../report/layoutSweep.ts';
import { EXIT, type Command } from '../io.ts';
import { parseParams } from '../params.ts';
import { fmtInt } from '../progress.ts';
import { selectProperties } from '../../properties/select.ts';
import { numberOption, parseCommand, usageError } from './shared.ts';

const USAGE = `usage: zrcheck layouts --variant ID [--scenario ID] --max-blocks N [--assume NAME=VALUE]...
       [--property NAME]... [--unaligned] [--max-states N] [--json]`;

export const layoutsCommand: Command = async (args, io) => {
  const parsed = parseCommand(
    io,
    args,
    {
      variant: { type: 'string' },
      scenario: { type: 'string' },
      'max-blocks': { type: 'string' },
      assume: { type: 'string', multiple: true },
      property: { type: 'string', multiple: true },
      unaligned: { type: 'boolean' },
      'max-states': { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 0) return usageError(io, `unexpected argument '${parsed.positionals[0]}'`, USAGE);
  const v = parsed.values;
  if (v.variant === undefined) return usageError(io, '--variant ID is required', USAGE);
  if (v['max-blocks'] === undefined) return usageError(io, '--max-blocks N is required', USAGE);
  const maxBlocks = numberOption('max-blocks', v['max-blocks']);
  if (typeof maxBlocks === 'string') return usageError(io, maxBlocks, USAGE);
  let maxStates: number | undefined;
  if (v['max-states'] !== undefined) {
    const n = numberOption('max-states', v['max-states']);
    if (typeof n === 'string') return usageError(io, n, USAGE);
    maxStates = n;
  }
  const assumptions = parseParams(v.assume ?? [], '--assume');
  if (!assumptions.ok) return usageError(io, assumptions.error, USAGE);
  const scenario = v.scenario ?? 'C1';
  const names = v.property ?? [];
  let interrupted = false;
  const unhook = io.onInterrupt(() => (interrupted = true));
  let last = 0;
  const started = performance.now();
  const result = sweepLayouts({
    scenario,
    variant: v.variant,
    assumptions: Object.fromEntries(Object.entries(assumptions.params).map(([k, x]) => [k, String(x)])),
    maxBlocks,
    unalignedStarts: v.unaligned === true,
    ...(maxStates !== undefined ? { maxStatesPerLayout: maxStates } : {}),
    select: (m) => selectProperties(m, names),
    shouldAbort: () => interrupted,
    onProgress: (done, total) => {
      const now = performance.now();
      if (now - last < (io.errIsTTY ? 250 : 5000) && done !== total) return;
      last = now;
      const text = `layouts ${v.variant}: ${fmtInt(done)}/${fmtInt(total)} checked, ${((now - started) / 1000).toFixed(1)} s`;
      io.err(io.errIsTTY ? `\r\x1b[K${text}${done === total ? '\n' : ''}` : `${text}\n`);
    },
  });
  unhook();
  if (!result.ok) return usageError(io, result.error, USAGE);
  const any = result.properties.some((p) => p.violatingLayouts > 0);
  if (v.json) {
    io.out(`${JSON.stringify({ scenario, variant: v.variant, maxBlocks, ...result, properties: result.properties.map((p) => ({ ...p, ...(p.smallest ? { smallest: { ...p.smallest, description: describeLayout(p.smallest.layout) } } : {}) })) }, null, 2)}\n`);
  } else {
    const lines = [
      `zrcheck layouts: scenario ${scenario} threads, variant ${v.variant}, every layout of at most ${maxBlocks} block${maxBlocks === 1 ? '' : 's'}`,
      `${fmtInt(result.checked)} of ${fmtInt(result.layouts)} layouts checked exhaustively (${fmtInt(result.totalStates)} states in all)${result.aborted ? ', INTERRUPTED' : ''}${result.incomplete ? `, ${result.incomplete} hit the state limit` : ''}`,
      '',
    ];
    const w = Math.max(8, ...result.properties.map((p) => p.property.length));
    for (const p of result.properties) {
      if (p.violatingLayouts === 0) {
        lines.push(`${p.property.padEnd(w)}  holds on every layout`);
        continue;
      }
      const s = p.smallest!;
      lines.push(`${p.property.padEnd(w)}  VIOLATED on ${fmtInt(p.violatingLayouts)} layouts; smallest: ${describeLayout(s.layout)} (${s.traceLength}-step trace)`);
    }
    const witnesses = result.properties.filter((p) => p.smallest);
    if (witnesses.length > 0) lines.push('', 'traces of the smallest witnesses:');
    const extra = (v.assume ?? []).map((a) => ` --assume ${a}`).join('');
    lines.push(...witnesses.map((p) => `  zrcheck check --scenario ${scenario} --variant ${v.variant}${extra} --layout ${p.smallest!.layout.id} --property ${p.property}`));
    io.out(`${lines.join('\n')}\n`);
  }
  if (result.aborted || result.incomplete > 0) return any ? EXIT.violated : EXIT.incomplete;
  return any ? EXIT.violated : EXIT.holds;
};
