-- German's cache coherence protocol (the "simple German" of Chou, Mannava and Park), with
-- data. Murphi's `undefine` is replaced by writing 0 ("no value") so that both checkers see
-- exactly the same, fully defined states; NODE and DATA start at 1 for that reason.
const NODE_NUM: 3; DATA_NUM: 2;
type NODE: 1..NODE_NUM;
     PTR: 0..NODE_NUM;               -- 0: no current requester
     DATA: 1..DATA_NUM;
     VAL: 0..DATA_NUM;               -- 0: no value
     CACHE_STATE: enum { I, S, E };
     MSG_CMD: enum { Empty, ReqS, ReqE, Inv, InvAck, GntS, GntE };
var CacheState: array[NODE] of CACHE_STATE;
    CacheData: array[NODE] of VAL;
    Chan1: array[NODE] of MSG_CMD;
    Chan2: array[NODE] of MSG_CMD;
    Chan2Data: array[NODE] of VAL;
    Chan3: array[NODE] of MSG_CMD;
    Chan3Data: array[NODE] of VAL;
    InvSet: array[NODE] of boolean;
    ShrSet: array[NODE] of boolean;
    ExGntd: boolean;
    CurCmd: MSG_CMD;
    CurPtr: PTR;
    MemData: VAL;
    AuxData: VAL;
ruleset d: DATA do
  startstate "init" begin
    for i: NODE do
      CacheState[i] := I; CacheData[i] := 0; Chan1[i] := Empty; Chan2[i] := Empty; Chan2Data[i] := 0;
      Chan3[i] := Empty; Chan3Data[i] := 0; InvSet[i] := false; ShrSet[i] := false;
    end;
    ExGntd := false; CurCmd := Empty; CurPtr := 0; MemData := d; AuxData := d;
  end;
end;
ruleset i: NODE; d: DATA do
  rule "Store" CacheState[i] = E ==> begin CacheData[i] := d; AuxData := d; end;
end;
ruleset i: NODE do
  rule "SendReqS" Chan1[i] = Empty & CacheState[i] = I ==> begin Chan1[i] := ReqS; end;
  rule "SendReqE" Chan1[i] = Empty & (CacheState[i] = I | CacheState[i] = S) ==> begin Chan1[i] := ReqE; end;
  rule "RecvReqS" CurCmd = Empty & Chan1[i] = ReqS ==>
  begin CurCmd := ReqS; CurPtr := i; Chan1[i] := Empty; for k: NODE do InvSet[k] := ShrSet[k]; end; end;
  rule "RecvReqE" CurCmd = Empty & Chan1[i] = ReqE ==>
  begin CurCmd := ReqE; CurPtr := i; Chan1[i] := Empty; for k: NODE do InvSet[k] := ShrSet[k]; end; end;
  rule "SendInv" Chan2[i] = Empty & InvSet[i] & (CurCmd = ReqE | CurCmd = ReqS & ExGntd) ==>
  begin Chan2[i] := Inv; InvSet[i] := false; end;
  rule "SendInvAck" Chan2[i] = Inv & Chan3[i] = Empty ==>
  begin
    Chan2[i] := Empty; Chan3[i] := InvAck;
    if CacheState[i] = E then Chan3Data[i] := CacheData[i]; end;
    CacheState[i] := I; CacheData[i] := 0;
  end;
  rule "RecvInvAck" Chan3[i] = InvAck & CurCmd != Empty ==>
  begin
    Chan3[i] := Empty; ShrSet[i] := false;
    if ExGntd then ExGntd := false; MemData := Chan3Data[i]; Chan3Data[i] := 0; end;
  end;
  rule "SendGntS" CurCmd = ReqS & CurPtr = i & Chan2[i] = Empty & !ExGntd ==>
  begin Chan2[i] := GntS; Chan2Data[i] := MemData; ShrSet[i] := true; CurCmd := Empty; CurPtr := 0; end;
  rule "SendGntE" CurCmd = ReqE & CurPtr = i & Chan2[i] = Empty & !ExGntd & forall k: NODE do !ShrSet[k] end ==>
  begin Chan2[i] := GntE; Chan2Data[i] := MemData; ShrSet[i] := true; ExGntd := true; CurCmd := Empty; CurPtr := 0; end;
  rule "RecvGntS" Chan2[i] = GntS ==> begin CacheState[i] := S; CacheData[i] := Chan2Data[i]; Chan2[i] := Empty; Chan2Data[i] := 0; end;
  rule "RecvGntE" Chan2[i] = GntE ==> begin CacheState[i] := E; CacheData[i] := Chan2Data[i]; Chan2[i] := Empty; Chan2Data[i] := 0; end;
end;
invariant "CntrlProp"
  forall i: NODE do forall j: NODE do
    i = j | ((CacheState[i] != E | CacheState[j] = I) & (CacheState[i] != S | CacheState[j] = I | CacheState[j] = S))
  end end;
invariant "DataProp"
  (ExGntd | MemData = AuxData) & forall i: NODE do CacheState[i] = I | CacheData[i] = AuxData end;
