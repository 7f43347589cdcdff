/**
 * Murphi text of zr-wb-jc for the Rumur side of the benchmark, for any NZR/NP. It is the
 * reference /work/shared/reference/zr-wb-jc/zr-wb-jc-{fixed,buggy}.m with the constants
 * substituted (test/examples/murphi.test.ts checks it against those files when present), kept
 * here so `npm run bench` needs nothing outside the repository.
 */
import { parseParams } from '../examples/zr-wb-jc.ts';

export function murphi(raw: Readonly<Record<string, unknown>> = {}): string {
  const { NZR, NP, VARIANT } = parseParams(raw);
  const endio =
    VARIANT === 'fixed'
      ? 'rule "w_endio" wpc=1 & wi<NP & wb[wi] ==> begin wb[wi] := false; wi := wi+1; end;\n'
      : 'rule "w_endio_h" wpc=1 & wi<NP & wb[wi] & !committing ==> begin handles := handles+1; wpc := 2; end;\n' +
        'rule "w_endio_h2" wpc=2 ==> begin wb[wi] := false; handles := handles-1; wi := wi+1; wpc := 1; end;\n';
  return `const NZR: ${NZR}; NP: ${NP};
type page: 0..NP-1; zid: scalarset(NZR); cnt: 0..NZR+1;
var pglock: array[page] of boolean; wb: array[page] of boolean; dirty: array[page] of boolean;
  handles: cnt; committing: boolean;
  zpc: array[zid] of 0..2; zi: array[zid] of 0..NP;
  wpc: 0..2; wi: 0..NP; jpc: 0..1;
function holders(): cnt; var c: cnt; begin c := 0; for z: zid do if zpc[z]=1 | zpc[z]=2 then c := c+1; end; end; if wpc=2 then c := c+1; end; return c; end;
startstate begin
  for p: page do pglock[p] := false; wb[p] := false; dirty[p] := false; end;
  handles := 0; committing := false;
  for z: zid do zpc[z] := 0; zi[z] := 0; end;
  wpc := 0; wi := 0; jpc := 0;
end;
ruleset z: zid do
  rule "z_start" zpc[z]=0 & !committing ==> begin handles := handles+1; zi[z] := 0; zpc[z] := 1; end;
  rule "z_lock" zpc[z]=1 & zi[z]<NP & !pglock[zi[z]] ==> begin pglock[zi[z]] := true; zpc[z] := 2; end;
  rule "z_wait" zpc[z]=2 & !wb[zi[z]] ==> begin dirty[zi[z]] := true; pglock[zi[z]] := false; zi[z] := zi[z]+1; zpc[z] := 1; end;
  rule "z_done" zpc[z]=1 & zi[z]=NP ==> begin handles := handles-1; zi[z] := 0; zpc[z] := 0; end;
end;
rule "w_scan" wpc=0 & wi<NP & !pglock[wi] ==> begin if dirty[wi] then wb[wi] := true; dirty[wi] := false; end; wi := wi+1; end;
rule "w_scan_done" wpc=0 & wi=NP ==> begin wi := 0; wpc := 1; end;
${endio}rule "w_skip" wpc=1 & wi<NP & !wb[wi] ==> begin wi := wi+1; end;
rule "w_loop" wpc=1 & wi=NP ==> begin wi := 0; wpc := 0; end;
rule "j_begin" jpc=0 ==> begin committing := true; jpc := 1; end;
rule "j_end" jpc=1 & handles=0 ==> begin committing := false; jpc := 0; end;
invariant "handles_accounting" handles = holders();
`;
}
