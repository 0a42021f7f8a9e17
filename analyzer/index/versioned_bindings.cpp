// Lexical scopes and flow-sensitive versions of local variables. Each binding
// has a summary var (every value it ever holds) and a current version: an
// assignment in the owner function makes a new version, so a read sees only
// the assignments before it; branches are undone with a log (rewind) and meet
// in phi versions (mergeBranches); a write from a closure goes to the summary,
// which every version then sees (finishBindings). Hoisting declares functions,
// classes and `var`s of a block before its statements run.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "index/extractor.h"

namespace fe::detail {

uint32_t Extractor::declareFixed(const std::string& name, VarId var, BindingKind k) {
  Binding b;
  b.summary = var;
  b.current = var;
  b.owner = currentFunction();
  b.kind = k;
  b.versions.push_back(var);
  bindings_.push_back(std::move(b));
  uint32_t idx = static_cast<uint32_t>(bindings_.size() - 1);
  scopes_.back().names[name] = idx;
  return idx;
}

// Declares `name` in the innermost scope (or the function scope for `var`),
// unless it is already declared there (hoisting ran first).
uint32_t Extractor::declare(const std::string& name, BindingKind k, TSNode at) {
  Scope* target = &scopes_.back();
  if (k == BindingKind::Var || k == BindingKind::Function) {
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
      if (it->functionScope) {
        target = &*it;
        break;
      }
      if (k == BindingKind::Function) break;  // block-level function declarations
    }
  }
  auto found = target->names.find(name);
  if (found != target->names.end()) return found->second;
  Binding b;
  b.summary = newVar(name, at);
  b.current = b.summary;
  b.owner = currentFunction();
  b.kind = k;
  b.versions.push_back(b.summary);
  bindings_.push_back(std::move(b));
  uint32_t idx = static_cast<uint32_t>(bindings_.size() - 1);
  target->names[name] = idx;
  return idx;
}

int Extractor::lookup(std::string_view name) const {
  std::string key(name);
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    auto f = it->names.find(key);
    if (f != it->names.end()) return static_cast<int>(f->second);
  }
  return -1;
}

VarId Extractor::readName(std::string_view name, TSNode at) {
  int b = lookup(name);
  if (b < 0) return globalVar(name, at);
  Binding& bind = bindings_[b];
  bind.read = true;
  if (bind.owner != currentFunction()) return bind.summary;
  return bind.current;
}

VarId Extractor::globalVar(std::string_view name, TSNode at) {
  std::string key(name);
  if (key == "undefined" || key == "NaN" || key == "Infinity") return kNoVar;
  auto it = globals_.find(key);
  if (it != globals_.end()) return it->second;
  VarId v = newVar(key, at);
  globals_.emplace(key, v);
  facts_.globals.emplace_back(v, key);
  return v;
}

// Assignment to a name: a new version in the owner function, or a write to
// the summary from a closure.
void Extractor::writeName(std::string_view name, VarId value, TSNode at, bool declaration) {
  int bi = lookup(name);
  if (bi < 0) {
    // Assignment to an undeclared global: treat as a global variable.
    VarId g = globalVar(name, at);
    copy(g, value, at);
    return;
  }
  Binding& b = bindings_[bi];
  if (b.owner != currentFunction()) {
    if (value != kNoVar && value != b.summary)
      facts_.copies.push_back({b.summary, value, false, site(at), true});
    b.closureWritten = true;
    return;
  }
  if (b.kind == BindingKind::Const || b.kind == BindingKind::Function ||
      b.kind == BindingKind::Class || b.kind == BindingKind::Import) {
    copy(b.current, value, at);
    return;
  }
  // `let`/`var`/parameters: every definition is a new version, so a read
  // sees only the assignments before it (and phis where branches meet).
  VarId version = newVar(std::string(name), at);
  copy(version, value, at);
  if (conditional_ > 0 && !declaration) copy(version, b.current, at);
  copy(b.summary, version, at);
  log_.push_back({static_cast<uint32_t>(bi), b.current});
  b.current = version;
  b.versions.push_back(version);
}

void Extractor::setCurrent(uint32_t bi, VarId v) {
  log_.push_back({bi, bindings_[bi].current});
  bindings_[bi].current = v;
}

// Branch bookkeeping: returns the bindings changed since `mark` with their
// final versions, and restores the state at `mark`.
std::vector<std::pair<uint32_t, VarId>> Extractor::rewind(size_t mark) {
  std::vector<std::pair<uint32_t, VarId>> changed;
  for (size_t i = mark; i < log_.size(); ++i) {
    uint32_t b = log_[i].binding;
    bool seen = false;
    for (auto& c : changed) seen = seen || c.first == b;
    if (!seen) changed.emplace_back(b, bindings_[b].current);
  }
  for (size_t i = log_.size(); i > mark; --i)
    bindings_[log_[i - 1].binding].current = log_[i - 1].previous;
  log_.resize(mark);
  return changed;
}

// After branches: every binding changed in any branch gets a phi version.
void Extractor::mergeBranches(const std::vector<std::vector<std::pair<uint32_t, VarId>>>& branches,
                              bool includeBefore, TSNode at) {
  std::vector<uint32_t> touched;
  for (auto& br : branches)
    for (auto& c : br)
      if (std::find(touched.begin(), touched.end(), c.first) == touched.end())
        touched.push_back(c.first);
  std::sort(touched.begin(), touched.end());
  for (uint32_t b : touched) {
    VarId phi = newVar(facts_.vars[bindings_[b].summary].name, at);
    VarId before = bindings_[b].current;
    bool allBranchesAssign = !includeBefore;
    for (auto& br : branches) {
      VarId v = before;
      bool found = false;
      for (auto& c : br)
        if (c.first == b) {
          v = c.second;
          found = true;
        }
      if (!found) allBranchesAssign = false;
      copy(phi, v, at);
    }
    if (!allBranchesAssign) copy(phi, before, at);
    copy(bindings_[b].summary, phi, at);
    bindings_[b].versions.push_back(phi);
    setCurrent(b, phi);
  }
}

void Extractor::finishBindings() {
  // Values written by closures may be read at any version.
  for (auto& b : bindings_) {
    if (!b.closureWritten) continue;
    for (VarId v : b.versions)
      if (v != b.summary) copy(v, b.summary, TSNode{});
  }
}

void Extractor::finishFunctionScope(size_t savedLog) {
  // Versions are per function: restore the enclosing function's view.
  for (size_t i = log_.size(); i > savedLog; --i)
    bindings_[log_[i - 1].binding].current = log_[i - 1].previous;
  log_.resize(savedLog);
}

void Extractor::hoist(TSNode block) {
  for (TSNode kid : kids(block)) hoistStatement(kid);
}

void Extractor::hoistStatement(TSNode s) {
  switch (kind(s)) {
    case NodeKind::FunctionDeclaration:
    case NodeKind::GeneratorFunctionDeclaration: {
      TSNode name = field(s, f_.name);
      if (!isNull(name)) {
        uint32_t b = declare(std::string(text(name)), BindingKind::Function, name);
        uint32_t fn = createFunction(s, std::string(text(name)));
        hoistedFunctions_[ts_node_start_byte(s)] = fn;
        VarId fv = newVar(std::string(text(name)), name);
        alloc(fv, AllocKind::Function, fn, s);
        copy(bindings_[b].current, fv, s);
      }
      break;
    }
    case NodeKind::ClassDeclaration:
    case NodeKind::AbstractClassDeclaration: {
      TSNode name = field(s, f_.name);
      if (!isNull(name)) declare(std::string(text(name)), BindingKind::Class, name);
      break;
    }
    case NodeKind::LexicalDeclaration:
    case NodeKind::VariableDeclaration: {
      BindingKind k = declaredKind(s);
      for (TSNode d : kids(s)) {
        if (kind(d) != NodeKind::VariableDeclarator) continue;
        hoistPatternNames(field(d, f_.name), k);
      }
      break;
    }
    case NodeKind::EnumDeclaration:
    case NodeKind::InternalModule: {
      TSNode name = field(s, f_.name);
      if (!isNull(name) &&
          (kind(s) != NodeKind::InternalModule || kind(name) == NodeKind::Identifier))
        declare(std::string(text(name)), BindingKind::Const, name);
      break;
    }
    case NodeKind::ExportStatement: {
      TSNode d = field(s, f_.declaration);
      if (!isNull(d)) hoistStatement(d);
      break;
    }
    case NodeKind::ExpressionStatement: {  // `namespace X {…}` parses as one
      TSNode e = ts_node_named_child(s, 0);
      if (!isNull(e) && kind(e) == NodeKind::InternalModule) hoistStatement(e);
      break;
    }
    default:
      break;
  }
}

void Extractor::hoistPatternNames(TSNode p, BindingKind k) {
  if (isNull(p)) return;
  switch (kind(p)) {
    case NodeKind::Identifier:
    case NodeKind::ShorthandPropertyIdentifierPattern:
      declare(std::string(text(p)), k, p);
      return;
    default: {
      uint32_t n = ts_node_named_child_count(p);
      for (uint32_t i = 0; i < n && n < 10000; ++i) {
        TSNode c = ts_node_named_child(p, i);
        NodeKind ck = kind(c);
        if (ck == NodeKind::PairPattern)
          hoistPatternNames(field(c, f_.value), k);
        else if (ck == NodeKind::ObjectAssignmentPattern || ck == NodeKind::AssignmentPattern)
          hoistPatternNames(field(c, f_.left), k);
        else if (ck == NodeKind::Identifier || ck == NodeKind::ShorthandPropertyIdentifierPattern ||
                 ck == NodeKind::ObjectPattern || ck == NodeKind::ArrayPattern ||
                 ck == NodeKind::RestPattern)
          hoistPatternNames(c, k);
      }
    }
  }
}

void Extractor::hoistSwitch(TSNode body) {
  for (TSNode kid : kids(body)) hoist(kid);
}

}  // namespace fe::detail
