// Constraint generation (see solver.h): each file's facts become inclusion
// edges and watches on the solver's variables, and the linker's import/export
// bindings join the files.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "flow/solver.h"

namespace fe {

void FlowSolver::addFileFacts(uint32_t file) {
  const FileFacts& f = program_.files[file];
  VarId vb = program_.varBase[file];
  uint32_t fb = program_.functionBase[file];
  uint32_t cb = program_.classBase[file];
  uint32_t callb = program_.callBase[file];
  auto g = [vb](VarId v) { return v == kNoVar ? kNoVar : vb + v; };
  for (const auto& a : f.allocs) {
    TokenKind k = TokenKind::Object;
    uint32_t index = kNone;
    switch (a.kind) {
      case AllocKind::Object:
        k = TokenKind::Object;
        break;
      case AllocKind::Array:
        k = TokenKind::Array;
        break;
      case AllocKind::Function:
        k = TokenKind::Function;
        index = fb + a.index;
        break;
      case AllocKind::Class:
        k = TokenKind::Class;
        index = cb + a.index;
        break;
      case AllocKind::ModuleObject:
        k = TokenKind::ModuleObject;
        break;
      case AllocKind::ExportsObject:
        k = TokenKind::ExportsObject;
        break;
    }
    uint32_t tok = allocToken(k, index, file, a.site);
    if (k == TokenKind::Array) tokens_[tok].tupleLength = static_cast<uint8_t>(a.index);
    tokens_[tok].allocFunction =
        a.function == kTopLevel ? program_.topLevelFunction(file) : fb + a.function;
    if (k == TokenKind::Function && index < functionTokenOf_.size() &&
        functionTokenOf_[index] == kNone)
      functionTokenOf_[index] = tok;
    addToken(g(a.target), tok);
  }
  for (const auto& c : f.copies)
    addEdge(g(c.source), g(c.target), c.taintOnly ? EdgeKind::TaintOnly : EdgeKind::Value, kNone,
            c.leavesClosure ? kLeavesClosure : 0);
  for (const auto& s : f.strings) {
    AbstractString a;
    a.kind = StringKind::Exact;
    a.text = s.text;
    addString(g(s.target), a);
  }
  for (const auto& e : f.envs) {
    AbstractString a;
    a.kind = StringKind::Unknown;
    a.origin = StringOrigin::Env;
    a.detail = e.name;
    addString(g(e.target), a);
  }
  for (const auto& l : f.loads) {
    loads_.push_back({g(l.target), g(l.base), g(l.keyVar), l.name});
    uint32_t id = static_cast<uint32_t>(loads_.size() - 1);
    watch(g(l.base), WatchKind::Load, id);
    if (l.keyVar != kNoVar) watch(g(l.keyVar), WatchKind::Load, id);
    if (!isClean(l.name)) addEdge(g(l.base), g(l.target), EdgeKind::BaseTaint);
  }
  for (const auto& s : f.stores) {
    stores_.push_back({g(s.base), g(s.keyVar), g(s.source), s.name});
    uint32_t id = static_cast<uint32_t>(stores_.size() - 1);
    watch(g(s.base), WatchKind::Store, id);
    if (s.keyVar != kNoVar) watch(g(s.keyVar), WatchKind::Store, id);
  }
  for (const auto& s : f.spreads) {
    spreads_.push_back({g(s.target), g(s.source), s.shadowed});
    uint32_t id = static_cast<uint32_t>(spreads_.size() - 1);
    watch(g(s.source), WatchKind::Spread, id);
    watch(g(s.target), WatchKind::Spread, id);
    addEdge(g(s.source), g(s.target), EdgeKind::PartTaint);
  }
  for (const auto& c : f.concats) {
    ConcatC cc;
    cc.target = g(c.target);
    for (VarId p : c.parts) cc.parts.push_back(g(p));
    concats_.push_back(std::move(cc));
    uint32_t id = static_cast<uint32_t>(concats_.size() - 1);
    for (VarId p : concats_.back().parts) {
      if (p == kNoVar) continue;
      watch(p, WatchKind::Concat, id);
      addEdge(p, concats_.back().target, EdgeKind::PartTaint);
      // `${params}` converts an object to text: its fields count (URLSearchParams).
      deepTaintEdges_.push_back({p, concats_.back().target, kNone});
    }
    evalConcat(id);
  }
  for (const auto& a : f.awaits) addEdge(g(a.source), g(a.target), EdgeKind::Value);
  for (const auto& cls : f.classes) {
    if (cls.superVar == kNoVar || cls.prototypeVar == kNoVar) continue;
    extends_.push_back({g(cls.prototypeVar), g(cls.superVar), &cls.prototypeMembers});
    uint32_t id = static_cast<uint32_t>(extends_.size() - 1);
    watch(g(cls.superVar), WatchKind::Extends, id);
    evalExtends(id);
  }
  for (uint32_t i = 0; i < f.calls.size(); ++i) {
    const CallFact& c = f.calls[i];
    uint32_t id = callb + i;
    if (c.callee != kNoVar) watch(g(c.callee), WatchKind::Call, id);
    if (c.isSuperCall) {
      // super(...): the parent class's constructor, with the same `this`.
      const FunctionFact& fn =
          f.functions[c.enclosingFunction == kTopLevel ? 0 : c.enclosingFunction];
      if (c.enclosingFunction != kTopLevel && fn.classIndex != 0xffffffffu) {
        VarId superVar = f.classes[fn.classIndex].superVar;
        if (superVar != kNoVar) watch(g(superVar), WatchKind::Call, id);
      }
    }
  }
  for (const auto& gl : f.globals) {
    uint32_t tok = libraryRoot("$global", gl.second, file, f.vars[gl.first].site);
    addToken(g(gl.first), tok);
  }
}

void FlowSolver::addLinkFacts() {
  for (const auto& c : program_.copies)
    addEdge(c.source, c.target, c.taintOnly ? EdgeKind::TaintOnly : EdgeKind::Value);
  for (const auto& l : program_.loads) {
    loads_.push_back({l.target, l.base, kNoVar, l.name});
    uint32_t id = static_cast<uint32_t>(loads_.size() - 1);
    watch(l.base, WatchKind::Load, id);
    addEdge(l.base, l.target, EdgeKind::BaseTaint);
  }
  for (const auto& s : program_.stores) {
    stores_.push_back({s.base, kNoVar, s.source, s.name});
    watch(s.base, WatchKind::Store, static_cast<uint32_t>(stores_.size() - 1));
  }
  for (const auto& [v, text] : program_.strings) {
    AbstractString a;
    a.kind = StringKind::Exact;
    a.text = text;
    addString(v, a);
  }
  for (const auto& s : program_.seeds) {
    uint32_t tok = libraryRoot(s.root, s.path, s.file, s.site);
    addToken(s.var, tok);
    markBorn(s.var, tokens_[tok].intrinsic);
  }
  for (const auto& e : program_.entries) {
    // The platform calls the exported function with the entry's parameters.
    CallbackC cb;
    cb.holder = e.callee;
    cb.call = kNone;
    cb.paramFrom = e.params;
    cb.returnTo = kNoVar;
    callbacks_.push_back(cb);
    callbackDone_.emplace_back();
    uint32_t id = static_cast<uint32_t>(callbacks_.size() - 1);
    watch(e.callee, WatchKind::Callback, id);
  }
}

}  // namespace fe
