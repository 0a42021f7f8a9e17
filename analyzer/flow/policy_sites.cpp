// The policy checks FE013–FE017 (see policy_sites.h).
#include "flow/policy_sites.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "flow/entry_reach.h"
#include "flow/witness.h"

namespace fe {

namespace {

// Customer data a web trigger must not hand to an anonymous caller: everything
// but what the caller sent (the request itself, or user input echoed back).
constexpr uint8_t kCustomerData =
    kProductData | kAppStorage | kUserIdentity | kEventData | kInstallContext;
constexpr uint8_t kCallerInput = kUserInput | kWebtriggerRequest;

class PolicyChecker {
 public:
  PolicyChecker(const FlowSolver& s, const Manifest& m, const PolicyOptions& o)
      : s_(s), p_(s.program()), m_(m), o_(o), reachedBy_(entriesReaching(s)) {
    for (const auto& e : p_.entries) familyOf_[e.name] = e.family;
    for (const auto& h : s_.checkHits()) {
      CheckRole role = s_.catalog().checks[h.check].role;
      if (role == CheckRole::Validator) validators_.insert(h.call);
    }
  }

  std::vector<PolicySite> run() {
    for (const auto& h : s_.checkHits()) {
      switch (s_.catalog().checks[h.check].role) {
        case CheckRole::AppRequest:
          checkAppRequest(h);
          checkTrustedContext(h, "an asApp() request");
          break;
        case CheckRole::StorageKey:
          checkTrustedContext(h, "a storage key");
          break;
        case CheckRole::Authorization:
          checkTrustedContext(h, "an authorization check");
          break;
        case CheckRole::Write:
          checkWrite(h);
          break;
        case CheckRole::SqlText:
          checkSql(h);
          break;
        default:
          break;
      }
    }
    checkWebtriggers();
    std::stable_sort(out_.begin(), out_.end(), [](const PolicySite& a, const PolicySite& b) {
      return std::tie(a.file, a.site.line, a.site.column, a.ruleId, a.message) <
             std::tie(b.file, b.site.line, b.site.column, b.ruleId, b.message);
    });
    out_.erase(std::unique(out_.begin(), out_.end(),
                           [](const PolicySite& a, const PolicySite& b) {
                             return a.ruleId == b.ruleId && a.file == b.file &&
                                    a.site.line == b.site.line && a.message == b.message;
                           }),
               out_.end());
    return std::move(out_);
  }

 private:
  std::vector<VarId> values(const CheckHit& h) const {
    std::vector<VarId> out;
    for (const auto& ref : s_.catalog().checks[h.check].values)
      for (VarId v : s_.resolveRef(ref, h.call, h.token)) out.push_back(v);
    return out;
  }

  // Categories of `mask` that reach one of vs along a realizable path (avoiding `blocked`).
  uint8_t reaching(const std::vector<VarId>& vs, uint8_t mask,
                   const FlowSolver::PathFilter& filter = {}) const {
    uint8_t got = 0;
    for (VarId v : vs)
      for (int b = 0; b < kCategoryCount; ++b) {
        uint8_t bit = static_cast<uint8_t>(1u << b);
        if (!(mask & bit) || (got & bit) || !(s_.deepTaint(v) & bit)) continue;
        for (VarId c : s_.deepCarriers(v, bit))
          if (s_.realizable(c, bit, filter)) {
            got |= bit;
            break;
          }
      }
    return got;
  }

  // The library values (payload fields) the category `bit` of vs comes from.
  std::set<uint32_t> sourcesOf(const std::vector<VarId>& vs, uint8_t bit) const {
    std::set<uint32_t> out;
    int index = 0;
    while (index < kCategoryCount && (1u << index) != bit) ++index;
    for (VarId v : vs)
      for (VarId c : s_.deepCarriers(v, bit)) {
        VarId cur = c;
        for (int step = 0; step < 64 && cur != kNoVar; ++step) {
          for (uint32_t t : s_.state(cur).tokens)
            if (s_.token(t).kind == TokenKind::Library && (s_.token(t).intrinsic & bit))
              out.insert(t);
          const auto* parents = s_.parentsOf(cur);
          if (!parents) break;
          const TaintParent& tp = (*parents)[static_cast<size_t>(index)];
          if (tp.token != kNone) {
            out.insert(tp.token);
            break;
          }
          cur = tp.from;
        }
      }
    return out;
  }

  // The witness of the first category of `mask` that reaches vs, ending at the site.
  void attachWitness(PolicySite& site, const std::vector<VarId>& vs, uint8_t mask, const char* what,
                     const FlowSolver::PathFilter& filter = {}) const {
    for (int b = 0; b < kCategoryCount; ++b) {
      uint8_t bit = static_cast<uint8_t>(1u << b);
      if (!(mask & bit)) continue;
      for (VarId v : vs)
        for (VarId c : s_.deepCarriers(v, bit))
          if (s_.realizable(c, bit, filter)) {
            site.path = witnessPath(s_, c, b,
                                    {site.file, static_cast<int>(site.site.line),
                                     std::string(site.ruleId) + ": " + what});
            return;
          }
    }
  }

  bool userInvoked(const std::string& entry) const {
    // A define a queue consumer calls is run by the queue, not by a user of the app's UI.
    if (entry.rfind("resolver:", 0) == 0)
      return std::find(p_.queueMethods.begin(), p_.queueMethods.end(), entry.substr(9)) ==
             p_.queueMethods.end();
    auto it = familyOf_.find(entry);
    return it != familyOf_.end() &&
           (it->second == "resolver" || it->second == "function" || it->second == "action");
  }

  PolicySite siteOf(const CheckHit& h, const char* rule, std::string message) const {
    PolicySite site;
    site.ruleId = rule;
    const CallFact& c = p_.call(h.call);
    site.file = p_.files[p_.fileOfCall(h.call)].path;
    site.site = c.site;
    uint32_t fn = enclosingFunction(p_, h.call);
    site.function = p_.functionName(fn);
    site.entryPoints = reachedBy_[fn];
    site.message = std::move(message);
    return site;
  }

  static bool before(const SourceSite& a, const SourceSite& b) {
    return a.line < b.line || (a.line == b.line && a.column < b.column);
  }

  // FE013: the asApp() request acts for a user; is the user allowed to see what they named?
  void checkAppRequest(const CheckHit& h) {
    std::vector<VarId> route = values(h);
    if (!reaching(route, kUserInput)) return;
    uint32_t fn = enclosingFunction(p_, h.call);
    std::vector<std::string> entries;
    for (const auto& e : reachedBy_[fn])
      if (userInvoked(e)) entries.push_back(e);
    if (entries.empty()) return;
    std::set<uint32_t> wanted = sourcesOf(route, kUserInput);
    const SourceSite& at = p_.call(h.call).site;
    for (const auto& g : s_.checkHits()) {
      CheckRole role = s_.catalog().checks[g.check].role;
      if (role != CheckRole::UserRequest && role != CheckRole::Authorization) continue;
      uint32_t gfn = enclosingFunction(p_, g.call);
      if (!sharesEntry(reachedBy_[gfn], entries)) continue;
      if (gfn == fn && !before(p_.call(g.call).site, at)) continue;
      std::vector<VarId> checked = values(g);
      if (!reaching(checked, kUserInput)) continue;
      std::set<uint32_t> got = sourcesOf(checked, kUserInput);
      bool same = wanted.empty() || got.empty();
      for (uint32_t t : got) same = same || wanted.count(t);
      if (same) return;
    }
    for (const auto& name : o_.authorizationFunctions)
      for (uint32_t f = 0; f < p_.functionCount; ++f)
        if (matchesFunction(f, name) && sharesEntry(reachedBy_[f], entries)) return;
    out_.push_back(siteOf(
        h, "FE013",
        "an asApp() product request uses user input from the caller in its route, and nothing "
        "checks that this user may see or change it (probe as the user with asUser(), or "
        "authorize() first)"));
    out_.back().data = kUserInput;
    attachWitness(out_.back(), route, kUserInput, "asApp() request");
  }

  static bool sharesEntry(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (const auto& x : a)
      if (std::find(b.begin(), b.end(), x) != b.end()) return true;
    return false;
  }

  // "src/auth.js#canEdit": the function's file and name.
  bool matchesFunction(uint32_t fn, const std::string& spec) const {
    size_t hash = spec.find('#');
    if (hash == std::string::npos) return false;
    uint32_t file = p_.fileOfFunction(fn);
    if (file >= p_.files.size() || p_.files[file].path != spec.substr(0, hash)) return false;
    std::string name = p_.functionName(fn);
    std::string want = spec.substr(hash + 1);
    return name == want ||
           (name.size() > want.size() &&
            name.compare(name.size() - want.size() - 1, std::string::npos, "." + want) == 0);
  }

  // FE014: a payload field standing for something the trusted context already says.
  void checkTrustedContext(const CheckHit& h, const char* what) {
    std::vector<VarId> vs = values(h);
    if (!reaching(vs, kUserInput)) return;
    for (uint32_t t : sourcesOf(vs, kUserInput)) {
      const Token& tok = s_.token(t);
      std::string path = s_.tokenPath(t);
      bool fromPayload = path.find(".payload.") != std::string::npos ||
                         (path.rfind("$entry.", 0) == 0 && path.find(".$p0.") != std::string::npos);
      if (!fromPayload) continue;
      for (const auto& [field, context] : s_.catalog().trustedContext) {
        if (tok.segment != field) continue;
        out_.push_back(siteOf(h, "FE014",
                              fmt::format("payload.{} from the frontend is used in {}; Forge "
                                          "gives it in the trusted {}: use that instead",
                                          field, what, context)));
        out_.back().data = kUserInput;
        attachWitness(out_.back(), vs, kUserInput, what);
      }
    }
  }

  // FE015: caller input written without passing a validator.
  void checkWrite(const CheckHit& h) {
    std::vector<VarId> vs = values(h);
    FlowSolver::PathFilter validated;
    validated.calls = &validators_;
    validated.calleeEdges = &s_.summarisedMethodCalls();
    uint8_t got = reaching(vs, kCallerInput, validated);
    if (!got) return;
    // Guard-style validation: every input written was tested first in the same function
    // (`if (!/^https:/.test(payload.url)) return`, `LIST.includes(payload.kind) ? … : …`).
    std::set<uint32_t> written;  // sources of the carriers an unvalidated path reaches
    for (uint8_t bit : {kUserInput, kWebtriggerRequest}) {
      if (!(got & bit)) continue;
      for (VarId v : vs)
        for (VarId c : s_.deepCarriers(v, bit))
          if (s_.realizable(c, bit, validated))
            for (uint32_t t : sourcesOf({c}, bit)) written.insert(t);
    }
    if (!written.empty()) {
      std::set<uint32_t> tested = guardedSources(h.call);
      // A member or a derived value of a tested input counts as tested (`payload.events`
      // tested element by element through a filter holds `payload.events.filter()`).
      bool all = true;
      for (uint32_t t : written) {
        bool ok = false;
        for (uint32_t u = t; u != kNone && !ok; u = s_.token(u).parent) ok = tested.count(u) > 0;
        all = all && ok;
      }
      if (all) return;
    }
    out_.push_back(siteOf(h, "FE015",
                          "user input from the caller is written as it came: parse it with a "
                          "schema (zod, yup, joi, valibot, superstruct) before the write"));
    out_.back().data = got;
    attachWitness(out_.back(), vs, got, "write", validated);
  }

  // Inputs tested before `call` in its function: arguments of a guard method (the catalog's
  // validationGuards: test, includes, has…), the receiver of one called on the input
  // (`payload.url.startsWith('https://')`), and either side of a comparison.
  std::set<uint32_t> guardedSources(uint32_t call) const {
    std::set<uint32_t> out;
    uint32_t file = p_.fileOfCall(call);
    const FileFacts& f = p_.files[file];
    const CallFact& at = p_.call(call);
    VarId vb = p_.varBase[file];
    auto add = [&](VarId v) {
      if (v == kNoVar) return;
      for (uint8_t bit : {kUserInput, kWebtriggerRequest})
        for (uint32_t t : sourcesOf({vb + v}, bit)) out.insert(t);
    };
    const auto& guards = s_.catalog().validationGuards;
    for (const auto& c : f.calls) {
      if (c.enclosingFunction != at.enclosingFunction || !before(c.site, at.site)) continue;
      if (std::find(guards.begin(), guards.end(), c.methodName) == guards.end()) continue;
      for (VarId a : c.args) add(a);
      add(c.receiver);
    }
    for (const auto& c : f.literalMethodCalls) {
      if (c.function != at.enclosingFunction || !before(c.site, at.site)) continue;
      if (std::find(guards.begin(), guards.end(), c.method) == guards.end()) continue;
      for (VarId a : c.args) add(a);
    }
    for (const auto& c : f.comparisons) {
      if (c.function != at.enclosingFunction || !before(c.site, at.site)) continue;
      add(c.left);
      add(c.right);
    }
    return out;
  }

  // FE016: caller input in SQL text.
  void checkSql(const CheckHit& h) {
    std::vector<VarId> vs = values(h);
    uint8_t got = reaching(vs, kCallerInput);
    if (!got) return;
    out_.push_back(siteOf(h, "FE016",
                          "user input from the caller is part of the SQL text: bind it as a "
                          "parameter (sql.prepare(text).bindParams(value)) instead"));
    out_.back().data = got;
    attachWitness(out_.back(), vs, got, "SQL text");
  }

  // FE017: an unauthenticated web trigger answering with customer data.
  void checkWebtriggers() {
    std::set<std::string> open;  // function keys of web triggers without HMAC
    for (const auto& mod : m_.modules)
      if (mod.moduleType == "webtrigger" && mod.webtriggerAuthentication != "hmacSharedSecret")
        for (const auto& fn : m_.functions)
          if (fn.key == mod.functionKey) open.insert(fn.key);
    for (const auto& [handler, name] : s_.entryFunctions()) {
      if (!open.count(name)) continue;
      // The handler's call tree: the functions this entry point reaches.
      std::set<uint32_t> inTree;
      for (uint32_t f = 0; f < p_.functionCount; ++f)
        if (std::binary_search(reachedBy_[f].begin(), reachedBy_[f].end(), name)) inTree.insert(f);
      if (verifiesSecret(inTree)) continue;
      // Returns of the handler that carry customer data.
      uint32_t file = p_.fileOfFunction(handler);
      const FileFacts& f = p_.files[file];
      for (const auto& r : f.returns) {
        if (functionOf(file, r.function) != handler) continue;
        uint8_t got = reaching({p_.varBase[file] + r.value}, kCustomerData);
        if (!got) continue;
        PolicySite site;
        site.ruleId = "FE017";
        site.file = f.path;
        site.site = r.site;
        site.function = p_.functionName(handler);
        site.entryPoints = {name};
        site.data = got;
        site.message = fmt::format(
            "web trigger '{}' answers anyone who has its URL with customer data ({}): no HMAC "
            "authentication in the manifest, and no request value is compared with a secret",
            name, fmt::join(categoryNames(got), ", "));
        attachWitness(site, {p_.varBase[file] + r.value}, got, "web trigger response");
        out_.push_back(std::move(site));
      }
      // Writes of what the caller sent.
      for (const auto& h : s_.checkHits()) {
        if (s_.catalog().checks[h.check].role != CheckRole::Write) continue;
        if (!inTree.count(enclosingFunction(p_, h.call))) continue;
        uint8_t got = reaching(values(h), kWebtriggerRequest);
        if (!got) continue;
        out_.push_back(siteOf(
            h, "FE017",
            fmt::format("web trigger '{}' writes what anyone who has its URL sends: no HMAC "
                        "authentication in the manifest, and no request value is compared with "
                        "a secret",
                        name)));
        out_.back().data = got;
        attachWitness(out_.back(), values(h), got, "write");
      }
    }
  }

  // The global index of a file's function (kTopLevel: the file's module code).
  uint32_t functionOf(uint32_t file, uint32_t local) const {
    return local == kTopLevel ? p_.topLevelFunction(file) : p_.functionBase[file] + local;
  }

  // A comparison of something from the request with a secret (process.env, a stored secret).
  bool verifiesSecret(const std::set<uint32_t>& inTree) const {
    for (uint32_t file = 0; file < p_.files.size(); ++file)
      for (const auto& c : p_.files[file].comparisons) {
        if (!inTree.count(functionOf(file, c.function))) continue;
        VarId a = p_.varBase[file] + c.left, b = p_.varBase[file] + c.right;
        if ((fromRequest(a) && isSecret(b)) || (fromRequest(b) && isSecret(a))) return true;
      }
    return false;
  }

  bool fromRequest(VarId v) const { return (s_.deepTaint(v) & kWebtriggerRequest) != 0; }

  bool isSecret(VarId v) const {
    if (s_.state(v).eff & kAppStorage) return true;  // kvs.getSecret(), a stored value
    for (const auto& str : s_.strings(v).values())
      if (str.origin == StringOrigin::Env) return true;
    return false;
  }

  const FlowSolver& s_;
  const AppProgram& p_;
  const Manifest& m_;
  const PolicyOptions& o_;
  std::vector<std::vector<std::string>> reachedBy_;
  std::map<std::string, std::string> familyOf_;
  std::unordered_set<uint32_t> validators_;
  std::vector<PolicySite> out_;
};

}  // namespace

std::vector<PolicySite> collectPolicySites(const FlowSolver& solver, const Manifest& manifest,
                                           const PolicyOptions& options) {
  return PolicyChecker(solver, manifest, options).run();
}

}  // namespace fe
