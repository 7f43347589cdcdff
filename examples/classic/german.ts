/**
 * German's cache coherence protocol ("simple German", with data): the zrcheck twin of
 * test/parity/murphi/german.m. Murphi's `undefine` is written as 0 ("no value") in both, so
 * the two checkers see the same fully defined states. Nodes are 0..NODES-1 here and
 * 1..NODE_NUM in the .m; CurPtr stores node+1 with 0 for "no requester", as the .m does.
 */
import { bool, defineLayout, defineModel, oneOf, range, ruleset } from '../../src/index.ts';
import type { Model, Rule } from '../../src/index.ts';
import { intParam, onlyParams } from './params.ts';

// Cache states.
const I = 0;
const S = 1;
const E = 2;
// Message commands.
const EMPTY = 0;
const REQ_S = 1;
const REQ_E = 2;
const INV = 3;
const INV_ACK = 4;
const GNT_S = 5;
const GNT_E = 6;
const MSG = ['Empty', 'ReqS', 'ReqE', 'Inv', 'InvAck', 'GntS', 'GntE'];

export default function german(raw: Readonly<Record<string, unknown>> = {}): Model {
  onlyParams('german', raw, ['NODES', 'DATA']);
  const NODES = intParam('german', raw, 'NODES', 3, 1, 6);
  const DATA = intParam('german', raw, 'DATA', 2, 1, 8);
  const layout = defineLayout({
    CacheState: oneOf(['I', 'S', 'E'], NODES),
    CacheData: range(0, DATA, NODES),
    Chan1: oneOf(MSG, NODES),
    Chan2: oneOf(MSG, NODES),
    Chan2Data: range(0, DATA, NODES),
    Chan3: oneOf(MSG, NODES),
    Chan3Data: range(0, DATA, NODES),
    InvSet: bool(NODES),
    ShrSet: bool(NODES),
    ExGntd: bool(),
    CurCmd: oneOf(MSG),
    CurPtr: range(0, NODES),
    MemData: range(0, DATA),
    AuxData: range(0, DATA),
  });
  const f = layout.fields;
  const noSharers = (s: Uint32Array): boolean => {
    for (let k = 0; k < NODES; k++) if (f.ShrSet.is(s, k)) return false;
    return true;
  };
  const recvReq = (cmd: number) => (i: number) => (s: Uint32Array, n: Uint32Array) => {
    f.CurCmd.set(n, cmd);
    f.CurPtr.set(n, i + 1);
    f.Chan1.set(n, EMPTY, i);
    for (let k = 0; k < NODES; k++) f.InvSet.set(n, f.ShrSet.get(s, k), k);
  };
  const recvReqS = recvReq(REQ_S);
  const recvReqE = recvReq(REQ_E);

  const store = ruleset(NODES, (i) =>
    ruleset(DATA, (dd): Rule => {
      const d = dd + 1;
      return {
        name: `Store[${i},${d}]`,
        footprint: { guard: [`CacheState[${i}]`], reads: [], writes: [`CacheData[${i}]`, 'AuxData'], when: { [`CacheState[${i}]`]: 'E' } },
        thread: `node${i}`,
        guard: (s) => f.CacheState.get(s, i) === E,
        update: (_s, n) => {
          f.CacheData.set(n, d, i);
          f.AuxData.set(n, d);
        },
      };
    }),
  );

  const perNode = ruleset(NODES, (i): Rule[] => {
    const thread = `node${i}`;
    return [
      {
        name: `SendReqS[${i}]`,
        footprint: { guard: [`Chan1[${i}]`, `CacheState[${i}]`], reads: [], writes: [`Chan1[${i}]`], when: { [`Chan1[${i}]`]: 'Empty', [`CacheState[${i}]`]: 'I' } },
        thread,
        guard: (s) => f.Chan1.get(s, i) === EMPTY && f.CacheState.get(s, i) === I,
        update: (_s, n) => f.Chan1.set(n, REQ_S, i),
      },
      {
        name: `SendReqE[${i}]`,
        footprint: { guard: [`Chan1[${i}]`, `CacheState[${i}]`], reads: [], writes: [`Chan1[${i}]`], when: { [`Chan1[${i}]`]: 'Empty' } },
        thread,
        guard: (s) => {
          if (f.Chan1.get(s, i) !== EMPTY) return false;
          const c = f.CacheState.get(s, i);
          return c === I || c === S;
        },
        update: (_s, n) => f.Chan1.set(n, REQ_E, i),
      },
      {
        name: `RecvReqS[${i}]`,
        footprint: { guard: ['CurCmd', `Chan1[${i}]`], reads: ['ShrSet'], writes: ['CurCmd', 'CurPtr', `Chan1[${i}]`, 'InvSet'], when: { CurCmd: 'Empty', [`Chan1[${i}]`]: 'ReqS' } },
        thread,
        guard: (s) => f.CurCmd.get(s) === EMPTY && f.Chan1.get(s, i) === REQ_S,
        update: recvReqS(i),
      },
      {
        name: `RecvReqE[${i}]`,
        footprint: { guard: ['CurCmd', `Chan1[${i}]`], reads: ['ShrSet'], writes: ['CurCmd', 'CurPtr', `Chan1[${i}]`, 'InvSet'], when: { CurCmd: 'Empty', [`Chan1[${i}]`]: 'ReqE' } },
        thread,
        guard: (s) => f.CurCmd.get(s) === EMPTY && f.Chan1.get(s, i) === REQ_E,
        update: recvReqE(i),
      },
      {
        name: `SendInv[${i}]`,
        footprint: { guard: [`Chan2[${i}]`, `InvSet[${i}]`, 'CurCmd', 'ExGntd'], reads: [], writes: [`Chan2[${i}]`, `InvSet[${i}]`], when: { [`Chan2[${i}]`]: 'Empty', [`InvSet[${i}]`]: true } },
        thread,
        guard: (s) => {
          if (f.Chan2.get(s, i) !== EMPTY || !f.InvSet.is(s, i)) return false;
          const cmd = f.CurCmd.get(s);
          return cmd === REQ_E || (cmd === REQ_S && f.ExGntd.is(s));
        },
        update: (_s, n) => {
          f.Chan2.set(n, INV, i);
          f.InvSet.set(n, 0, i);
        },
      },
      {
        name: `SendInvAck[${i}]`,
        footprint: { guard: [`Chan2[${i}]`, `Chan3[${i}]`], reads: [`CacheState[${i}]`, `CacheData[${i}]`], writes: [`Chan2[${i}]`, `Chan3[${i}]`, `Chan3Data[${i}]`, `CacheState[${i}]`, `CacheData[${i}]`], when: { [`Chan2[${i}]`]: 'Inv', [`Chan3[${i}]`]: 'Empty' } },
        thread,
        guard: (s) => f.Chan2.get(s, i) === INV && f.Chan3.get(s, i) === EMPTY,
        update: (s, n) => {
          f.Chan2.set(n, EMPTY, i);
          f.Chan3.set(n, INV_ACK, i);
          if (f.CacheState.get(s, i) === E) f.Chan3Data.set(n, f.CacheData.get(s, i), i);
          f.CacheState.set(n, I, i);
          f.CacheData.set(n, 0, i);
        },
      },
      {
        name: `RecvInvAck[${i}]`,
        footprint: { guard: [`Chan3[${i}]`, 'CurCmd'], reads: ['ExGntd', `Chan3Data[${i}]`], writes: [`Chan3[${i}]`, `ShrSet[${i}]`, 'ExGntd', 'MemData', `Chan3Data[${i}]`], when: { [`Chan3[${i}]`]: 'InvAck' } },
        thread,
        guard: (s) => f.Chan3.get(s, i) === INV_ACK && f.CurCmd.get(s) !== EMPTY,
        update: (s, n) => {
          f.Chan3.set(n, EMPTY, i);
          f.ShrSet.set(n, 0, i);
          if (f.ExGntd.is(s)) {
            f.ExGntd.set(n, 0);
            f.MemData.set(n, f.Chan3Data.get(s, i));
            f.Chan3Data.set(n, 0, i);
          }
        },
      },
      {
        name: `SendGntS[${i}]`,
        footprint: { guard: ['CurCmd', 'CurPtr', `Chan2[${i}]`, 'ExGntd'], reads: ['MemData'], writes: [`Chan2[${i}]`, `Chan2Data[${i}]`, `ShrSet[${i}]`, 'CurCmd', 'CurPtr'], when: { CurCmd: 'ReqS', CurPtr: i + 1, [`Chan2[${i}]`]: 'Empty', ExGntd: false } },
        thread,
        guard: (s) =>
          f.CurCmd.get(s) === REQ_S && f.CurPtr.get(s) === i + 1 && f.Chan2.get(s, i) === EMPTY && !f.ExGntd.is(s),
        update: (s, n) => {
          f.Chan2.set(n, GNT_S, i);
          f.Chan2Data.set(n, f.MemData.get(s), i);
          f.ShrSet.set(n, 1, i);
          f.CurCmd.set(n, EMPTY);
          f.CurPtr.set(n, 0);
        },
      },
      {
        name: `SendGntE[${i}]`,
        footprint: { guard: ['CurCmd', 'CurPtr', `Chan2[${i}]`, 'ExGntd', 'ShrSet'], reads: ['MemData'], writes: [`Chan2[${i}]`, `Chan2Data[${i}]`, `ShrSet[${i}]`, 'ExGntd', 'CurCmd', 'CurPtr'], when: { CurCmd: 'ReqE', CurPtr: i + 1, [`Chan2[${i}]`]: 'Empty', ExGntd: false } },
        thread,
        guard: (s) =>
          f.CurCmd.get(s) === REQ_E &&
          f.CurPtr.get(s) === i + 1 &&
          f.Chan2.get(s, i) === EMPTY &&
          !f.ExGntd.is(s) &&
          noSharers(s),
        update: (s, n) => {
          f.Chan2.set(n, GNT_E, i);
          f.Chan2Data.set(n, f.MemData.get(s), i);
          f.ShrSet.set(n, 1, i);
          f.ExGntd.set(n, 1);
          f.CurCmd.set(n, EMPTY);
          f.CurPtr.set(n, 0);
        },
      },
      {
        name: `RecvGntS[${i}]`,
        footprint: { guard: [`Chan2[${i}]`], reads: [`Chan2Data[${i}]`], writes: [`CacheState[${i}]`, `CacheData[${i}]`, `Chan2[${i}]`, `Chan2Data[${i}]`], when: { [`Chan2[${i}]`]: 'GntS' } },
        thread,
        guard: (s) => f.Chan2.get(s, i) === GNT_S,
        update: (s, n) => {
          f.CacheState.set(n, S, i);
          f.CacheData.set(n, f.Chan2Data.get(s, i), i);
          f.Chan2.set(n, EMPTY, i);
          f.Chan2Data.set(n, 0, i);
        },
      },
      {
        name: `RecvGntE[${i}]`,
        footprint: { guard: [`Chan2[${i}]`], reads: [`Chan2Data[${i}]`], writes: [`CacheState[${i}]`, `CacheData[${i}]`, `Chan2[${i}]`, `Chan2Data[${i}]`], when: { [`Chan2[${i}]`]: 'GntE' } },
        thread,
        guard: (s) => f.Chan2.get(s, i) === GNT_E,
        update: (s, n) => {
          f.CacheState.set(n, E, i);
          f.CacheData.set(n, f.Chan2Data.get(s, i), i);
          f.Chan2.set(n, EMPTY, i);
          f.Chan2Data.set(n, 0, i);
        },
      },
    ];
  });

  return defineModel({
    name: `german(NODES=${NODES},DATA=${DATA})`,
    layout,
    // One start state per initial memory value d (Murphi: ruleset d do startstate).
    init: Array.from({ length: DATA }, (_, dd) => (s: Uint32Array) => {
      f.MemData.set(s, dd + 1);
      f.AuxData.set(s, dd + 1);
    }),
    rules: [...store, ...perNode],
    invariants: [
      {
        name: 'CntrlProp',
        reads: ['CacheState'],
        description: 'an exclusive copy excludes every other copy; a shared copy excludes exclusive ones',
        holds: (s) => {
          let exclusive = 0;
          let valid = 0;
          for (let i = 0; i < NODES; i++) {
            const c = f.CacheState.get(s, i);
            if (c === E) exclusive++;
            if (c !== I) valid++;
          }
          return exclusive === 0 || valid === 1;
        },
      },
      {
        name: 'DataProp',
        reads: ['AuxData', 'ExGntd', 'MemData', 'CacheState', 'CacheData'],
        description: 'memory holds the latest value unless someone has it exclusive; every valid copy does',
        holds: (s) => {
          const aux = f.AuxData.get(s);
          if (!f.ExGntd.is(s) && f.MemData.get(s) !== aux) return false;
          for (let i = 0; i < NODES; i++) if (f.CacheState.get(s, i) !== I && f.CacheData.get(s, i) !== aux) return false;
          return true;
        },
      },
    ],
    deadlock: 'stuck',
    // The nodes are interchangeable (Murphi: type NODE: scalarset(NODE_NUM)); CurPtr names a
    // node as node+1, 0 for none. Used by --symmetry.
    symmetry: [
      {
        name: 'node',
        size: NODES,
        indexes: ['CacheState', 'CacheData', 'Chan1', 'Chan2', 'Chan2Data', 'Chan3', 'Chan3Data', 'InvSet', 'ShrSet'],
        values: [{ field: 'CurPtr', offset: 1 }],
      },
    ],
    params: { NODES, DATA },
  });
}
