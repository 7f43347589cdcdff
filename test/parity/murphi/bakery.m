-- Lamport's bakery with bounded tickets. The ticket is max+1 (computed atomically); the
-- doorway admits a process only while max+N <= MAXT: while one process is choosing, every
-- other can take at most one ticket before it blocks on that choosing flag, so tickets never
-- exceed MAXT (an out-of-range assignment would be a model error in both checkers).
const N: 3; MAXT: 5;
type pid: 0..N-1;
     ticket: 0..MAXT;
     stage: enum { Idle, Choose, Release, Scan, Compare, Crit };
var choosing: array[pid] of boolean;
    number: array[pid] of ticket;
    pc: array[pid] of stage;
    j: array[pid] of 0..N;            -- scan position
function maxnum(): ticket; var m: ticket; begin
  m := 0; for k: pid do if number[k] > m then m := number[k]; end; end; return m;
end;
startstate "init" begin
  for i: pid do choosing[i] := false; number[i] := 0; pc[i] := Idle; j[i] := 0; end;
end;
ruleset i: pid do
  rule "doorway" pc[i] = Idle & maxnum() + N <= MAXT ==> begin choosing[i] := true; pc[i] := Choose; end;
  rule "take_ticket" pc[i] = Choose ==> begin number[i] := maxnum() + 1; pc[i] := Release; end;
  rule "end_choosing" pc[i] = Release ==> begin choosing[i] := false; j[i] := 0; pc[i] := Scan; end;
  rule "wait_choosing" pc[i] = Scan & j[i] < N & !choosing[j[i]] ==> begin pc[i] := Compare; end;
  rule "wait_number" pc[i] = Compare &
      (number[j[i]] = 0 | number[i] < number[j[i]] | (number[i] = number[j[i]] & i <= j[i])) ==>
    begin j[i] := j[i] + 1; pc[i] := Scan; end;
  rule "enter" pc[i] = Scan & j[i] = N ==> begin j[i] := 0; pc[i] := Crit; end;
  rule "exit" pc[i] = Crit ==> begin number[i] := 0; pc[i] := Idle; end;
end;
invariant "mutual_exclusion"
  forall a: pid do forall b: pid do a = b | !(pc[a] = Crit & pc[b] = Crit) end end;
