/**
 * zr-wb-jc: the public reference model (zero range x writeback x journal commit), written
 * with the public API only. It is the same rule set as
 * /work/shared/reference/zr-wb-jc/zr-wb-jc-{fixed,buggy}.m, so its state and transition
 * counts must equal Rumur's exactly; it is also the speed benchmark (`npm run bench`), which
 * is why guards and updates read fields through pre-bound `Field` objects and allocate nothing.
 *
 * Default export: params `{ NZR, NP, VARIANT }` (numbers or the strings the CLI passes) to a
 * Model. `fixed` ends I/O without a journal handle; `buggy` takes one (w_endio_h/_h2) and
 * deadlocks against a commit waiting for handles to drain.
 */
import { bool, defineLayout, defineModel, enumParam, intParam as declareInt, range, ruleset } from '../src/index.ts';
import type { Model, Rule } from '../src/index.ts';

export type Variant = 'fixed' | 'buggy';

export interface ZrWbJcParams {
  /** Zero-range threads (Murphi `NZR`), 1..MAX_THREADS. */
  readonly NZR: number;
  /** Pages (Murphi `NP`), 1..MAX_PAGES. */
  readonly NP: number;
  readonly VARIANT: Variant;
}

/** Defaults: the (3,3) size the tests use; the benchmark asks for (4,4) explicitly. */
export const DEFAULTS: ZrWbJcParams = { NZR: 3, NP: 3, VARIANT: 'fixed' };
/** Beyond these the state space is far out of reach anyway; the bound catches typos like 44. */
const MAX_THREADS = 16;
const MAX_PAGES = 16;

/** The parameters `zrcheck check examples/zr-wb-jc.ts --param ...` takes (checked and typed by the CLI). */
export const params = {
  NZR: declareInt(DEFAULTS.NZR, { min: 1, max: MAX_THREADS, description: 'zero-range threads' }),
  NP: declareInt(DEFAULTS.NP, { min: 1, max: MAX_PAGES, description: 'pages' }),
  VARIANT: enumParam(['fixed', 'buggy'], DEFAULTS.VARIANT, 'buggy ends I/O under a journal handle'),
};

/** Parses one integer parameter that may arrive as a CLI string; throws naming it. */
function intParam(name: string, raw: unknown, min: number, max: number): number {
  const n = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new Error(`zr-wb-jc: parameter ${name}=${JSON.stringify(raw)} is invalid: expected an integer in ${min}..${max}`);
  }
  return n;
}

/** Validates raw params (unknown keys are rejected so `--param NPP=4` is not silently ignored). */
export function parseParams(raw: Readonly<Record<string, unknown>> = {}): ZrWbJcParams {
  for (const key of Object.keys(raw)) {
    if (key !== 'NZR' && key !== 'NP' && key !== 'VARIANT') {
      throw new Error(`zr-wb-jc: unknown parameter ${key}=${JSON.stringify(raw[key])}; expected NZR, NP, VARIANT`);
    }
  }
  const NZR = raw.NZR === undefined ? DEFAULTS.NZR : intParam('NZR', raw.NZR, 1, MAX_THREADS);
  const NP = raw.NP === undefined ? DEFAULTS.NP : intParam('NP', raw.NP, 1, MAX_PAGES);
  const v = raw.VARIANT === undefined ? DEFAULTS.VARIANT : raw.VARIANT;
  if (v !== 'fixed' && v !== 'buggy') {
    throw new Error(`zr-wb-jc: parameter VARIANT=${JSON.stringify(v)} is invalid: expected "fixed" or "buggy"`);
  }
  return { NZR, NP, VARIANT: v };
}

export default function zrWbJc(raw: Readonly<Record<string, unknown>> = {}): Model {
  const { NZR, NP, VARIANT } = parseParams(raw);
  const layout = defineLayout({
    pglock: bool(NP),
    wb: bool(NP),
    dirty: bool(NP),
    handles: range(0, NZR + 1),
    committing: bool(),
    zpc: range(0, 2, NZR),
    zi: range(0, NP, NZR),
    wpc: range(0, 2),
    wi: range(0, NP),
    jpc: range(0, 1),
  });
  // Pre-bound fields: the hot path does one property read per access, no lookups by name.
  const { pglock, wb, dirty, handles, committing, zpc, zi, wpc, wi, jpc } = layout.fields;

  // Rumur's order (z_start for every z, then z_lock, ...), so BFS picks the same trace as Rumur.
  const zRules = ruleset(NZR, (z): Rule[] => {
    const thread = `z${z}`;
    return [
      {
        name: `z_start[${z}]`,
        footprint: { guard: [`zpc[${z}]`, 'committing'], reads: ['handles'], writes: ['handles', `zi[${z}]`, `zpc[${z}]`], when: { [`zpc[${z}]`]: 0, committing: false } },
        thread,
        guard: (s) => zpc.get(s, z) === 0 && !committing.is(s),
        update: (s, n) => {
          handles.set(n, handles.get(s) + 1);
          zi.set(n, 0, z);
          zpc.set(n, 1, z);
        },
      },
      {
        name: `z_lock[${z}]`,
        footprint: { guard: [`zpc[${z}]`, `zi[${z}]`, 'pglock'], reads: [`zi[${z}]`], writes: ['pglock', `zpc[${z}]`], when: { [`zpc[${z}]`]: 1 } },
        thread,
        guard: (s) => {
          if (zpc.get(s, z) !== 1) return false;
          const i = zi.get(s, z);
          return i < NP && !pglock.is(s, i);
        },
        update: (s, n) => {
          pglock.set(n, 1, zi.get(s, z));
          zpc.set(n, 2, z);
        },
      },
      {
        name: `z_wait[${z}]`,
        footprint: { guard: [`zpc[${z}]`, `zi[${z}]`, 'wb'], reads: [`zi[${z}]`], writes: ['dirty', 'pglock', `zi[${z}]`, `zpc[${z}]`], when: { [`zpc[${z}]`]: 2 } },
        thread,
        // zpc=2 is only reached from z_lock with zi<NP, so wb[zi] is in range here.
        guard: (s) => zpc.get(s, z) === 2 && !wb.is(s, zi.get(s, z)),
        update: (s, n) => {
          const i = zi.get(s, z);
          dirty.set(n, 1, i);
          pglock.set(n, 0, i);
          zi.set(n, i + 1, z);
          zpc.set(n, 1, z);
        },
      },
      {
        name: `z_done[${z}]`,
        footprint: { guard: [`zpc[${z}]`, `zi[${z}]`], reads: ['handles'], writes: ['handles', `zi[${z}]`, `zpc[${z}]`], when: { [`zpc[${z}]`]: 1 } },
        thread,
        guard: (s) => zpc.get(s, z) === 1 && zi.get(s, z) === NP,
        update: (s, n) => {
          handles.set(n, handles.get(s) - 1);
          zi.set(n, 0, z);
          zpc.set(n, 0, z);
        },
      },
    ];
  });

  const wScan: Rule[] = [
    {
      name: 'w_scan',
      footprint: { guard: ['wpc', 'wi', 'pglock'], reads: ['wi', 'dirty'], writes: ['wb', 'dirty', 'wi'], when: { wpc: 0 } },
      thread: 'w',
      guard: (s) => {
        if (wpc.get(s) !== 0) return false;
        const i = wi.get(s);
        return i < NP && !pglock.is(s, i);
      },
      update: (s, n) => {
        const i = wi.get(s);
        if (dirty.is(s, i)) {
          wb.set(n, 1, i);
          dirty.set(n, 0, i);
        }
        wi.set(n, i + 1);
      },
    },
    {
      name: 'w_scan_done',
      footprint: { guard: ['wpc', 'wi'], reads: [], writes: ['wi', 'wpc'], when: { wpc: 0 } },
      thread: 'w',
      guard: (s) => wpc.get(s) === 0 && wi.get(s) === NP,
      update: (_s, n) => {
        wi.set(n, 0);
        wpc.set(n, 1);
      },
    },
  ];

  // End-I/O: the only place the variants differ (see the .m diff).
  const wEndio: Rule[] =
    VARIANT === 'fixed'
      ? [
          {
            name: 'w_endio',
            footprint: { guard: ['wpc', 'wi', 'wb'], reads: ['wi'], writes: ['wb', 'wi'], when: { wpc: 1 } },
            thread: 'w',
            guard: (s) => {
              if (wpc.get(s) !== 1) return false;
              const i = wi.get(s);
              return i < NP && wb.is(s, i);
            },
            update: (s, n) => {
              const i = wi.get(s);
              wb.set(n, 0, i);
              wi.set(n, i + 1);
            },
          },
        ]
      : [
          {
            name: 'w_endio_h',
            footprint: { guard: ['wpc', 'committing', 'wi', 'wb'], reads: ['handles'], writes: ['handles', 'wpc'], when: { wpc: 1, committing: false } },
            thread: 'w',
            guard: (s) => {
              if (wpc.get(s) !== 1 || committing.is(s)) return false;
              const i = wi.get(s);
              return i < NP && wb.is(s, i);
            },
            update: (s, n) => {
              handles.set(n, handles.get(s) + 1);
              wpc.set(n, 2);
            },
          },
          {
            name: 'w_endio_h2',
            footprint: { guard: ['wpc'], reads: ['wi', 'handles'], writes: ['wb', 'handles', 'wi', 'wpc'], when: { wpc: 2 } },
            thread: 'w',
            guard: (s) => wpc.get(s) === 2,
            update: (s, n) => {
              const i = wi.get(s);
              wb.set(n, 0, i);
              handles.set(n, handles.get(s) - 1);
              wi.set(n, i + 1);
              wpc.set(n, 1);
            },
          },
        ];

  const wTail: Rule[] = [
    {
      name: 'w_skip',
      footprint: { guard: ['wpc', 'wi', 'wb'], reads: ['wi'], writes: ['wi'], when: { wpc: 1 } },
      thread: 'w',
      guard: (s) => {
        if (wpc.get(s) !== 1) return false;
        const i = wi.get(s);
        return i < NP && !wb.is(s, i);
      },
      update: (s, n) => {
        wi.set(n, wi.get(s) + 1);
      },
    },
    {
      name: 'w_loop',
      footprint: { guard: ['wpc', 'wi'], reads: [], writes: ['wi', 'wpc'], when: { wpc: 1 } },
      thread: 'w',
      guard: (s) => wpc.get(s) === 1 && wi.get(s) === NP,
      update: (_s, n) => {
        wi.set(n, 0);
        wpc.set(n, 0);
      },
    },
  ];

  const jRules: Rule[] = [
    {
      name: 'j_begin',
      footprint: { guard: ['jpc'], reads: [], writes: ['committing', 'jpc'], when: { jpc: 0 } },
      thread: 'j',
      guard: (s) => jpc.get(s) === 0,
      update: (_s, n) => {
        committing.set(n, 1);
        jpc.set(n, 1);
      },
    },
    {
      name: 'j_end',
      footprint: { guard: ['jpc', 'handles'], reads: [], writes: ['committing', 'jpc'], when: { jpc: 1, handles: 0 } },
      thread: 'j',
      guard: (s) => jpc.get(s) === 1 && handles.get(s) === 0,
      update: (_s, n) => {
        committing.set(n, 0);
        jpc.set(n, 0);
      },
    },
  ];

  const threads = [...Array.from({ length: NZR }, (_, z) => `z${z}`), 'w', 'j'];

  return defineModel({
    name: `zr-wb-jc-${VARIANT}(NZR=${NZR},NP=${NP})`,
    layout,
    threads,
    rules: [...zRules, ...wScan, ...wEndio, ...wTail, ...jRules],
    invariants: [
      {
        name: 'handles_accounting',
        reads: ['wpc', 'zpc', 'handles'],
        description: 'handles equals the number of zero-range threads holding one (zpc 1 or 2), plus 1 if wpc=2',
        holds: (s) => {
          let c = wpc.get(s) === 2 ? 1 : 0;
          for (let z = 0; z < NZR; z++) if (zpc.get(s, z) !== 0) c++;
          return handles.get(s) === c;
        },
      },
    ],
    // As in the README: a state with no enabled rule is a deadlock. No rule of this model
    // stutters, so 'stuck' and Rumur's default 'stuttering' give the same verdicts.
    deadlock: 'stuck',
    params: { NZR, NP, VARIANT },
  });
}
