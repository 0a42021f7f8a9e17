// The flow solver: one whole-program abstract interpretation of an app.
// It computes, for every value variable, the abstract objects it may hold
// (allocation sites, functions, classes, instances and library values), its
// abstract strings (for URLs and hosts) and its customer-data taint, with
// the call graph built on the fly. Inclusion constraints are solved with a
// FIFO worklist; every domain has finite height, and budgets bound the work.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "catalog/catalog.h"
#include "flow/abstract_string.h"
#include "flow/budget.h"
#include "flow/data_category.h"
#include "flow/field_index.h"
#include "flow/library_child_index.h"
#include "flow/program.h"
#include "flow/string_pool.h"
#include "support/flat_set.h"
#include "support/small_vector.h"

namespace fe {

inline constexpr uint32_t kNone = 0xffffffffu;

enum class TokenKind : uint8_t {
  Object,
  Array,
  Function,
  Class,
  Instance,
  ModuleObject,
  ExportsObject,
  Library,
  // Every object that did not fit in a full variable: a field-based summary
  // (field n of it is field n of all those objects; see FlowSolver::smash).
  Summary
};

struct Token {
  TokenKind kind = TokenKind::Object;
  // The members every propagation step reads come first: one cache line, not the width of
  // the whole token, on the graphs of bundled libraries whose token table outgrows the cache.
  uint8_t intrinsic = 0;  // customer-data categories of the value itself
  // Categories of members a catalog source names below this value (`context.accountId` is
  // user identity): the value as a whole (`JSON.stringify(context)`) carries them too.
  uint8_t below = 0;
  bool siteUrl = false;     // the customer's own site URL (catalog siteValues)
  bool smashed = false;     // did not fit in a full variable: fields flow to the summary's
  uint8_t tupleLength = 0;  // an array literal that keeps its elements at their indices (facts.h)
  uint32_t index = kNone;   // function or class (global) for Function/Class/Instance
  uint32_t file = 0;
  SourceSite site;
  // Library values: root + path below it.
  uint32_t root = kNone;         // index into FlowSolver::roots()
  uint32_t parent = kNone;       // parent library token
  std::string segment;           // member name, "()", "$cbN", "$pN"
  uint32_t creatorCall = kNone;  // for "()" segments: the call that made it
  std::vector<std::string> path;
  bool isSource = false;     // a catalog source matched this path itself (not inherited)
  uint32_t sink = kNone;     // catalog sink matched by this callee path
  uint32_t summary = kNone;  // catalog summary matched by this callee path
  uint32_t attachment = kNone;
  uint32_t dynamicCode = kNone;     // catalog dynamicCode row: calling it runs unreadable code
  uint32_t elementFactory = kNone;  // catalog elementFactories row: a DOM element made in code
  uint32_t entryModel = kNone;
  uint32_t bridge = kNone;          // catalog bridges row: runs a backend entry of the app
  std::vector<uint32_t> checks;     // catalog check rows matched by this callee path
  bool environment = false;         // its members are environment variables (catalog)
  bool opaque = false;              // library value no catalog row can match, nor anything below it
  uint32_t allocFunction = kNone;   // the function whose code made an app object (global index)
  std::vector<uint32_t> fallbacks;  // prototype chain
  // Names this prototype's class body defines: its fallbacks' members of these names are
  // overridden, not inherited (sorted; null when none).
  const std::vector<std::string>* overrides = nullptr;
  // Objects that receive copies of every field (spread), with the spread that made the copy
  // (kNone: one that shadows no name).
  std::vector<std::pair<uint32_t, uint32_t>> mirrors;
  std::map<std::string, VarId> fields;
  VarId allFields = kNoVar;  // every field flows here; dynamic reads read it
};
// FieldIndex points into `fields`' nodes: growing the token table must move them, not copy.
static_assert(std::is_nothrow_move_constructible_v<Token>);

// How a variable first received a category: from another variable, or from
// a library value (the source) it holds.
struct TaintParent {
  VarId from = kNoVar;
  uint32_t token = kNone;
  uint32_t call = kNone;  // the call through which it arrived, if any
};

struct VarState {
  SmallIdVector tokens;         // sorted
  SmallIdVector delta;          // added since the variable was last propagated
  bool stringsChanged = false;  // strings changed since the variable was last propagated
  uint8_t stringChanges = 0;    // how often; see FlowSolver::noteStringChange
  uint32_t strings = StringSetPool::kEmpty;  // id in FlowSolver's string pool
  uint8_t taint = 0;                         // categories not explained by tokens' intrinsic taint
  uint8_t eff = 0;                           // taint | intrinsic of tokens
  // The variable may hold customer data as a whole value (a field of a payload, a parsed body),
  // not only as a part of a value whose content the analysis describes (a concatenation's
  // strings, a URL joined from a path, a spread's fields). A URL position holding such a value
  // may be any URL, whatever constant it may also hold (egress_sites.cpp).
  bool wholeData = false;
  uint32_t parents = kNone;  // index into parent table, once tainted
};

struct SinkHit {
  uint32_t call;
  uint32_t token;       // the callee library token
  uint32_t sink;        // catalog sink index
  VarId base = kNoVar;  // a base URL from elsewhere (the config of a library handed a fetch)
  // A sink passed as a callback (`urls.map(fetch)`): its arguments are the callback's
  // parameters, an index into FlowSolver::callbackArgs(); kNone: the call's own arguments.
  uint32_t callbackArgs = kNone;
};

struct DynamicCodeHit {
  uint32_t call;
  uint32_t model;  // catalog dynamicCode row
};

struct CheckHit {
  uint32_t call;
  uint32_t token;  // the callee library token
  uint32_t check;  // catalog check row
};

struct AttachHit {
  uint32_t call;
  uint32_t token;
  uint32_t attachment;
};

class FlowSolver {
 public:
  // The parts of a URL object's text its members read (solver_url_parts.cpp).
  enum class UrlPart : uint8_t { None, Origin, Protocol, Host, Hostname };

  FlowSolver(AppProgram& program, const Catalog& catalog, FlowBudget budget = {});
  void solve();

  const AppProgram& program() const { return program_; }
  const Catalog& catalog() const { return catalog_; }
  const VarState& state(VarId v) const { return vars_[find(v)]; }
  const StringSet& strings(VarId v) const { return stringPool_.get(vars_[find(v)].strings); }
  const Token& token(uint32_t t) const { return tokens_[t]; }
  const std::vector<std::string>& roots() const { return roots_; }
  const std::vector<SinkHit>& sinkHits() const { return sinkHits_; }
  const std::vector<AttachHit>& attachHits() const { return attachHits_; }
  const std::vector<DynamicCodeHit>& dynamicCodeHits() const { return dynamicCodeHits_; }
  const std::vector<CheckHit>& checkHits() const { return checkHits_; }
  // function -> functions it calls. One node more than the program's functions: the last
  // stands for the summarised functions (callers of the summary -> it -> each of them).
  const std::vector<std::vector<uint32_t>>& callGraph() const { return calleesOf_; }
  const std::vector<std::pair<uint32_t, std::string>>& entryFunctions() const {
    return entryFunctions_;
  }
  const FlowStats& stats() const { return stats_; }
  const std::array<TaintParent, kCategoryCount>* parentsOf(VarId v) const {
    return vars_[find(v)].parents == kNone ? nullptr : &parents_[vars_[find(v)].parents];
  }
  // Field variable of a token, or kNoVar.
  VarId fieldOf(uint32_t token, const std::string& name) const;
  // The variables holding the field `name` of `token` that exist: for "[]" (any element) of
  // a tuple, its indices' too.
  void existingFieldVars(uint32_t token, const std::string& name, std::vector<VarId>& out) const;
  bool isTuple(uint32_t token) const {
    return tokens_[token].tupleLength > 0 && !tokens_[token].smashed;
  }
  // Categories that reach v, its fields and theirs (depth-bounded).
  // How many fields down "everything in this value" looks: deep enough for the request bodies
  // of SDKs that nest the data (a Notion page's `properties.Name.title[0].text.content` is 6),
  // bounded because each (object, depth) pair is memoised once per round.
  static constexpr int kDeepTaintDepth = 8;
  uint8_t deepTaint(VarId v, int depth = kDeepTaintDepth) const;
  // Finds a variable among v and its fields that carries category bit.
  VarId deepCarrier(VarId v, uint8_t bit, int depth = kDeepTaintDepth) const;
  // Whether category `bit` can reach v along a path whose calls and returns
  // match (a value that entered a helper from one caller does not leave it
  // into another). Bounded: when the search budget runs out, it says yes.
  bool realizable(VarId v, uint8_t bit) const { return realizable(v, bit, PathFilter{}); }
  // Paths to leave out: every edge of a sanitizer call (a value that went through a schema
  // parse is validated input), and the "made from its callee" edge of method calls whose
  // summary says what their result holds (`payload.items.map(f)` holds f's results).
  struct PathFilter {
    const std::unordered_set<uint32_t>* calls = nullptr;
    const std::unordered_set<uint32_t>* calleeEdges = nullptr;
    // A split by caller (caller_split.cpp): `calls` blocks only the argument edges of those
    // calls (their returns pass); `via` is the one caller let in, `invocation` the functions
    // whose activations belong to the call being followed (the helper and the single-caller
    // wrappers above it).
    bool entriesOnly = false;
    uint32_t via = 0xffffffffu;
    const std::vector<uint32_t>* invocation = nullptr;
    bool blocks(uint32_t call, uint8_t dir) const {
      return call != 0xffffffffu && calls && calls->count(call) && (!entriesOnly || dir == 1);
    }
  };
  bool realizable(VarId v, uint8_t bit, const PathFilter& filter) const;
  // Whether an origin of strings that mention `text` (a variable whose strings no variable
  // before it explains: a literal, what a summary made) reaches v along value and
  // concatenation edges that avoid the calls of filter.calls. Bounded: out of budget, yes.
  bool stringOriginMentions(VarId v, const std::string& text, const PathFilter& filter) const;
  // Whether object `token` reaches v from where it was made along value edges that avoid the
  // calls of filter.calls. Bounded: out of budget, yes.
  // 0: no; 1: yes; 2: yes, and the path came in through filter.via's arguments.
  int tokenOriginReaches(VarId v, uint32_t token, const PathFilter& filter) const;
  // realizable() for a split by caller (caller_split.cpp): a value made from an object's
  // fields (JSON.stringify(body)) carries the data of the objects that reached it along the
  // filter's paths, not of every object the variable held.
  bool realizableThroughObjects(VarId v, uint8_t bit, const PathFilter& filter,
                                int depth = 2) const;
  // A variable among v and the fields of the objects that reached v along the filter's paths
  // (depth-bounded, as deepCarriers) that carries bit along such a path, or kNoVar.
  VarId carrierThroughObjects(VarId v, uint8_t bit, const PathFilter& filter, int depth = 2) const;
  // The calls that reach function fn (global index).
  const std::vector<uint32_t>& callersOf(uint32_t fn) const { return callersOfFn_[fn]; }
  // Calls of a method summarised by name (string and array methods) on a library value.
  const std::unordered_set<uint32_t>& summarisedMethodCalls() const {
    return summarisedMethodCalls_;
  }
  // Every variable among v and its fields (depth-bounded) that carries bit.
  std::vector<VarId> deepCarriers(VarId v, uint8_t bit, int depth = kDeepTaintDepth) const;
  // Values a catalog reference denotes at a call.
  // `callbackArgs`: SinkHit::callbackArgs, the arguments a library calls a callback with.
  std::vector<VarId> resolveRef(const ValueRef& ref, uint32_t call, uint32_t calleeToken,
                                uint32_t callbackArgs = kNone) const;
  uint32_t originCall(uint32_t token, int depth) const;
  // Whether a token is an object a `urlObject` summary returned (`new URL(s)`).
  bool isUrlObject(uint32_t token) const;
  // Whether v may hold customer data as a whole value, whose text the strings do not describe:
  // a field of a payload (wholeData), or a library value that carries data (a stored value),
  // not the customer's own site URL. Beside a constant (`payload.url || DEFAULT`) it is still
  // any string.
  bool mayBeAnyValue(VarId v) const;
  // The origin of an unknown string that v's data stands for.
  StringOrigin dataOrigin(VarId v) const;
  std::vector<VarId> memberRef(const ValueRef& ref, uint32_t calleeToken) const;
  // The library value an `owner.…` or `module.…` reference starts from; kNone if none.
  uint32_t memberRefStart(const ValueRef& ref, uint32_t calleeToken) const;
  bool summaryReadsOnlyArguments(uint32_t summary) const;
  VarId argumentVar(uint32_t callId, int index) const;
  std::string tokenPath(uint32_t token) const;
  // Calls whose callee held the summary object, in the order they were met.
  const std::vector<uint32_t>& summaryCalls() const { return summaryCalls_; }
  // A library sink (fetch) summarised with other values that reaches variable v along value
  // edges, or kNone: a call through v may be that network call. The first call walks the
  // graph once (linear); every call after it is a lookup.
  uint32_t summarisedSinkReaching(VarId v) const;
  bool anySinkSummarised() const { return !summarisedSinks_.empty(); }

 private:
  // Value: tokens, strings and taint. TaintOnly: the taint of any kind (eff), and the target
  // holds data as a whole value. BaseTaint: a field read's own taint. PartTaint: like
  // TaintOnly, but the target's content is described otherwise (a concatenation, URL join,
  // spread, or a summary that says what its result is made of): no whole data value.
  enum class EdgeKind : uint8_t { Value, TaintOnly, BaseTaint, PartTaint };
  static constexpr uint8_t kLeavesClosure = 3;
  static constexpr uint8_t kFromCallee = 4;
  // A value made from an object's fields (JSON.stringify(body)) from a field that carries data:
  // within a function for realizable(); realizableThroughObjects() follows the object instead.
  static constexpr uint8_t kDeepField = 5;
  struct Edge {
    VarId to;
    EdgeKind kind;
    uint32_t call;  // for witness labels: the call an argument/return edge belongs to
    uint8_t dir;    // 0 within a function, 1 into a callee (argument), 2 out of it (return),
                    // kLeavesClosure: a closure's write to a variable of an enclosing function
  };
  struct PredEdge {
    VarId from;
    EdgeKind kind;
    uint32_t call;
    uint8_t dir;
  };
  enum class WatchKind : uint8_t {
    Load,
    Store,
    Spread,
    Call,
    Concat,
    Callback,
    Extends,
    ImplicitSuper,
    Inherit
  };
  struct Watch {
    WatchKind kind;
    uint32_t id;
  };
  struct LoadC {
    VarId target, base, key;
    std::string name;
  };
  struct StoreC {
    VarId base, key, source;
    std::string name;
  };
  struct SpreadC {
    VarId target, source;
    std::vector<std::string> shadowed;  // names a later property sets (SpreadFact)
  };
  bool shadowedBy(uint32_t spread, const std::string& name) const {
    if (spread == kNone) return false;
    const auto& s = spreads_[spread].shadowed;
    return std::find(s.begin(), s.end(), name) != s.end();
  }
  struct ConcatC {
    VarId target;
    std::vector<VarId> parts;
    bool urlJoin = false;  // parts = {path, base}: resolve the path against the base
    // parts = {text, pattern, replacement}: text.replace(pattern, replacement); 2: replaceAll
    uint8_t replace = 0;
    // parts = {url text, new host}: the URL a `u.hostname = h` (1) or `u.host = h` (2) edit
    // makes of the text it was created with.
    uint8_t hostEdit = 0;
    // parts = {array, separator}: array.join(separator), element by element for a tuple.
    bool arrayJoin = false;
    // parts = {url text}: the part of the URL a member of a URL object reads (`u.origin`).
    UrlPart urlPart = UrlPart::None;
  };
  // A function value passed where it will be called: bind its params and return.
  struct CallbackC {
    VarId holder;                       // var holding the callback(s)
    uint32_t call;                      // the call that passes it
    std::vector<VarId> paramFrom;       // sources for params (kNoVar: none)
    std::vector<uint32_t> paramTokens;  // library tokens for params (kNone: none)
    VarId returnTo;                     // receives the callback's return (kNoVar: none)
    std::string entryName;              // set when the platform calls it (resolver.define)
  };

  // setup
  void addFileFacts(uint32_t file);
  void addLinkFacts();
  uint32_t allocToken(TokenKind kind, uint32_t index, uint32_t file, SourceSite site);
  uint32_t libraryRoot(const std::string& root, const std::string& path, uint32_t file,
                       SourceSite site);
  uint32_t libraryChild(uint32_t parent, const std::string& segment, uint32_t creatorCall);
  uint32_t existingLibraryChild(uint32_t parent, const std::string& segment,
                                uint32_t creatorCall) const;
  void matchCatalog(uint32_t token);
  // The catalog rows whose selector names a root (a module, or the global scope), per root,
  // made on first use: a library value is matched against its own module's rows only, not
  // against every row of the catalog.
  struct RootRows {
    std::vector<uint32_t> sources, sinks, summaries, attachments, siteValues, environments,
        elementFactories, dynamicCode, checks, entries, bridges;
  };
  const RootRows& rowsOfRoot(uint32_t root);
  // Whether a catalog method summary names this method (`map`, `then`): made on first use.
  bool summarisedMethod(const std::string& name);
  std::unordered_set<std::string> summarisedMethods_;
  bool summarisedMethodsMade_ = false;
  std::vector<std::unique_ptr<RootRows>> rootRows_;
  // The summary object, made on first use.
  uint32_t summaryToken();
  // An object that did not fit in a full variable: its fields flow into the summary's.
  void smash(uint32_t token);
  // The summary called: one activation shared by every summarised function (field-based,
  // as for objects), so a dispatch table of many handlers still runs each of them, at a
  // cost linear in calls and functions. Arguments, `this` and the return meet in these
  // variables; each summarised function is bound to them once.
  static constexpr size_t kSummaryArity = 8;
  struct SummaryCallee {
    std::vector<VarId> args;
    VarId thisVar = kNoVar, result = kNoVar;
  };
  SummaryCallee summaryCallee_;
  std::vector<uint32_t> summaryCalls_;
  // Variables a library sink was summarised in (the variable was full): (variable, token).
  std::vector<std::pair<VarId, uint32_t>> summarisedSinks_;
  FlatU64Set summarisedSinkSeen_;  // (variable, token) pairs in the list above
  FlatU64Set joinWatched_;         // (join, element variable) pairs evalArrayJoin watches
  VarId commaVar_ = kNoVar;        // ",": the separator of a join() given none
  FlatU64Set prototypeMade_;       // function tokens whose `prototype` object exists
  FlatU64Set urlPartSeen_;         // (URL object, reading variable, part) already watched
  FlatU64Set hostEditSeen_;        // host fields of URL objects an edit was applied for
  void makeSummaryCallee();
  void bindSummarisedFunction(uint32_t fnToken);
  void callSummary(uint32_t callId);
  // Collapses `member` into `rep`: one variable from then on (see find).
  void mergeInto(VarId member, VarId rep);
  uint32_t summary_ = kNone;
  // Representative of each merged variable (kNoVar: itself). Members merge only into a
  // summary field, which never merges, so one lookup suffices.
  std::vector<VarId> rep_;
  VarId find(VarId v) const { return v < rep_.size() && rep_[v] != kNoVar ? rep_[v] : v; }
  std::vector<std::pair<VarId, VarId>> merged_;  // (member, representative), for predecessors
  std::vector<VarId> retired_;  // merged members whose edge and watch lists are to be released
  bool isClean(const std::string& member) const;
  bool cleanLibraryMember(const std::string& segment, uint32_t parent) const;

  // propagation
  void addEdge(VarId from, VarId to, EdgeKind kind, uint32_t call = kNone, uint8_t dir = 0);
  void addToken(VarId v, uint32_t token, VarId from = kNoVar, uint32_t call = kNone);
  bool addTaint(VarId v, uint8_t mask, VarId from, uint32_t token, uint32_t call = kNone,
                bool whole = true);
  bool addStrings(VarId v, uint32_t strings);
  bool addString(VarId v, AbstractString s);
  void enqueue(VarId v);
  void watch(VarId v, WatchKind kind, uint32_t id);
  void propagate(VarId v);
  SmallIdVector tokensFor(VarId v) const;
  void noteStringChange(VarId v);
  static constexpr uint8_t kMaxStringChanges = 12;
  const SmallIdVector* watchDelta_ = nullptr;  // objects new to watchVar_ in this propagation
  VarId watchVar_ = kNoVar;
  std::unordered_map<VarId, uint64_t>* profile_ =
      nullptr;  // FORGE_EGRESS_PROFILE: pops per variable
  void runWatch(const Watch& w);
  VarId field(uint32_t token, const std::string& name);
  std::vector<std::pair<const std::string*, VarId>> fieldList(uint32_t token) const;
  bool overridden(uint32_t token, const std::string& name) const {
    const auto* o = tokens_[token].overrides;
    return o && std::binary_search(o->begin(), o->end(), name);
  }
  VarId allFieldsVar(uint32_t token);
  VarId newSolverVar(const std::string& name, SourceSite site, uint32_t file);
  void evalLoad(uint32_t id);
  void evalStore(uint32_t id);
  void evalSpread(uint32_t id);
  void evalConcat(uint32_t id);
  void evalExtends(uint32_t id);
  void evalImplicitSuper(uint32_t id);
  void addImplicitSuper(uint32_t call, uint32_t instance, VarId superClass, uint32_t depth);
  void evalUrlJoin(uint32_t id);
  void evalReplace(uint32_t id);
  void addConcat(VarId target, std::vector<VarId> parts, bool urlJoin, uint8_t replace = 0,
                 bool arrayJoin = false);
  // The variable holding the text a URL object was made with (its `new URL(…)` result), or
  // kNoVar when the object has no creating call.
  VarId urlTextVar(uint32_t urlToken) const;
  void editUrlHost(uint32_t urlToken, const std::string& name, VarId hostField);
  void readUrlPart(uint32_t urlToken, const std::string& name, VarId target);
  void evalUrlPart(uint32_t id);
  void evalHostEdit(uint32_t id);
  void evalArrayJoin(uint32_t id);
  // The strings of parts[0] + parts[1] + …, at most 64; false while a part has none and
  // holes do not count yet.
  bool concatenation(const std::vector<VarId>& parts, StringSet& out);
  void evalCall(uint32_t call);
  VarId functionPrototype(uint32_t fnToken);
  void addInherit(VarId from, VarId to, uint32_t toToken);
  void evalInherit(uint32_t id);
  void inheritFrom(uint32_t token, uint32_t prototype);
  void applyInherit(uint32_t callId, const Flow& flow, VarId from, uint32_t calleeToken);
  void sinkCallback(uint32_t call, uint32_t token, const std::vector<VarId>& paramFrom);
  void evalCallback(uint32_t id);
  bool wrappedEntry(uint32_t id, uint32_t token);
  void callFunction(uint32_t call, uint32_t fnToken, bool viaNew, uint32_t instance);
  // `f.call(thisArg, a, b)` and `f.apply(thisArg, [a, b])`: the extractor adds a call of f
  // itself (index/extract_calls.cpp), so the member call is not an unknown callee when f is
  // one of the app's functions.
  static bool isCallOrApply(const std::string& method) {
    return method == "call" || method == "apply";
  }
  // Binds argument values (global ids, kNoVar for none) to a function's parameters and its
  // `arguments`; spreadMask bit i: args[i] is `...spread`.
  void bindArguments(uint32_t call, const FunctionFact& fn, VarId fvb, uint32_t fnFile,
                     const std::vector<VarId>& args, uint32_t spreadMask);
  // The variable of return.f.g… at a call (summaries write results' fields there).
  VarId returnField(uint32_t call, const std::vector<std::string>& fields);
  void callClass(uint32_t call, uint32_t classToken);
  void callLibrary(uint32_t call, uint32_t libToken);
  void applySummary(uint32_t call, const SummaryModel& summary, uint32_t calleeToken);
  void defaultPassThrough(uint32_t call, uint32_t calleeToken);
  VarId refVar(const ValueRef& ref, uint32_t call, uint32_t calleeToken, bool forWrite);
  VarId loadVar(VarId base, const std::string& name, uint32_t file, SourceSite site);
  void callbackFromArg(uint32_t call, VarId holder, std::vector<VarId> paramFrom,
                       std::vector<uint32_t> paramTokens, VarId returnTo,
                       std::string entryName = "");
  void addCallEdge(uint32_t call, uint32_t fn);
  uint32_t callerFunction(uint32_t call) const;
  bool run();
  // Adds `steps` to the count; false once the budget is spent (the solve stops early).
  bool spend(uint64_t steps);
  void phaseUnknownCallees();
  void callUnknownCallee(uint32_t call);
  void phaseUncalledParameters();
  bool phaseDeepTaint();
  void phaseCarriedSinks();
  uint32_t carriedSink(VarId v, int depth, const std::unordered_map<uint32_t, uint32_t>& armed,
                       std::unordered_map<uint64_t, uint32_t>& memo);

  AppProgram& program_;
  const Catalog& catalog_;
  FlowBudget budget_;
  FlowStats stats_;
  std::vector<VarState> vars_;
  StringSetPool stringPool_;
  using EdgeList = SmallVector<Edge, 1>;  // most variables have one or two successors
  using WatchList = SmallVector<Watch, 2>;
  std::vector<EdgeList> succ_;
  std::vector<WatchList> watches_;
  std::vector<std::array<TaintParent, kCategoryCount>> parents_;
  std::vector<Token> tokens_;
  std::vector<std::string> roots_;
  std::map<std::string, uint32_t> libraryIndex_;
  LibraryChildIndex libraryChildren_;  // libraryChild()'s lookups of the tokens in the map above
  std::vector<LoadC> loads_;
  std::vector<StoreC> stores_;
  std::vector<SpreadC> spreads_;
  std::vector<ConcatC> concats_;
  // `class X extends Base`: X's prototype falls back to the prototype of each class the
  // super expression may hold, however late it arrives (an imported class arrives through
  // the linker's edges, after the file's own constraints).
  struct ExtendsC {
    VarId prototype, superClass;
    const std::vector<std::string>* overrides;  // the subclass body's prototype members
  };
  std::vector<ExtendsC> extends_;
  // Objects that inherit from the prototype objects `from` holds: each object `to` holds, or
  // the one token `toToken` (an ES5 constructor's instance; solver_inherit.cpp).
  struct InheritC {
    VarId from, to;
    uint32_t toToken;
  };
  std::vector<InheritC> inherits_;
  std::unordered_map<uint32_t, uint32_t> createdObject_;  // call -> the object Object.create made
  // `new X()` of `class X extends Base {}`: X's implicit constructor runs each class the
  // super expression may hold, on the instance that call made.
  struct ImplicitSuperC {
    uint32_t call, instance;
    VarId superClass;
    std::vector<uint32_t> done;  // super classes already run
    uint32_t depth = 0;          // implicit constructors above the `new` (a cycle stops)
  };
  std::vector<ImplicitSuperC> implicitSupers_;
  FlatU64Set implicitSuperSeen_;  // (instance, super expression) pairs already added
  std::vector<CallbackC> callbacks_;
  std::vector<std::vector<uint32_t>> callTokensDone_;  // per call: callee tokens processed
  std::vector<std::vector<uint32_t>> callbackDone_;    // per callback constraint: functions bound
  std::vector<uint8_t> callUnknownDone_;
  // to.taint |= deep(from), at `call` (kNone: not at a call, a template's part)
  struct DeepTaintEdge {
    VarId from, to;
    uint32_t call;
  };
  std::vector<DeepTaintEdge> deepTaintEdges_;
  struct ImplicitPred {
    VarId from, to;
    uint32_t call;
    uint8_t dir;  // 0, kFromCallee: a library call's result made from its callee value, or
                  // kDeepField
  };
  std::vector<std::vector<uint32_t>> calleesOf_;    // function -> functions it calls
  std::vector<std::vector<uint32_t>> callersOfFn_;  // function -> calls that reach it
  FlatU64Set callEdgeSeen_;  // (call, fn) and (caller, fn) pairs in the two above
  std::vector<std::pair<uint32_t, std::string>> entryFunctions_;
  FlatU64Set edges_;           // (from, to, kind) already added
  FieldIndex fieldIndex_;      // (token, name) -> the field's variable, for field()
  FlatU128Set callEdges_;      // call/return edges already added: (from, to), (call, kind, dir)
  std::vector<uint8_t> born_;  // categories a variable introduces (sources)
  // Fields of library values (React's state cell, a client's config): state the library keeps
  // across calls, written in one context and read in another. realizable() forgets its call
  // stack there, as it does where a closure writes an enclosing function's variable.
  std::unordered_set<VarId> libraryFieldVars_;
  // While a library value passed as a callback has its summary applied (`.then(setIssue)`):
  // the arguments the callback is called with, which `argN` then means (refVar).
  const std::vector<VarId>* givenArgs_ = nullptr;
  std::vector<ImplicitPred> implicitPreds_;  // library members, call results, deep taint
  FlatU64Set implicitSeen_;
  mutable std::vector<std::vector<PredEdge>> preds_;  // built after solving
  // Per variable, a summarised library sink that reaches it by value (kNone: none); built
  // once, by summarisedSinkReaching's first call.
  mutable std::vector<uint32_t> sinkReach_;
  // to -> the deep-taint edges into it (indices into deepTaintEdges_), built with preds_.
  mutable std::unordered_map<VarId, std::vector<uint32_t>> deepInto_;
  void buildPredecessors() const;
  // A function read from a package's module value (`_.map`), not a method of a value.
  bool packageFunction(uint32_t token) const;
  // A value from a package no catalog row names (its root token is opaque).
  bool unmodelledPackageValue(uint32_t token) const;
  // var -> the function whose frame holds it, for the parameters, `this`, `arguments` and
  // return variables (what argument and return edges connect); kNone for the others. Built
  // with preds_.
  mutable std::vector<uint32_t> frameOwner_;
  // What realizable() with no filter learnt of a variable, for the queries after it: low
  // byte, categories with a matched path to it; high byte, categories with none. Without it
  // each sink's query walked the same graph again (4,000 sinks in mutually recursive
  // helpers: quadratic).
  mutable std::vector<uint16_t> realizableKnown_;
  // Whether function `inner` is written inside the body of `outer` (at any depth).
  bool nestedIn(uint32_t inner, uint32_t outer) const;
  // Variables that are fields of objects (the heap), built on first use by the caller split.
  mutable std::vector<bool> fieldVars_;
  const std::vector<bool>& fieldVars() const;
  bool isHeap(VarId v) const {
    const std::vector<bool>& heap = fieldVars();
    VarId r = find(v);
    return r < heap.size() && heap[r];
  }
  // realizable(); objectDepth >= 0: realizableThroughObjects() with that many nested objects.
  bool searchRealizable(VarId v, uint8_t bit, const PathFilter& filter, int objectDepth) const;
  // Deep taint of an object at a depth, memoised per generation (see deepTaint).
  uint8_t deepTokenTaint(uint32_t token, int depth) const;
  uint8_t prototypeFieldTaint(uint32_t proto, int depth) const;
  static constexpr int kDeepDepths = kDeepTaintDepth + 1;  // memo slots for depths 0..8
  // One byte per (token, depth), valid while `generation` matches deepGeneration_.
  struct DepthMemo {
    std::vector<uint32_t> generation;
    std::vector<uint8_t> value;
    // The slot of (token, depth), the tables grown to `tokens` tokens when it lies beyond.
    size_t slot(uint32_t token, int depth, size_t tokens) {
      size_t at = static_cast<size_t>(token) * kDeepDepths + static_cast<size_t>(depth);
      if (at >= generation.size()) {
        generation.resize(tokens * kDeepDepths, 0);
        value.resize(tokens * kDeepDepths, 0);
      }
      return at;
    }
  };
  mutable DepthMemo deepMemo_;   // deepTokenTaint's
  mutable DepthMemo protoMemo_;  // prototypeFieldTaint's
  uint32_t deepGeneration_ = 1;
  void markBorn(VarId v, uint8_t bits) {
    if (v == kNoVar || !bits) return;
    if (born_.size() <= v) born_.resize(static_cast<size_t>(v) + 1, 0);
    born_[v] |= bits;
  }
  std::vector<VarId> queue_;
  size_t queueHead_ = 0;
  std::vector<uint8_t> queued_;
  std::vector<SinkHit> sinkHits_;
  std::vector<AttachHit> attachHits_;
  std::vector<DynamicCodeHit> dynamicCodeHits_;
  std::vector<std::vector<VarId>> callbackArgs_;  // SinkHit::callbackArgs
  // (call, sink token) -> its hit's callbackArgs_ entry: a sink handed over once is one call
  // of it, whose parameters join every flow the catalog gives them (see evalCallback).
  std::unordered_map<uint64_t, uint32_t> sinkCallbackArgs_;
  std::vector<CheckHit> checkHits_;
  std::unordered_set<uint32_t> summarisedMethodCalls_;
  bool holesAsUnknown_ = false;
  std::vector<uint32_t> functionTokenOf_;  // function -> token
  // Bridges (catalog `bridges`): each entry's return, by entry name, and the calls that run
  // one, linked once the first solve has found both (phaseBridges).
  std::map<std::string, std::vector<VarId>> entryReturns_;
  struct BridgeCall {
    uint32_t call, token;
  };
  std::vector<BridgeCall> bridgeCalls_;
  void phaseBridges();
};

}  // namespace fe
