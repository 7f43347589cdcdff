-- A flawed mutex (test the other flags, then set your own): the classic race. Parity target:
-- an invariant violation, and the length of the shortest (BFS) counterexample.
const N: 2;
type pid: 0..N-1;
     stage: enum { Idle, Test, Set, Crit };
var flag: array[pid] of boolean;
    pc: array[pid] of stage;
startstate "init" begin
  for i: pid do flag[i] := false; pc[i] := Idle; end;
end;
ruleset i: pid do
  rule "try" pc[i] = Idle ==> begin pc[i] := Test; end;
  rule "test" pc[i] = Test & forall k: pid do k = i | !flag[k] end ==> begin pc[i] := Set; end;
  rule "set" pc[i] = Set ==> begin flag[i] := true; pc[i] := Crit; end;
  rule "exit" pc[i] = Crit ==> begin flag[i] := false; pc[i] := Idle; end;
end;
invariant "mutual_exclusion"
  forall a: pid do forall b: pid do a = b | !(pc[a] = Crit & pc[b] = Crit) end end;
