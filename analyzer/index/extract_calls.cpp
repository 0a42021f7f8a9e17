// Calls and `new` expressions: the callee, receiver and arguments of each call
// fact, with the normalised callee and first-argument text used by fingerprints;
// `require('x')` and `import('x')` become import facts instead.
#include "index/extractor.h"
#include "index/syntax_text.h"

namespace fe::detail {

// The first argument's text without whitespace and comments, with one quote
// style and no trailing commas: stable under reformatting (fingerprints).
std::string Extractor::normalisedFirstArg(TSNode args) {
  if (isNull(args)) return "";
  TSNode first{};
  bool found = false;
  for (uint32_t i = 0, n = ts_node_named_child_count(args); i < n && !found; ++i) {
    TSNode c = ts_node_named_child(args, i);
    if (kind(c) != NodeKind::Comment) {
      first = c;
      found = true;
    }
  }
  if (!found) return "";
  return normaliseArgumentText(text(first));
}

std::optional<std::string> Extractor::modulePattern(TSNode arg) {
  std::string pattern;
  bool computed = false;
  if (kind(arg) == NodeKind::TemplateString) {
    for (TSNode ch : kids(arg)) {
      NodeKind ck = kind(ch);
      if (ck == NodeKind::StringFragment) {
        pattern += text(ch);
      } else if (ck == NodeKind::TemplateSubstitution) {
        if (pattern.empty() || pattern.back() != '*') pattern += '*';
        computed = true;
      } else if (ck != NodeKind::Comment) {
        return std::nullopt;  // an escape sequence: not worth reading
      }
    }
  } else if (kind(arg) == NodeKind::BinaryExpression && text(field(arg, f_.operator_)) == "+") {
    // 'a' + x + 'b' parses as ('a' + x) + 'b'
    TSNode l = field(arg, f_.left), r = field(arg, f_.right);
    std::string suffix;
    if (kind(r) == NodeKind::String && kind(l) == NodeKind::BinaryExpression &&
        text(field(l, f_.operator_)) == "+") {
      suffix = stringContent(r);
      r = field(l, f_.right);
      l = field(l, f_.left);
    }
    if (kind(l) != NodeKind::String || kind(r) == NodeKind::String) return std::nullopt;
    pattern = stringContent(l) + "*" + suffix;
    computed = true;
  } else {
    return std::nullopt;
  }
  // A relative folder before the first computed part: `./x/${a}` or `../${a}`, not `./${a}`.
  std::string_view head = std::string_view(pattern).substr(0, pattern.find('*'));
  size_t slash = head.rfind('/');
  bool relative = head.rfind("./", 0) == 0 || head.rfind("../", 0) == 0;
  if (!computed || !relative || slash == std::string_view::npos ||
      head.substr(0, slash + 1) == "./")
    return std::nullopt;
  // The computed parts still run (`${pick(lang)}`).
  if (kind(arg) == NodeKind::TemplateString) {
    for (TSNode ch : kids(arg))
      if (kind(ch) == NodeKind::TemplateSubstitution)
        for (TSNode kid : kids(ch)) eval(kid);
  } else {
    eval(arg);
  }
  return pattern;
}

VarId Extractor::callExpression(TSNode n, bool isNew, TSNode calleeOverride) {
  TSNode calleeNode =
      isNull(calleeOverride) ? field(n, isNew ? f_.constructor : f_.function) : calleeOverride;
  TSNode argsNode = field(n, f_.arguments);
  // `await c.post<T>(x)`: tree-sitter's TypeScript grammar reads it as `(await c.post)<T>(x)`,
  // a call whose callee is an await (without type arguments the await holds the call). An
  // unparenthesised await can only be the callee through that reading: it is the await of the
  // call of what it awaits.
  if (!isNew && isNull(calleeOverride) && !isNull(calleeNode) &&
      kind(calleeNode) == NodeKind::AwaitExpression && ts_node_named_child_count(calleeNode) == 1) {
    VarId called = callExpression(n, false, ts_node_named_child(calleeNode, 0));
    if (called == kNoVar) return kNoVar;
    VarId t = newVar("await", n);
    facts_.awaits.push_back({t, called});
    return t;
  }
  CallFact call;
  call.site = site(n);
  call.isNew = isNew;
  call.enclosingFunction = currentFunction();
  call.calleeText = compactCalleeText(text(calleeNode));
  call.argText = normalisedFirstArg(argsNode);
  NodeKind ck = kind(calleeNode);
  // require('x') and import('x')
  if (!isNew && !isNull(calleeNode)) {
    std::string_view ct = text(calleeNode);
    bool isImport = ct == "import";
    if ((ct == "require" && lookup("require") < 0) || isImport) {
      TSNode first = isNull(argsNode) ? TSNode{} : ts_node_named_child(argsNode, 0);
      if (!isNull(first) && kind(first) == NodeKind::String) {
        VarId t = newVar(std::string(ct) + "('" + stringContent(first) + "')", n);
        facts_.imports.push_back({t, stringContent(first), "*",
                                  isImport ? ImportKind::Dynamic : ImportKind::Require, site(n)});
        return t;
      }
      if (!isNull(first) && ts_node_named_child_count(argsNode) == 1)
        if (std::optional<std::string> pattern = modulePattern(first)) {
          VarId t = newVar(std::string(ct) + "('" + *pattern + "')", n);
          ImportFact imp{t, *pattern, "*", isImport ? ImportKind::Dynamic : ImportKind::Require,
                         site(n)};
          imp.pattern = true;
          facts_.imports.push_back(std::move(imp));
          return t;
        }
    }
  }
  // `await (x).json()` and `await (x)`: tree-sitter's JavaScript grammar may read the
  // parenthesis as the arguments of a call of a function named `await`. Unless the code
  // declares one, it is the await of the parenthesised value. With a comma, `await (0,
  // core_1.fn)(args)` (TypeScript's CommonJS output for an imported function), it is a
  // sequence: the value is the last one, the others are evaluated for what they do.
  std::vector<TSNode> awaitParts;
  if (!isNew && ck == NodeKind::Identifier && text(calleeNode) == "await" && lookup("await") < 0 &&
      !isNull(argsNode) && kind(argsNode) != NodeKind::TemplateString)
    for (TSNode a : kids(argsNode))
      if (ts_node_is_named(a) && kind(a) != NodeKind::Comment) awaitParts.push_back(a);
  if (!awaitParts.empty()) {
    for (size_t i = 0; i + 1 < awaitParts.size(); ++i) eval(awaitParts[i]);
    VarId v = eval(awaitParts.back());
    if (v == kNoVar) return kNoVar;
    VarId t = newVar("await", n);
    facts_.awaits.push_back({t, v});
    return t;
  }
  if (ck == NodeKind::MemberExpression && !isNew) {
    TSNode objNode = field(calleeNode, f_.object);
    TSNode prop = field(calleeNode, f_.property);
    call.methodName = std::string(text(prop));
    VarId superClass = kNoVar;
    if (kind(objNode) == NodeKind::Super) {
      // super.method(): `this` is the receiver, and the method is the superclass's (its
      // prototype's, or its own for a static method): an override of the same name in this
      // class hides it from `this.method`. Arrows have the super of the method they are in.
      call.receiver = functions_.back().thisVar;
      for (size_t i = functions_.size(); i-- > 0;) {
        const FunctionContext& ctx = functions_[i];
        if (ctx.classIndex < facts_.classes.size()) {
          superClass = facts_.classes[ctx.classIndex].superVar;
          break;
        }
        if (ctx.index >= facts_.functions.size() || !facts_.functions[ctx.index].isArrow) break;
      }
    } else {
      call.receiver = eval(objNode);
    }
    if (call.receiver == kNoVar) {
      // A method on a constant (e.g. 'abc'.toUpperCase()): its result is a constant too.
      // Kept for the policy checks: `/^https:/.test(x)` may test an input before a write.
      evalArgs(argsNode, call);
      facts_.literalMethodCalls.push_back({call.methodName, call.args, site(n), currentFunction()});
      return kNoVar;
    }
    call.callee =
        superClass == kNoVar
            ? load(call.receiver, call.methodName, calleeNode)
            : join({load(load(superClass, "prototype", calleeNode), call.methodName, calleeNode),
                    load(superClass, call.methodName, calleeNode)},
                   calleeNode, "super method");
  } else if (ck == NodeKind::Super) {
    call.isSuperCall = true;
    call.callee = kNoVar;
    call.receiver = functions_.back().thisVar;
  } else if (!isNull(calleeNode) && (std::string_view(ts_node_type(calleeNode)) == "import" ||
                                     (ck == NodeKind::Identifier && text(calleeNode) == "require" &&
                                      lookup("require") < 0))) {
    // import(expr) or require(expr) with a name the code computes (a literal one is an import
    // above): a call of the global `import`, which the catalog's dynamicCode rows name. Only
    // these direct calls: a bundler's prelude that calls an alias of require for modules
    // outside its bundle (browserify's `c(i, !0)`) is not the app loading code by name.
    call.callee = globalVar("import", calleeNode);
  } else {
    call.callee = eval(calleeNode);
  }
  // Tagged template: the template is the argument.
  if (!isNull(argsNode) && kind(argsNode) == NodeKind::TemplateString) {
    call.args.push_back(templateString(argsNode));
  } else {
    evalArgs(argsNode, call);
  }
  if (call.callee == kNoVar && !call.isSuperCall) {
    // Calling something that is not a value we track: its result still
    // carries its arguments' taint.
    VarId t = kNoVar;
    for (VarId a : call.args) {
      if (a == kNoVar) continue;
      if (t == kNoVar) t = newVar("result of " + shorten(call.calleeText), n);
      copy(t, a, n, true);
    }
    return t;
  }
  call.result = newVar(shorten(call.calleeText) + "(…)", n);
  VarId result = call.result;
  // `el.setAttribute('src', url)` loads url as `el.src = url` does, when el is an element.
  if (call.methodName == "setAttribute" && call.receiver != kNoVar && call.args.size() >= 2 &&
      call.args[1] != kNoVar && !isNull(argsNode)) {
    TSNode name = ts_node_named_child(argsNode, 0);
    std::string attribute = kind(name) == NodeKind::String ? stringContent(name) : "";
    if (attribute == "src" || attribute == "href")
      facts_.propertyUrls.push_back(
          {call.receiver, attribute, call.args[1], site(n), currentFunction()});
  }
  forwardCallOrApply(call, calleeNode, argsNode);
  compiledElementEvents(calleeNode, argsNode, call);
  // A promise's rejection handler gets what the app throws (`.catch(e => report(e.message))`,
  // `.then(ok, fail)`), and `.finally(cb)` runs cb: a call of the handler here, so that it gets
  // the error and runs for the entry points of the code that chains it.
  int handler = call.methodName == "catch" || call.methodName == "finally" ? 0
                : call.methodName == "then" && call.args.size() >= 2       ? 1
                                                                           : -1;
  if (handler >= 0 && static_cast<size_t>(handler) < call.args.size() &&
      call.args[static_cast<size_t>(handler)] != kNoVar && !call.isNew) {
    CallFact reject;
    reject.site = call.site;
    reject.enclosingFunction = call.enclosingFunction;
    reject.calleeText = call.methodName + " handler";
    reject.callee = call.args[static_cast<size_t>(handler)];
    if (call.methodName != "finally") {
      reject.args.push_back(thrownVar(n));
      facts_.catches = true;
    }
    reject.result = newVar(reject.calleeText + "(…)", n);
    facts_.calls.push_back(std::move(call));
    facts_.calls.push_back(std::move(reject));
    return result;
  }
  facts_.calls.push_back(std::move(call));
  return result;
}

void Extractor::compiledElementEvents(TSNode calleeNode, TSNode argsNode, const CallFact& call) {
  if (call.isNew || call.args.size() < 2 || call.args[1] == kNoVar || isNull(argsNode)) return;
  // The member the callee names, through parentheses and a comma (`(0, r.jsx)`).
  TSNode callee = calleeNode;
  for (int hops = 0; hops < 8 && !isNull(callee); ++hops) {
    NodeKind k = kind(callee);
    if (k == NodeKind::ParenthesizedExpression) {
      callee = ts_node_named_child(callee, 0);
    } else if (k == NodeKind::SequenceExpression) {
      uint32_t count = ts_node_named_child_count(callee);
      callee = count ? ts_node_named_child(callee, count - 1) : TSNode{};
    } else {
      break;
    }
  }
  if (isNull(callee) || kind(callee) != NodeKind::MemberExpression) return;
  std::string_view method = text(field(callee, f_.property));
  if (method != "createElement" && method != "jsx" && method != "jsxs" && method != "jsxDEV")
    return;
  // A DOM element: the type is a lowercase tag name, and the props an object literal.
  std::vector<TSNode> argNodes;
  for (TSNode a : kids(argsNode))
    if (kind(a) != NodeKind::Comment) argNodes.push_back(a);
  if (argNodes.size() < 2 || kind(argNodes[0]) != NodeKind::String ||
      kind(argNodes[1]) != NodeKind::Object)
    return;
  std::string tag = stringContent(argNodes[0]);
  if (tag.empty() || tag[0] < 'a' || tag[0] > 'z') return;
  for (TSNode prop : kids(argNodes[1])) {
    // `onChange: f`, `onChange` (shorthand) and `onChange(e) { … }` (a method).
    NodeKind pk = kind(prop);
    TSNode key = pk == NodeKind::ShorthandPropertyIdentifier ? prop
                 : pk == NodeKind::Pair                      ? field(prop, f_.key)
                 : pk == NodeKind::MethodDefinition          ? field(prop, f_.name)
                                                             : TSNode{};
    if (isNull(key)) continue;
    std::string name(text(key));
    if (kind(key) == NodeKind::String) name = stringContent(key);
    if (!isEventProp(name)) continue;
    CallFact handler;
    handler.site = site(prop);
    handler.enclosingFunction = currentFunction();
    handler.calleeText = name;
    handler.callee = load(call.args[1], name, prop);
    handler.args.push_back(globalVar("$uiEvent", prop));
    handler.result = newVar(name + "()", prop);
    facts_.calls.push_back(std::move(handler));
  }
}

// `f.call(thisArg, a, b)`, `f.apply(thisArg, args)` and `Reflect.apply(f, thisArg, args)` call
// f: one more call fact, of f itself with the receiver and arguments it gets, so that a library
// sink (`fetch.call(…)`, `origFetch.apply(this, arguments)` in a fetch wrapper) is matched and
// an app function bound like any direct call. The member call stays for what `call` is itself.
// `f.bind(thisArg, …)` returns f to be called later: its result holds f as well (`const go =
// fetch.bind(globalThis)` makes `go(url)` a fetch) and f's `this` gets thisArg; arguments bound
// with it make a call at the bind (they are not prepended to the later call's).
void Extractor::forwardCallOrApply(const CallFact& call, TSNode calleeNode, TSNode argsNode) {
  if (call.isNew || call.isSuperCall || kind(calleeNode) != NodeKind::MemberExpression) return;
  if (isNull(argsNode) || kind(argsNode) == NodeKind::TemplateString) return;  // f.call`…`
  const std::string& method = call.methodName;
  if (method != "call" && method != "apply" && method != "bind") return;
  bool isReflect = method == "apply" && call.calleeText == "Reflect.apply" && lookup("Reflect") < 0;
  size_t thisArg = isReflect ? 1 : 0;  // the index of the receiver among the arguments
  VarId fn = call.receiver;
  if (isReflect) {
    if (call.args.empty() || (call.spreadMask & 1)) return;  // Reflect.apply(...x): f unknown
    fn = call.args[0];
  }
  if (fn == kNoVar) return;
  std::vector<TSNode> argNodes;
  for (TSNode a : kids(argsNode))
    if (kind(a) != NodeKind::Comment) argNodes.push_back(a);
  CallFact f;
  f.site = call.site;
  f.enclosingFunction = call.enclosingFunction;
  f.callee = fn;
  f.result = kNoVar;
  if (argNodes.size() != call.args.size()) return;  // one node per argument, as evalArgs made
  f.calleeText = isReflect ? compactCalleeText(text(argNodes[0]))
                           : compactCalleeText(text(field(calleeNode, f_.object)));
  // `Array.prototype.forEach.call(list, cb)` is `list.forEach(cb)` for the catalog's method
  // summaries (string and array methods, by name).
  if (TSNode fnNode = isReflect ? argNodes[0] : field(calleeNode, f_.object);
      kind(fnNode) == NodeKind::MemberExpression)
    if (TSNode prop = field(fnNode, f_.property); !isNull(prop))
      f.methodName = std::string(text(prop));
  // `f.call(...a)`: the receiver and the arguments are all elements of one array.
  bool spreadThis = thisArg < 32 && ((call.spreadMask >> thisArg) & 1u);
  size_t first = spreadThis ? thisArg : thisArg + 1;  // the first argument f gets
  f.receiver = !spreadThis && thisArg < call.args.size() ? call.args[thisArg] : kNoVar;
  if (method == "apply" && !spreadThis) {
    if (first < call.args.size()) {
      f.args.push_back(call.args[first]);  // the array of the arguments
      f.spreadMask = 1;
    }
  } else {
    for (size_t i = first; i < call.args.size(); ++i) f.args.push_back(call.args[i]);
    f.spreadMask = first < 32 ? call.spreadMask >> first : 0;
    if (first < argNodes.size()) {
      f.argText = normaliseArgumentText(text(argNodes[first]));
      f.firstArgLiteral = kind(argNodes[first]) == NodeKind::String ? 1 : 0;
    }
  }
  if (method != "bind") {
    f.result = call.result;
    facts_.calls.push_back(std::move(f));
    return;
  }
  copy(call.result, fn, calleeNode);
  if (f.receiver != kNoVar) {
    CallFact b;  // the bound function's `this`, whoever calls it later
    b.site = f.site;
    b.enclosingFunction = f.enclosingFunction;
    b.callee = fn;
    b.receiver = f.receiver;
    b.result = kNoVar;
    b.bindsThisOnly = true;
    b.calleeText = f.calleeText;
    facts_.calls.push_back(std::move(b));
  }
  if (!f.args.empty()) facts_.calls.push_back(std::move(f));  // bound arguments: a call here
}

void Extractor::evalArgs(TSNode argsNode, CallFact& call) {
  if (isNull(argsNode)) return;
  for (TSNode a : kids(argsNode)) {
    NodeKind ak = kind(a);
    if (ak == NodeKind::Comment) continue;
    if (ak == NodeKind::SpreadElement) {
      if (call.args.size() < 32) call.spreadMask |= 1u << call.args.size();
      call.args.push_back(eval(ts_node_named_child(a, 0)));
      continue;
    }
    if (call.args.empty() && ak == NodeKind::String) call.firstArgLiteral = 1;
    call.args.push_back(eval(a));
  }
}

}  // namespace fe::detail
