-- Dining philosophers, naive: each philosopher takes the left fork, then the right.
-- Parity target: all philosophers holding their left fork is a stuck deadlock, found by
-- BFS at depth 2N; with deadlock detection off the whole space is explored.
const N: 4;
type phil: 0..N-1;
     phase: enum { Thinking, Hungry, HasLeft, Eating };
var pc: array[phil] of phase;
    fork: array[phil] of boolean;   -- fork[i] lies between philosopher i and i+1 (mod N)
startstate "table" begin
  for i: phil do pc[i] := Thinking; fork[i] := false; end;
end;
ruleset i: phil do
  rule "hungry" pc[i] = Thinking ==> begin pc[i] := Hungry; end;
  rule "take_left" pc[i] = Hungry & !fork[i] ==> begin fork[i] := true; pc[i] := HasLeft; end;
  rule "take_right" pc[i] = HasLeft & !fork[(i+1) % N] ==> begin fork[(i+1) % N] := true; pc[i] := Eating; end;
  rule "release" pc[i] = Eating ==> begin fork[i] := false; fork[(i+1) % N] := false; pc[i] := Thinking; end;
end;
invariant "neighbours_never_eat_together"
  forall i: phil do !(pc[i] = Eating & pc[(i+1) % N] = Eating) end;
