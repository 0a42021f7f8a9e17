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
// it that has more than one; `chain` gets the functions from the site's up to that one, whose
// activations belong to one call of it. Empty when there is nothing to split, or when a
// caller is itself in the chain (recursion: one activation feeds the next).
std::vector<uint32_t> splitCallers(const FlowSolver& solver, const AppProgram& program,
                                   uint32_t call, std::vector<uint32_t>& chain) {
  uint32_t fn = enclosingFunction(program, call);
  chain = {fn};
  for (int lift = 0; lift <= kMaxLift; ++lift) {
    const std::vector<uint32_t>& callers = solver.callersOf(fn);
    if (callers.size() != 1) {
      if (callers.size() < 2 || callers.size() > kMaxCallers) return {};
      for (uint32_t c : callers)
        if (std::find(chain.begin(), chain.end(), enclosingFunction(program, c)) != chain.end())
          return {};
      return callers;
    }
    fn = enclosingFunction(program, callers.front());
    if (std::find(chain.begin(), chain.end(), fn) != chain.end()) return {};  // recursion
    chain.push_back(fn);
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
  // A URL object whose host was edited (`u.hostname = h`) has hosts the strings do not show.
  for (VarId u : urlVars)
    for (uint32_t t : solver.state(u).tokens)
      if (solver.isUrlObject(t))
        for (const char* edited : {"hostname", "host", "href", "protocol", "origin"})
          if (solver.fieldOf(t, edited) != kNoVar) return;
  std::vector<uint32_t> chain;
  std::vector<uint32_t> callers = splitCallers(solver, program, call, chain);
  if (callers.empty()) return;
  // filters[c]: the argument edges of every caller but callers[c] are closed.
  std::vector<std::unordered_set<uint32_t>> others(callers.size());
  std::vector<FlowSolver::PathFilter> filters(callers.size());
  for (size_t c = 0; c < callers.size(); ++c) {
    for (size_t o = 0; o < callers.size(); ++o)
      if (o != c) others[c].insert(callers[o]);
    filters[c].calls = &others[c];
    filters[c].entriesOnly = true;
    filters[c].via = callers[c];
    filters[c].invocation = &chain;
  }
  // Per category and caller: a carrier the caller's data reaches, or kNoVar.
  std::vector<std::vector<VarId>> carrier(kCategoryCount,
                                          std::vector<VarId>(callers.size(), kNoVar));
  for (int b = 0; b < kCategoryCount; ++b) {
    uint8_t bit = static_cast<uint8_t>(1u << b);
    if (!(anyData & bit)) continue;
    for (size_t c = 0; c < callers.size(); ++c)
      for (VarId v : dataVars)
        if ((carrier[b][c] = solver.carrierThroughObjects(v, bit, filters[c])) != kNoVar) break;
  }
  // Which hosts each caller brings. A caller that brings none of the known hosts goes
  // somewhere else (a URL from a response, built from fragments, bound elsewhere): its data
  // may go to any host, so nothing is split.
  std::vector<std::string> hosts(sites.size());
  std::vector<std::vector<bool>> brings(sites.size(), std::vector<bool>(callers.size(), false));
  std::vector<bool> bringsAny(callers.size(), false);
  for (size_t i = 0; i < sites.size(); ++i) {
    const EgressSite& site = sites[i];
    // Pattern hosts and the customer's site are not one literal a caller could name.
    if (!site.host || site.host->empty() || (*site.host)[0] == '*') continue;
    hosts[i] = *site.host;
    std::transform(hosts[i].begin(), hosts[i].end(), hosts[i].begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    for (size_t c = 0; c < callers.size(); ++c)
      for (VarId u : urlVars)
        if (solver.stringOriginMentions(u, hosts[i], filters[c])) {
          brings[i][c] = true;
          bringsAny[c] = true;
          break;
        }
  }
  for (size_t c = 0; c < callers.size(); ++c)
    if (!bringsAny[c]) return;
  for (size_t i = 0; i < sites.size(); ++i) {
    EgressSite& site = sites[i];
    if (hosts[i].empty() || !site.data) continue;
    bool anyCaller = false;
    for (size_t c = 0; c < callers.size(); ++c) anyCaller = anyCaller || brings[i][c];
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
        if (brings[i][c] && keptCarrier[b] == kNoVar) keptCarrier[b] = carrier[b][c];
      }
      // A category no single caller explains (its path passes two of them) stays.
      if (!byAnyCaller || keptCarrier[b] != kNoVar) kept |= bit;
    }
    bool narrowed = false;  // some caller does not bring this host
    for (size_t c = 0; c < callers.size(); ++c) narrowed = narrowed || !brings[i][c];
    if (!narrowed) continue;
    site.data = kept;
    int b = lowestBit(kept);
    if (b < 0)
      site.path.clear();
    else if (keptCarrier[b] != kNoVar)  // else: the path addData found stays
      site.path = witnessPath(solver, keptCarrier[b], b,
                              {site.file, static_cast<int>(site.site.line), "sink: " + site.api});
  }
}

}  // namespace fe
