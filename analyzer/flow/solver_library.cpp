// Library values and catalog matching (see solver.h): a library value is a
// root (a module or global) and a member path below it; each is matched once
// against the catalog's sinks, sources, summaries and entry models. Also the
// summary object that full variables hold instead of more objects.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "flow/solver.h"

namespace fe {

// Members such as `length` or `status` are numbers about a value, not its data.
bool FlowSolver::isClean(const std::string& member) const {
  const auto& clean = catalog_.cleanMembers;
  return std::find(clean.begin(), clean.end(), member) != clean.end();
}

// A library value that is a clean member: any of them, except that a response's members
// (`status`) are clean only on what a call returned, not on data below it.
bool FlowSolver::cleanLibraryMember(const std::string& segment, uint32_t parent) const {
  if (!isClean(segment)) return false;
  const auto& resp = catalog_.responseMembers;
  if (std::find(resp.begin(), resp.end(), segment) == resp.end()) return true;
  return parent != kNone && tokens_[parent].segment == "()";
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

// The library value below `parent` that libraryChild() made already, or kNone.
uint32_t FlowSolver::existingLibraryChild(uint32_t parent, const std::string& segment,
                                          uint32_t creatorCall) const {
  uint32_t known =
      libraryChildren_.find(LibraryChildIndex::hash(parent, segment, creatorCall), [&](uint32_t t) {
        const Token& c = tokens_[t];
        return c.parent == parent && c.creatorCall == creatorCall && c.segment == segment;
      });
  return known == LibraryChildIndex::kMissing ? kNone : known;
}

uint32_t FlowSolver::libraryChild(uint32_t parent, const std::string& segment,
                                  uint32_t creatorCall) {
  if (tokens_[parent].path.size() >= budget_.maxLibraryDepth) return parent;
  // `require('m').default` and `import * as m; m.default` are the module's default export,
  // which an `import x from 'm'` already binds to the module itself (the linker's seeds):
  // one token for both, so every catalog row written for the one matches the other.
  if (segment == "default" && creatorCall == kNone && tokens_[parent].path.empty() &&
      tokens_[parent].root != kNone && roots_[tokens_[parent].root][0] != '$')
    return parent;
  if (uint32_t known = existingLibraryChild(parent, segment, creatorCall); known != kNone)
    return known;
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
  // The ordered map serves the walks over a value's members (memberRef's `.deep`).
  libraryIndex_[std::to_string(parent) + "\x1f" + segment + "\x1f" +
                (creatorCall == kNone ? std::string() : std::to_string(creatorCall))] = tok;
  libraryChildren_.insert(LibraryChildIndex::hash(parent, segment, creatorCall), tok);
  if (pp.opaque) {
    // Nothing below an opaque value matches the catalog: skip the matching, keep
    // the inherited categories (clean members such as `length` carry none).
    t.opaque = true;
    if (cleanLibraryMember(segment, parent)) t.intrinsic = 0;
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

// Indices of the rows of `table` whose selector (`sel(row)`) names `root`.
template <typename Table, typename Sel>
static std::vector<uint32_t> rowsNaming(const Table& table, const std::string& root, Sel sel) {
  std::vector<uint32_t> rows;
  for (size_t i = 0; i < table.size(); ++i)
    if (selectorRootMatches(sel(table[i]), root)) rows.push_back(static_cast<uint32_t>(i));
  return rows;
}

const FlowSolver::RootRows& FlowSolver::rowsOfRoot(uint32_t root) {
  if (rootRows_.size() <= root) rootRows_.resize(root + 1);
  if (rootRows_[root]) return *rootRows_[root];
  const std::string& name = roots_[root];
  auto rows = std::make_unique<RootRows>();
  auto bySelector = [](const auto& row) -> const Selector& { return row.selector; };
  rows->sources = rowsNaming(catalog_.sources, name, bySelector);
  rows->sinks = rowsNaming(catalog_.sinks, name, bySelector);
  rows->summaries = rowsNaming(catalog_.summaries, name, bySelector);
  rows->attachments = rowsNaming(catalog_.attachments, name, bySelector);
  auto itself = [](const Selector& s) -> const Selector& { return s; };
  rows->siteValues = rowsNaming(catalog_.siteValues, name, itself);
  rows->environments = rowsNaming(catalog_.environments, name, itself);
  rows->elementFactories = rowsNaming(catalog_.elementFactories, name, bySelector);
  rows->dynamicCode = rowsNaming(catalog_.dynamicCode, name, bySelector);
  rows->checks = rowsNaming(catalog_.checks, name, bySelector);
  rows->entries = rowsNaming(catalog_.entries, name, bySelector);
  rows->bridges = rowsNaming(catalog_.bridges, name, bySelector);
  rootRows_[root] = std::move(rows);
  return *rootRows_[root];
}

bool FlowSolver::summarisedMethod(const std::string& name) {
  if (!summarisedMethodsMade_) {
    for (const auto& s : catalog_.summaries)
      for (const auto& m : s.selector.methods) summarisedMethods_.insert(m);
    summarisedMethodsMade_ = true;
  }
  return summarisedMethods_.count(name) != 0;
}

void FlowSolver::matchCatalog(uint32_t tok) {
  Token& t = tokens_[tok];
  const std::string& root = roots_[t.root];
  const RootRows& rows = rowsOfRoot(t.root);
  std::vector<std::string_view> path(t.path.begin(), t.path.end());
  // The first row of a table (in catalog order) that matches this value, or kNone.
  auto firstMatch = [&](const std::vector<uint32_t>& idx, const auto& table) -> uint32_t {
    for (uint32_t i : idx) {
      size_t spec = 0;
      if (selectorMatches(table[i].selector, root, path, spec)) return i;
    }
    return kNone;
  };
  size_t best = 0;
  for (uint32_t i : rows.sources) {
    size_t spec = 0;
    if (selectorMatches(catalog_.sources[i].selector, root, path, spec) && spec > best) {
      best = spec;
      t.intrinsic = categoryBit(catalog_.sources[i].category);
      if (catalog_.sources[i].withParent && t.parent != kNone)
        t.intrinsic |= tokens_[t.parent].intrinsic;
      t.isSource = true;
    }
  }
  // Sources marked inWhole with a fixed path below this value: what its members are (a pattern
  // with `**` names members anywhere, which says nothing about this value's own content).
  for (uint32_t i : rows.sources) {
    const auto& src = catalog_.sources[i];
    if (!src.inWhole || !src.selector.methods.empty()) continue;
    for (const auto& p : src.selector.paths) {
      if (p.segments.size() <= path.size() ||
          std::find(p.segments.begin(), p.segments.end(), "**") != p.segments.end())
        continue;
      if (p.mayMatchExtension(path)) t.below |= categoryBit(src.category);
    }
  }
  // Sources mark their whole subtree; a more specific descendant pattern
  // overrides (context → install-context, context.accountId → user-identity).
  if (best == 0 && t.parent != kNone) t.intrinsic = tokens_[t.parent].intrinsic;
  if (best == 0 && cleanLibraryMember(t.segment, t.parent)) t.intrinsic = 0;
  // What an array or string method of a source returns (`issues.map(() => true)`) is what
  // its method summary says, not the source's category as a whole: the call's default result
  // carries none (the summary's flows carry the data that is in it).
  if (best == 0 && t.segment == "()" && t.parent != kNone &&
      summarisedMethod(tokens_[t.parent].segment))
    t.intrinsic = 0;
  t.sink = firstMatch(rows.sinks, catalog_.sinks);
  size_t bestSummary = 0;
  for (uint32_t i : rows.summaries) {
    if (!catalog_.summaries[i].selector.methods.empty()) continue;
    size_t spec = 0;
    if (selectorMatches(catalog_.summaries[i].selector, root, path, spec) && spec > bestSummary) {
      bestSummary = spec;
      t.summary = i;
    }
  }
  t.attachment = firstMatch(rows.attachments, catalog_.attachments);
  for (uint32_t i : rows.siteValues) {
    size_t spec = 0;
    t.siteUrl = t.siteUrl || selectorMatches(catalog_.siteValues[i], root, path, spec);
  }
  for (uint32_t i : rows.environments) {
    size_t spec = 0;
    t.environment = t.environment || selectorMatches(catalog_.environments[i], root, path, spec);
  }
  t.elementFactory = firstMatch(rows.elementFactories, catalog_.elementFactories);
  t.dynamicCode = firstMatch(rows.dynamicCode, catalog_.dynamicCode);
  for (uint32_t i : rows.checks) {
    size_t spec = 0;
    if (selectorMatches(catalog_.checks[i].selector, root, path, spec)) t.checks.push_back(i);
  }
  t.entryModel = firstMatch(rows.entries, catalog_.entries);
  t.bridge = firstMatch(rows.bridges, catalog_.bridges);
  // Opaque: no catalog row can match this value or anything below it, so its
  // content is unknown to the analysis (data from outside, not a modelled API).
  auto anyBelow = [&](const std::vector<uint32_t>& idx, const auto& table, auto sel) {
    for (uint32_t i : idx)
      if (selectorMayMatchBelow(sel(table[i]), root, path)) return true;
    return false;
  };
  auto bySelector = [](const auto& row) -> const Selector& { return row.selector; };
  auto itself = [](const Selector& s) -> const Selector& { return s; };
  t.opaque = !(anyBelow(rows.sources, catalog_.sources, bySelector) ||
               anyBelow(rows.sinks, catalog_.sinks, bySelector) ||
               anyBelow(rows.summaries, catalog_.summaries, bySelector) ||
               anyBelow(rows.attachments, catalog_.attachments, bySelector) ||
               anyBelow(rows.entries, catalog_.entries, bySelector) ||
               anyBelow(rows.checks, catalog_.checks, bySelector) ||
               anyBelow(rows.siteValues, catalog_.siteValues, itself) ||
               anyBelow(rows.environments, catalog_.environments, itself) ||
               anyBelow(rows.dynamicCode, catalog_.dynamicCode, bySelector) ||
               anyBelow(rows.elementFactories, catalog_.elementFactories, bySelector));
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

uint32_t FlowSolver::summaryToken() {
  if (summary_ == kNone) summary_ = allocToken(TokenKind::Summary, kNone, 0, {});
  return summary_;
}

void FlowSolver::smash(uint32_t token) {
  if (tokens_[token].smashed || token == summary_) return;
  tokens_[token].smashed = true;
  for (auto [n, fv] : fieldList(token)) mergeInto(fv, field(summaryToken(), *n));
  if (tokens_[token].kind == TokenKind::Function) bindSummarisedFunction(token);
}

void FlowSolver::makeSummaryCallee() {
  if (summaryCallee_.result != kNoVar) return;
  for (size_t i = 0; i < kSummaryArity; ++i)
    summaryCallee_.args.push_back(newSolverVar("argument of a summarised callee", {}, 0));
  summaryCallee_.thisVar = newSolverVar("this of a summarised callee", {}, 0);
  summaryCallee_.result = newSolverVar("result of a summarised callee", {}, 0);
}

// The edges leave any activation (kLeavesClosure): the shared activation is no call's own,
// so a matched-path query takes them as any caller's.
void FlowSolver::bindSummarisedFunction(uint32_t fnToken) {
  uint32_t fnIndex = tokens_[fnToken].index;
  const FunctionFact* fn = program_.function(fnIndex);
  if (!fn) return;
  makeSummaryCallee();
  VarId fvb = program_.varBase[program_.fileOfFunction(fnIndex)];
  const SummaryCallee& sc = summaryCallee_;
  for (size_t i = 0; i < fn->params.size() && i < kSummaryArity; ++i) {
    if (fn->restParam >= 0 && static_cast<int>(i) >= fn->restParam) break;
    addEdge(sc.args[i], fvb + fn->params[i], EdgeKind::TaintOnly, kNone, kLeavesClosure);
  }
  if (fn->argumentsElements != kNoVar)
    for (VarId a : sc.args)
      addEdge(a, fvb + fn->argumentsElements, EdgeKind::TaintOnly, kNone, kLeavesClosure);
  if (!fn->isArrow && fn->thisVar != kNoVar)
    addEdge(sc.thisVar, fvb + fn->thisVar, EdgeKind::TaintOnly, kNone, kLeavesClosure);
  if (fn->returnVar != kNoVar)
    addEdge(fvb + fn->returnVar, sc.result, EdgeKind::TaintOnly, kNone, kLeavesClosure);
  // Reached from every function that calls the summary, through one node of the call graph
  // (the last): callers plus functions, not their product.
  calleesOf_.back().push_back(fnIndex);
}

void FlowSolver::callSummary(uint32_t callId) {
  makeSummaryCallee();
  summaryCalls_.push_back(callId);
  const CallFact& c = program_.call(callId);
  uint32_t file = program_.fileOfCall(callId);
  VarId vb = program_.varBase[file];
  for (size_t i = 0; i < c.args.size() && i < kSummaryArity; ++i) {
    if (c.args[i] == kNoVar) continue;
    VarId a = vb + c.args[i];
    if (i < 32 && (c.spreadMask & (1u << i))) a = loadVar(a, "[]", file, c.site);
    addEdge(a, summaryCallee_.args[i], EdgeKind::TaintOnly, kNone, kLeavesClosure);
  }
  if (c.receiver != kNoVar && !c.isSuperCall)
    addEdge(vb + c.receiver, summaryCallee_.thisVar, EdgeKind::TaintOnly, kNone, kLeavesClosure);
  if (c.result != kNoVar)
    addEdge(summaryCallee_.result, vb + c.result, EdgeKind::Value, kNone, kLeavesClosure);
  uint32_t caller = callerFunction(callId);
  uint32_t hub = static_cast<uint32_t>(calleesOf_.size() - 1);
  if (caller != kNone && callEdgeSeen_.insert((uint64_t{caller} << 32) | hub))
    calleesOf_[caller].push_back(hub);
}

// Cycle collapsing for the summary: a field of a smashed object and the summary's field of the
// same name would be linked both ways, so they always hold the same; they become one variable
// (the summary's), so a value that reaches one is pushed once, not around the cycle to every
// smashed object. Edges and watches of the member move to the representative and get what it
// already holds; queries see the representative's state through find().
void FlowSolver::mergeInto(VarId member, VarId rep) {
  member = find(member);
  rep = find(rep);
  if (member == rep) return;
  if (rep_.size() < vars_.size()) rep_.resize(vars_.size(), kNoVar);
  rep_[member] = rep;
  merged_.push_back({member, rep});
  // The member's edges and watches become the representative's. Copied, not moved: a
  // propagation of the member may be iterating them; they are released after it (run()).
  EdgeList edges = succ_[member];
  WatchList watches = watches_[member];
  retired_.push_back(member);
  for (const Edge& e : edges) addEdge(rep, e.to, e.kind, e.call, e.dir);
  const SmallIdVector* savedDelta = watchDelta_;
  VarId savedVar = watchVar_;
  watchDelta_ = nullptr;  // the moved watches look at all the representative holds
  watchVar_ = kNoVar;
  for (const Watch& w : watches) {
    watches_[rep].push_back(w);
    runWatch(w);
  }
  watchDelta_ = savedDelta;
  watchVar_ = savedVar;
  // What the member held flows into the representative; a category new there keeps the
  // member's own explanation (its parents), so witness paths go on past the merge.
  const VarState m = vars_[member];
  uint8_t before = vars_[rep].eff;
  for (uint32_t t : m.tokens) addToken(rep, t, member);
  addStrings(rep, m.strings);
  addTaint(rep, m.taint, member, kNone, kNone, m.wholeData);
  uint8_t fresh = vars_[rep].eff & ~before;
  if (fresh && m.parents != kNone && vars_[rep].parents != kNone)
    for (int i = 0; i < kCategoryCount; ++i)
      if ((fresh & (1u << i)) && parents_[m.parents][i].from != kNoVar)
        parents_[vars_[rep].parents][i] = parents_[m.parents][i];
}

}  // namespace fe
