-- Peterson's mutual exclusion, generalised to N processes (the filter lock).
-- level[i] = 0: not trying; a process climbs levels 1..N-1, at each level naming itself the
-- victim and waiting until it is not the victim or nobody else is at its level or above.
-- Multiple start states (one per initial victim value) exercise several initial states.
const N: 3;
type pid: 0..N-1;
     lvl: 0..N-1;
     stage: enum { Idle, SetVictim, Wait, Crit };
var level: array[pid] of lvl;
    victim: array[lvl] of pid;       -- victim[0] is never used by the algorithm
    pc: array[pid] of stage;
ruleset v: pid do
  startstate "init" begin
    for i: pid do level[i] := 0; pc[i] := Idle; end;
    for l: lvl do victim[l] := v; end;
  end;
end;
ruleset i: pid do
  rule "start" pc[i] = Idle ==> begin level[i] := 1; pc[i] := SetVictim; end;
  rule "set_victim" pc[i] = SetVictim ==> begin victim[level[i]] := i; pc[i] := Wait; end;
  rule "advance" pc[i] = Wait & (victim[level[i]] != i | forall k: pid do k = i | level[k] < level[i] end) ==>
  begin
    if level[i] = N-1 then pc[i] := Crit; else level[i] := level[i] + 1; pc[i] := SetVictim; end;
  end;
  rule "exit" pc[i] = Crit ==> begin level[i] := 0; pc[i] := Idle; end;
end;
invariant "mutual_exclusion"
  forall i: pid do forall j: pid do i = j | !(pc[i] = Crit & pc[j] = Crit) end end;
