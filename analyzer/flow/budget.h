// The solver's budgets and the counts it reports: all that the scan pipeline
// needs to know about the solver (the solver's own state stays in solver.h).
// Every budget bounds a hostile dimension of the input; hitting one makes the
// app's verdict incomplete, never clean.
#pragma once

#include <cstdint>
#include <string>

namespace fe {

struct FlowBudget {
  // Worklist pops plus edge visits, all phases together: about a minute of solving on one
  // core of the reference machine (5 µs a step at worst), so a scan always ends.
  uint64_t maxSteps = 20'000'000;
  // Objects a variable holds one by one; past it the variable holds the summary object
  // instead (field-based, as ACG and Jelly treat library code). Every acceptance app and
  // fixture gives the same results at 2 as at 64; each doubling costs about twice the
  // solving time on library code (corpus-half: 6.8 s at 4, 11 s at 8, 22 s at 16).
  uint32_t maxTokensPerVar = 8;
  // Member chains below a library root (`a.b.c()…`): deeper chains are builder loops. A
  // product response's user field is 12 deep (`api.asApp().requestJira(…).json()` `.issues[0]
  // .fields.assignee.emailAddress`); at 10 it was lost. Corpus steps are the same at 10 and 16.
  uint32_t maxLibraryDepth = 16;
};

// When a large app is solved in independent groups (flow/partition.h).
struct PartitionLimits {
  // Below this many variables an app is solved whole, as it always was: splitting a
  // Forge-sized app gains nothing, and one solve keeps its results what they were.
  // 200 k variables is about 4 MB of dense library code (typescript.js: 9 MB, 456 k
  // variables, 1.7 s of solving).
  uint64_t minSplitVars = 200'000;
  // Groups the parts are packed into, largest part first, each into the lightest group.
  // A fixed number (not the thread count) so that `--jobs 1` and `--jobs 2` solve the
  // same groups and give the same output. High enough that the parts of a package tree
  // are solved one by one: parts packed together share the library values met by name,
  // so one package's data and hosts leaked into another's sites, and the larger graphs
  // cost more per fact (the corpus: 301 parts, 12.0 s at 8 groups, 9.8 s one by one,
  // `--jobs 1`). Bounded because each solve costs about 2 ms before it starts (the
  // catalog's values): a tree of thousands of unrelated scripts packs into 512 solves.
  uint32_t maxGroups = 512;
  // Files of the same text that stand alone in the same context (a bundle shipped twice,
  // as babylon.js and babylon.max.js) are solved once, the copy taking the results of
  // the first (flow/partition.h). Off: each is solved (tests compare the two).
  bool shareIdenticalFiles = true;
};

struct FlowStats {
  uint64_t steps = 0;
  uint32_t groups = 1;       // solved apart (flow/partition.h)
  uint32_t sharedFiles = 0;  // files that took the results of an identical one
  bool budgetHit = false;
  std::string budgetWhat;
};

}  // namespace fe
