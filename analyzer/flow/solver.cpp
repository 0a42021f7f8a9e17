// The flow solver (see solver.h): its phases, in this file. Phases:
//  1. solve the inclusion constraints of all files with a FIFO worklist;
//  2. calls whose callee stayed unknown get the catalog's method summary
//     (string and array methods, promises) or the default pass-through;
//  3. parameters of functions nobody calls become "parameter" strings;
//  4. deep-taint constraints (JSON.stringify, library calls) run in rounds.
// Each phase re-solves; every lattice has finite height, and every loop pays
// from one step budget (spend), so it terminates.
//
// The rest of the solver, one concern per file:
//   solver_library.cpp      library values, catalog matching, the summary object
//   solver_constraints.cpp  facts of each file and the linker become edges and watches
//   solver_propagation.cpp  the worklist's propagation core: edges, fields, loads, stores
//   solver_calls.cpp        call resolution: functions, classes, callbacks, library calls
//   solver_queries.cpp      read-only queries after solving (deep taint, realizable paths)
//   solver_contexts.cpp     the same along one caller's paths (caller_split.cpp)
#include "flow/solver.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "index/module_resolver.h"

namespace fe {

FlowSolver::FlowSolver(AppProgram& program, const Catalog& catalog, FlowBudget budget)
    : program_(program), catalog_(catalog), budget_(budget) {}

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
    // Lists of merged members: no propagation of theirs is running here any more.
    for (VarId m : retired_) {
      succ_[m] = EdgeList();
      watches_[m] = WatchList();
    }
    retired_.clear();
    if (find(v) != v) continue;  // merged while queued: its representative holds its state
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

// Frontend calls that run a backend entry (`invoke('key')`): when every key the call may
// pass names entries found in this part of the app, the result is what they return, in a
// library value that is no source (so `.then` still works on it); otherwise the call's own
// library value, which the catalog's sources describe (an invoke result is user input).
void FlowSolver::phaseBridges() {
  for (const BridgeCall& b : bridgeCalls_) {
    const CallFact& c = program_.call(b.call);
    VarId vb = program_.varBase[program_.fileOfCall(b.call)];
    VarId result = vb + c.result;
    const BridgeModel& model = catalog_.bridges[tokens_[b.token].bridge];
    std::vector<VarId> returns;
    bool linked = false;
    if (VarId key = refVar(model.key, b.call, b.token, false); key != kNoVar) {
      const auto& keys = strings(key).values();
      linked = !keys.empty();
      for (const auto& k : keys) {
        auto it = k.kind == StringKind::Exact ? entryReturns_.find(model.entryPrefix + k.text)
                                              : entryReturns_.end();
        if (it == entryReturns_.end()) {
          linked = false;
          break;
        }
        returns.insert(returns.end(), it->second.begin(), it->second.end());
      }
    }
    if (!linked) {
      uint32_t made = libraryChild(b.token, "()", b.call);
      addToken(result, made);
      markBorn(result, static_cast<uint8_t>(tokens_[made].intrinsic & ~tokens_[b.token].intrinsic));
      continue;
    }
    addToken(result, libraryChild(b.token, "$ran()", b.call));
    for (VarId r : returns) addEdge(r, result, EdgeKind::Value, b.call);
  }
}

void FlowSolver::phaseUnknownCallees() {
  for (uint32_t id = 0; id < program_.callCount; ++id) {
    if (!spend(1)) return;
    if (callUnknownDone_[id]) continue;
    const CallFact& c = program_.call(id);
    if (c.isSuperCall || c.callee == kNoVar || c.bindsThisOnly) continue;
    VarId vb = program_.varBase[program_.fileOfCall(id)];
    bool callable = false;
    for (uint32_t t : vars_[find(vb + c.callee)].tokens) {
      TokenKind k = tokens_[t].kind;
      callable =
          callable || k == TokenKind::Function || k == TokenKind::Class || k == TokenKind::Library;
    }
    // `f.call(…)`/`f.apply(…)` with f one of the app's functions: its forwarded call binds it.
    if (c.receiver != kNoVar && isCallOrApply(c.methodName))
      for (uint32_t t : vars_[find(vb + c.receiver)].tokens)
        callable = callable || tokens_[t].kind == TokenKind::Function;
    if (callable) continue;
    callUnknownCallee(id);
  }
}

void FlowSolver::phaseUncalledParameters() {
  // Parameters of functions that nothing calls: their value is the caller's
  // choice; say so instead of leaving the host blank.
  for (uint32_t fn = 0; fn < program_.functionCount; ++fn) {
    if (!spend(1)) return;
    const FunctionFact* f = program_.function(fn);
    if (!f || !callersOfFn_[fn].empty()) continue;
    // A method nothing calls (dead code, or called where the analysis does not look: a
    // framework, a test) runs on what its class's constructor makes: sites in it that go
    // through `this` (`this.http.get(…)`) still resolve, as dead code is still reported.
    if (f->classIndex != 0xffffffffu && !f->isClassConstructor && f->thisVar != kNoVar) {
      uint32_t file = program_.fileOfFunction(fn);
      const FileFacts& ff = program_.files[file];
      if (f->classIndex < ff.classes.size()) {
        const FunctionFact* ctor = program_.function(program_.functionBase[file] +
                                                     ff.classes[f->classIndex].constructorFunction);
        VarId vb = program_.varBase[file];
        if (ctor && ctor->thisVar != kNoVar)
          addEdge(vb + ctor->thisVar, vb + f->thisVar, EdgeKind::Value);
      }
    }
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
  for (const auto& tk : tokens_) any |= tk.below;  // a whole value carries its members' too
  if (!any) return false;
  ++deepGeneration_;  // the heap changed since the last round
  for (size_t i = 0; i < deepTaintEdges_.size(); ++i) {
    if (!spend(1)) return false;
    auto [from, to, call] = deepTaintEdges_[i];
    if ((vars_[find(to)].eff & any) == any) continue;
    uint8_t mask = deepTaint(from);
    uint8_t fresh = mask & ~vars_[find(to)].eff;
    if (!fresh) continue;
    for (int b = 0; b < kCategoryCount; ++b) {
      if (!(fresh & (1u << b))) continue;
      VarId carrier = deepCarrier(from, static_cast<uint8_t>(1u << b));
      // Fields' data in a value made from the object (a query string, a JSON text): part of
      // that value, not the whole of it.
      changed |= addTaint(to, static_cast<uint8_t>(1u << b), carrier == kNoVar ? from : carrier,
                          kNone, kNone, false);
      // No variable carries it: a member the catalog names below a library value that is sent
      // whole (`JSON.stringify(context)` holds `context.accountId`). It starts here.
      if (carrier == kNoVar) markBorn(to, static_cast<uint8_t>(1u << b));
      for (VarId cv : deepCarriers(from, static_cast<uint8_t>(1u << b)))
        if (implicitSeen_.insert((static_cast<uint64_t>(cv) << 32) | to)) {
          implicitPreds_.push_back({cv, to, call, kDeepField});
        }
    }
  }
  return changed;
}

// The sink a value carries within `depth` fields: a network function (an HTTP sink such as
// @forge/api's fetch) or a library value that was handed one (`armed`). Memoised per object
// and depth (`memo`, one round), and paid for from the step budget: an object's fields are
// looked at once per round, however many calls pass it.
uint32_t FlowSolver::carriedSink(VarId v, int depth,
                                 const std::unordered_map<uint32_t, uint32_t>& armed,
                                 std::unordered_map<uint64_t, uint32_t>& memo) {
  for (uint32_t t : vars_[find(v)].tokens) {
    const Token& tok = tokens_[t];
    if (tok.kind == TokenKind::Library && tok.sink != kNone &&
        catalog_.sinks[tok.sink].kind == SinkKind::Http)
      return tok.sink;
    if (auto it = armed.find(t); it != armed.end()) return it->second;
    if (depth <= 0 || tok.kind != TokenKind::Object) continue;
    uint64_t key = static_cast<uint64_t>(t) * 4 + static_cast<uint64_t>(depth);
    auto m = memo.find(key);
    if (m == memo.end()) {
      uint32_t found = kNone;
      std::vector<VarId> fieldVars;
      for (const auto& [name, fv] : tokens_[t].fields) fieldVars.push_back(fv);
      spend(fieldVars.size());
      for (VarId fv : fieldVars)
        if (found == kNone) found = carriedSink(fv, depth - 1, armed, memo);
      m = memo.emplace(key, found).first;
    }
    if (m->second != kNone) return m->second;
  }
  return kNone;
}

// A library handed a network function (`ky.create({ fetch })`, `new Octokit({ request:
// { fetch } })`, `new HttpLink({ uri, fetch })`) makes its requests through it: each call of a
// method of what that call made (not of what those methods return) is an egress site of the
// function's sink, with what is known of its URL. A value made from an armed one is armed too
// (`new ApolloClient({ link: new HttpLink({ fetch }) })`).
void FlowSolver::phaseCarriedSinks() {
  // Whether calling a library value with a network function may make an HTTP client of it.
  // Not when the catalog summarises the call (`new URL(base, options)` does what its row
  // says), nor for a platform global (`new Headers(init)`), nor a package the catalog lists
  // as sending nothing (`readline.createInterface({ input })`): none of them makes requests
  // through what it is handed, so none of their methods is a request.
  auto mayBeClient = [&](uint32_t t) {
    if (tokens_[t].summary != kNone) return false;
    uint32_t root = tokens_[t].root;
    if (root == kNone || root >= roots_.size()) return true;
    const std::string& name = roots_[root];
    if (name.empty() || name[0] == '$') return false;
    std::string module = name.rfind("node:", 0) == 0 ? name.substr(5) : name;
    return !catalog_.isPurePackage(module) &&
           !catalog_.isPurePackage(ModuleResolver::packageName(module));
  };
  std::unordered_map<uint32_t, uint32_t> armed;   // library value -> sink it was handed
  std::unordered_map<uint32_t, VarId> armedBase;  // library value -> its configured base URL
  auto libraryCallees = [&](const CallFact& c, uint32_t call) {
    std::vector<uint32_t> out;
    // `f.bind(x)` calls nothing, and `f.call/apply/bind(…)` is forwarded to f (index/
    // extract_calls.cpp): the member call itself is not a call of a client's method.
    if (c.callee == kNoVar || c.bindsThisOnly) return out;
    if (c.receiver != kNoVar && (isCallOrApply(c.methodName) || c.methodName == "bind")) return out;
    VarId vb = program_.varBase[program_.fileOfCall(call)];
    for (uint32_t t : vars_[find(vb + c.callee)].tokens)
      if (tokens_[t].kind == TokenKind::Library && tokens_[t].sink == kNone) out.push_back(t);
    return out;
  };
  for (int round = 0; round < 3; ++round) {
    bool changed = false;
    std::unordered_map<uint64_t, uint32_t> memo;
    for (uint32_t id = 0; id < program_.callCount; ++id) {
      if (!spend(1)) return;
      const CallFact& c = program_.call(id);
      if (c.args.empty()) continue;
      std::vector<uint32_t> callees = libraryCallees(c, id);
      if (callees.empty()) continue;
      VarId vb = program_.varBase[program_.fileOfCall(id)];
      uint32_t sink = kNone;
      for (size_t i = 0; i < c.args.size() && sink == kNone; ++i)
        if (c.args[i] != kNoVar) sink = carriedSink(vb + c.args[i], 2, armed, memo);
      if (sink == kNone) continue;
      // The configured address, if the library took one beside the function.
      VarId base = kNoVar;
      for (size_t i = 0; i < c.args.size() && base == kNoVar; ++i)
        if (c.args[i] != kNoVar)
          for (uint32_t t : vars_[find(vb + c.args[i])].tokens)
            for (const char* name : {"uri", "url", "baseUrl", "baseURL", "prefixUrl", "endpoint"})
              if (base == kNoVar && tokens_[t].kind == TokenKind::Object) base = fieldOf(t, name);
      for (size_t i = 0; i < c.args.size() && base == kNoVar; ++i)  // new Client(url, { fetch })
        if (c.args[i] != kNoVar)
          for (const auto& sv : strings(vb + c.args[i]).values())
            if (sv.kind != StringKind::Unknown && sv.text.find("://") != std::string::npos)
              base = vb + c.args[i];
      for (uint32_t t : callees) {
        if (!mayBeClient(t)) continue;
        uint32_t made = libraryChild(t, "()", id);
        if (!armed.emplace(made, sink).second) continue;
        changed = true;
        if (base != kNoVar) armedBase[made] = base;
        // Made from an armed value (one field down): its address, unless it has its own.
        for (size_t i = 0; i < c.args.size() && !armedBase.count(made); ++i)
          if (c.args[i] != kNoVar)
            for (uint32_t at : vars_[find(vb + c.args[i])].tokens) {
              if (tokens_[at].kind != TokenKind::Object) continue;
              spend(tokens_[at].fields.size());
              for (const auto& [fname, fv] : tokens_[at].fields)
                for (uint32_t ft : vars_[find(fv)].tokens)
                  if (auto ab = armedBase.find(ft); ab != armedBase.end() && !armedBase.count(made))
                    armedBase[made] = ab->second;
            }
      }
    }
    if (!changed) break;
  }
  if (armed.empty()) return;
  for (uint32_t id = 0; id < program_.callCount; ++id) {
    if (!spend(1)) return;
    for (uint32_t t : libraryCallees(program_.call(id), id)) {
      for (uint32_t cur = t; cur != kNone; cur = tokens_[cur].parent) {
        if (auto it = armed.find(cur); it != armed.end()) {
          auto ab = armedBase.find(cur);
          if (cur != t || tokens_[t].creatorCall != id)
            sinkHits_.push_back({id, t, it->second, ab == armedBase.end() ? kNoVar : ab->second});
          break;
        }
        // A method's result (a response) or an element read from the client: not the client.
        if (tokens_[cur].segment == "()" || tokens_[cur].segment == "[]") break;
      }
    }
  }
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
        const VarState& st = self->vars_[self->find(v)];
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
  // Solving adds about 5 % more variables (fields, call results, callback results): room
  // for a quarter more up front spares copying the largest arrays when they would double.
  size_t room = total + total / 4;
  vars_.reserve(room);
  succ_.reserve(room);
  watches_.reserve(room);
  queued_.reserve(room);
  vars_.resize(total);
  succ_.resize(total);
  watches_.resize(total);
  queued_.assign(total, 0);
  callTokensDone_.resize(program_.callCount);
  callUnknownDone_.assign(program_.callCount, 0);
  calleesOf_.resize(program_.functionCount + 1);  // + the summarised functions' node
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
  phaseBridges();
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
  phaseCarriedSinks();
  lap("carried sinks");
  ++deepGeneration_;  // queries after solving see the final heap
  edges_.clear();
}

}  // namespace fe
