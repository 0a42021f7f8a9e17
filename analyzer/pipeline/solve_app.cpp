// Solving one app in independent groups (see solve_app.h).
#include "pipeline/solve_app.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <optional>

#include "flow/dynamic_code.h"
#include "flow/egress_sites.h"
#include "flow/handler_exports.h"
#include "flow/linker.h"
#include "flow/solver.h"
#include "flow/unmodelled_packages.h"
#include "pipeline/code_side.h"
#include "support/parallel.h"

namespace fe {

namespace {

bool timingOn() {
  return std::getenv("FORGE_EGRESS_TIMING") != nullptr;
}

long long msSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t)
      .count();
}

// Developer aid: FORGE_EGRESS_DEBUG=<file substring> prints every variable
// of matching files with its objects, strings and taint.
void dumpSolver(const FlowSolver& solver, const std::string& filter) {
  const AppProgram& p = solver.program();
  uint32_t total = p.fileVarCount + static_cast<uint32_t>(p.linkVars.size());
  for (VarId v = 0; v < total; ++v) {
    uint32_t f = p.fileOfVar(v);
    if (p.files[f].path.find(filter) == std::string::npos) continue;
    const VarState& st = solver.state(v);
    const VarInfo& info = p.varInfo(v);
    std::string toks;
    for (uint32_t t : st.tokens) {
      const Token& tok = solver.token(t);
      toks += " ";
      toks += tok.kind == TokenKind::Library ? "lib:" + solver.tokenPath(t)
              : tok.kind == TokenKind::Function
                  ? "fn:" + p.functionName(tok.index)
                  : fmt::format("obj{}@{}", static_cast<int>(tok.kind), tok.site.line);
    }
    std::string strs;
    for (const auto& s : solver.strings(v).values())
      strs += " '" + s.text + "'" + (s.kind == StringKind::Exact ? "" : "*");
    fmt::print(stderr, "v{} {}:{} {} | tok:{} | str:{} | taint {:x}/{:x}\n", v, p.files[f].path,
               info.site.line, info.name, toks, strs, st.taint, st.eff);
  }
}

// One group of files, linked into its own program and solved; what the scan keeps of it.
struct GroupSolve {
  std::vector<uint32_t> files;  // indices into the app's files, ascending
  uint64_t vars = 0;
  std::unique_ptr<AppProgram> program;
  std::unique_ptr<FlowSolver> solver;
  Diagnostics diags;
  FlowFindings flow;
  FlowStats stats;
};

// A group's share of the app's steps: in proportion to its code, and at least an even
// share of half the budget, so a small group with a hard knot still gets room. First
// tries together stay under 1.5 times the app's budget; second tries (below) only spend
// what the first tries left of it, so a scan stays bounded by 2.5 times.
FlowBudget groupBudget(const FlowBudget& app, uint64_t vars, uint64_t totalVars, size_t groups) {
  if (groups <= 1 || totalVars == 0) return app;
  FlowBudget b = app;
  uint64_t share = app.maxSteps / totalVars * vars + app.maxSteps % totalVars * vars / totalVars;
  b.maxSteps = std::max(share, app.maxSteps / (2 * groups));
  return b;
}

class AppSolver {
 public:
  AppSolver(AppSolveInput& in) : in_(in) {
    for (const auto& f : in_.files) totalVars_ += f.vars.size() + 1;
  }

  AppSolveResult run() {
    auto tp = std::chrono::steady_clock::now();
    FilePartition parts =
        partitionFiles(in_.files, *in_.resolver, in_.realmOf, in_.partition,
                       [this](const std::string& path) { return contextOf(path); });
    if (timingOn()) fmt::print(stderr, "timing: partition {} ms\n", msSince(tp));
    for (auto& part : parts.groups) {
      groups_.emplace_back();
      groups_.back().files = std::move(part);
    }
    sameAs_ = std::move(parts.sameAs);
    for (const auto& f : in_.files) paths_.push_back(f.path);  // the solves move the facts
    bool shares = std::any_of(sameAs_.begin(), sameAs_.end(), [](int o) { return o >= 0; });
    split_ = groups_.size() > 1 || shares;
    stepsBefore_.assign(groups_.size(), 0);
    if (split_ && timingOn()) fmt::print(stderr, "timing: {} groups\n", groups_.size());
    // Largest first, as files are parsed: each group fills its own slot.
    std::vector<size_t> order(groups_.size());
    for (size_t g = 0; g < groups_.size(); ++g) {
      order[g] = g;
      for (uint32_t f : groups_[g].files) groups_[g].vars += in_.files[f].vars.size() + 1;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return groups_[a].vars > groups_[b].vars; });
    parallelFor(order.size(), in_.jobs, [&](size_t k) {
      GroupSolve& g = groups_[order[k]];
      solveAndCollect(g, groupBudget(in_.budget, g.vars, totalVars_, groups_.size()));
    });
    // A group that spent its share gets, once, the steps the finished groups left of the
    // app's budget: no group stops where one solve of the app would have gone on. Fixed
    // by the input, so the output is the same whatever the thread count.
    std::vector<size_t> again;
    uint64_t used = 0;
    for (size_t k : order) {
      if (groups_[k].stats.budgetHit)
        again.push_back(k);
      else
        used += groups_[k].stats.steps;
    }
    if (split_ && !again.empty() && used < in_.budget.maxSteps) {
      uint64_t extra = (in_.budget.maxSteps - used) / again.size();
      parallelFor(again.size(), in_.jobs, [&](size_t k) {
        GroupSolve& g = groups_[again[k]];
        FlowBudget b = groupBudget(in_.budget, g.vars, totalVars_, groups_.size());
        b.maxSteps += extra;
        stepsBefore_[again[k]] = g.stats.steps;
        solveAndCollect(g, b);
      });
    }
    size_t solved = groups_.size();
    if (shares) shareResults();
    AppSolveResult out;
    for (auto& g : groups_) {
      for (auto& d : g.diags) diagnostics_.push_back(std::move(d));
      const FlowStats& st = g.stats;
      stats_.steps += st.steps + stepsBefore_[static_cast<size_t>(&g - groups_.data())];
      if (st.budgetHit && !stats_.budgetHit) {
        stats_.budgetHit = true;
        stats_.budgetWhat = st.budgetWhat;
      }
      auto append = [](auto& to, auto& from) {
        to.insert(to.end(), std::make_move_iterator(from.begin()),
                  std::make_move_iterator(from.end()));
      };
      append(out.flow.egress, g.flow.egress);
      append(out.flow.logs, g.flow.logs);
      append(out.flow.policy, g.flow.policy);
    }
    // Each group's lists are in their final order and groups have no file in common:
    // ordered by file, stably, they are in the order one solve of the app gives.
    auto byFile = [](const auto& a, const auto& b) { return a.file < b.file; };
    if (split_) {
      std::stable_sort(out.flow.egress.begin(), out.flow.egress.end(), byFile);
      std::stable_sort(out.flow.logs.begin(), out.flow.logs.end(), byFile);
      std::stable_sort(out.flow.policy.begin(), out.flow.policy.end(), byFile);
    }
    stats_.groups = static_cast<uint32_t>(solved);
    stats_.sharedFiles = static_cast<uint32_t>(
        std::count_if(sameAs_.begin(), sameAs_.end(), [](int o) { return o >= 0; }));
    if (stats_.sharedFiles && timingOn())
      fmt::print(stderr, "timing: {} files took the results of an identical file\n",
                 stats_.sharedFiles);
    out.stats = stats_;
    return out;
  }

  Diagnostics& diagnostics() { return diagnostics_; }

 private:
  // Link, solve and collect one group, then free its graph (on the same thread, while
  // other groups still solve: the peak is the groups in flight, not all of them).
  void solveAndCollect(GroupSolve& g, const FlowBudget& budget) {
    auto t0 = std::chrono::steady_clock::now();
    g.diags.clear();  // a second try links again
    std::vector<FileFacts> files;
    std::vector<int> localIndex;
    if (split_) localIndex.assign(in_.files.size(), -1);
    for (uint32_t i : g.files) {
      if (split_) localIndex[i] = static_cast<int>(files.size());
      files.push_back(std::move(in_.files[i]));
    }
    LinkInput link{std::move(files), in_.resolver, in_.manifest,
                   in_.dir,          in_.catalog,  split_ ? &localIndex : nullptr};
    g.program = std::make_unique<AppProgram>(linkProgram(std::move(link), g.diags));
    std::vector<bool> frontendRoot(g.program->files.size(), false);
    for (size_t f = 0; f < g.program->files.size(); ++f)
      frontendRoot[f] = in_.frontendRoot(g.program->files[f].path);
    assignSides(*g.program, frontendRoot);
    // A page starts from its files that nothing else of the app imports (a project's
    // src/index.js; a UI Kit resource's file): entry points of the resource.
    if (in_.resourceOf) {
      std::vector<bool> imported(g.program->files.size(), false);
      for (const auto& targets : g.program->fileImports)
        for (uint32_t t : targets)
          if (t < imported.size()) imported[t] = true;
      for (uint32_t f = 0; f < g.program->files.size(); ++f) {
        if (!frontendRoot[f] || imported[f]) continue;
        std::string resource = in_.resourceOf(g.program->files[f].path);
        if (!resource.empty()) g.program->frontendEntries.emplace_back(f, "resource:" + resource);
      }
    }
    if (timingOn()) fmt::print(stderr, "timing: link {} ms\n", msSince(t0));
    t0 = std::chrono::steady_clock::now();
    g.solver = std::make_unique<FlowSolver>(*g.program, *in_.catalog, budget);
    g.solver->solve();
    reportDynamicCode(*g.solver, *in_.catalog, g.diags);
    reportMissingHandlerExports(*g.solver, *in_.manifest, g.diags);
    reportUnmodelledPackages(*g.solver, *in_.catalog, g.diags);
    reportSummarisedSinks(*g.solver, g.diags);
    if (timingOn())
      fmt::print(stderr, "timing: solve {} ms ({} steps, {} files)\n", msSince(t0),
                 g.solver->stats().steps, g.files.size());
    if (const char* dbg = std::getenv("FORGE_EGRESS_DEBUG")) dumpSolver(*g.solver, dbg);
    t0 = std::chrono::steady_clock::now();
    g.flow = collectEgress(*g.solver, *in_.manifest);
    g.flow.policy = collectPolicySites(*g.solver, *in_.manifest, in_.policy);
    if (timingOn()) fmt::print(stderr, "timing: collect {} ms\n", msSince(t0));
    t0 = std::chrono::steady_clock::now();
    g.stats = g.solver->stats();
    g.solver.reset();
    if (timingOn()) fmt::print(stderr, "timing: free {} ms\n", msSince(t0));
    if (split_ && g.stats.budgetHit)  // back to the app's list, for a second try
      for (size_t k = 0; k < g.files.size(); ++k)
        in_.files[g.files[k]] = std::move(g.program->files[k]);
    g.program.reset();
  }

  // What decides a file's results besides its text, when it stands alone (see
  // partitionFiles): its side and the page that loads it. A handler's or a page's file
  // (a realm) and a file the policy options name by path are entries by path: none.
  std::optional<std::string> contextOf(const std::string& path) const {
    if (in_.realmOf && in_.realmOf(path) >= 0) return std::nullopt;
    for (const auto& spec : in_.policy.authorizationFunctions)
      if (spec.compare(0, spec.find('#'), path) == 0) return std::nullopt;
    std::string context = in_.frontendRoot && in_.frontendRoot(path) ? "frontend\n" : "backend\n";
    if (in_.resourceOf) context += in_.resourceOf(path);
    return context;
  }

  // Each file that took an identical file's results: that file's sites, witness steps and
  // diagnostics, with its path in place of the other's. Added as a group of its own; the
  // merge orders everything by file.
  void shareResults() {
    std::vector<int> groupOf(in_.files.size(), -1);
    for (size_t g = 0; g < groups_.size(); ++g)
      for (uint32_t f : groups_[g].files) groupOf[f] = static_cast<int>(g);
    GroupSolve copies;
    for (size_t t = 0; t < sameAs_.size(); ++t) {
      if (sameAs_[t] < 0) continue;
      int g = groupOf[static_cast<size_t>(sameAs_[t])];
      if (g < 0) continue;
      const GroupSolve& from = groups_[static_cast<size_t>(g)];
      const std::string& was = paths_[static_cast<size_t>(sameAs_[t])];
      const std::string& now = paths_[t];
      // Whole paths only: `src/a.js` in a message, not the tail of `src/data.js`.
      auto pathChar = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '.' || c == '_' ||
               c == '-' || c == '@';
      };
      auto rename = [&](std::string& text) {
        for (size_t at = text.find(was); at != std::string::npos; at = text.find(was, at + 1)) {
          size_t end = at + was.size();
          // A full stop after the path ends a sentence, not the path.
          bool stop = end < text.size() && text[end] == '.' &&
                      (end + 1 == text.size() || !pathChar(text[end + 1]));
          if ((at > 0 && pathChar(text[at - 1])) ||
              (end < text.size() && pathChar(text[end]) && !stop))
            continue;
          text.replace(at, was.size(), now);
          at += now.size() - 1;
        }
      };
      auto renamePath = [&](std::vector<WitnessStep>& path) {
        for (auto& step : path) {
          if (step.file == was) step.file = now;
          rename(step.label);
        }
      };
      for (const auto& e : from.flow.egress)
        if (e.file == was) {
          copies.flow.egress.push_back(e);
          copies.flow.egress.back().file = now;
          renamePath(copies.flow.egress.back().path);
        }
      for (const auto& l : from.flow.logs)
        if (l.file == was) {
          copies.flow.logs.push_back(l);
          copies.flow.logs.back().file = now;
          renamePath(copies.flow.logs.back().path);
        }
      for (const auto& p : from.flow.policy)
        if (p.file == was) {
          copies.flow.policy.push_back(p);
          copies.flow.policy.back().file = now;
          rename(copies.flow.policy.back().message);
          renamePath(copies.flow.policy.back().path);
        }
      for (const auto& d : from.diags)
        if (d.file == was) {
          copies.diags.push_back(d);
          copies.diags.back().file = now;
          rename(copies.diags.back().message);
        }
    }
    groups_.push_back(std::move(copies));
    stepsBefore_.push_back(0);
  }

  AppSolveInput& in_;
  std::vector<int> sameAs_;         // per file: the identical file whose results it takes, or -1
  std::vector<std::string> paths_;  // per file
  uint64_t totalVars_ = 0;
  bool split_ = false;
  std::vector<uint64_t> stepsBefore_;  // a group's first try, when it had a second
  std::vector<GroupSolve> groups_;
  FlowStats stats_;
  Diagnostics diagnostics_;
};

}  // namespace

AppSolveResult solveApp(AppSolveInput input, Diagnostics& diagnostics) {
  AppSolver solver(input);
  AppSolveResult out = solver.run();
  for (auto& d : solver.diagnostics()) diagnostics.push_back(std::move(d));
  return out;
}

}  // namespace fe
