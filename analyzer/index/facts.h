// Per-file facts: the compact intermediate representation gathered in the one
// syntax-tree traversal of a source file. The flow stage links the facts of
// all files of an app and solves them; syntax trees are freed once extracted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "support/diagnostic.h"

namespace fe {

using VarId = uint32_t;
inline constexpr VarId kNoVar = 0xffffffffu;

// A place in a source file. Lines and columns are 1-based.
struct SourceSite {
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t endLine = 0;
  uint32_t endColumn = 0;
};

// Where a file's code runs: reached from a backend handler, from a frontend
// resource's entry, or from both (a module shared by the two).
enum class SourceSide : uint8_t { Backend, Frontend, Both };

// What a value variable stands for, for witness paths and reports.
struct VarInfo {
  std::string name;  // identifier or short description ("arg 1 of fetch", "return of f")
  SourceSite site;
};

enum class AllocKind : uint8_t { Object, Array, Function, Class, ModuleObject, ExportsObject };

// Tuples: an array literal of at most kMaxTupleLength elements and no spread keeps each
// element at its index, in the field "[k]" (its AllocFact's index is its length), so that
// `const [issue, config] = await Promise.all([…])` gives each name its own element, not
// both. "[]" of such an array holds what was written to it later (`a[0] = x`, push, an
// in-place sort); a read of index k reads "[k]" and "[]", a read of any element reads all.
// Longer literals are not worth the fields: they are tables, iterated, not destructured.
inline constexpr uint32_t kMaxTupleLength = 8;
inline std::string tupleField(uint32_t index) {  // index < kMaxTupleLength: one digit
  std::string name = "[0]";
  name[1] = static_cast<char>('0' + index);
  return name;
}
// "0", "17": a property name that is an array index is an element, whichever way it is
// written (`a[1]`, `a['1']`, `{1: x}`, a computed key whose text is "1"), so a write as one
// is seen by a read as another.
inline bool isArrayIndexName(const std::string& name) {
  if (name.empty() || name.size() > 9 || (name[0] == '0' && name.size() > 1)) return false;
  for (char c : name)
    if (c < '0' || c > '9') return false;
  return true;
}
// The field a read of index `name` reads: "[k]" (a tuple's element k, else any element) or
// "[]"; a write of an index goes to "[]".
inline std::string indexReadField(const std::string& name) {
  if (name.size() == 1 && name[0] < static_cast<char>('0' + kMaxTupleLength))
    return tupleField(static_cast<uint32_t>(name[0] - '0'));
  return "[]";
}
// k for a tuple field "[k]"; -1 for any other name ("[]" included).
inline int tupleIndex(const std::string& name) {
  if (name.size() != 3 || name[0] != '[' || name[2] != ']' || name[1] < '0' ||
      name[1] >= static_cast<char>('0' + kMaxTupleLength))
    return -1;
  return name[1] - '0';
}

struct AllocFact {
  VarId target;
  AllocKind kind;
  uint32_t index;  // function index for Function/Class; 0 otherwise
  SourceSite site;
  uint32_t function = 0xffffffffu;  // enclosing function; kTopLevel for module code
};

// `a === b`, `a !== b`, `a == b`, `a != b`: a web trigger comparing a request
// header with a secret (FE017) is one.
struct ComparisonFact {
  VarId left, right;
  SourceSite site;
  uint32_t function;  // enclosing function; kTopLevel for module code
};

// `return value;` (FE017 reports the return that answers with customer data).
struct ReturnFact {
  VarId value;
  SourceSite site;
  uint32_t function;
};

// A method called on a literal (`/^https:/.test(url)`), which the solver does not
// track as a call: a validation guard for FE015.
struct LiteralMethodCallFact {
  std::string method;
  std::vector<VarId> args;
  SourceSite site;
  uint32_t function;
};

struct FunctionFact {
  std::string name;  // qualified where possible: "Class.method", "outer.inner", "<anonymous>"
  SourceSite site;
  std::vector<VarId> params;  // one var per formal parameter (destructuring reads from it)
  int restParam = -1;         // index of a `...rest` parameter, or -1
  VarId thisVar = kNoVar;
  VarId returnVar = kNoVar;
  VarId argumentsVar = kNoVar;  // `arguments` array object
  // Every argument of every call flows here, into `arguments[…]`; kNoVar when the body
  // never reads `arguments` (most functions: no object, no constraint).
  VarId argumentsElements = kNoVar;
  bool isAsync = false;
  bool isArrow = false;
  bool isClassConstructor = false;
  uint32_t classIndex = 0xffffffffu;  // for constructors and methods
  // The function whose body holds this one (its closure's variables are that one's);
  // kTopLevel for module code.
  uint32_t parent = 0xffffffffu;
};

struct ClassFact {
  std::string name;
  SourceSite site;
  uint32_t constructorFunction;  // index into functions (synthesised when absent)
  VarId prototypeVar;            // holds the prototype object; methods are stored on it
  VarId superVar = kNoVar;       // `extends` expression, if any
  // Names the class body defines on the prototype (methods, getters, setters), sorted: they
  // hide the superclass's members of the same name.
  std::vector<std::string> prototypeMembers;
};

struct CopyFact {
  VarId target;
  VarId source;
  bool taintOnly;  // taint flows, values do not (arithmetic, unknown transforms)
  SourceSite site;
  // A closure writes a variable of an enclosing function: the value leaves the
  // closure without a return, so call/return matching cannot pair it with a call.
  bool leavesClosure = false;
};

struct StringFact {
  VarId target;
  std::string text;
  bool literal;  // written as a literal here (vs. computed constant)
};

struct EnvFact {
  VarId target;
  std::string name;  // process.env.NAME; "*" when computed
};

// `target = base[name]`; name empty means a computed key held in keyVar.
struct LoadFact {
  VarId target;
  VarId base;
  std::string name;
  VarId keyVar = kNoVar;
  SourceSite site;
};

struct StoreFact {
  VarId base;
  std::string name;  // "" for computed keys (keyVar) ; "[]" for array elements ; "[k]" tuple index
                     // k ; "*" spread-all
  VarId keyVar = kNoVar;
  VarId source;
  SourceSite site;
};

// Copy every field of the objects in source into the objects in target
// (object spread, Object.assign-like syntax).
struct SpreadFact {
  VarId target;
  VarId source;
  SourceSite site;
  // Names a later property of the same object literal sets (`{...defaults, baseURL: x}`): the
  // later one wins, so the spread never gives the object these fields.
  std::vector<std::string> shadowed;
};

struct CallFact {
  SourceSite site;
  VarId callee;
  VarId receiver = kNoVar;  // `this` for method calls
  std::string methodName;   // property name when the callee is `receiver.name`
  std::vector<VarId> args;  // kNoVar for arguments that carry nothing
  uint32_t spreadMask = 0;  // bit i: args[i] is `...spread`
  VarId result;
  bool isNew = false;
  bool isSuperCall = false;
  uint32_t enclosingFunction;  // index into functions; kTopLevel for module code
  std::string calleeText;      // normalised callee text, for fingerprints and reports
  std::string argText;         // normalised text of the first argument, for fingerprints
  int firstArgLiteral = 0;     // 1 when args[0] is written as a plain string literal
  // `f.bind(thisArg)`: not a call; the functions f holds get thisArg as `this` (callee: f,
  // receiver: thisArg).
  bool bindsThisOnly = false;
  bool isJsxElement = false;  // `<Component prop={…} />`: the component rendered with its props
};

struct ConcatFact {
  VarId target;
  std::vector<VarId> parts;  // in order; string literals get their own vars
  SourceSite site;
};

struct AwaitFact {
  VarId target;
  VarId source;
};

enum class ImportKind : uint8_t { Named, Default, Namespace, Require, Dynamic };

struct ImportFact {
  VarId target;
  std::string specifier;
  std::string name;  // for Named
  ImportKind kind;
  SourceSite site;
  // `import(`./locales/${lang}.js`)`: the specifier is a pattern, `*` for each computed part,
  // and the import loads one of the files it matches (a bundler's context module).
  bool pattern = false;
};

// `export {local as name}`, `export const name = …`, `export default …`.
struct ExportFact {
  std::string name;
  VarId source;
};

// `export {a as b} from 'x'`, `export * from 'x'` (name == "*"), `export * as ns from 'x'`.
struct ReExportFact {
  std::string specifier;
  std::string importedName;  // "*" for star
  std::string exportedName;  // "*" for star
  SourceSite site;           // the module specifier
};

// A JSX element that may load a URL: <Image src=…>, <img src=…>, <iframe src=…>.
struct JsxUrlFact {
  std::string element;
  std::string attribute;
  VarId value;
  SourceSite site;
  uint32_t enclosingFunction;
};

// `x.src = v` / `x.href = v`: a URL the browser loads when x is an element made in code
// (the catalog's elementFactories decide, once the solver knows what x holds).
struct PropertyUrlFact {
  VarId base;
  std::string attribute;
  VarId value;
  SourceSite site;
  uint32_t enclosingFunction;
};

// An inline `// forge-egress-ignore FE00N: reason` comment.
struct SuppressionFact {
  uint32_t line;
  std::string ruleId;
  std::string reason;
};

inline constexpr uint32_t kTopLevel = 0xffffffffu;

struct FileFacts {
  std::string path;  // relative to the scan root
  SourceSide side = SourceSide::Backend;
  bool parsed = false;
  bool minified = false;
  // The first line of text the parser could not read (an ERROR node), 0 when none: code
  // there is not analysed, so the verdict cannot be clean.
  uint32_t firstUnparsedLine = 0;
  uint64_t bytes = 0;
  // A digest of the text parsed (support/text_digest.h: texts cannot be written to collide):
  // files of the same text (and grammar) have the same facts but for their path, so a
  // large app solves one of them for all (flow/partition.h).
  uint64_t textHash = 0;
  std::vector<VarInfo> vars;
  std::vector<AllocFact> allocs;
  std::vector<FunctionFact> functions;
  std::vector<ClassFact> classes;
  std::vector<CopyFact> copies;
  std::vector<StringFact> strings;
  std::vector<EnvFact> envs;
  std::vector<LoadFact> loads;
  std::vector<StoreFact> stores;
  std::vector<SpreadFact> spreads;
  std::vector<CallFact> calls;
  std::vector<ComparisonFact> comparisons;
  std::vector<ReturnFact> returns;
  std::vector<LiteralMethodCallFact> literalMethodCalls;
  std::vector<ConcatFact> concats;
  std::vector<AwaitFact> awaits;
  std::vector<ImportFact> imports;
  std::vector<ExportFact> exports;
  std::vector<ReExportFact> reexports;
  std::vector<JsxUrlFact> jsxUrls;
  std::vector<PropertyUrlFact> propertyUrls;
  std::vector<SuppressionFact> suppressions;
  // Globals read by the file: var -> global name ("fetch", "JSON", "window").
  std::vector<std::pair<VarId, std::string>> globals;
  VarId moduleVar = kNoVar;   // `module`
  VarId exportsVar = kNoVar;  // `exports` (the initial exports object)
  // What the file's `throw` statements throw, and what its `catch` clauses catch: the linker
  // joins the files' (an error crosses calls into other files). Set on first use.
  VarId thrownVar = kNoVar;
  bool throws = false, catches = false;
  std::vector<std::string> staticExportNames;  // names this file exports (for `export *`)
  Diagnostics diagnostics;
  uint32_t functionCount() const { return static_cast<uint32_t>(functions.size()); }
};

}  // namespace fe
