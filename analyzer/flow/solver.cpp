// The flow solver (see solver.h). Phases:
//  1. solve the inclusion constraints of all files with a FIFO worklist;
//  2. calls whose callee stayed unknown get the catalog's method summary
//     (string and array methods, promises) or the default pass-through;
//  3. parameters of functions nobody calls become "parameter" strings;
//  4. deep-taint constraints (JSON.stringify, library calls) run in rounds.
// Each phase re-solves; every lattice has finite height, so it terminates.
#include "flow/solver.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace fe {

namespace {
const char* kCategoryNames[kCategoryCount] = {
    "user-identity", "product-data",    "app-storage",       "user-input",
    "event-data",    "install-context", "webtrigger-request"};
}  // namespace

const char* categoryName(int bit) {
  return bit >= 0 && bit < kCategoryCount ? kCategoryNames[bit] : "?";
}

uint8_t categoryBit(std::string_view name) {
  for (int i = 0; i < kCategoryCount; ++i)
    if (name == kCategoryNames[i]) return static_cast<uint8_t>(1u << i);
  return 0;
}

std::vector<std::string> categoryNames(uint8_t mask) {
  std::vector<std::string> out;
  for (int i = 0; i < kCategoryCount; ++i)
    if (mask & (1u << i)) out.emplace_back(kCategoryNames[i]);
  std::sort(out.begin(), out.end());
  return out;
}

FlowSolver::FlowSolver(AppProgram& program, const Catalog& catalog, FlowBudget budget)
    : program_(program), catalog_(catalog), budget_(budget) {}

// ------------------------------------------------------------------ setup

// Members such as `length` or `status` are numbers about a value, not its data.
bool FlowSolver::isClean(const std::string& member) const {
  const auto& clean = catalog_.cleanMembers;
  return std::find(clean.begin(), clean.end(), member) != clean.end();
}

uint32_t FlowSolver::allocToken(TokenKind kind, uint32_t index, uint32_t file, SourceSite site) {
  Token t;
  t.kind = kind;
  t.index = index;
  t.file = file;
  t.site = site;
  tokens_.push_back(std::move(t));
  return static_cast<uint32_t>(tokens_.size() - 1);
}

uint32_t FlowSolver::libraryRoot(const std::string& root, const std::string& path, uint32_t file,
                                 SourceSite site) {
  std::string key = root + "\x1f";
  auto it = libraryIndex_.find(key);
  uint32_t tok;
  if (it != libraryIndex_.end()) {
    tok = it->second;
  } else {
    uint32_t rootId =
        static_cast<uint32_t>(std::find(roots_.begin(), roots_.end(), root) - roots_.begin());
    if (rootId == roots_.size()) roots_.push_back(root);
    tok = allocToken(TokenKind::Library, kNone, file, site);
    tokens_[tok].root = rootId;
    libraryIndex_[key] = tok;
    matchCatalog(tok);
  }
  // Walk the path (e.g. "fetch" or "default.fetch").
  size_t start = 0;
  while (start < path.size()) {
    size_t dot = path.find('.', start);
    std::string seg =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!seg.empty()) tok = libraryChild(tok, seg, kNone);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return tok;
}

uint32_t FlowSolver::libraryChild(uint32_t parent, const std::string& segment,
                                  uint32_t creatorCall) {
  if (tokens_[parent].path.size() >= budget_.maxLibraryDepth) return parent;
  std::string key = std::to_string(parent) + "\x1f" + segment + "\x1f" +
                    (creatorCall == kNone ? std::string() : std::to_string(creatorCall));
  auto it = libraryIndex_.find(key);
  if (it != libraryIndex_.end()) return it->second;
  const Token& p = tokens_[parent];
  uint32_t tok = allocToken(TokenKind::Library, kNone, p.file, p.site);
  Token& t = tokens_[tok];
  const Token& pp = tokens_[parent];
  t.root = pp.root;
  t.parent = parent;
  t.segment = segment;
  t.creatorCall = creatorCall;
  t.path = pp.path;
  t.path.push_back(segment);
  t.intrinsic = pp.intrinsic;
  if (creatorCall != kNone) {
    t.file = program_.fileOfCall(creatorCall);
    t.site = program_.call(creatorCall).site;
  }
  libraryIndex_[key] = tok;
  if (pp.opaque) {
    // Nothing below an opaque value matches the catalog: skip the matching, keep
    // the inherited categories (clean members such as `length` carry none).
    t.opaque = true;
    if (isClean(segment)) t.intrinsic = 0;
  } else {
    matchCatalog(tok);
  }
  return tok;
}

static bool selectorRootMatches(const Selector& sel, const std::string& root) {
  if (sel.global) return root == "$global";
  // Module names match exactly, or by prefix when they end in '*' ("@aws-sdk/client-*").
  for (const auto& m : sel.modules) {
    if (!m.empty() && m.back() == '*') {
      if (root.compare(0, m.size() - 1, m, 0, m.size() - 1) == 0 && root[0] != '$') return true;
    } else if (m == root) {
      return true;
    }
  }
  return false;
}

// Whether the selector matches `path` or a path below it.
static bool selectorMayMatchBelow(const Selector& sel, const std::string& root,
                                  const std::vector<std::string_view>& path) {
  if (!sel.methods.empty() || !selectorRootMatches(sel, root)) return false;
  for (const auto& p : sel.paths)
    if (p.mayMatchExtension(path)) return true;
  return false;
}

static bool selectorMatches(const Selector& sel, const std::string& root,
                            const std::vector<std::string_view>& path, size_t& specificity) {
  if (!selectorRootMatches(sel, root)) return false;
  bool any = false;
  for (const auto& p : sel.paths) {
    if (p.matches(path)) {
      specificity = std::max(specificity, p.specificity() + 1);
      any = true;
    }
  }
  return any;
}

void FlowSolver::matchCatalog(uint32_t tok) {
  Token& t = tokens_[tok];
  const std::string& root = roots_[t.root];
  std::vector<std::string_view> path(t.path.begin(), t.path.end());
  size_t best = 0;
  for (size_t i = 0; i < catalog_.sources.size(); ++i) {
    size_t spec = 0;
    if (selectorMatches(catalog_.sources[i].selector, root, path, spec) && spec > best) {
      best = spec;
      t.intrinsic = categoryBit(catalog_.sources[i].category);
      t.isSource = true;
    }
  }
  // Sources mark their whole subtree; a more specific descendant pattern
  // overrides (context → install-context, context.accountId → user-identity).
  if (best == 0 && t.parent != kNone) t.intrinsic = tokens_[t.parent].intrinsic;
  if (best == 0 && isClean(t.segment)) t.intrinsic = 0;
  for (size_t i = 0; i < catalog_.sinks.size(); ++i) {
    size_t spec = 0;
    if (selectorMatches(catalog_.sinks[i].selector, root, path, spec)) {
      t.sink = static_cast<uint32_t>(i);
      break;
    }
  }
  size_t bestSummary = 0;
  for (size_t i = 0; i < catalog_.summaries.size(); ++i) {
    if (!catalog_.summaries[i].selector.methods.empty()) continue;
    size_t spec = 0;
    if (selectorMatches(catalog_.summaries[i].selector, root, path, spec) && spec > bestSummary) {
      bestSummary = spec;
      t.summary = static_cast<uint32_t>(i);
    }
  }
  for (size_t i = 0; i < catalog_.attachments.size(); ++i) {
    size_t spec = 0;
    if (selectorMatches(catalog_.attachments[i].selector, root, path, spec)) {
      t.attachment = static_cast<uint32_t>(i);
      break;
    }
  }
  for (size_t i = 0; i < catalog_.entries.size(); ++i) {
    size_t spec = 0;
    if (selectorMatches(catalog_.entries[i].selector, root, path, spec)) {
      t.entryModel = static_cast<uint32_t>(i);
      break;
    }
  }
  // Opaque: no catalog row can match this value or anything below it, so its
  // content is unknown to the analysis (data from outside, not a modelled API).
  bool relevant = false;
  for (const auto& m : catalog_.sources)
    relevant = relevant || selectorMayMatchBelow(m.selector, root, path);
  for (const auto& m : catalog_.sinks)
    relevant = relevant || selectorMayMatchBelow(m.selector, root, path);
  for (const auto& m : catalog_.summaries)
    relevant = relevant || selectorMayMatchBelow(m.selector, root, path);
  for (const auto& m : catalog_.attachments)
    relevant = relevant || selectorMayMatchBelow(m.selector, root, path);
  for (const auto& m : catalog_.entries)
    relevant = relevant || selectorMayMatchBelow(m.selector, root, path);
  t.opaque = !relevant;
}

std::string FlowSolver::tokenPath(uint32_t tok) const {
  const Token& t = tokens_[tok];
  std::string out = t.root == kNone ? "" : roots_[t.root];
  if (out == "$global") out.clear();
  for (const auto& s : t.path) {
    if (s == "()")
      out += "()";
    else {
      if (!out.empty()) out += ".";
      out += s;
    }
  }
  return out;
}

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
    spreads_.push_back({g(s.target), g(s.source)});
    uint32_t id = static_cast<uint32_t>(spreads_.size() - 1);
    watch(g(s.source), WatchKind::Spread, id);
    watch(g(s.target), WatchKind::Spread, id);
    addEdge(g(s.source), g(s.target), EdgeKind::TaintOnly);
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
      addEdge(p, concats_.back().target, EdgeKind::TaintOnly);
      // `${params}` converts an object to text: its fields count (URLSearchParams).
      deepTaintEdges_.emplace_back(p, concats_.back().target);
    }
    evalConcat(id);
  }
  for (const auto& a : f.awaits) addEdge(g(a.source), g(a.target), EdgeKind::Value);
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

// ------------------------------------------------------------ propagation

void FlowSolver::enqueue(VarId v) {
  if (v == kNoVar || queued_[v]) return;
  queued_[v] = 1;
  queue_.push_back(v);
}

void FlowSolver::watch(VarId v, WatchKind kind, uint32_t id) {
  if (v == kNoVar) return;
  watches_[v].push_back({kind, id});
  // Later changes arrive as deltas; what v already holds is handled now.
  const std::vector<uint32_t>* savedDelta = watchDelta_;
  VarId savedVar = watchVar_;
  watchDelta_ = nullptr;
  watchVar_ = kNoVar;
  runWatch({kind, id});
  watchDelta_ = savedDelta;
  watchVar_ = savedVar;
}

// The objects of `v` a watch must look at: only the new ones when it runs
// because v changed, all of them otherwise.
std::vector<uint32_t> FlowSolver::tokensFor(VarId v) const {
  if (watchDelta_ && watchVar_ == v) return *watchDelta_;
  return vars_[v].tokens;
}

void FlowSolver::addEdge(VarId from, VarId to, EdgeKind kind, uint32_t call, uint8_t dir) {
  if (from == kNoVar || to == kNoVar || from == to) return;
  if (dir == 0) {
    uint64_t key = (static_cast<uint64_t>(from) << 32 | to) * 4 + static_cast<uint64_t>(kind);
    if (!edges_.insert(key)) return;
  } else {
    // Call and return edges keep one entry per call, for call/return matching. Hashed: a linear
    // scan of succ_ is quadratic when one function returns to thousands of calls.
    CallEdgeKey key{static_cast<uint64_t>(from) << 32 | to,
                    static_cast<uint64_t>(call) << 16 | static_cast<uint64_t>(kind) << 8 | dir};
    if (!callEdges_.insert(key).second) return;
  }
  succ_[from].push_back({to, kind, call, dir});
  // Push what `from` already has.
  const VarState& s = vars_[from];
  if (kind == EdgeKind::Value) {
    for (uint32_t t : std::vector<uint32_t>(s.tokens)) addToken(to, t, from, call);
    addStrings(to, vars_[from].strings);
    addTaint(to, vars_[from].taint, from, kNone, call);
  } else if (kind == EdgeKind::TaintOnly) {
    addTaint(to, s.eff, from, kNone, call);
  } else {
    addTaint(to, s.taint, from, kNone, call);
  }
}

bool FlowSolver::addTaint(VarId v, uint8_t mask, VarId from, uint32_t token, uint32_t call) {
  VarState& s = vars_[v];
  uint8_t fresh = mask & ~s.eff;
  uint8_t freshBase = mask & ~s.taint;
  if (!fresh && !freshBase) return false;
  if (token == kNone) s.taint |= mask;
  if (fresh) {
    if (s.parents == kNone) {
      s.parents = static_cast<uint32_t>(parents_.size());
      parents_.emplace_back();
    }
    for (int i = 0; i < kCategoryCount; ++i)
      if (fresh & (1u << i)) parents_[s.parents][i] = {from, token, call};
    s.eff |= mask;
  }
  enqueue(v);
  return true;
}

void FlowSolver::addToken(VarId v, uint32_t token, VarId from, uint32_t call) {
  if (v == kNoVar) return;
  VarState& s = vars_[v];
  auto it = std::lower_bound(s.tokens.begin(), s.tokens.end(), token);
  if (it != s.tokens.end() && *it == token) return;
  if (s.tokens.size() >= budget_.maxTokensPerVar && token != summary_) {
    // Full: the variable holds the summary instead, and the object's fields flow into the
    // summary's, so a read through this variable still sees what was stored in the object.
    smash(token);
    addToken(v, summaryToken(), from, call);
    return;
  }
  s.tokens.insert(it, token);
  s.delta.push_back(token);
  uint8_t in = tokens_[token].intrinsic;
  if (in & ~s.eff) {
    if (s.parents == kNone) {
      s.parents = static_cast<uint32_t>(parents_.size());
      parents_.emplace_back();
    }
    for (int i = 0; i < kCategoryCount; ++i)
      if ((in & ~s.eff) & (1u << i)) parents_[s.parents][i] = {from, token, call};
    s.eff |= in;
  }
  enqueue(v);
}

bool FlowSolver::addStrings(VarId v, uint32_t strings) {
  uint32_t joined = stringPool_.join(vars_[v].strings, strings);
  if (joined != vars_[v].strings) {
    vars_[v].strings = joined;
    noteStringChange(v);
    enqueue(v);
    return true;
  }
  return false;
}

bool FlowSolver::addString(VarId v, AbstractString a) {
  if (v == kNoVar) return false;
  uint32_t added = stringPool_.add(vars_[v].strings, std::move(a));
  if (added != vars_[v].strings) {
    vars_[v].strings = added;
    noteStringChange(v);
    enqueue(v);
    return true;
  }
  return false;
}

// A variable whose strings changed many times stands for "any string" from
// then on: the string lattice's height per variable is bounded.
void FlowSolver::noteStringChange(VarId v) {
  VarState& st = vars_[v];
  st.stringsChanged = true;
  if (st.stringChanges < 255) ++st.stringChanges;
  if (st.stringChanges == kMaxStringChanges) st.strings = stringPool_.collapse(st.strings);
}

void FlowSolver::propagate(VarId v) {
  // Difference propagation: only the objects added since the last visit travel
  // along the edges (new edges get the full set when they are added). Copies:
  // pushing may reallocate vars_.
  std::vector<uint32_t> tokens;
  tokens.swap(vars_[v].delta);
  // Strings travel only when they changed since the last visit.
  uint32_t strings = StringSetPool::kEmpty;
  bool stringsChanged = vars_[v].stringsChanged;
  if (stringsChanged) {
    strings = vars_[v].strings;
    vars_[v].stringsChanged = false;
  }
  uint8_t taint = vars_[v].taint, eff = vars_[v].eff;
  // Pushing along edges adds no edge and no variable, so the list is read in place.
  for (size_t i = 0, n = succ_[v].size(); i < n; ++i) {
    const Edge e = succ_[v][i];
    switch (e.kind) {
      case EdgeKind::Value:
        for (uint32_t t : tokens) addToken(e.to, t, v, e.call);
        addStrings(e.to, strings);
        addTaint(e.to, taint, v, kNone, e.call);
        break;
      case EdgeKind::TaintOnly:
        addTaint(e.to, eff, v, kNone, e.call);
        break;
      case EdgeKind::BaseTaint:
        addTaint(e.to, taint, v, kNone, e.call);
        break;
    }
  }
  watchDelta_ = &tokens;
  watchVar_ = v;
  // Watches may add watches and variables (reallocating watches_): index, copy each one; a
  // watch added now already ran on everything v holds.
  for (size_t i = 0, n = watches_[v].size(); i < n; ++i) {
    const Watch w = watches_[v][i];
    // Concatenations only read strings; dynamic keys read strings too.
    if (w.kind == WatchKind::Concat && !stringsChanged) continue;
    if (tokens.empty() && !stringsChanged && w.kind != WatchKind::Concat) continue;
    runWatch(w);
  }
  watchDelta_ = nullptr;
  watchVar_ = kNoVar;
}

void FlowSolver::runWatch(const Watch& w) {
  switch (w.kind) {
    case WatchKind::Load:
      evalLoad(w.id);
      break;
    case WatchKind::Store:
      evalStore(w.id);
      break;
    case WatchKind::Spread:
      evalSpread(w.id);
      break;
    case WatchKind::Concat:
      evalConcat(w.id);
      break;
    case WatchKind::Call:
      evalCall(w.id);
      break;
    case WatchKind::Callback:
      evalCallback(w.id);
      break;
  }
}

uint32_t FlowSolver::summaryToken() {
  if (summary_ == kNone) summary_ = allocToken(TokenKind::Summary, kNone, 0, {});
  return summary_;
}

void FlowSolver::smash(uint32_t token) {
  if (tokens_[token].smashed || token == summary_) return;
  tokens_[token].smashed = true;
  std::vector<std::pair<std::string, VarId>> existing(tokens_[token].fields.begin(),
                                                      tokens_[token].fields.end());
  for (auto& [n, fv] : existing) linkToSummary(fv, n);
}

// Both ways: what was stored in the object is read through the summary, and what is stored
// through the summary (a variable that held too many objects) reaches the object.
void FlowSolver::linkToSummary(VarId fieldVar, const std::string& name) {
  VarId sv = field(summaryToken(), name);
  addEdge(fieldVar, sv, EdgeKind::Value);
  addEdge(sv, fieldVar, EdgeKind::Value);
}

VarId FlowSolver::fieldOf(uint32_t token, const std::string& name) const {
  auto it = tokens_[token].fields.find(name);
  return it == tokens_[token].fields.end() ? kNoVar : it->second;
}

// The variable of field `name` of `token`, created on first use. New fields
// are linked to prototype fields, spread copies and dynamic readers.
VarId FlowSolver::field(uint32_t token, const std::string& name) {
  auto it = tokens_[token].fields.find(name);
  if (it != tokens_[token].fields.end()) return it->second;
  uint32_t file = tokens_[token].file;
  VarId v = newSolverVar(name == "[]" ? "element" : name, tokens_[token].site, file);
  tokens_[token].fields.emplace(name, v);
  std::vector<uint32_t> fallbacks = tokens_[token].fallbacks;
  for (uint32_t fb : fallbacks) addEdge(field(fb, name), v, EdgeKind::Value);
  std::vector<uint32_t> mirrors = tokens_[token].mirrors;
  for (uint32_t m : mirrors) addEdge(v, field(m, name), EdgeKind::Value);
  if (tokens_[token].allFields != kNoVar) addEdge(v, tokens_[token].allFields, EdgeKind::Value);
  if (tokens_[token].smashed) linkToSummary(v, name);
  // A dynamic store ("?") may be any field; on the summary it stays in "?" (read by dynamic
  // reads), or every method of every summarised object would flow into every name.
  if (token == summary_) {
  } else if (name != "?") {
    VarId any = fieldOf(token, "?");
    if (any != kNoVar) addEdge(any, v, EdgeKind::Value);
  } else {
    std::vector<std::pair<std::string, VarId>> existing(tokens_[token].fields.begin(),
                                                        tokens_[token].fields.end());
    for (auto& [n, fv] : existing)
      if (n != "?") addEdge(v, fv, EdgeKind::Value);
  }
  return v;
}

// One variable per object that every field flows into: a dynamic read
// (`o[k]` with k unknown) reads it, so n fields and m such reads cost n + m
// edges, not n × m.
VarId FlowSolver::allFieldsVar(uint32_t token) {
  if (tokens_[token].allFields != kNoVar) return tokens_[token].allFields;
  field(token, "[]");  // an element written later flows in too
  VarId all = newSolverVar("any field", tokens_[token].site, tokens_[token].file);
  tokens_[token].allFields = all;
  std::vector<VarId> fvs;
  for (auto& [n, fv] : tokens_[token].fields) fvs.push_back(fv);
  for (VarId fv : fvs) addEdge(fv, all, EdgeKind::Value);
  return all;
}

VarId FlowSolver::newSolverVar(const std::string& name, SourceSite site, uint32_t file) {
  VarId v = program_.newVar(name, site, file);
  vars_.emplace_back();
  succ_.emplace_back();
  watches_.emplace_back();
  queued_.push_back(0);
  return v;
}

void FlowSolver::evalLoad(uint32_t id) {
  LoadC l = loads_[id];
  std::vector<std::string> names;
  bool dynamicAll = false;
  if (l.key == kNoVar && !l.name.empty()) {
    names.push_back(l.name);
  } else if (l.key != kNoVar) {
    const StringSet& ks = strings(l.key);
    for (const auto& s : ks.values()) {
      if (s.kind == StringKind::Exact)
        names.push_back(s.text);
      else
        dynamicAll = true;
    }
    if (ks.empty()) dynamicAll = true;
  } else {
    dynamicAll = true;
  }
  std::vector<uint32_t> toks =
      l.key != kNoVar && watchVar_ == l.key ? vars_[l.base].tokens : tokensFor(l.base);
  for (uint32_t t : toks) {
    if (tokens_[t].kind == TokenKind::Library) {
      std::vector<uint32_t> children;
      size_t before = tokens_.size();
      for (const auto& n : names) children.push_back(libraryChild(t, n, kNone));
      if (dynamicAll) children.push_back(libraryChild(t, "[]", kNone));
      // A member first read here is located here (witness paths point at the read).
      for (size_t nt = before; nt < tokens_.size(); ++nt) {
        tokens_[nt].file = program_.fileOfVar(l.target);
        tokens_[nt].site = program_.varInfo(l.target).site;
      }
      for (uint32_t child : children) {
        addToken(l.target, child, l.base);
        // A member is a source where its category is new; otherwise it came with its parent.
        markBorn(l.target, static_cast<uint8_t>(tokens_[child].intrinsic & ~tokens_[t].intrinsic));
      }
      if (implicitSeen_.insert((static_cast<uint64_t>(l.base) << 32) | l.target)) {
        implicitPreds_.emplace_back(l.base, l.target);
      }
    }
    for (const auto& n : names) addEdge(field(t, n), l.target, EdgeKind::Value);
    if (dynamicAll) addEdge(allFieldsVar(t), l.target, EdgeKind::Value);
  }
}

void FlowSolver::evalStore(uint32_t id) {
  StoreC s = stores_[id];
  if (s.source == kNoVar) return;
  std::vector<std::string> names;
  if (s.key == kNoVar) {
    names.push_back(s.name.empty() ? "?" : s.name);
  } else {
    const StringSet& ks = strings(s.key);
    bool unknown = ks.empty();
    for (const auto& v : ks.values()) {
      if (v.kind == StringKind::Exact)
        names.push_back(v.text);
      else
        unknown = true;
    }
    if (unknown) names.push_back("?");
  }
  std::vector<uint32_t> toks =
      s.key != kNoVar && watchVar_ == s.key ? vars_[s.base].tokens : tokensFor(s.base);
  for (uint32_t t : toks)
    for (const auto& n : names) addEdge(s.source, field(t, n), EdgeKind::Value);
}

void FlowSolver::evalSpread(uint32_t id) {
  SpreadC s = spreads_[id];
  std::vector<uint32_t> from = tokensFor(s.source);
  std::vector<uint32_t> to = watchVar_ == s.source ? vars_[s.target].tokens : tokensFor(s.target);
  for (uint32_t f : from) {
    for (uint32_t t : to) {
      if (f == t) continue;
      // Copying the summary would give the target a field for every name in the program;
      // linking the target to the summary says the same, field by field as they are used.
      if (f == summary_ || t == summary_) {
        smash(f == summary_ ? t : f);
        continue;
      }
      auto& m = tokens_[f].mirrors;
      if (std::find(m.begin(), m.end(), t) != m.end()) continue;
      m.push_back(t);
      std::vector<std::pair<std::string, VarId>> existing(tokens_[f].fields.begin(),
                                                          tokens_[f].fields.end());
      for (auto& [n, fv] : existing) addEdge(fv, field(t, n), EdgeKind::Value);
    }
  }
}

void FlowSolver::addConcat(VarId target, std::vector<VarId> parts, bool urlJoin) {
  ConcatC cc;
  cc.target = target;
  cc.parts = std::move(parts);
  cc.urlJoin = urlJoin;
  concats_.push_back(cc);
  uint32_t id = static_cast<uint32_t>(concats_.size() - 1);
  for (VarId p : concats_.back().parts) {
    if (p == kNoVar) continue;
    watch(p, WatchKind::Concat, id);
    addEdge(p, target, EdgeKind::TaintOnly);
  }
  evalConcat(id);
}

// new URL(path, base): an absolute path wins; "/x" keeps the base's origin;
// "x" replaces the base's last segment.
void FlowSolver::evalUrlJoin(uint32_t id) {
  const ConcatC& c = concats_[id];
  VarId pathVar = c.parts.size() > 0 ? c.parts[0] : kNoVar;
  VarId baseVar = c.parts.size() > 1 ? c.parts[1] : kNoVar;
  if (pathVar == kNoVar) return;
  StringSet result;
  auto paths = strings(pathVar).values();
  auto bases = baseVar == kNoVar ? std::vector<AbstractString>{} : strings(baseVar).values();
  for (const auto& p : paths) {
    bool absolute = p.kind != StringKind::Unknown && p.text.find("://") != std::string::npos &&
                    p.text.find("://") < p.text.find_first_of("/?#");
    if (absolute || bases.empty()) {
      result.add(p);
      continue;
    }
    for (const auto& b : bases) {
      if (b.kind == StringKind::Unknown) {
        result.add(b);
        continue;
      }
      AbstractString prefix = b;
      size_t scheme = b.text.find("://");
      size_t hostEnd =
          scheme == std::string::npos ? std::string::npos : b.text.find('/', scheme + 3);
      if (p.kind != StringKind::Unknown && !p.text.empty() && p.text[0] == '/') {
        if (hostEnd != std::string::npos) prefix.text = b.text.substr(0, hostEnd);
        prefix.kind = hostEnd != std::string::npos || b.kind == StringKind::Exact
                          ? StringKind::Exact
                          : b.kind;
      } else {
        size_t lastSlash = b.text.rfind('/');
        if (hostEnd != std::string::npos && lastSlash != std::string::npos && lastSlash >= hostEnd)
          prefix.text = b.text.substr(0, lastSlash + 1);
        else if (hostEnd == std::string::npos && b.kind == StringKind::Exact)
          prefix.text = b.text + "/";
        prefix.kind = StringKind::Exact;
      }
      result.add(concatStrings(prefix, p));
    }
  }
  addStrings(c.target, stringPool_.intern(std::move(result)));
}

void FlowSolver::evalConcat(uint32_t id) {
  if (concats_[id].urlJoin) {
    evalUrlJoin(id);
    return;
  }
  const ConcatC& c = concats_[id];
  // Cartesian product of the parts' strings, bounded; a part without
  // strings is a hole: unknown once holes count (phase 2), else no value yet.
  std::vector<AbstractString> acc(1);
  acc[0].kind = StringKind::Exact;
  for (VarId p : c.parts) {
    std::vector<AbstractString> partValues;
    if (p != kNoVar) partValues = strings(p).values();
    if (partValues.empty()) {
      if (!holesAsUnknown_) return;
      AbstractString u;
      u.kind = StringKind::Unknown;
      uint8_t eff = p == kNoVar ? 0 : vars_[p].eff;
      u.origin = (eff & (kUserInput | kWebtriggerRequest)) ? StringOrigin::UserInput
                 : (eff & kAppStorage)                     ? StringOrigin::Storage
                                                           : StringOrigin::Unknown;
      partValues.push_back(u);
    }
    std::vector<AbstractString> next;
    for (const auto& a : acc)
      for (const auto& b : partValues) {
        if (next.size() >= 64) break;
        next.push_back(concatStrings(a, b));
      }
    acc = std::move(next);
  }
  StringSet result;
  for (auto& a : acc) result.add(std::move(a));
  addStrings(c.target, stringPool_.intern(std::move(result)));
}

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
  std::vector<uint32_t> toks;
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
        // Some of the callees were summarised: arguments and callbacks as for an unknown callee.
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
  auto arg = [&](size_t i) { return c.args[i] == kNoVar ? kNoVar : vb + c.args[i]; };
  for (size_t i = 0; i < c.args.size(); ++i) {
    VarId a = arg(i);
    if (a == kNoVar) continue;
    bool spread = i < 32 && (c.spreadMask & (1u << i));
    if (spread) {
      VarId elem = loadVar(a, "[]", file, c.site);
      for (size_t p = i; p < fn->params.size(); ++p)
        addEdge(elem, fvb + fn->params[p], EdgeKind::Value, callId, 1);
      continue;
    }
    if (fn->restParam >= 0 && static_cast<int>(i) >= fn->restParam) {
      VarId rest = fvb + fn->params[fn->restParam];
      uint32_t restToken = kNone;
      for (uint32_t t : vars_[rest].tokens)
        if (tokens_[t].kind == TokenKind::Array) restToken = t;
      if (restToken == kNone) {
        restToken = allocToken(TokenKind::Array, kNone, fnFile, fn->site);
        addToken(rest, restToken);
      }
      addEdge(a, field(restToken, "[]"), EdgeKind::Value, callId, 1);
      continue;
    }
    if (i < fn->params.size()) addEdge(a, fvb + fn->params[i], EdgeKind::Value, callId, 1);
  }
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
    // Methods assigned to F.prototype.
    VarId proto = field(fnToken, "prototype");
    for (uint32_t pt : vars_[proto].tokens) tokens_[inst].fallbacks.push_back(pt);
  } else if (c.result != kNoVar && !c.isSuperCall) {
    addEdge(fvb + fn->returnVar, vb + c.result, EdgeKind::Value, callId, 2);
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
    for (uint32_t pt : vars_[cvb + cls.prototypeVar].tokens)
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
      // `class B extends A {}`: the implicit constructor forwards to A.
      for (uint32_t st : vars_[cvb + cls.superVar].tokens)
        if (tokens_[st].kind == TokenKind::Class) {
          const Token& sup = tokens_[st];
          const ClassFact& scls =
              program_.files[sup.file].classes[sup.index - program_.classBase[sup.file]];
          uint32_t sctor = program_.functionBase[sup.file] + scls.constructorFunction;
          if (sctor < functionTokenOf_.size() && functionTokenOf_[sctor] != kNone)
            callFunction(callId, functionTokenOf_[sctor], false, instance);
        }
    }
  }
  // Inheritance: our prototype falls back to the parent's prototype.
  if (cls.superVar != kNoVar) {
    for (uint32_t st : vars_[cvb + cls.superVar].tokens) {
      if (tokens_[st].kind != TokenKind::Class) continue;
      const Token& sup = tokens_[st];
      const ClassFact& scls =
          program_.files[sup.file].classes[sup.index - program_.classBase[sup.file]];
      VarId sproto = program_.varBase[sup.file] + scls.prototypeVar;
      for (uint32_t pt : vars_[cvb + cls.prototypeVar].tokens)
        for (uint32_t spt : vars_[sproto].tokens) {
          auto& fb = tokens_[pt].fallbacks;
          if (std::find(fb.begin(), fb.end(), spt) == fb.end()) {
            fb.push_back(spt);
            std::vector<std::pair<std::string, VarId>> existing(tokens_[pt].fields.begin(),
                                                                tokens_[pt].fields.end());
            for (auto& [n, fv] : existing) addEdge(field(spt, n), fv, EdgeKind::Value);
          }
        }
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

void FlowSolver::evalCallback(uint32_t id) {
  CallbackC cb = callbacks_[id];
  std::vector<uint32_t> toks = tokensFor(cb.holder);
  for (uint32_t t : toks) {
    if (tokens_[t].kind != TokenKind::Function) continue;
    auto& done = callbackDone_[id];
    if (std::find(done.begin(), done.end(), t) != done.end()) continue;
    done.push_back(t);
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

uint32_t FlowSolver::originCall(uint32_t token, int depth) const {
  uint32_t t = token;
  int seen = 0;
  while (t != kNone) {
    if (tokens_[t].creatorCall != kNone && ++seen == depth) return tokens_[t].creatorCall;
    t = tokens_[t].parent;
  }
  return kNone;
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
      if (ref.index < static_cast<int>(c.args.size()) && c.args[ref.index] != kNoVar)
        base = vb + c.args[ref.index];
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
      if (ref.index < static_cast<int>(o.args.size()) && o.args[ref.index] != kNoVar)
        base = ovb + o.args[ref.index];
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

void FlowSolver::applySummary(uint32_t callId, const SummaryModel& summary, uint32_t calleeToken) {
  const CallFact& c = program_.call(callId);
  uint32_t file = program_.fileOfCall(callId);
  VarId vb = program_.varBase[file];
  VarId result = c.result == kNoVar ? kNoVar : vb + c.result;
  for (const Flow& flow : summary.flows) {
    // Source value.
    VarId from = kNoVar;
    if (flow.from.base == ValueRef::Base::CallbackReturn) {
      if (flow.from.index < static_cast<int>(c.args.size()) && c.args[flow.from.index] != kNoVar) {
        VarId holder = vb + c.args[flow.from.index];
        VarId ret = newSolverVar("callback result", c.site, file);
        callbackFromArg(callId, holder, {}, {}, ret);
        from = ret;
      }
    } else {
      from = refVar(flow.from, callId, calleeToken, false);
    }
    if (from == kNoVar) continue;
    if (!flow.op.empty()) {
      VarId with = refVar(flow.with, callId, calleeToken, false);
      if (result != kNoVar) addConcat(result, {from, with}, flow.op == "urljoin");
      continue;
    }
    if (flow.from.deep) {
      if (flow.to.base == ValueRef::Base::Return && result != kNoVar)
        deepTaintEdges_.emplace_back(from, result);
      continue;
    }
    EdgeKind kind = flow.taintOnly ? EdgeKind::TaintOnly : EdgeKind::Value;
    // Destination.
    switch (flow.to.base) {
      case ValueRef::Base::Return: {
        if (result == kNoVar) break;
        if (flow.to.fields.empty()) {
          addEdge(from, result, kind, callId);
        } else {
          // return.element / return.name / return.element.element (Object.entries'
          // pairs): fresh objects at this call, one per level.
          VarId holder = result;
          VarId target = kNoVar;
          for (size_t level = 0; level < flow.to.fields.size(); ++level) {
            uint32_t obj = kNone;
            for (uint32_t t : vars_[holder].tokens)
              if (tokens_[t].kind == TokenKind::Array && tokens_[t].site.line == c.site.line &&
                  tokens_[t].site.column == c.site.column)
                obj = t;
            if (obj == kNone) {
              obj = allocToken(TokenKind::Array, kNone, file, c.site);
              addToken(holder, obj);
            }
            target = field(obj, flow.to.fields[level]);
            holder = target;
          }
          addEdge(from, target, kind, callId);
        }
        break;
      }
      case ValueRef::Base::CallbackParam: {
        if (flow.to.index < static_cast<int>(c.args.size()) && c.args[flow.to.index] != kNoVar) {
          std::vector<VarId> params(flow.to.paramIndex + 1, kNoVar);
          params[flow.to.paramIndex] = from;
          callbackFromArg(callId, vb + c.args[flow.to.index], params, {}, kNoVar);
        }
        break;
      }
      case ValueRef::Base::Arg:
      case ValueRef::Base::Receiver: {
        VarId target = refVar(flow.to, callId, calleeToken, true);
        if (target == kNoVar) break;
        if (flow.to.allFields) {
          // Object.assign(target, source): copy every field.
          spreads_.push_back({target, from});
          uint32_t id = static_cast<uint32_t>(spreads_.size() - 1);
          watch(from, WatchKind::Spread, id);
          watch(target, WatchKind::Spread, id);
          addEdge(from, target, EdgeKind::TaintOnly, callId);
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
      deepTaintEdges_.emplace_back(a, result);
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
  uint32_t sink = tok.sink, summary = tok.summary, attachment = tok.attachment,
           entryModel = tok.entryModel;
  if (sink != kNone) sinkHits_.push_back({callId, libToken, sink});
  if (attachment != kNone) attachHits_.push_back({callId, libToken, attachment});
  VarId result = c.result == kNoVar ? kNoVar : vb + c.result;
  if (entryModel != kNone) {
    const EntryModel& em = catalog_.entries[entryModel];
    if (em.callback < static_cast<int>(c.args.size()) && c.args[em.callback] != kNoVar) {
      std::vector<uint32_t> ptoks;
      uint32_t cbTok = libraryChild(libToken, "$cb" + std::to_string(em.callback), kNone);
      for (int p = 0; p < 4; ++p)
        ptoks.push_back(libraryChild(cbTok, "$p" + std::to_string(p), kNone));
      std::string name = "?";
      if (em.name.base == ValueRef::Base::Arg && em.name.index < static_cast<int>(c.args.size()) &&
          c.args[em.name.index] != kNoVar)
        for (const auto& sv : strings(vb + c.args[em.name.index]).values())
          if (sv.kind == StringKind::Exact) {
            name = sv.text;
            break;
          }
      callbackFromArg(callId, vb + c.args[em.callback], {}, ptoks, kNoVar, em.prefix + name);
    }
  }
  // The result is a library value made by this call (an axios instance, a response).
  uint32_t made = libraryChild(libToken, "()", callId);
  if (result != kNoVar && (summary == kNone || !catalog_.summaries[summary].noDefault)) {
    addToken(result, made);
    markBorn(result, static_cast<uint8_t>(tokens_[made].intrinsic & ~tokens_[libToken].intrinsic));
    VarId callee = c.callee == kNoVar ? kNoVar : vb + c.callee;
    if (callee != kNoVar && implicitSeen_.insert((static_cast<uint64_t>(callee) << 32) | result)) {
      implicitPreds_.emplace_back(callee, result);
    }
  }
  if (summary != kNone) {
    applySummary(callId, catalog_.summaries[summary], libToken);
    return;
  }
  if (sink != kNone || entryModel != kNone) return;  // a response is not customer data
  if (tokens_[made].isSource) return;  // a source: its result is its own category only
  // Method summaries (string and array methods) by name.
  if (!c.methodName.empty()) {
    for (const auto& s : catalog_.summaries) {
      if (std::find(s.selector.methods.begin(), s.selector.methods.end(), c.methodName) !=
          s.selector.methods.end()) {
        applySummary(callId, s, libToken);
        return;
      }
    }
  }
  defaultPassThrough(callId, libToken);
}

// ----------------------------------------------------------------- phases

// Every loop of the solver pays here, so one budget bounds the whole solve.
bool FlowSolver::spend(uint64_t steps) {
  stats_.steps += steps;
  if (stats_.steps <= budget_.maxSteps) return true;
  if (!stats_.budgetHit) {
    stats_.budgetHit = true;
    stats_.budgetWhat = "analysis steps";
  }
  return false;
}

bool FlowSolver::run() {
  bool any = false;
  while (queueHead_ < queue_.size()) {
    if (!spend(1)) {
      queue_.clear();
      queueHead_ = 0;
      return any;
    }
    VarId v = queue_[queueHead_++];
    queued_[v] = 0;
    any = true;
    if (profile_) ++(*profile_)[v];
    // Work, not pops: a variable with many successors costs more (deterministic budget).
    stats_.steps += succ_[v].size() / 4;
    propagate(v);
    if (queueHead_ > 4096 && queueHead_ * 2 > queue_.size()) {
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<long>(queueHead_));
      queueHead_ = 0;
    }
  }
  queue_.clear();
  queueHead_ = 0;
  return any;
}

void FlowSolver::phaseUnknownCallees() {
  for (uint32_t id = 0; id < program_.callCount; ++id) {
    if (!spend(1)) return;
    if (callUnknownDone_[id]) continue;
    const CallFact& c = program_.call(id);
    if (c.isSuperCall || c.callee == kNoVar) continue;
    VarId vb = program_.varBase[program_.fileOfCall(id)];
    bool callable = false;
    for (uint32_t t : vars_[vb + c.callee].tokens) {
      TokenKind k = tokens_[t].kind;
      callable =
          callable || k == TokenKind::Function || k == TokenKind::Class || k == TokenKind::Library;
    }
    if (callable) continue;
    callUnknownCallee(id);
  }
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

void FlowSolver::phaseUncalledParameters() {
  // Parameters of functions that nothing calls: their value is the caller's
  // choice; say so instead of leaving the host blank.
  for (uint32_t fn = 0; fn < program_.functionCount; ++fn) {
    if (!spend(1)) return;
    const FunctionFact* f = program_.function(fn);
    if (!f || !callersOfFn_[fn].empty()) continue;
    bool isEntry = false;
    for (auto& e : entryFunctions_) isEntry = isEntry || e.first == fn;
    VarId fvb = program_.varBase[program_.fileOfFunction(fn)];
    for (VarId p : f->params) {
      if (!strings(fvb + p).empty()) continue;
      AbstractString a;
      a.kind = StringKind::Unknown;
      a.origin = isEntry ? StringOrigin::Unknown : StringOrigin::Parameter;
      a.detail = program_.varInfo(fvb + p).name;
      addString(fvb + p, a);
    }
  }
}

bool FlowSolver::phaseDeepTaint() {
  bool changed = false;
  // Nothing tainted anywhere (library code without sources): nothing to spread.
  uint8_t any = 0;
  for (const auto& st : vars_) any |= st.eff;
  if (!any) return false;
  ++deepGeneration_;  // the heap changed since the last round
  for (size_t i = 0; i < deepTaintEdges_.size(); ++i) {
    if (!spend(1)) return false;
    auto [from, to] = deepTaintEdges_[i];
    if ((vars_[to].eff & any) == any) continue;
    uint8_t mask = deepTaint(from);
    uint8_t fresh = mask & ~vars_[to].eff;
    if (!fresh) continue;
    for (int b = 0; b < kCategoryCount; ++b) {
      if (!(fresh & (1u << b))) continue;
      VarId carrier = deepCarrier(from, static_cast<uint8_t>(1u << b));
      changed |=
          addTaint(to, static_cast<uint8_t>(1u << b), carrier == kNoVar ? from : carrier, kNone);
      for (VarId cv : deepCarriers(from, static_cast<uint8_t>(1u << b)))
        if (implicitSeen_.insert((static_cast<uint64_t>(cv) << 32) | to)) {
          implicitPreds_.emplace_back(cv, to);
        }
    }
  }
  return changed;
}

// Deep taint is "reachable within `depth` fields": deep(v, d) is v's own taint
// and, for d > 0, the deep taint of each object v may hold at d; an object's
// deep taint at d is its intrinsic taint, its fields' deep taint at d - 1 and
// the non-method fields inherited through its prototypes at d - 2. Depth
// strictly decreases, so the recursion is well founded and each (object,
// depth) pair is computed once per generation: linear in the heap, where a
// search per query was quadratic on library code (every argument of every
// library call asks).
uint8_t FlowSolver::deepTaint(VarId v, int depth) const {
  if (v == kNoVar) return 0;
  uint8_t mask = vars_[v].eff;
  if (depth <= 0) return mask;
  for (uint32_t t : vars_[v].tokens) {
    mask |= deepTokenTaint(t, depth);
    if (mask == 0x7f) break;
  }
  return mask;
}

uint8_t FlowSolver::deepTokenTaint(uint32_t t, int depth) const {
  const Token& tok = tokens_[t];
  if (tok.kind == TokenKind::Function || tok.kind == TokenKind::Class) return tok.intrinsic;
  size_t slot = static_cast<size_t>(t) * kDeepDepths + static_cast<size_t>(depth);
  if (deepMemoGen_.size() < (static_cast<size_t>(t) + 1) * kDeepDepths) {
    deepMemoGen_.resize(tokens_.size() * kDeepDepths, 0);
    deepMemo_.resize(tokens_.size() * kDeepDepths, 0);
  }
  if (deepMemoGen_[slot] == deepGeneration_) return deepMemo_[slot];
  // Mark before recursing (depth decreases, so no cycle can reach this slot).
  deepMemoGen_[slot] = deepGeneration_;
  uint8_t mask = tok.intrinsic;
  for (const auto& [n, fv] : tok.fields) {
    if (n.rfind("$getter:", 0) == 0) continue;
    mask |= deepTaint(fv, depth - 1);
  }
  // Instance fields set through the prototype chain (not methods).
  if (depth >= 2)
    for (uint32_t fb : tok.fallbacks)
      for (const auto& [n, fv] : tokens_[fb].fields) {
        if (n == "constructor") continue;
        bool method = false;
        for (uint32_t ft : vars_[fv].tokens)
          method = method || tokens_[ft].kind == TokenKind::Function;
        if (!method) mask |= deepTaint(fv, depth - 2);
      }
  deepMemo_[slot] = mask;
  return mask;
}

VarId FlowSolver::deepCarrier(VarId v, uint8_t bit, int depth) const {
  std::vector<VarId> carriers = deepCarriers(v, bit, depth);
  return carriers.empty() ? kNoVar : carriers.front();
}

std::vector<VarId> FlowSolver::deepCarriers(VarId v, uint8_t bit, int depth) const {
  std::vector<VarId> out;
  std::vector<std::pair<VarId, int>> stack{{v, depth}};
  std::unordered_set<VarId> seen;
  while (!stack.empty() && out.size() < 64 && seen.size() < 4096) {
    auto [cur, d] = stack.back();
    stack.pop_back();
    if (cur == kNoVar || !seen.insert(cur).second) continue;
    if (vars_[cur].eff & bit) out.push_back(cur);
    if (d <= 0) continue;
    for (uint32_t t : vars_[cur].tokens) {
      if (tokens_[t].kind == TokenKind::Function || tokens_[t].kind == TokenKind::Class) continue;
      for (const auto& [n, fv] : tokens_[t].fields) stack.emplace_back(fv, d - 1);
    }
  }
  return out;
}

void FlowSolver::buildPredecessors() const {
  if (!preds_.empty()) return;
  preds_.resize(vars_.size());
  for (VarId v = 0; v < succ_.size(); ++v)
    for (const Edge& e : succ_[v]) preds_[e.to].push_back({v, e.kind, e.call, e.dir});
  for (auto [from, to] : implicitPreds_)
    preds_[to].push_back({from, EdgeKind::TaintOnly, kNone, 0});
}

bool FlowSolver::realizable(VarId v, uint8_t bit) const {
  if (v == kNoVar || !(vars_[v].eff & bit)) return false;
  buildPredecessors();
  struct State {
    VarId var;
    std::vector<uint32_t> stack;  // calls whose return we came back through
  };
  constexpr size_t kMaxDepth = 8;
  constexpr size_t kBudget = 200000;
  std::vector<State> work{{v, {}}};
  std::unordered_set<std::string> seen;
  size_t steps = 0;
  while (!work.empty()) {
    if (++steps > kBudget) return true;  // out of budget: stay sound
    State st = std::move(work.back());
    work.pop_back();
    if (st.var < born_.size() && (born_[st.var] & bit)) return true;
    // Key: the variable and the call stack, as raw bytes.
    std::string key(reinterpret_cast<const char*>(&st.var), sizeof(st.var));
    if (!st.stack.empty())
      key.append(reinterpret_cast<const char*>(st.stack.data()),
                 st.stack.size() * sizeof(uint32_t));
    if (!seen.insert(key).second) continue;
    for (const PredEdge& p : preds_[st.var]) {
      const VarState& from = vars_[p.from];
      bool carries =
          p.kind == EdgeKind::BaseTaint ? (from.taint & bit) != 0 : (from.eff & bit) != 0;
      if (!carries) continue;
      State next{p.from, st.stack};
      if (p.dir == kLeavesClosure) {
        next.stack.clear();  // left a closure by a side effect: any caller may have entered it
      } else if (p.dir == 2) {
        // Backwards through a return: remember the call to come back into it.
        if (next.stack.size() < kMaxDepth)
          next.stack.push_back(p.call);
        else
          next.stack.clear();  // too deep: forget, and accept any caller
      } else if (p.dir == 1 && !next.stack.empty()) {
        // Backwards through an argument: only the call we came out of.
        if (next.stack.back() != p.call) continue;
        next.stack.pop_back();
      }
      work.push_back(std::move(next));
    }
  }
  return false;
}

std::vector<VarId> FlowSolver::resolveRef(const ValueRef& ref, uint32_t callId,
                                          uint32_t calleeToken) const {
  std::vector<VarId> out;
  const CallFact& c = program_.call(callId);
  VarId vb = program_.varBase[program_.fileOfCall(callId)];
  std::vector<VarId> bases;
  // `f(...args)`: a spread argument at or before the index stands for its elements.
  auto elementsOf = [&](VarId a) {
    for (uint32_t t : vars_[a].tokens) {
      VarId e = fieldOf(t, "[]");
      if (e != kNoVar) bases.push_back(e);
    }
  };
  switch (ref.base) {
    case ValueRef::Base::Arg: {
      bool spread = false;
      for (size_t j = 0; j < c.args.size() && j <= static_cast<size_t>(ref.index) && j < 32; ++j)
        if ((c.spreadMask & (1u << j)) && c.args[j] != kNoVar) {
          elementsOf(vb + c.args[j]);
          spread = true;
        }
      if (!spread && ref.index < static_cast<int>(c.args.size()) && c.args[ref.index] != kNoVar)
        bases.push_back(vb + c.args[ref.index]);
      break;
    }
    case ValueRef::Base::Args:
      for (size_t j = 0; j < c.args.size(); ++j) {
        if (c.args[j] == kNoVar) continue;
        if (j < 32 && (c.spreadMask & (1u << j))) elementsOf(vb + c.args[j]);
        bases.push_back(vb + c.args[j]);
      }
      break;
    case ValueRef::Base::Receiver:
      if (c.receiver != kNoVar) bases.push_back(vb + c.receiver);
      break;
    case ValueRef::Base::Origin: {
      uint32_t oc = originCall(calleeToken, ref.originDepth);
      if (oc == kNone) break;
      const CallFact& o = program_.call(oc);
      VarId ovb = program_.varBase[program_.fileOfCall(oc)];
      if (ref.index < static_cast<int>(o.args.size()) && o.args[ref.index] != kNoVar)
        bases.push_back(ovb + o.args[ref.index]);
      break;
    }
    default:
      break;
  }
  for (const auto& f : ref.fields) {
    std::vector<VarId> next;
    for (VarId b : bases)
      for (uint32_t t : vars_[b].tokens) {
        VarId fv = fieldOf(t, f);
        if (fv != kNoVar) next.push_back(fv);
        for (uint32_t fb : tokens_[t].fallbacks) {
          VarId pv = fieldOf(fb, f);
          if (pv != kNoVar) next.push_back(pv);
        }
      }
    bases = std::move(next);
  }
  std::sort(bases.begin(), bases.end());
  bases.erase(std::unique(bases.begin(), bases.end()), bases.end());
  return bases;
}

namespace {
// FORGE_EGRESS_TIMING: time, steps and graph size after each phase, on stderr.
struct PhaseClock {
  bool on;
  const FlowStats& stats;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  PhaseClock(bool enabled, const FlowStats& s) : on(enabled), stats(s) {}
  void lap(const char* phase, size_t vars, size_t tokens, size_t edges) {
    if (!on) return;
    auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "timing:   %-16s %6lld ms  steps %llu  vars %zu  objects %zu  edges %zu\n",
                 phase,
                 static_cast<long long>(
                     std::chrono::duration_cast<std::chrono::milliseconds>(now - start).count()),
                 static_cast<unsigned long long>(stats.steps), vars, tokens, edges);
    start = now;
  }
};
}  // namespace

void FlowSolver::solve() {
  std::unique_ptr<std::unordered_map<VarId, uint64_t>> profileHolder;
  if (std::getenv("FORGE_EGRESS_PROFILE")) {
    profileHolder = std::make_unique<std::unordered_map<VarId, uint64_t>>();
    profile_ = profileHolder.get();
  }
  struct Report {
    FlowSolver* self;
    ~Report() {
      if (!self->profile_) return;
      std::vector<std::pair<uint64_t, VarId>> top;
      for (auto& [v, n] : *self->profile_) top.emplace_back(n, v);
      std::sort(top.rbegin(), top.rend());
      for (size_t i = 0; i < top.size() && i < 15; ++i) {
        VarId v = top[i].second;
        const VarState& st = self->vars_[v];
        std::fprintf(stderr, "profile: %llu x %s:%u %s tokens=%zu strings=%zu\n",
                     static_cast<unsigned long long>(top[i].first),
                     self->program_.files[self->program_.fileOfVar(v)].path.c_str(),
                     self->program_.varInfo(v).site.line, self->program_.varInfo(v).name.c_str(),
                     st.tokens.size(), self->strings(v).values().size());
      }
      self->profile_ = nullptr;
    }
  } report{this};
  uint32_t total = program_.fileVarCount + static_cast<uint32_t>(program_.linkVars.size());
  vars_.resize(total);
  succ_.resize(total);
  watches_.resize(total);
  queued_.assign(total, 0);
  callTokensDone_.resize(program_.callCount);
  callUnknownDone_.assign(program_.callCount, 0);
  calleesOf_.resize(program_.functionCount);
  callersOfFn_.resize(program_.functionCount);
  functionTokenOf_.assign(program_.functionCount, kNone);
  PhaseClock clock(std::getenv("FORGE_EGRESS_TIMING") != nullptr, stats_);
  auto lap = [&](const char* phase) {
    clock.lap(phase, vars_.size(), tokens_.size(), edges_.size() + callEdges_.size());
  };
  for (uint32_t f = 0; f < program_.files.size(); ++f) addFileFacts(f);
  addLinkFacts();
  lap("facts");
  run();
  lap("constraints");
  for (int round = 0; round < 3; ++round) {
    phaseUnknownCallees();
    if (!run()) break;
  }
  lap("unknown callees");
  holesAsUnknown_ = true;
  for (uint32_t i = 0; i < concats_.size() && spend(1); ++i) evalConcat(i);
  run();
  phaseUncalledParameters();
  run();
  lap("string holes");
  for (int round = 0; round < 16; ++round) {
    phaseUnknownCallees();
    bool changed = phaseDeepTaint();
    if (!run() && !changed) break;
  }
  lap("deep taint");
  ++deepGeneration_;  // queries after solving see the final heap
  edges_.clear();
}

}  // namespace fe
