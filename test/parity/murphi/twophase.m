-- Two-phase commit: one coordinator, N participants, votes and the decision as shared
-- variables. When everyone has acknowledged, the coordinator only has the "idle" rule,
-- which leaves the state unchanged: Rumur's default deadlock mode (stuttering) reports that
-- state as a deadlock, --deadlock-detection stuck does not. That difference is the point.
const N: 3;
type pid: 0..N-1;
     cstage: enum { CInit, CWait, CDecided, CDone };
     pstage: enum { Working, Ready, Committed, Aborted };
     vote_t: enum { NoVote, Yes, No };
     dec_t: enum { Undecided, Commit, Abort };
var c: cstage;
    p: array[pid] of pstage;
    vote: array[pid] of vote_t;
    ack: array[pid] of boolean;
    decision: dec_t;
startstate "init" begin
  c := CInit; decision := Undecided;
  for i: pid do p[i] := Working; vote[i] := NoVote; ack[i] := false; end;
end;
rule "prepare" c = CInit ==> begin c := CWait; end;
ruleset i: pid do
  rule "vote_yes" c != CInit & p[i] = Working ==> begin vote[i] := Yes; p[i] := Ready; end;
  rule "vote_no" c != CInit & p[i] = Working ==> begin vote[i] := No; p[i] := Aborted; end;
end;
rule "decide_commit" c = CWait & forall i: pid do vote[i] = Yes end ==> begin decision := Commit; c := CDecided; end;
rule "decide_abort" c = CWait & exists i: pid do vote[i] = No end ==> begin decision := Abort; c := CDecided; end;
ruleset i: pid do
  rule "learn_commit" p[i] = Ready & decision = Commit ==> begin p[i] := Committed; end;
  rule "learn_abort" p[i] = Ready & decision = Abort ==> begin p[i] := Aborted; end;
  rule "ack" decision != Undecided & (p[i] = Committed | p[i] = Aborted) & !ack[i] ==> begin ack[i] := true; end;
end;
rule "finish" c = CDecided & forall i: pid do ack[i] end ==> begin c := CDone; end;
rule "idle" c = CDone ==> begin end;
invariant "atomic_outcome"
  forall i: pid do forall k: pid do !(p[i] = Committed & p[k] = Aborted) end end;
invariant "commit_needs_all_yes"
  decision != Commit | forall i: pid do vote[i] = Yes end;
