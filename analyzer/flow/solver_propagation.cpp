// The propagation core (see solver.h): difference propagation of objects,
// strings and taint along edges, and the watches that turn new objects of a
// variable into field edges (loads, stores, spreads) and new strings into
// concatenations.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "flow/solver.h"

namespace fe {

void FlowSolver::enqueue(VarId v) {
  if (v == kNoVar) return;
  v = find(v);
  if (queued_[v]) return;
  queued_[v] = 1;
  queue_.push_back(v);
}

void FlowSolver::watch(VarId v, WatchKind kind, uint32_t id) {
  if (v == kNoVar) return;
  watches_[find(v)].push_back({kind, id});
  // Later changes arrive as deltas; what v already holds is handled now.
  const SmallIdVector* savedDelta = watchDelta_;
  VarId savedVar = watchVar_;
  watchDelta_ = nullptr;
  watchVar_ = kNoVar;
  runWatch({kind, id});
  watchDelta_ = savedDelta;
  watchVar_ = savedVar;
}

// The objects of `v` a watch must look at: only the new ones when it runs
// because v changed, all of them otherwise.
SmallIdVector FlowSolver::tokensFor(VarId v) const {
  if (watchDelta_ && watchVar_ == find(v)) return *watchDelta_;
  return vars_[find(v)].tokens;
}

void FlowSolver::addEdge(VarId from, VarId to, EdgeKind kind, uint32_t call, uint8_t dir) {
  if (from == kNoVar || to == kNoVar) return;
  from = find(from);
  to = find(to);
  if (from == to) return;
  if (dir == 0) {
    uint64_t key = (static_cast<uint64_t>(from) << 32 | to) * 4 + static_cast<uint64_t>(kind);
    if (!edges_.insert(key)) return;
  } else {
    // Call and return edges keep one entry per call, for call/return matching. Hashed: a linear
    // scan of succ_ is quadratic when one function returns to thousands of calls.
    if (!callEdges_.insert(
            static_cast<uint64_t>(from) << 32 | to,
            static_cast<uint64_t>(call) << 16 | static_cast<uint64_t>(kind) << 8 | dir))
      return;
  }
  succ_[from].push_back({to, kind, call, dir});
  // Push what `from` already has.
  const VarState& s = vars_[from];
  if (kind == EdgeKind::Value) {
    for (uint32_t t : SmallIdVector(s.tokens)) addToken(to, t, from, call);
    addStrings(to, vars_[from].strings);
    addTaint(to, vars_[from].taint, from, kNone, call, vars_[from].wholeData);
  } else if (kind == EdgeKind::TaintOnly || kind == EdgeKind::PartTaint) {
    addTaint(to, s.eff, from, kNone, call, kind == EdgeKind::TaintOnly);
  } else {
    addTaint(to, s.taint, from, kNone, call);
  }
}

bool FlowSolver::addTaint(VarId v, uint8_t mask, VarId from, uint32_t token, uint32_t call,
                          bool whole) {
  v = find(v);
  VarState& s = vars_[v];
  uint8_t fresh = mask & ~s.eff;
  uint8_t freshBase = mask & ~s.taint;
  bool freshWhole = whole && mask && token == kNone && !s.wholeData;
  if (!fresh && !freshBase && !freshWhole) return false;
  if (freshWhole) s.wholeData = true;
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
  v = find(v);
  VarState& s = vars_[v];
  auto it = std::lower_bound(s.tokens.begin(), s.tokens.end(), token);
  if (it != s.tokens.end() && *it == token) return;
  if (s.tokens.size() >= budget_.maxTokensPerVar && token != summary_) {
    // Full: the variable holds the summary instead, and the object's fields flow into the
    // summary's, so a read through this variable still sees what was stored in the object.
    smash(token);
    uint32_t sink = tokens_[token].kind == TokenKind::Library ? tokens_[token].sink : kNone;
    if (sink != kNone && catalog_.sinks[sink].kind != SinkKind::Log &&  // a network call
        summarisedSinkSeen_.insert((uint64_t{v} << 32) | token))
      summarisedSinks_.emplace_back(v, token);
    addToken(v, summaryToken(), from, call);
    // What the object is (a response, the event) the summary does not say: the variable's
    // value is that data, passed on along value edges as the object would have been.
    uint8_t in = tokens_[token].intrinsic;
    if (in) addTaint(v, in, from, kNone, call);
    return;
  }
  s.tokens.insert(it, token);
  s.delta.push_back(token);
  if (tokens_[token].siteUrl) {
    // The customer's site URL: a string whose host is *.atlassian.net, whatever the path.
    AbstractString siteUrl;
    siteUrl.kind = StringKind::Unknown;
    siteUrl.origin = StringOrigin::Site;
    addString(v, siteUrl);
  }
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
  v = find(v);
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
  v = find(v);
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
  VarState& st = vars_[find(v)];
  st.stringsChanged = true;
  if (st.stringChanges < 255) ++st.stringChanges;
  if (st.stringChanges == kMaxStringChanges) st.strings = stringPool_.collapse(st.strings);
}

void FlowSolver::propagate(VarId v) {
  // Difference propagation: only the objects added since the last visit travel
  // along the edges (new edges get the full set when they are added). Copies:
  // pushing may reallocate vars_.
  SmallIdVector tokens;
  tokens.swap(vars_[v].delta);
  // Strings travel only when they changed since the last visit.
  uint32_t strings = StringSetPool::kEmpty;
  bool stringsChanged = vars_[v].stringsChanged;
  if (stringsChanged) {
    strings = vars_[v].strings;
    vars_[v].stringsChanged = false;
  }
  uint8_t taint = vars_[v].taint, eff = vars_[v].eff;
  bool whole = vars_[v].wholeData;
  // Pushing along edges adds no edge and no variable, so the list is read in place.
  for (size_t i = 0, n = succ_[v].size(); i < n; ++i) {
    const Edge e = succ_[v][i];
    switch (e.kind) {
      case EdgeKind::Value:
        for (uint32_t t : tokens) addToken(e.to, t, v, e.call);
        addStrings(e.to, strings);
        addTaint(e.to, taint, v, kNone, e.call, whole);
        break;
      case EdgeKind::TaintOnly:
      case EdgeKind::PartTaint:
        addTaint(e.to, eff, v, kNone, e.call, e.kind == EdgeKind::TaintOnly);
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
    case WatchKind::Extends:
      evalExtends(w.id);
      break;
    case WatchKind::ImplicitSuper:
      evalImplicitSuper(w.id);
      break;
    case WatchKind::Inherit:
      evalInherit(w.id);
      break;
  }
}

VarId FlowSolver::fieldOf(uint32_t token, const std::string& name) const {
  uint32_t v = fieldIndex_.find(token, name, FieldIndex::hashName(name));
  return v == FieldIndex::kMissing ? kNoVar : v;
}

void FlowSolver::existingFieldVars(uint32_t token, const std::string& name,
                                   std::vector<VarId>& out) const {
  if (VarId v = fieldOf(token, name); v != kNoVar) out.push_back(v);
  if (name == "[]" && isTuple(token))
    for (uint32_t k = 0; k < tokens_[token].tupleLength; ++k)
      if (VarId v = fieldOf(token, tupleField(k)); v != kNoVar) out.push_back(v);
}

// A token's fields as they are now, in name order, for loops that may add fields (to this
// token too): the names are the map's own, which stay where they are (FieldIndex).
std::vector<std::pair<const std::string*, VarId>> FlowSolver::fieldList(uint32_t token) const {
  std::vector<std::pair<const std::string*, VarId>> out;
  out.reserve(tokens_[token].fields.size());
  for (const auto& [name, v] : tokens_[token].fields) out.emplace_back(&name, v);
  return out;
}

// The variable of field `name` of `token`, created on first use. New fields
// are linked to prototype fields, spread copies and dynamic readers.
VarId FlowSolver::field(uint32_t token, const std::string& name) {
  uint64_t nameHash = FieldIndex::hashName(name);
  if (uint32_t found = fieldIndex_.find(token, name, nameHash); found != FieldIndex::kMissing)
    return found;
  // Index k of anything but a tuple that long is any element.
  if (int k = tupleIndex(name); k >= 0 && (!isTuple(token) || k >= tokens_[token].tupleLength))
    return field(token, "[]");
  // A field of an object that did not fit in a full variable is the summary's field of that
  // name: one variable, not two linked both ways (a cycle, whose variables hold the same).
  VarId v = tokens_[token].smashed ? field(summaryToken(), name)
                                   : newSolverVar(name == "[]"            ? "element"
                                                  : tupleIndex(name) >= 0 ? "element " + name
                                                                          : name,
                                                  tokens_[token].site, tokens_[token].file);
  auto [at, added] = tokens_[token].fields.emplace(name, v);
  if (added) fieldIndex_.insert(token, &at->first, nameHash, v);
  if (tokens_[token].kind == TokenKind::Library) libraryFieldVars_.insert(v);
  std::vector<uint32_t> fallbacks = tokens_[token].fallbacks;
  if (!overridden(token, name))
    for (uint32_t fb : fallbacks) addEdge(field(fb, name), v, EdgeKind::Value);
  std::vector<std::pair<uint32_t, uint32_t>> mirrors = tokens_[token].mirrors;
  for (auto [m, spread] : mirrors)
    if (!shadowedBy(spread, name)) addEdge(v, field(m, name), EdgeKind::Value);
  if (tokens_[token].allFields != kNoVar) addEdge(v, tokens_[token].allFields, EdgeKind::Value);
  // A dynamic store ("?") may be any field; on the summary it stays in "?" (read by dynamic
  // reads), or every method of every summarised object would flow into every name.
  if (token == summary_) {
  } else if (name != "?") {
    VarId any = fieldOf(token, "?");
    if (any != kNoVar) addEdge(any, v, EdgeKind::Value);
  } else {
    for (auto [n, fv] : fieldList(token))
      if (*n != "?") addEdge(v, fv, EdgeKind::Value);
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
        names.push_back(isArrayIndexName(s.text) ? indexReadField(s.text) : s.text);
      else
        dynamicAll = true;
    }
    if (ks.empty()) dynamicAll = true;
  } else {
    dynamicAll = true;
  }
  SmallIdVector toks =
      l.key != kNoVar && watchVar_ == find(l.key) ? vars_[find(l.base)].tokens : tokensFor(l.base);
  for (uint32_t t : toks) {
    if (tokens_[t].kind == TokenKind::Library) {
      std::vector<uint32_t> children;
      size_t before = tokens_.size();
      for (const auto& n : names)
        children.push_back(libraryChild(t, tupleIndex(n) >= 0 ? "[]" : n, kNone));
      if (dynamicAll) children.push_back(libraryChild(t, "[]", kNone));
      // A member first read here is located here (witness paths point at the read).
      for (size_t nt = before; nt < tokens_.size(); ++nt) {
        tokens_[nt].file = program_.fileOfVar(l.target);
        tokens_[nt].site = program_.varInfo(l.target).site;
      }
      // `const { API_URL } = process.env`: the environment variable's value, as
      // `process.env.API_URL` is where the extractor sees it.
      if (tokens_[t].environment)
        for (const auto& n : names) {
          AbstractString env;
          env.kind = StringKind::Unknown;
          env.origin = StringOrigin::Env;
          env.detail = n;
          addString(l.target, env);
        }
      if (isUrlObject(t))
        for (const auto& n : names) readUrlPart(t, n, l.target);
      for (uint32_t child : children) {
        addToken(l.target, child, l.base);
        // A member is a source where its category is new; otherwise it came with its parent.
        markBorn(l.target, static_cast<uint8_t>(tokens_[child].intrinsic & ~tokens_[t].intrinsic));
      }
      if (implicitSeen_.insert((static_cast<uint64_t>(l.base) << 32) | l.target)) {
        implicitPreds_.push_back({l.base, l.target, kNone, 0});
      }
      // `u.href` of a URL object is its text, as `u.toString()` is.
      if (isUrlObject(t) && std::find(names.begin(), names.end(), "href") != names.end())
        addEdge(l.base, l.target, EdgeKind::Value);
    }
    if (tokens_[t].kind == TokenKind::Function &&
        std::find(names.begin(), names.end(), "prototype") != names.end())
      functionPrototype(t);
    for (const auto& n : names) addEdge(field(t, n), l.target, EdgeKind::Value);
    if (dynamicAll) addEdge(allFieldsVar(t), l.target, EdgeKind::Value);
    // `[k, v]` read from an app object, which no array or iterable the app writes is: the
    // flat elements of a Map or of `entries()` (`for (const [k, v] of map)`, `for (const [i,
    // item] of items.entries())`), which hold its keys and values themselves, not pairs. Each
    // position may be the object itself (before, v held nothing, and its data was lost).
    if (tokens_[t].kind == TokenKind::Object || tokens_[t].kind == TokenKind::Instance)
      for (const auto& n : names)
        if (tupleIndex(n) >= 0) {
          addToken(l.target, t, l.base);
          break;
        }
    // A tuple's element k is the literal's and whatever was written to it later ("[]");
    // any element of it is every index's.
    if (isTuple(t))
      for (const auto& n : names) {
        if (n == "[]") {
          for (uint32_t k = 0; k < tokens_[t].tupleLength; ++k)
            addEdge(field(t, tupleField(k)), l.target, EdgeKind::Value);
        } else if (int k = tupleIndex(n); k >= 0 && k < tokens_[t].tupleLength) {
          addEdge(field(t, "[]"), l.target, EdgeKind::Value);
        }
      }
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
        names.push_back(isArrayIndexName(v.text) ? "[]" : v.text);
      else
        unknown = true;
    }
    if (unknown) names.push_back("?");
  }
  SmallIdVector toks =
      s.key != kNoVar && watchVar_ == find(s.key) ? vars_[find(s.base)].tokens : tokensFor(s.base);
  for (uint32_t t : toks)
    for (const auto& n : names) {
      VarId fv = field(t, n);
      addEdge(s.source, fv, EdgeKind::Value);
      if ((n == "hostname" || n == "host") && isUrlObject(t)) editUrlHost(t, n, fv);
    }
}

// `u.hostname = h` on a URL object: from then on the URL points at h. Flow-insensitively,
// the text it was made with (the `new URL(…)` result, which every `u.href`, `u.toString()`
// and `fetch(u)` reads) may also be that text with h for its host.
void FlowSolver::editUrlHost(uint32_t urlToken, const std::string& name, VarId hostField) {
  if (!hostEditSeen_.insert(hostField)) return;
  VarId text = urlTextVar(urlToken);
  if (text == kNoVar) return;
  ConcatC cc;
  cc.target = text;
  cc.parts = {text, hostField};
  cc.hostEdit = name == "hostname" ? 1 : 2;
  concats_.push_back(cc);
  uint32_t id = static_cast<uint32_t>(concats_.size() - 1);
  watch(text, WatchKind::Concat, id);
  watch(hostField, WatchKind::Concat, id);
  addEdge(hostField, text, EdgeKind::PartTaint);  // the host is part of the URL sent
  evalConcat(id);
}

void FlowSolver::evalHostEdit(uint32_t id) {
  const ConcatC c = concats_[id];
  VarId textVar = c.parts[0], hostVar = c.parts[1];
  std::vector<AbstractString> hosts = strings(hostVar).values();
  // A host that is not known text (data, a parameter) once holes count: any host.
  if (holesAsUnknown_ && (hosts.empty() || mayBeAnyValue(hostVar))) {
    AbstractString u;
    u.origin = dataOrigin(hostVar);
    hosts.push_back(u);
  }
  if (hosts.empty()) return;
  StringSet result;
  for (const auto& t : strings(textVar).values()) {
    if (t.kind == StringKind::Unknown) continue;
    size_t scheme = t.text.find("://");
    if (scheme == std::string::npos || scheme > t.text.find_first_of("/?#")) continue;
    AbstractString prefix;
    prefix.kind = StringKind::Exact;
    prefix.text = t.text.substr(0, scheme + 3);
    // What follows the host: the path (and for `hostname`, the port) stays.
    size_t end = t.text.find_first_of(c.hostEdit == 1 ? ":/?#" : "/?#", scheme + 3);
    AbstractString rest = t;
    if (end != std::string::npos) {
      rest.text = t.text.substr(end);
    } else if (t.kind == StringKind::Exact) {
      rest.text.clear();
    } else {  // the host itself is not all known: what follows it is not either
      rest = AbstractString{};
      rest.origin = t.origin;
    }
    for (const auto& h : hosts) result.add(concatStrings(concatStrings(prefix, h), rest));
  }
  if (!result.empty()) addStrings(c.target, stringPool_.intern(std::move(result)));
}

void FlowSolver::evalSpread(uint32_t id) {
  SpreadC s = spreads_[id];
  SmallIdVector from = tokensFor(s.source);
  SmallIdVector to =
      watchVar_ == find(s.source) ? vars_[find(s.target)].tokens : tokensFor(s.target);
  for (uint32_t f : from) {
    // `{ ...context }`: the members the catalog names below a library value are copied too,
    // read or not (context.accountId); the object made is part of what they are in.
    if (uint8_t below = tokens_[f].below; below && tokens_[f].kind == TokenKind::Library) {
      addTaint(s.target, below, s.source, kNone, kNone, false);
      markBorn(find(s.target), below);
    }
    for (uint32_t t : to) {
      if (f == t) continue;
      // Copying the summary would give the target a field for every name in the program;
      // linking the target to the summary says the same, field by field as they are used.
      if (f == summary_ || t == summary_) {
        smash(f == summary_ ? t : f);
        continue;
      }
      // One mirror per target and shadow list: another spread into t may shadow other names.
      uint32_t key = s.shadowed.empty() ? kNone : id;
      auto& m = tokens_[f].mirrors;
      if (std::find(m.begin(), m.end(), std::make_pair(t, key)) != m.end()) continue;
      m.push_back({t, key});
      for (auto [n, fv] : fieldList(f))
        if (!shadowedBy(key, *n)) addEdge(fv, field(t, *n), EdgeKind::Value);
    }
  }
}

void FlowSolver::addConcat(VarId target, std::vector<VarId> parts, bool urlJoin, uint8_t replace,
                           bool arrayJoin) {
  ConcatC cc;
  cc.target = target;
  cc.parts = std::move(parts);
  cc.urlJoin = urlJoin;
  cc.replace = replace;
  cc.arrayJoin = arrayJoin;
  concats_.push_back(cc);
  uint32_t id = static_cast<uint32_t>(concats_.size() - 1);
  for (VarId p : concats_.back().parts) {
    if (p == kNoVar) continue;
    watch(p, WatchKind::Concat, id);
    addEdge(p, target, EdgeKind::PartTaint);
  }
  evalConcat(id);
}

// text.replace(pattern, replacement) with a string pattern (`'https://api.x/v1/:id'.replace(':id',
// id)`): the text before the first match is kept, so a template's host stays known. A pattern
// the analysis cannot read (a RegExp, a value) may match anywhere: the result is unknown, as
// is any result once holes count (phase 2) and nothing better is known.
void FlowSolver::evalReplace(uint32_t id) {
  const ConcatC c = concats_[id];
  VarId textVar = c.parts[0], patternVar = c.parts[1], byVar = c.parts[2];
  if (textVar == kNoVar) return;
  auto texts = strings(textVar).values();
  if (texts.empty()) return;
  auto patterns =
      patternVar == kNoVar ? std::vector<AbstractString>{} : strings(patternVar).values();
  auto bys = byVar == kNoVar ? std::vector<AbstractString>{} : strings(byVar).values();
  AbstractString unknown;
  unknown.kind = StringKind::Unknown;
  unknown.origin = StringOrigin::Unknown;
  if (patterns.empty()) {
    if (!holesAsUnknown_) return;
    patterns.push_back(unknown);
  }
  // A replacement with no known text, or one that may be data as a whole, counts as any
  // string once holes count (as a concatenation's part does).
  if (bys.empty() || (byVar != kNoVar && mayBeAnyValue(byVar))) {
    if (!holesAsUnknown_ && bys.empty()) return;
    if (holesAsUnknown_) {
      AbstractString u = unknown;
      if (byVar != kNoVar) u.origin = dataOrigin(byVar);
      bys.push_back(u);
    }
  }
  auto exact = [](std::string text) {
    AbstractString e;
    e.kind = StringKind::Exact;
    e.text = std::move(text);
    return e;
  };
  StringSet result;
  for (const auto& t : texts) {
    for (const auto& p : patterns) {
      if (t.kind == StringKind::Unknown || p.kind != StringKind::Exact || p.text.empty()) {
        AbstractString u = unknown;
        if (t.kind == StringKind::Unknown) u.origin = t.origin;
        if (holesAsUnknown_) result.add(u);
        continue;
      }
      size_t at = t.text.find(p.text);
      if (at == std::string::npos) {
        if (t.kind == StringKind::Exact) {
          result.add(t);  // nothing to replace
        } else {
          // A match may begin in the known text and end in the unknown rest.
          size_t keep = t.text.size() + 1 > p.text.size() ? t.text.size() + 1 - p.text.size() : 0;
          AbstractString rest = unknown;
          rest.origin = t.origin;
          result.add(concatStrings(exact(t.text.substr(0, keep)), rest));
        }
        continue;
      }
      std::string after = t.text.substr(at + p.text.size());
      bool moreMatches = c.replace == 2 && after.find(p.text) != std::string::npos;
      for (const auto& b : bys) {
        AbstractString out = concatStrings(exact(t.text.substr(0, at)), b);
        if (t.kind == StringKind::Exact && !moreMatches) {
          out = concatStrings(out, exact(after));
        } else {
          AbstractString rest = unknown;
          rest.origin = t.kind == StringKind::Exact ? StringOrigin::Unknown : t.origin;
          out = concatStrings(
              concatStrings(
                  out, exact(after.substr(0, moreMatches ? after.find(p.text) : after.size()))),
              rest);
        }
        result.add(std::move(out));
      }
    }
  }
  if (!result.empty()) addStrings(c.target, stringPool_.intern(std::move(result)));
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
  if (holesAsUnknown_ && !bases.empty() && mayBeAnyValue(baseVar)) {
    AbstractString u;  // a base that may be data as a whole: any origin beside its constants
    u.kind = StringKind::Unknown;
    u.origin = dataOrigin(baseVar);
    bases.push_back(u);
  }
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
  if (concats_[id].replace) {
    evalReplace(id);
    return;
  }
  if (concats_[id].hostEdit) {
    evalHostEdit(id);
    return;
  }
  if (concats_[id].arrayJoin) {
    evalArrayJoin(id);
    return;
  }
  if (concats_[id].urlPart != UrlPart::None) {
    evalUrlPart(id);
    return;
  }
  StringSet result;
  const ConcatC& c = concats_[id];  // concatenation() adds no constraint
  if (concatenation(c.parts, result)) addStrings(c.target, stringPool_.intern(std::move(result)));
}

// Cartesian product of the parts' strings, bounded; a part without strings is a hole:
// unknown once holes count (phase 2), else no value yet.
bool FlowSolver::concatenation(const std::vector<VarId>& parts, StringSet& out) {
  std::vector<AbstractString> acc(1);
  acc[0].kind = StringKind::Exact;
  for (VarId p : parts) {
    std::vector<AbstractString> partValues;
    if (p != kNoVar) partValues = strings(p).values();
    // A part that may be data as a whole is any string beside its constants
    // (`${payload.url || DEFAULT}/hook`): counted with the holes, in phase 2.
    bool anyToo = holesAsUnknown_ && !partValues.empty() && mayBeAnyValue(p);
    if (partValues.empty() || anyToo) {
      if (!holesAsUnknown_) return false;
      AbstractString u;
      u.kind = StringKind::Unknown;
      u.origin = dataOrigin(p);
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
  for (auto& a : acc) out.add(std::move(a));
  return true;
}

// `[base, 'rest/api', id].join('/')`: a tuple nothing was written to later is its elements
// joined, in order. Any other array's text is not known (no strings: a hole, as before).
void FlowSolver::evalArrayJoin(uint32_t id) {
  const ConcatC c = concats_[id];
  VarId array = c.parts[0];
  VarId separator = c.parts[1];
  if (separator == kNoVar) {
    if (commaVar_ == kNoVar) {
      commaVar_ = newSolverVar("\",\"", {}, 0);
      AbstractString comma;
      comma.kind = StringKind::Exact;
      comma.text = ",";
      addString(commaVar_, comma);
    }
    separator = commaVar_;
  }
  StringSet result;
  for (uint32_t t : SmallIdVector(vars_[find(array)].tokens)) {
    if (!isTuple(t)) continue;
    std::vector<VarId> elements;
    for (uint32_t k = 0; k < tokens_[t].tupleLength; ++k)
      elements.push_back(field(t, tupleField(k)));
    VarId later = field(t, "[]");
    elements.push_back(later);
    // The join is evaluated again when an element gets a value or the tuple a later write.
    for (VarId e : elements)
      if (joinWatched_.insert(static_cast<uint64_t>(id) << 32 | e)) watch(e, WatchKind::Concat, id);
    const VarState& w = vars_[find(later)];
    if (!w.tokens.empty() || w.strings != StringSetPool::kEmpty || w.taint != 0)
      continue;  // written later
    elements.pop_back();
    std::vector<VarId> parts;
    for (VarId e : elements) {
      if (!parts.empty()) parts.push_back(separator);
      parts.push_back(e);
    }
    concatenation(parts, result);
  }
  if (!result.empty()) addStrings(c.target, stringPool_.intern(std::move(result)));
}

}  // namespace fe
