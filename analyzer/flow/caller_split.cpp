// Data per host by caller (caller_split.h). The site's function, or the nearest function
// above it with more than one caller, is the split point: for each of its callers c, a
// search that may not pass the other callers' edges says which hosts c brings to the URL
// (solver.stringOriginMentions) and which categories c brings to the data
// (solver.realizable). A host keeps a category when one caller brings both.
#include "flow/caller_split.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "flow/entry_reach.h"
#include "flow/witness.h"

namespace fe {

namespace {

// Callers of more functions than this are not split: each costs one search per host and
// category, and a dispatcher with dozens of callers is rarely one host per caller.
constexpr size_t kMaxCallers = 16;
// How many single-caller functions the split point may be above the site's own function
// (`post` called only by `notify`, called from two resolvers).
constexpr int kMaxLift = 4;

// The calls to split by: the callers of the site's function, or of the nearest function above
// it that has more than one. Empty when there is nothing to split.
std::vector<uint32_t> splitCallers(const FlowSolver& solver, const AppProgram& program,
                                   uint32_t call) {
  uint32_t fn = enclosingFunction(program, call);
  std::vector<uint32_t> seen{fn};
  for (int lift = 0; lift <= kMaxLift; ++lift) {
    const std::vector<uint32_t>& callers = solver.callersOf(fn);
    if (callers.size() != 1) {
      if (callers.size() < 2 || callers.size() > kMaxCallers) return {};
      return callers;
    }
    fn = enclosingFunction(program, callers.front());
    if (std::find(seen.begin(), seen.end(), fn) != seen.end()) return {};  // recursion
    seen.push_back(fn);
  }
  return {};
}

int lowestBit(uint8_t mask) {
  for (int b = 0; b < kCategoryCount; ++b)
    if (mask & (1u << b)) return b;
  return -1;
}

}  // namespace

void splitDataByCaller(const FlowSolver& solver, const AppProgram& program, uint32_t call,
                       const std::vector<VarId>& urlVars, const std::vector<VarId>& dataVars,
                       std::vector<EgressSite>& sites) {
  if (sites.size() < 2) return;
  uint8_t anyData = 0;
  for (const auto& s : sites) anyData |= s.data;
  if (!anyData) return;
  std::vector<uint32_t> callers = splitCallers(solver, program, call);
  if (callers.empty()) return;
  // filters[c]: every caller but callers[c].
  std::vector<std::unordered_set<uint32_t>> others(callers.size());
  for (size_t c = 0; c < callers.size(); ++c)
    for (size_t o = 0; o < callers.size(); ++o)
      if (o != c) others[c].insert(callers[o]);
  // Per category and caller: a carrier the caller's data reaches, or kNoVar.
  std::vector<std::vector<VarId>> carrier(kCategoryCount,
                                          std::vector<VarId>(callers.size(), kNoVar));
  for (int b = 0; b < kCategoryCount; ++b) {
    uint8_t bit = static_cast<uint8_t>(1u << b);
    if (!(anyData & bit)) continue;
    for (size_t c = 0; c < callers.size(); ++c) {
      FlowSolver::PathFilter filter{&others[c], nullptr};
      for (VarId v : dataVars)
        if ((carrier[b][c] = solver.carrierThroughObjects(v, bit, filter)) != kNoVar) break;
    }
  }
  for (EgressSite& site : sites) {
    // Pattern hosts and the customer's site are not one literal a caller could name.
    if (!site.host || site.host->empty() || (*site.host)[0] == '*' || !site.data) continue;
    std::string host = *site.host;
    std::transform(host.begin(), host.end(), host.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    std::vector<bool> brings(callers.size(), false);
    bool anyCaller = false;
    for (size_t c = 0; c < callers.size(); ++c) {
      FlowSolver::PathFilter filter{&others[c], nullptr};
      for (VarId u : urlVars)
        if (solver.stringOriginMentions(u, host, filter)) {
          brings[c] = true;
          break;
        }
      anyCaller = anyCaller || brings[c];
    }
    if (!anyCaller) continue;  // the host is not traced to a caller: keep every category
    uint8_t kept = 0;
    VarId keptCarrier[kCategoryCount];
    std::fill(std::begin(keptCarrier), std::end(keptCarrier), kNoVar);
    for (int b = 0; b < kCategoryCount; ++b) {
      uint8_t bit = static_cast<uint8_t>(1u << b);
      if (!(site.data & bit)) continue;
      bool byAnyCaller = false;
      for (size_t c = 0; c < callers.size(); ++c) {
        if (carrier[b][c] == kNoVar) continue;
        byAnyCaller = true;
        if (brings[c] && keptCarrier[b] == kNoVar) keptCarrier[b] = carrier[b][c];
      }
      // A category no single caller explains (its path passes two of them) stays.
      if (!byAnyCaller || keptCarrier[b] != kNoVar) kept |= bit;
    }
    if (kept == site.data) continue;
    int shown = lowestBit(site.data);  // the category the witness path shows (addData)
    site.data = kept;
    if (kept == 0) {
      site.path.clear();
    } else if (!(kept & (1u << shown))) {
      int b = lowestBit(kept);
      site.path.clear();
      if (keptCarrier[b] != kNoVar)
        site.path = witnessPath(solver, keptCarrier[b], b,
                                {site.file, static_cast<int>(site.site.line), "sink: " + site.api});
    }
  }
}

}  // namespace fe
