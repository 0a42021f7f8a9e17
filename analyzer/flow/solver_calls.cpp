// Call resolution (see solver.h): binding arguments, receivers and returns
// of app functions and classes, callbacks, and library calls through the
// catalog's summaries or the default pass-through.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "flow/solver.h"

namespace fe {

uint32_t FlowSolver::callerFunction(uint32_t call) const {
  uint32_t file = program_.fileOfCall(call);
  const CallFact& c = program_.call(call);
  if (c.enclosingFunction == kTopLevel) return program_.topLevelFunction(file);
  return program_.functionBase[file] + c.enclosingFunction;
}

void FlowSolver::addCallEdge(uint32_t call, uint32_t fn) {
  if (call == kNone) return;
  uint32_t caller = callerFunction(call);
  // Hashed membership: a linear search of callersOfFn_ is quadratic when thousands of
  // functions call the same ones (a dispatch table).
  if (callEdgeSeen_.insert((uint64_t{caller} << 32) | fn)) calleesOf_[caller].push_back(fn);
  if (callEdgeSeen_.insert((uint64_t{1} << 63) | (uint64_t{call} << 32) | fn))
    callersOfFn_[fn].push_back(call);
}

void FlowSolver::evalCall(uint32_t callId) {
  const CallFact& c = program_.call(callId);
  uint32_t file = program_.fileOfCall(callId);
  VarId vb = program_.varBase[file];
  SmallIdVector toks;
  if (c.isSuperCall) {
    const FileFacts& f = program_.files[file];
    const FunctionFact& fn = f.functions[c.enclosingFunction];
    VarId superVar = f.classes[fn.classIndex].superVar;
    if (superVar == kNoVar) return;
    toks = tokensFor(vb + superVar);
  } else {
    toks = tokensFor(vb + c.callee);
  }
  auto& done = callTokensDone_[callId];
  for (uint32_t t : toks) {
    if (std::find(done.begin(), done.end(), t) != done.end()) continue;
    done.push_back(t);
    const Token& tok = tokens_[t];
    if (c.bindsThisOnly) {  // `f.bind(thisArg)`: f's `this`, no call
      const FunctionFact* fn =
          tok.kind == TokenKind::Function ? program_.function(tok.index) : nullptr;
      if (fn && !fn->isArrow)
        addEdge(vb + c.receiver, program_.varBase[program_.fileOfFunction(tok.index)] + fn->thisVar,
                EdgeKind::Value);
      continue;
    }
    switch (tok.kind) {
      case TokenKind::Function:
        callFunction(callId, t, c.isNew, kNone);
        break;
      case TokenKind::Class:
        if (c.isSuperCall || c.isNew) callClass(callId, t);
        break;
      case TokenKind::Library:
        callLibrary(callId, t);
        break;
      case TokenKind::Summary:
        // Some of the callees were summarised: the summarised functions run, and arguments
        // and callbacks go as for an unknown callee (the summary stands for objects too).
        callSummary(callId);
        callUnknownCallee(callId);
        break;
      default:
        break;
    }
  }
}

// Binds a call's arguments to a function's parameters and its return to the result.
void FlowSolver::callFunction(uint32_t callId, uint32_t fnToken, bool viaNew, uint32_t instance) {
  const CallFact& c = program_.call(callId);
  uint32_t file = program_.fileOfCall(callId);
  VarId vb = program_.varBase[file];
  uint32_t fnIndex = tokens_[fnToken].index;
  const FunctionFact* fn = program_.function(fnIndex);
  if (!fn) return;
  uint32_t fnFile = program_.fileOfFunction(fnIndex);
  VarId fvb = program_.varBase[fnFile];
  addCallEdge(callId, fnIndex);
  std::vector<VarId> args;
  for (VarId a : c.args) args.push_back(a == kNoVar ? kNoVar : vb + a);
  bindArguments(callId, *fn, fvb, fnFile, args, c.spreadMask);
  if (!fn->isArrow) {
    if (instance != kNone)
      addToken(fvb + fn->thisVar, instance);
    else if (c.receiver != kNoVar && !c.isSuperCall)
      addEdge(vb + c.receiver, fvb + fn->thisVar, EdgeKind::Value, callId, 1);
    else if (c.isSuperCall) {
      const FileFacts& f = program_.files[file];
      VarId thisVar = f.functions[c.enclosingFunction].thisVar;
      addEdge(vb + thisVar, fvb + fn->thisVar, EdgeKind::Value, callId, 1);
    }
  }
  if (viaNew && instance == kNone) {
    // An ES5 constructor function.
    uint32_t inst = allocToken(TokenKind::Instance, fnIndex, file, c.site);
    addToken(fvb + fn->thisVar, inst);
    addToken(vb + c.result, inst);
    // Methods assigned to F.prototype, and whatever F.prototype is set to, then or later.
    addInherit(functionPrototype(fnToken), kNoVar, inst);
  } else if (c.result != kNoVar && !c.isSuperCall) {
    addEdge(fvb + fn->returnVar, vb + c.result, EdgeKind::Value, callId, 2);
  }
}

// `F.prototype` of an ES5 constructor function: an object from the start, as in JavaScript,
// so that `F.prototype.send = function …` has an object to write to and `new F()` one to
// inherit from, whichever of the two the solver meets first. Returns the field variable.
VarId FlowSolver::functionPrototype(uint32_t fnToken) {
  VarId proto = field(fnToken, "prototype");
  if (prototypeMade_.insert(fnToken)) {
    uint32_t obj =
        allocToken(TokenKind::Object, kNone, tokens_[fnToken].file, tokens_[fnToken].site);
    addToken(proto, obj);
  }
  return proto;
}

void FlowSolver::bindArguments(uint32_t callId, const FunctionFact& fn, VarId fvb, uint32_t fnFile,
                               const std::vector<VarId>& args, uint32_t spreadMask) {
  uint32_t file = program_.fileOfCall(callId);
  const SourceSite& site = program_.call(callId).site;
  VarId elements = fn.argumentsElements == kNoVar ? kNoVar : fvb + fn.argumentsElements;
  for (size_t i = 0; i < args.size(); ++i) {
    VarId a = args[i];
    if (a == kNoVar) continue;
    bool spread = i < 32 && (spreadMask & (1u << i));
    if (spread) {
      VarId elem = loadVar(a, "[]", file, site);
      for (size_t p = i; p < fn.params.size(); ++p)
        addEdge(elem, fvb + fn.params[p], EdgeKind::Value, callId, 1);
      if (elements != kNoVar) addEdge(elem, elements, EdgeKind::Value, callId, 1);
      continue;
    }
    if (elements != kNoVar) addEdge(a, elements, EdgeKind::Value, callId, 1);
    if (fn.restParam >= 0 && static_cast<int>(i) >= fn.restParam) {
      VarId rest = fvb + fn.params[fn.restParam];
      uint32_t restToken = kNone;
      for (uint32_t t : vars_[find(rest)].tokens)
        if (tokens_[t].kind == TokenKind::Array) restToken = t;
      if (restToken == kNone) {
        restToken = allocToken(TokenKind::Array, kNone, fnFile, fn.site);
        addToken(rest, restToken);
      }
      addEdge(a, field(restToken, "[]"), EdgeKind::Value, callId, 1);
      continue;
    }
    if (i < fn.params.size()) addEdge(a, fvb + fn.params[i], EdgeKind::Value, callId, 1);
  }
}

void FlowSolver::callClass(uint32_t callId, uint32_t classToken) {
  const CallFact& c = program_.call(callId);
  uint32_t file = program_.fileOfCall(callId);
  VarId vb = program_.varBase[file];
  uint32_t classIndex = tokens_[classToken].index;
  uint32_t classFile = tokens_[classToken].file;
  const ClassFact& cls =
      program_.files[classFile].classes[classIndex - program_.classBase[classFile]];
  VarId cvb = program_.varBase[classFile];
  uint32_t ctorIndex = program_.functionBase[classFile] + cls.constructorFunction;
  uint32_t instance;
  if (c.isSuperCall) {
    instance = kNone;
  } else {
    instance = allocToken(TokenKind::Instance, classIndex, file, c.site);
    for (uint32_t pt : vars_[find(cvb + cls.prototypeVar)].tokens)
      tokens_[instance].fallbacks.push_back(pt);
    addToken(vb + c.result, instance);
  }
  // Constructor.
  uint32_t ctorToken = ctorIndex < functionTokenOf_.size() ? functionTokenOf_[ctorIndex] : kNone;
  if (ctorToken != kNone) {
    const FunctionFact* ctor = program_.function(ctorIndex);
    bool implicit = ctor && ctor->params.empty() && cls.superVar != kNoVar;
    if (c.isSuperCall) {
      callFunction(callId, ctorToken, false, kNone);
    } else {
      callFunction(callId, ctorToken, false, instance);
    }
    if (implicit && !c.isSuperCall) {
      // `class B extends A {}`: the implicit constructor forwards to A, whenever A arrives.
      addImplicitSuper(callId, instance, cvb + cls.superVar, 0);
    }
  }
  // Inheritance (our prototype falls back to the parent's) is the class's own constraint:
  // evalExtends, run whenever the super expression gets a class.
}

// Once per instance and super expression: an instance whose class chain meets the same
// super expression twice (classes that a summary merged, generic code) runs it once.
void FlowSolver::addImplicitSuper(uint32_t call, uint32_t instance, VarId superClass,
                                  uint32_t depth) {
  if (!implicitSuperSeen_.insert((uint64_t{instance} << 32) | find(superClass))) return;
  implicitSupers_.push_back({call, instance, superClass, {}, depth});
  uint32_t id = static_cast<uint32_t>(implicitSupers_.size() - 1);
  watch(superClass, WatchKind::ImplicitSuper, id);
  evalImplicitSuper(id);
}

void FlowSolver::evalImplicitSuper(uint32_t id) {
  // Lists the loop changes the solver in are copies: a new variable moves an inline list.
  for (uint32_t st : SmallIdVector(vars_[find(implicitSupers_[id].superClass)].tokens)) {
    if (tokens_[st].kind != TokenKind::Class) continue;
    auto& done = implicitSupers_[id].done;
    if (std::find(done.begin(), done.end(), st) != done.end()) continue;
    done.push_back(st);
    const Token& sup = tokens_[st];
    uint32_t supFile = sup.file;
    const ClassFact& scls =
        program_.files[supFile].classes[sup.index - program_.classBase[supFile]];
    uint32_t sctor = program_.functionBase[supFile] + scls.constructorFunction;
    VarId superOfSuper =
        scls.superVar == kNoVar ? kNoVar : program_.varBase[supFile] + scls.superVar;
    const FunctionFact* sctorFn = program_.function(sctor);
    bool sctorImplicit = sctorFn && sctorFn->params.empty() && superOfSuper != kNoVar;
    uint32_t call = implicitSupers_[id].call, instance = implicitSupers_[id].instance;
    uint32_t depth = implicitSupers_[id].depth;
    if (sctor < functionTokenOf_.size() && functionTokenOf_[sctor] != kNone)
      callFunction(call, functionTokenOf_[sctor], false, instance);
    // `class C extends B {}` with `class B extends A {}`: B's implicit constructor forwards on.
    if (sctorImplicit && depth < 16) addImplicitSuper(call, instance, superOfSuper, depth + 1);
  }
}

void FlowSolver::evalExtends(uint32_t id) {
  const ExtendsC e = extends_[id];
  for (uint32_t st : SmallIdVector(vars_[find(e.superClass)].tokens)) {
    if (tokens_[st].kind != TokenKind::Class) continue;
    const Token& sup = tokens_[st];
    const ClassFact& scls =
        program_.files[sup.file].classes[sup.index - program_.classBase[sup.file]];
    VarId sproto = program_.varBase[sup.file] + scls.prototypeVar;
    for (uint32_t pt : SmallIdVector(vars_[find(e.prototype)].tokens))
      for (uint32_t spt : SmallIdVector(vars_[find(sproto)].tokens)) {
        // The class's own members hide the super class's (set before inheritFrom links).
        if (!e.overrides->empty()) tokens_[pt].overrides = e.overrides;
        inheritFrom(pt, spt);
      }
  }
}

// A temporary var holding base[name] (for summaries and spreads).
VarId FlowSolver::loadVar(VarId base, const std::string& name, uint32_t file, SourceSite site) {
  VarId t = newSolverVar(name == "[]" ? "element" : name, site, file);
  loads_.push_back({t, base, kNoVar, name});
  watch(base, WatchKind::Load, static_cast<uint32_t>(loads_.size() - 1));
  addEdge(base, t, EdgeKind::BaseTaint);
  return t;
}

void FlowSolver::callbackFromArg(uint32_t call, VarId holder, std::vector<VarId> paramFrom,
                                 std::vector<uint32_t> paramTokens, VarId returnTo,
                                 std::string entryName) {
  if (holder == kNoVar) return;
  CallbackC cb;
  cb.entryName = std::move(entryName);
  cb.holder = holder;
  cb.call = call;
  cb.paramFrom = std::move(paramFrom);
  cb.paramTokens = std::move(paramTokens);
  cb.returnTo = returnTo;
  callbacks_.push_back(std::move(cb));
  callbackDone_.emplace_back();
  watch(holder, WatchKind::Callback, static_cast<uint32_t>(callbacks_.size() - 1));
}

// Argument `index` of a call, or of the callback call a library makes (givenArgs_).
VarId FlowSolver::argumentVar(uint32_t callId, int index) const {
  if (index < 0) return kNoVar;
  if (givenArgs_)
    return index < static_cast<int>(givenArgs_->size()) ? (*givenArgs_)[index] : kNoVar;
  const CallFact& c = program_.call(callId);
  if (index >= static_cast<int>(c.args.size()) || c.args[index] == kNoVar) return kNoVar;
  return program_.varBase[program_.fileOfCall(callId)] + c.args[index];
}

// A summary whose flows start at the call's arguments, its callee's origin or nothing the call
// site alone holds: it means the same when a library calls the function with other arguments.
bool FlowSolver::summaryReadsOnlyArguments(uint32_t summary) const {
  for (const Flow& f : catalog_.summaries[summary].flows)
    for (const ValueRef* r : {&f.from, &f.to, &f.with})
      if ((r != &f.with || !f.op.empty()) && r->base != ValueRef::Base::Arg &&
          r->base != ValueRef::Base::Origin && r->base != ValueRef::Base::CallbackReturn &&
          r->base != ValueRef::Base::CallbackParam)
        return false;
  return true;
}

// A handler the app made by handing its functions to a package no catalog row describes
// (`export const handler = withSentry(async (event) => …)`): the platform calls the
// wrapper, whose code is not read. Wrappers forward the call, so the functions handed to it
// get the entry's parameters and count as that entry's code; without this they were dead
// code, and the event's data reached nothing. True when `t` is such a wrapper's value.
bool FlowSolver::wrappedEntry(uint32_t id, uint32_t t) {
  const Token& tok = tokens_[t];
  if (tok.kind != TokenKind::Library || !tok.opaque || tok.creatorCall == kNone) return false;
  uint32_t made = tok.creatorCall;
  {
    auto& done = callbackDone_[id];
    if (std::find(done.begin(), done.end(), t) != done.end()) return true;
    done.push_back(t);
  }
  const CallbackC cb = callbacks_[id];  // a copy: callbacks_ grows below
  std::vector<std::string> names;
  if (!cb.entryName.empty()) names.push_back(cb.entryName);
  for (const auto& e : program_.entries)
    if (e.callee == cb.holder) names.push_back(e.name);
  const CallFact& c = program_.call(made);
  VarId vb = program_.varBase[program_.fileOfCall(made)];
  std::vector<VarId> args;
  for (VarId a : c.args)
    if (a != kNoVar) args.push_back(vb + a);
  for (VarId arg : args)
    for (const std::string& name : names) {
      CallbackC inner = cb;
      inner.holder = arg;
      inner.returnTo = kNoVar;
      inner.entryName = name;
      callbacks_.push_back(std::move(inner));
      callbackDone_.emplace_back();
      watch(arg, WatchKind::Callback, static_cast<uint32_t>(callbacks_.size() - 1));
    }
  return true;
}

// A sink handed over as a callback at `call`: one hit, whose parameters are variables that
// join what each callback registration gives them. A summary may register the same callback
// once per flow (`urls.map(fetch)`: the elements, and the array's taint), and a hit per
// registration would be a call of the sink with a parameter that holds no URL.
void FlowSolver::sinkCallback(uint32_t call, uint32_t token, const std::vector<VarId>& paramFrom) {
  uint64_t key = (uint64_t{call} << 32) | token;
  auto [it, fresh] = sinkCallbackArgs_.emplace(key, static_cast<uint32_t>(callbackArgs_.size()));
  if (fresh) {
    callbackArgs_.emplace_back();
    sinkHits_.push_back({call, token, tokens_[token].sink, kNoVar, it->second});
  }
  uint32_t file = program_.fileOfCall(call);
  for (size_t p = 0; p < paramFrom.size(); ++p) {
    if (callbackArgs_[it->second].size() <= p) {
      VarId joined = newSolverVar("callback parameter", program_.call(call).site, file);
      callbackArgs_[it->second].push_back(joined);  // after newSolverVar: it may grow vectors
    }
    if (paramFrom[p] != kNoVar)
      addEdge(paramFrom[p], callbackArgs_[it->second][p], EdgeKind::Value, call);
  }
}

void FlowSolver::evalCallback(uint32_t id) {
  CallbackC cb = callbacks_[id];
  SmallIdVector toks = tokensFor(cb.holder);
  for (uint32_t t : toks) {
    // A sink handed over as the callback (`urls.map(fetch)`, `p.then(fetch)`): a call of
    // the sink at the call that hands it, with the parameters the callback gets.
    bool librarySink = tokens_[t].kind == TokenKind::Library && tokens_[t].sink != kNone &&
                       cb.call != kNone && !cb.paramFrom.empty();
    // A summarised library function handed over (`fetchIssue().then(setIssue)`): its summary,
    // with the parameters the callback gets as its arguments.
    bool librarySummary = tokens_[t].kind == TokenKind::Library && tokens_[t].sink == kNone &&
                          tokens_[t].summary != kNone && cb.call != kNone &&
                          !cb.paramFrom.empty() && summaryReadsOnlyArguments(tokens_[t].summary);
    if (cb.call == kNone && wrappedEntry(id, t)) continue;
    if (tokens_[t].kind != TokenKind::Function && !librarySink && !librarySummary) continue;
    auto& done = callbackDone_[id];
    if (std::find(done.begin(), done.end(), t) != done.end()) continue;
    done.push_back(t);
    if (librarySummary) {
      givenArgs_ = &cb.paramFrom;
      applySummary(cb.call, catalog_.summaries[tokens_[t].summary], t);
      givenArgs_ = nullptr;
      continue;
    }
    if (librarySink) {
      sinkCallback(cb.call, t, cb.paramFrom);
      continue;
    }
    uint32_t fnIndex = tokens_[t].index;
    const FunctionFact* fn = program_.function(fnIndex);
    if (!fn) continue;
    VarId fvb = program_.varBase[program_.fileOfFunction(fnIndex)];
    if (cb.call != kNone) addCallEdge(cb.call, fnIndex);
    for (size_t p = 0; p < fn->params.size(); ++p) {
      if (p < cb.paramFrom.size() && cb.paramFrom[p] != kNoVar)
        addEdge(cb.paramFrom[p], fvb + fn->params[p], EdgeKind::Value, cb.call,
                cb.call == kNone ? 0 : 1);
      if (p < cb.paramTokens.size() && cb.paramTokens[p] != kNone) {
        addToken(fvb + fn->params[p], cb.paramTokens[p]);
        markBorn(fvb + fn->params[p], tokens_[cb.paramTokens[p]].intrinsic);
      }
    }
    // `arguments` sees what the caller passes, declared parameters or not.
    if (fn->argumentsElements != kNoVar) {
      VarId elements = fvb + fn->argumentsElements;
      for (size_t p = 0; p < std::max(cb.paramFrom.size(), cb.paramTokens.size()); ++p) {
        if (p < cb.paramFrom.size() && cb.paramFrom[p] != kNoVar)
          addEdge(cb.paramFrom[p], elements, EdgeKind::Value, cb.call, cb.call == kNone ? 0 : 1);
        if (p < cb.paramTokens.size() && cb.paramTokens[p] != kNone) {
          addToken(elements, cb.paramTokens[p]);
          markBorn(elements, tokens_[cb.paramTokens[p]].intrinsic);
        }
      }
    }
    if (cb.returnTo != kNoVar)
      addEdge(fvb + fn->returnVar, cb.returnTo, EdgeKind::Value, cb.call, cb.call == kNone ? 0 : 2);
    if (!cb.entryName.empty()) entryFunctions_.emplace_back(fnIndex, cb.entryName);
    if (cb.call == kNone) {
      // A manifest entry point.
      for (const auto& e : program_.entries)
        if (e.callee == cb.holder) entryFunctions_.emplace_back(fnIndex, e.name);
    }
  }
}

// The var a catalog reference denotes at a call (creating loads as needed).
VarId FlowSolver::refVar(const ValueRef& ref, uint32_t callId, uint32_t calleeToken,
                         bool forWrite) {
  const CallFact& c = program_.call(callId);
  uint32_t file = program_.fileOfCall(callId);
  VarId vb = program_.varBase[file];
  VarId base = kNoVar;
  switch (ref.base) {
    case ValueRef::Base::Arg:
      base = argumentVar(callId, ref.index);
      break;
    case ValueRef::Base::Receiver:
      if (c.receiver != kNoVar) base = vb + c.receiver;
      break;
    case ValueRef::Base::Return:
      if (c.result != kNoVar) base = vb + c.result;
      break;
    case ValueRef::Base::Origin: {
      uint32_t oc = originCall(calleeToken, ref.originDepth);
      if (oc == kNone) return kNoVar;
      const CallFact& o = program_.call(oc);
      VarId ovb = program_.varBase[program_.fileOfCall(oc)];
      if (ref.index < 0) {
        if (o.result != kNoVar) base = ovb + o.result;
      } else if (ref.index < static_cast<int>(o.args.size()) && o.args[ref.index] != kNoVar) {
        base = ovb + o.args[ref.index];
      }
      break;
    }
    case ValueRef::Base::Args: {
      // All arguments joined.
      VarId t = newSolverVar("args", c.site, file);
      for (VarId a : c.args)
        if (a != kNoVar) addEdge(vb + a, t, EdgeKind::Value, callId);
      base = t;
      break;
    }
    default:
      return kNoVar;
  }
  if (base == kNoVar) return kNoVar;
  if (forWrite && !ref.fields.empty()) {
    // Writes go to the object's fields: handled by the caller with stores.
    return base;
  }
  for (const auto& f : ref.fields) base = loadVar(base, f, file, c.site);
  // `.fields` read: every field (a dynamic read), as Object.values sees them.
  if (!forWrite && ref.allFields) base = loadVar(base, "", file, c.site);
  return base;
}

// return.element / return.name / return.element.[1] (Object.entries' pairs): fresh
// objects at this call, one per level; the variable of the last field. An index ("[1]")
// makes its array a tuple that long (facts.h).
VarId FlowSolver::returnField(uint32_t callId, const std::vector<std::string>& fields) {
  const CallFact& c = program_.call(callId);
  uint32_t file = program_.fileOfCall(callId);
  VarId holder = program_.varBase[file] + c.result;
  for (const std::string& name : fields) {
    uint32_t obj = kNone;
    for (uint32_t t : vars_[find(holder)].tokens)
      if (tokens_[t].kind == TokenKind::Array && tokens_[t].site.line == c.site.line &&
          tokens_[t].site.column == c.site.column)
        obj = t;
    if (obj == kNone) {
      obj = allocToken(TokenKind::Array, kNone, file, c.site);
      addToken(holder, obj);
    }
    if (int k = tupleIndex(name); k >= 0 && tokens_[obj].tupleLength <= k)
      tokens_[obj].tupleLength = static_cast<uint8_t>(k + 1);
    holder = field(obj, name);
  }
  return holder;
}

void FlowSolver::applySummary(uint32_t callId, const SummaryModel& summary, uint32_t calleeToken) {
  const CallFact& c = program_.call(callId);
  uint32_t file = program_.fileOfCall(callId);
  VarId vb = program_.varBase[file];
  VarId result = c.result == kNoVar ? kNoVar : vb + c.result;
  // A summary that says what its result is made of (a URL joined from its arguments, a
  // Request's url field) describes its content: the taint its other flows add to the result
  // is part of that content, not a whole data value.
  bool describesResult = false;
  for (const Flow& flow : summary.flows)
    describesResult =
        describesResult || (flow.to.base == ValueRef::Base::Return &&
                            (!flow.op.empty() || (!flow.to.fields.empty() && !flow.taintOnly)));
  std::vector<std::pair<int, std::vector<VarId>>> callbackParams;  // argument index, params
  for (const Flow& flow : summary.flows) {
    // Source value.
    VarId from = kNoVar;
    if (flow.from.base == ValueRef::Base::CallbackReturn) {
      if (VarId holder = argumentVar(callId, flow.from.index); holder != kNoVar) {
        VarId ret = newSolverVar("callback result", c.site, file);
        callbackFromArg(callId, holder, {}, {}, ret);
        from = ret;
      }
    } else {
      from = refVar(flow.from, callId, calleeToken, false);
      if (flow.called && from != kNoVar) {
        VarId ret = newSolverVar("called result", c.site, file);
        callbackFromArg(callId, from, {}, {}, ret);
        from = ret;
      }
    }
    if (from == kNoVar) continue;
    if (flow.op == "inherit") {
      applyInherit(callId, flow, from, calleeToken);
      continue;
    }
    if (!flow.op.empty()) {
      VarId with = refVar(flow.with, callId, calleeToken, false);
      uint8_t replace = flow.op == "replace" ? 1 : flow.op == "replaceAll" ? 2 : 0;
      if (result != kNoVar && replace)
        addConcat(result, {from, with, refVar(flow.by, callId, calleeToken, false)}, false,
                  replace);
      else if (result != kNoVar)
        addConcat(result, {from, with}, flow.op == "urljoin", 0, flow.op == "join");
      continue;
    }
    if (flow.from.deep) {
      if (flow.to.base == ValueRef::Base::Return && result != kNoVar)
        deepTaintEdges_.push_back({from, result, callId});
      continue;
    }
    EdgeKind kind = !flow.taintOnly ? EdgeKind::Value
                    : describesResult && flow.to.base == ValueRef::Base::Return
                        ? EdgeKind::PartTaint
                        : EdgeKind::TaintOnly;
    // Destination.
    switch (flow.to.base) {
      case ValueRef::Base::Return: {
        if (result == kNoVar) break;
        addEdge(from, flow.to.fields.empty() ? result : returnField(callId, flow.to.fields), kind,
                callId);
        break;
      }
      case ValueRef::Base::CallbackParam: {
        // Parameters of one callback go together (`setTimeout(fetch, 10, url, init)` is one
        // call of fetch with both); a second value for a parameter makes another call.
        bool placed = false;
        for (auto& [index, params] : callbackParams) {
          if (index != flow.to.index) continue;
          if (params.size() <= static_cast<size_t>(flow.to.paramIndex))
            params.resize(flow.to.paramIndex + 1, kNoVar);
          if (params[flow.to.paramIndex] != kNoVar) continue;
          params[flow.to.paramIndex] = from;
          placed = true;
          break;
        }
        if (!placed) {
          callbackParams.push_back(
              {flow.to.index, std::vector<VarId>(flow.to.paramIndex + 1, kNoVar)});
          callbackParams.back().second[flow.to.paramIndex] = from;
        }
        break;
      }
      case ValueRef::Base::Owner:
      case ValueRef::Base::Module: {
        // `{to: module.$init}`: a member the library keeps, such as the config an init call
        // was given, which the module's later calls read (`module.$init.api_host`).
        uint32_t start = memberRefStart(flow.to, calleeToken);
        if (start == kNone || flow.to.fields.size() != 1) break;
        addEdge(from, field(start, flow.to.fields[0]), kind, callId);
        break;
      }
      case ValueRef::Base::Origin:
      case ValueRef::Base::Arg:
      case ValueRef::Base::Receiver: {
        // Origin: `setState(x)` writes the state its `useState()` call returned.
        VarId target = refVar(flow.to, callId, calleeToken, true);
        if (target == kNoVar) break;
        if (flow.hasKey) {
          // A field named by a value: `Object.defineProperty(o, k, d)` writes o[k].
          VarId key = refVar(flow.key, callId, calleeToken, false);
          stores_.push_back({target, key, from, ""});
          uint32_t id = static_cast<uint32_t>(stores_.size() - 1);
          watch(target, WatchKind::Store, id);
          if (key != kNoVar) watch(key, WatchKind::Store, id);
        } else if (flow.to.allFields) {
          // Object.assign(target, source): copy every field.
          spreads_.push_back({target, from, {}});
          uint32_t id = static_cast<uint32_t>(spreads_.size() - 1);
          watch(from, WatchKind::Spread, id);
          watch(target, WatchKind::Spread, id);
          addEdge(from, target, EdgeKind::PartTaint, callId);
        } else if (!flow.to.fields.empty()) {
          stores_.push_back({target, kNoVar, from, flow.to.fields[0]});
          watch(target, WatchKind::Store, static_cast<uint32_t>(stores_.size() - 1));
        } else {
          addEdge(from, target, kind, callId);
        }
        break;
      }
      default:
        break;
    }
  }
  for (auto& [index, params] : callbackParams)
    if (VarId holder = argumentVar(callId, index); holder != kNoVar)
      callbackFromArg(callId, holder, params, {}, kNoVar);
}

// A library call without a summary: the result is a new library value, it
// carries the taint of the arguments and receiver, and callbacks are called
// with the receiver's values.
void FlowSolver::defaultPassThrough(uint32_t callId, uint32_t calleeToken) {
  const CallFact& c = program_.call(callId);
  uint32_t file = program_.fileOfCall(callId);
  VarId vb = program_.varBase[file];
  VarId result = c.result == kNoVar ? kNoVar : vb + c.result;
  for (size_t i = 0; i < c.args.size(); ++i) {
    VarId a = c.args[i] == kNoVar ? kNoVar : vb + c.args[i];
    if (a == kNoVar) continue;
    if (result != kNoVar) {
      addEdge(a, result, EdgeKind::TaintOnly, callId);
      deepTaintEdges_.push_back({a, result, callId});
    }
    std::vector<VarId> params;
    std::vector<uint32_t> ptoks;
    if (calleeToken != kNone) {
      uint32_t cbTok = libraryChild(calleeToken, "$cb" + std::to_string(i), kNone);
      for (int p = 0; p < 4; ++p)
        ptoks.push_back(libraryChild(cbTok, "$p" + std::to_string(p), kNone));
    }
    if (c.receiver != kNoVar) params.push_back(vb + c.receiver);
    callbackFromArg(callId, a, params, ptoks, result);
  }
  if (c.receiver != kNoVar && result != kNoVar)
    addEdge(vb + c.receiver, result, EdgeKind::TaintOnly, callId);
}

void FlowSolver::callLibrary(uint32_t callId, uint32_t libToken) {
  const CallFact& c = program_.call(callId);
  uint32_t file = program_.fileOfCall(callId);
  VarId vb = program_.varBase[file];
  const Token& tok = tokens_[libToken];
  // `f.call(…)`/`f.apply(…)` of a library function: the extractor's forwarded call is f's own
  // call, with the receiver and arguments f gets. The member call runs nothing it is handed
  // (`Object.prototype.hasOwnProperty.call(axios, k)` is no call of axios). A member the
  // catalog names is the library's own method, not Function.prototype's (`redis.call('SET',
  // k, v)` sends a command).
  if (c.receiver != kNoVar && isCallOrApply(c.methodName) && tok.segment == c.methodName &&
      tok.sink == kNone && tok.attachment == kNone && tok.entryModel == kNone &&
      tok.summary == kNone && tok.bridge == kNone && tok.dynamicCode == kNone && tok.checks.empty())
    return;
  // Copied: making library values below (libraryChild) may move tokens_ and `tok` with it.
  uint32_t sink = tok.sink, summary = tok.summary, attachment = tok.attachment,
           entryModel = tok.entryModel, bridge = tok.bridge;
  if (sink != kNone) sinkHits_.push_back({callId, libToken, sink});
  if (attachment != kNone) attachHits_.push_back({callId, libToken, attachment});
  if (tok.dynamicCode != kNone) dynamicCodeHits_.push_back({callId, tok.dynamicCode});
  for (uint32_t check : tok.checks) checkHits_.push_back({callId, libToken, check});
  VarId result = c.result == kNoVar ? kNoVar : vb + c.result;
  if (entryModel != kNone) {
    const EntryModel& em = catalog_.entries[entryModel];
    if (em.callback < static_cast<int>(c.args.size()) && c.args[em.callback] != kNoVar) {
      std::string name = em.named ? "?" : "";
      if (em.named && em.name.base == ValueRef::Base::Arg &&
          em.name.index < static_cast<int>(c.args.size()) && c.args[em.name.index] != kNoVar)
        for (const auto& sv : strings(vb + c.args[em.name.index]).values())
          if (sv.kind == StringKind::Exact) {
            name = sv.text;
            break;
          }
      // A define a queue consumer calls gets the queue's event: its parameters are the
      // catalog's `$queueN` values, not the `$cbN` request an app's UI sends.
      bool queue = em.named && std::find(program_.queueMethods.begin(), program_.queueMethods.end(),
                                         name) != program_.queueMethods.end();
      std::vector<uint32_t> ptoks;
      uint32_t cbTok =
          libraryChild(libToken, (queue ? "$queue" : "$cb") + std::to_string(em.callback), kNone);
      for (int p = 0; p < 4; ++p)
        ptoks.push_back(libraryChild(cbTok, "$p" + std::to_string(p), kNone));
      // What the entry returns, for the frontend calls that run it (catalog bridges).
      VarId returned = kNoVar;
      if (em.named && name != "?" && !catalog_.bridges.empty()) {
        returned = newSolverVar("return of " + em.prefix + name, c.site, file);
        entryReturns_[em.prefix + name].push_back(returned);
      }
      callbackFromArg(callId, vb + c.args[em.callback], {}, ptoks, returned, em.prefix + name);
    }
  }
  // A call that runs a backend entry: its result waits for phaseBridges.
  if (bridge != kNone && result != kNoVar) {
    bridgeCalls_.push_back({callId, libToken});
    return;
  }
  // The result is a library value made by this call (an axios instance, a response).
  uint32_t made = libraryChild(libToken, "()", callId);
  if (result != kNoVar && (summary == kNone || !catalog_.summaries[summary].noDefault)) {
    addToken(result, made);
    markBorn(result, static_cast<uint8_t>(tokens_[made].intrinsic & ~tokens_[libToken].intrinsic));
    VarId callee = c.callee == kNoVar ? kNoVar : vb + c.callee;
    if (callee != kNoVar && implicitSeen_.insert((static_cast<uint64_t>(callee) << 32) | result)) {
      implicitPreds_.push_back({callee, result, callId, kFromCallee});
    }
  }
  if (summary != kNone) {
    applySummary(callId, catalog_.summaries[summary], libToken);
    return;
  }
  if (sink != kNone || entryModel != kNone) return;  // a response is not customer data
  if (tokens_[made].isSource) return;  // a source: its result is its own category only
  // Method summaries (string and array methods) by name; not for a package's own functions
  // (`_.map(list, f)`, `R.trim(s)`: the data is an argument, not the module they are read
  // from), which pass their arguments' data through.
  if (!c.methodName.empty() && !packageFunction(libToken)) {
    for (const auto& s : catalog_.summaries) {
      if (std::find(s.selector.methods.begin(), s.selector.methods.end(), c.methodName) !=
          s.selector.methods.end()) {
        summarisedMethodCalls_.insert(callId);
        applySummary(callId, s, libToken);
        // A value of a package no row models may not be the array or string the method
        // summary describes (`_.chain(issues).map('key')`): its data passes through as well.
        if (unmodelledPackageValue(libToken)) defaultPassThrough(callId, libToken);
        return;
      }
    }
  }
  defaultPassThrough(callId, libToken);
}

bool FlowSolver::unmodelledPackageValue(uint32_t token) const {
  uint32_t top = token;
  while (tokens_[top].parent != kNone) top = tokens_[top].parent;
  const Token& root = tokens_[top];
  return root.opaque && root.root != kNone && !roots_[root.root].empty() &&
         roots_[root.root][0] != '$';
}

bool FlowSolver::packageFunction(uint32_t token) const {
  uint32_t parent = tokens_[token].parent;
  if (parent == kNone) return false;
  const Token& p = tokens_[parent];
  if (p.creatorCall != kNone || p.root == kNone) return false;
  const std::string& root = roots_[p.root];
  if (root == "$global") return p.path.size() == 1;  // `_` or `R` used without an import
  return !root.empty() && root[0] != '$' && p.path.empty();
}

// A call whose callee is not known (or not only known): the catalog's method
// summary by name, else the default pass-through. Once per call.
void FlowSolver::callUnknownCallee(uint32_t id) {
  if (callUnknownDone_[id]) return;
  callUnknownDone_[id] = 1;
  const CallFact& c = program_.call(id);
  if (!c.methodName.empty()) {
    for (const auto& s : catalog_.summaries) {
      if (std::find(s.selector.methods.begin(), s.selector.methods.end(), c.methodName) !=
          s.selector.methods.end()) {
        applySummary(id, s, kNone);
        return;
      }
    }
  }
  defaultPassThrough(id, kNone);
}

}  // namespace fe
