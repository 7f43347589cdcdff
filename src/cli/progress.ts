/**
 * Progress on stderr for long runs: a redrawn line on a terminal, a plain line every few
 * seconds otherwise (so CI logs stay readable). Lines fit the terminal (80 columns when it is
 * not one) and say what a person waiting wants: how far, how fast, how much memory, and an
 * ETA where a bound is known (a state limit, a number of layouts or cells).
 */
import { groupedInt } from '../explorer/numberText.ts';
import type { Progress } from '../explorer/outcome.ts';
import type { CliIO } from './io.ts';

export interface ProgressLine {
  readonly onProgress: (p: Progress) => void;
  readonly intervalMs: number;
  /** Clears a redrawn line before final output. */
  done(): void;
}

/** 1234 -> 1,234; 1234567 -> 1.23M: counts that fit a progress line. */
export function compact(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (a >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return fmtInt(n);
}

/** Seconds as `42 s`, `3 min 5 s`, `2 h 10 min`. */
export function duration(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return '?';
  if (sec < 60) return `${sec < 10 ? sec.toFixed(1) : Math.round(sec)} s`;
  if (sec < 3600) return `${Math.floor(sec / 60)} min ${Math.round(sec % 60)} s`;
  return `${Math.floor(sec / 3600)} h ${Math.round((sec % 3600) / 60)} min`;
}

function rssMb(): number {
  return process.memoryUsage.rss() / 1048576;
}

/** Writes one progress line: redrawn on a terminal, a plain line otherwise; cut to fit. */
function writer(io: CliIO): { write(text: string): void; done(): void; intervalMs: number } {
  let drawn = false;
  const width = io.errIsTTY ? Math.max(40, (io.errColumns || 80) - 1) : 80;
  return {
    intervalMs: io.errIsTTY ? 250 : 5000,
    write(text) {
      const line = text.length > width ? `${text.slice(0, width - 1)}…` : text;
      if (io.errIsTTY) {
        io.err(`\r\x1b[K${line}`);
        drawn = true;
      } else io.err(`${line}\n`);
    },
    done() {
      if (drawn) io.err('\r\x1b[K');
      drawn = false;
    },
  };
}

/** Progress of one search: `check: 1.23M states 456k/s depth 34 queue 12.3k 312 MB 2.7 s`. */
export function progressLine(io: CliIO, label: string): ProgressLine {
  const w = writer(io);
  return {
    intervalMs: w.intervalMs,
    onProgress(p) {
      const eta =
        p.maxStates !== undefined && p.statesPerSec > 0 && p.maxStates > p.states ? ` ETA ≤${duration((p.maxStates - p.states) / p.statesPerSec)}` : '';
      w.write(
        `${label}: ${compact(p.states)} states ${compact(p.statesPerSec)}/s depth ${p.depth} queue ${compact(p.queued)} ${Math.round(p.residentMb)} MB ${duration(p.elapsedMs / 1000)}${eta}`,
      );
    },
    done: () => w.done(),
  };
}

/** Progress of a count of jobs (layouts, matrix cells): done/total, rate, ETA, memory. */
export function counterLine(io: CliIO, label: string, unit: string): { update(done: number, total: number, extra?: string): void; done(): void } {
  const w = writer(io);
  const t0 = performance.now();
  // The first line after one interval: a rate from the first job alone misleads the ETA.
  let last = t0;
  return {
    update(done, total, extra) {
      const now = performance.now();
      if (done < total && now - last < w.intervalMs) return;
      last = now;
      const sec = (now - t0) / 1000;
      const rate = sec > 0 ? done / sec : 0;
      const eta = done < total && rate > 0 ? ` ETA ${duration((total - done) / rate)}` : '';
      w.write(`${label}: ${fmtInt(done)}/${fmtInt(total)} ${unit} ${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s ${Math.round(rssMb())} MB ${duration(sec)}${eta}${extra ? ` ${extra}` : ''}`);
    },
    done: () => w.done(),
  };
}

export const fmtInt = groupedInt;
