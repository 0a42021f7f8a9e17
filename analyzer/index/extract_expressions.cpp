// Expressions: each evaluates to the value variable that holds its value
// (kNoVar for values that carry nothing): names, literals, operators, member
// reads, object and array literals, templates and JSX elements.
#include <string>
#include <utility>
#include <vector>

#include "index/extractor.h"
#include "index/syntax_text.h"

namespace fe::detail {

VarId Extractor::evalNamed(TSNode n, const std::string& hint) {
  NodeKind k = kind(n);
  if (k == NodeKind::FunctionExpression || k == NodeKind::ArrowFunction ||
      k == NodeKind::GeneratorFunction) {
    return functionExpression(n, hint);
  }
  if (k == NodeKind::Class) {
    TSNode name = field(n, f_.name);
    return processClass(n, isNull(name) ? hint : std::string(text(name)));
  }
  return eval(n);
}

VarId Extractor::join(std::initializer_list<VarId> parts, TSNode at, const char* name) {
  VarId t = kNoVar;
  for (VarId p : parts) {
    if (p == kNoVar) continue;
    if (t == kNoVar) t = newVar(name, at);
    copy(t, p, at);
  }
  return t;
}

VarId Extractor::eval(TSNode n) {
  if (isNull(n)) return kNoVar;
  if (tooDeep(n)) return kNoVar;
  DepthGuard guard(depth_);
  switch (kind(n)) {
    case NodeKind::Identifier:
      return readName(text(n), n);
    case NodeKind::This:
      return functions_.back().thisVar;
    case NodeKind::String:
      return stringVar(stringContent(n), n, true);
    case NodeKind::TemplateString:
      return templateString(n);
    case NodeKind::Number:
    case NodeKind::True:
    case NodeKind::False:
    case NodeKind::Null:
    case NodeKind::Undefined:
    case NodeKind::Regex:
    case NodeKind::Comment:
      return kNoVar;
    case NodeKind::ParenthesizedExpression:
    case NodeKind::AsExpression:
    case NodeKind::SatisfiesExpression:
    case NodeKind::NonNullExpression:
    case NodeKind::TypeAssertion: {
      // The expression is the first named child that is not a type.
      uint32_t c = ts_node_named_child_count(n);
      VarId last = kNoVar;
      for (uint32_t i = 0; i < c; ++i) {
        TSNode ch = ts_node_named_child(n, i);
        if (i == 0 || kind(n) == NodeKind::ParenthesizedExpression) last = eval(ch);
        if (kind(n) != NodeKind::TypeAssertion && kind(n) != NodeKind::ParenthesizedExpression)
          break;
        if (kind(n) == NodeKind::TypeAssertion) last = eval(ts_node_named_child(n, c - 1));
        if (kind(n) == NodeKind::TypeAssertion) break;
      }
      return last;
    }
    case NodeKind::SequenceExpression: {
      VarId last = kNoVar;
      for (TSNode kid : kids(n)) last = eval(kid);
      return last;
    }
    case NodeKind::AwaitExpression: {
      VarId v = eval(ts_node_named_child(n, 0));
      if (v == kNoVar) return kNoVar;
      VarId t = newVar("await", n);
      facts_.awaits.push_back({t, v});
      return t;
    }
    case NodeKind::InternalModule:  // `namespace X {…}` at statement position
      return namespaceDeclaration(n);
    case NodeKind::YieldExpression: {
      VarId v = eval(ts_node_named_child(n, 0));
      VarId iterator = functions_.back().generatorVar;
      if (v != kNoVar && iterator != kNoVar) {
        // `yield v` adds an element; `yield* it` adds the elements of another iterable.
        VarId element = hasStarToken(n) ? load(v, "[]", n) : v;
        facts_.stores.push_back({iterator, "[]", kNoVar, element, site(n)});
      }
      return join({v}, n, "yield");
    }
    case NodeKind::MemberExpression:
      return memberExpression(n);
    case NodeKind::SubscriptExpression: {
      VarId base = eval(field(n, f_.object));
      TSNode index = field(n, f_.index);
      if (kind(index) == NodeKind::Number) {
        std::string digits(text(index));
        return load(base, isArrayIndexName(digits) ? indexReadField(digits) : "[]", n);
      }
      if (kind(index) == NodeKind::String) {
        std::string name = stringContent(index);
        return load(base, isArrayIndexName(name) ? indexReadField(name) : name, n);
      }
      VarId key = eval(index);
      if (base == kNoVar) return kNoVar;
      VarId t = newVar("element", n);
      facts_.loads.push_back({t, base, "", key, site(n)});
      return t;
    }
    case NodeKind::CallExpression:
      return callExpression(n, false);
    case NodeKind::NewExpression:
      return callExpression(n, true);
    case NodeKind::AssignmentExpression: {
      TSNode left = field(n, f_.left);
      std::string hint = kind(left) == NodeKind::Identifier ? std::string(text(left))
                         : kind(left) == NodeKind::MemberExpression
                             ? std::string(text(field(left, f_.property)))
                             : "";
      VarId v = evalNamed(field(n, f_.right), hint);
      assign(left, v, n);
      return v;
    }
    case NodeKind::AugmentedAssignmentExpression: {
      TSNode left = field(n, f_.left);
      TSNode opNode = field(n, f_.operator_);
      std::string_view op = isNull(opNode) ? std::string_view("+=") : text(opNode);
      VarId old = eval(left);
      VarId right = eval(field(n, f_.right));
      VarId v;
      if (op == "+=") {
        v = newVar(kind(left) == NodeKind::Identifier ? std::string(text(left)) : "concat", n);
        facts_.concats.push_back({v, {old, right}, site(n)});
      } else if (op == "||=" || op == "?\?=" || op == "&&=") {
        v = join({old, right}, n, "value");
      } else {
        v = newVar("number", n);
        copy(v, old, n, true);
        copy(v, right, n, true);
      }
      assign(left, v, n);
      return v;
    }
    case NodeKind::BinaryExpression: {
      TSNode opNode = field(n, f_.operator_);
      std::string_view op = isNull(opNode) ? std::string_view("") : text(opNode);
      TSNode l = field(n, f_.left), r = field(n, f_.right);
      if (op == "&&" || op == "||" || op == "??") {
        VarId a = eval(l);
        ++conditional_;
        VarId b = eval(r);
        --conditional_;
        return join({a, b}, n, "value");
      }
      VarId a = eval(l);
      VarId b = eval(r);
      if (op == "+") {
        if (a == kNoVar && b == kNoVar) return kNoVar;
        if (isNumberConstant(l) && isNumberConstant(r)) return kNoVar;  // a sum: no known text
        // `'https://host:' + 8443`: the number is text of the string, not an unknown part.
        if (auto digits = a == kNoVar ? decimalText(l) : std::nullopt)
          a = stringVar(*digits, l, false);
        if (auto digits = b == kNoVar ? decimalText(r) : std::nullopt)
          b = stringVar(*digits, r, false);
        VarId t = newVar("concat", n);
        facts_.concats.push_back({t, {a, b}, site(n)});
        return t;
      }
      if (op == "-" || op == "*" || op == "/" || op == "%" || op == "**" || op == "&" ||
          op == "|" || op == "^" || op == "<<" || op == ">>" || op == ">>>") {
        if (a == kNoVar && b == kNoVar) return kNoVar;
        VarId t = newVar("number", n);
        copy(t, a, n, true);
        copy(t, b, n, true);
        return t;
      }
      if ((op == "===" || op == "!==" || op == "==" || op == "!=") && a != kNoVar && b != kNoVar)
        facts_.comparisons.push_back({a, b, site(n), currentFunction()});
      return kNoVar;  // comparisons, in, instanceof: booleans carry no data
    }
    case NodeKind::UnaryExpression: {
      TSNode opNode = field(n, f_.operator_);
      std::string_view op = isNull(opNode) ? std::string_view("") : text(opNode);
      VarId a = eval(field(n, f_.argument));
      if (op == "-" || op == "+" || op == "~") {
        if (a == kNoVar) return kNoVar;
        VarId t = newVar("number", n);
        copy(t, a, n, true);
        return t;
      }
      return kNoVar;
    }
    case NodeKind::UpdateExpression:
      eval(field(n, f_.argument));
      return kNoVar;
    case NodeKind::TernaryExpression: {
      eval(field(n, f_.condition));
      ++conditional_;
      VarId a = eval(field(n, f_.consequence));
      VarId b = eval(field(n, f_.alternative));
      --conditional_;
      return join({a, b}, n, "value");
    }
    case NodeKind::Object:
      return objectLiteral(n);
    case NodeKind::Array:
      return arrayLiteral(n);
    case NodeKind::FunctionExpression:
    case NodeKind::ArrowFunction:
    case NodeKind::GeneratorFunction:
      return functionExpression(n, "");
    case NodeKind::Class:
      return evalNamed(n, "");
    case NodeKind::SpreadElement:
      return eval(ts_node_named_child(n, 0));
    case NodeKind::JsxElement:
    case NodeKind::JsxSelfClosingElement:
      return jsxElement(n);
    case NodeKind::JsxExpression: {
      VarId last = kNoVar;
      for (TSNode kid : kids(n)) last = eval(kid);
      return last;
    }
    case NodeKind::Super:
      return kNoVar;
    case NodeKind::MetaProperty:
      // `import.meta` is the module's `meta` member of the global `import`, so the catalog can
      // name `import.meta.env` (Vite's build-time environment); `new.target` is nothing known.
      if (text(n).substr(0, 6) == "import") return load(globalVar("import", n), "meta", n);
      return kNoVar;
    case NodeKind::Decorator:
      return kNoVar;
    default: {
      // Unknown expression forms (and ERROR nodes): evaluate the parts and
      // let their taint through, never their identity.
      VarId t = kNoVar;
      for (TSNode ch : kids(n)) {
        NodeKind ck = kind(ch);
        VarId v;
        if (ck == NodeKind::ExpressionStatement || ck == NodeKind::LexicalDeclaration ||
            ck == NodeKind::VariableDeclaration || ck == NodeKind::FunctionDeclaration ||
            ck == NodeKind::ReturnStatement || ck == NodeKind::IfStatement ||
            ck == NodeKind::StatementBlock || ck == NodeKind::ClassDeclaration ||
            ck == NodeKind::ImportStatement || ck == NodeKind::ExportStatement) {
          visit(ch);
          continue;
        }
        v = eval(ch);
        if (v == kNoVar) continue;
        if (t == kNoVar) t = newVar("value", n);
        copy(t, v, n, true);
      }
      return t;
    }
  }
}

bool Extractor::isNumberConstant(TSNode n) const {
  for (int hops = 0; hops < 64 && !isNull(n) && kind(n) == NodeKind::ParenthesizedExpression;
       ++hops)
    n = ts_node_named_child(n, 0);
  if (isNull(n)) return false;
  if (kind(n) == NodeKind::Number) return true;
  if (kind(n) != NodeKind::Identifier) return false;
  int b = lookup(text(n));
  return b >= 0 && bindings_[static_cast<size_t>(b)].number;
}

std::optional<std::string> Extractor::decimalText(TSNode n) {
  if (isNull(n) || kind(n) != NodeKind::Number) return std::nullopt;
  std::string_view t = text(n);
  if (t.empty() || t.size() > 15 || (t.size() > 1 && t[0] == '0')) return std::nullopt;
  for (char c : t)
    if (c < '0' || c > '9') return std::nullopt;
  return std::string(t);
}

VarId Extractor::templateString(TSNode n) {
  std::vector<VarId> parts;
  std::string pending;
  bool anySubst = false;
  for (TSNode ch : kids(n)) {
    NodeKind ck = kind(ch);
    if (ck == NodeKind::StringFragment) {
      pending += text(ch);
    } else if (ck == NodeKind::EscapeSequence) {
      pending += unescapeSequence(text(ch));
    } else if (ck == NodeKind::TemplateSubstitution) {
      anySubst = true;
      VarId v = kNoVar;
      std::optional<std::string> digits;
      for (TSNode kid : kids(ch)) {
        v = eval(kid);
        digits = decimalText(kid);
      }
      if (v == kNoVar && digits) {  // `${8443}`: known text
        pending += *digits;
        continue;
      }
      if (!pending.empty()) {
        parts.push_back(stringVar(pending, ch, true));
        pending.clear();
      }
      if (v == kNoVar) v = newVar("value", ch);  // a number or boolean: some unknown text
      parts.push_back(v);
    }
  }
  if (!anySubst) return stringVar(pending, n, true);
  if (!pending.empty()) parts.push_back(stringVar(pending, n, true));
  VarId t = newVar("template", n);
  facts_.concats.push_back({t, std::move(parts), site(n)});
  return t;
}

VarId Extractor::memberExpression(TSNode n) {
  TSNode objNode = field(n, f_.object);
  TSNode prop = field(n, f_.property);
  std::string name(text(prop));
  // process.env.X
  if (kind(objNode) == NodeKind::MemberExpression && text(objNode) == "process.env" &&
      lookup("process") < 0) {
    VarId t = newVar("process.env." + name, n);
    facts_.envs.push_back({t, name});
    return t;
  }
  VarId base = eval(objNode);
  if (base == kNoVar) return kNoVar;
  return load(base, name, n);
}

VarId Extractor::objectLiteral(TSNode n) {
  VarId o = newVar("object", n);
  alloc(o, AllocKind::Object, 0, n);
  size_t firstSpread = facts_.spreads.size();
  for (TSNode ch : kids(n)) {
    // A static name set here shadows it for the spreads before it in this literal.
    auto shadow = [&](const std::string& name) {
      for (size_t i = firstSpread; i < facts_.spreads.size(); ++i)
        if (facts_.spreads[i].target == o) facts_.spreads[i].shadowed.push_back(name);
    };
    switch (kind(ch)) {
      case NodeKind::Pair: {
        TSNode key = field(ch, f_.key);
        std::string name;
        bool isStatic = staticKey(key, name);
        VarId v = evalNamed(field(ch, f_.value), isStatic ? name : "");
        if (isStatic) {
          shadow(name);
          facts_.stores.push_back({o, name, kNoVar, v, site(ch)});
        } else {
          TSNode inner =
              kind(key) == NodeKind::ComputedPropertyName ? ts_node_named_child(key, 0) : key;
          facts_.stores.push_back({o, "", eval(inner), v, site(ch)});
        }
        break;
      }
      case NodeKind::ShorthandPropertyIdentifier: {
        std::string name(text(ch));
        shadow(name);
        facts_.stores.push_back({o, name, kNoVar, readName(name, ch), site(ch)});
        break;
      }
      case NodeKind::SpreadElement: {
        VarId v = eval(ts_node_named_child(ch, 0));
        if (v != kNoVar) facts_.spreads.push_back({o, v, site(ch), {}});
        break;
      }
      case NodeKind::MethodDefinition: {
        std::string name;
        if (!staticKey(field(ch, f_.name), name)) name = "";
        uint32_t fn = createFunction(ch, name);
        facts_.functions[fn].isArrow = false;
        VarId fv = newVar(name, ch);
        alloc(fv, AllocKind::Function, fn, ch);
        processFunction(ch, fn);
        // Methods see the object as `this` when called on it; also bind it here
        // for object-literal singletons.
        copy(facts_.functions[fn].thisVar, o, ch);
        bool isStatic = false, getter = false, setter = false;
        memberKeywords(ch, isStatic, getter, &setter);
        const FunctionFact& f = facts_.functions[fn];
        if (setter) {
          // `o.name = v` runs `set name(v)`: its parameter is what is written to the name.
          if (!name.empty() && !f.params.empty() && f.thisVar != kNoVar)
            facts_.loads.push_back({f.params[0], f.thisVar, name, kNoVar, site(ch)});
          break;
        }
        // A getter's value is what it returns (a read runs it).
        facts_.stores.push_back({o, name, kNoVar, getter ? f.returnVar : fv, site(ch)});
        if (getter) facts_.stores.push_back({o, "$getter:" + name, kNoVar, fv, site(ch)});
        break;
      }
      default:
        eval(ch);
        break;
    }
  }
  return o;
}

VarId Extractor::arrayLiteral(TSNode n) {
  VarId a = newVar("array", n);
  auto elements = indexedElements(n);
  // A tuple (facts.h): few elements, none spread, each kept at its index.
  bool tuple = !elements.empty() && elements.back().second < kMaxTupleLength;
  for (const auto& [ch, index] : elements) tuple = tuple && kind(ch) != NodeKind::SpreadElement;
  alloc(a, AllocKind::Array, tuple ? elements.back().second + 1 : 0, n);
  for (const auto& [ch, index] : elements) {
    if (tuple) {
      VarId v = eval(ch);
      if (v != kNoVar) facts_.stores.push_back({a, tupleField(index), kNoVar, v, site(ch)});
      continue;
    }
    if (kind(ch) == NodeKind::SpreadElement) {
      VarId v = eval(ts_node_named_child(ch, 0));
      VarId e = load(v, "[]", ch);
      if (e != kNoVar) facts_.stores.push_back({a, "[]", kNoVar, e, site(ch)});
      continue;
    }
    VarId v = eval(ch);
    if (v != kNoVar) facts_.stores.push_back({a, "[]", kNoVar, v, site(ch)});
  }
  return a;
}

// A JSX element. One of the app's components (`<Child onData={send} />`, a capitalised
// name) is a call of that component with a props object, so a function passed as a prop
// and called by the child gets the child's arguments.
VarId Extractor::jsxElement(TSNode n) {
  TSNode open = kind(n) == NodeKind::JsxElement ? field(n, f_.open_tag) : n;
  if (isNull(open) && kind(n) == NodeKind::JsxElement) open = ts_node_named_child(n, 0);
  std::string element;
  VarId props = kNoVar;
  VarId elementValue = kNoVar;
  TSNode nameNode{};
  if (!isNull(open)) {
    TSNode name = field(open, f_.name);
    if (!isNull(name)) element = std::string(text(name));
    // `<App />` and `<Ctx.Provider>`: a component the code names (a lowercase name is a DOM
    // tag; a member of a lowercase object, `<motion.div>`, is a library's component too).
    bool component =
        !element.empty() &&
        ((element[0] >= 'A' && element[0] <= 'Z' && kind(name) == NodeKind::Identifier) ||
         (kind(name) == NodeKind::MemberExpression && element.find('.') != std::string::npos));
    if (component) {
      nameNode = name;
      props = newVar("props of " + element, n);
      alloc(props, AllocKind::Object, 0, n);
    }
    // Event props of a DOM element or of a UI library's component get browser events; those
    // of the app's own components are called by the child with its own arguments.
    std::string root = element.substr(0, element.find('.'));
    bool domElement = !element.empty() && element[0] >= 'a' && element[0] <= 'z';
    VarId packageComponent =
        !domElement && packageImports_.count(root) > 0 && !isNull(name) ? eval(name) : kNoVar;
    bool browserEvents = domElement || packageComponent != kNoVar;
    for (TSNode attr : kids(open)) {
      if (kind(attr) == NodeKind::JsxExpression) {
        eval(attr);
        continue;
      }
      if (kind(attr) != NodeKind::JsxAttribute) continue;
      TSNode an = ts_node_named_child(attr, 0);
      TSNode av = ts_node_named_child_count(attr) > 1 ? ts_node_named_child(attr, 1) : TSNode{};
      std::string attrName = isNull(an) ? "" : std::string(text(an));
      VarId v = kNoVar;
      if (!isNull(av)) {
        if (kind(av) == NodeKind::String)
          v = stringVar(stringContent(av), av, true);
        else
          v = eval(av);
      }
      if (v != kNoVar && (attrName == "src" || attrName == "href" || attrName == "srcSet" ||
                          attrName == "poster" || attrName == "data"))
        facts_.jsxUrls.push_back({element, attrName, v, site(n), currentFunction()});
      if (props != kNoVar && v != kNoVar && !attrName.empty())
        facts_.stores.push_back({props, attrName, kNoVar, v, site(attr)});
      if (v != kNoVar && browserEvents && isEventProp(attrName)) {
        // The browser (or the UI library) calls the handler with an event: what the user
        // typed, picked or dropped is read from it (catalog sources on `$uiEvent`).
        CallFact handler;
        handler.site = site(attr);
        handler.enclosingFunction = currentFunction();
        handler.calleeText = attrName;
        handler.callee = v;
        // A package's component passes its own value: `Form.onSubmit.$p0` (catalog paths).
        handler.args.push_back(packageComponent != kNoVar
                                   ? load(load(packageComponent, attrName, attr), "$p0", attr)
                                   : globalVar("$uiEvent", attr));
        handler.result = newVar(attrName + "()", attr);
        facts_.calls.push_back(std::move(handler));
      }
    }
  }
  if (props != kNoVar) {
    CallFact call;
    call.site = site(n);
    call.enclosingFunction = currentFunction();
    call.calleeText = element;
    call.callee = eval(nameNode);
    call.args.push_back(props);
    call.result = newVar("<" + element + ">", n);
    call.isJsxElement = true;
    // The element's value stands for its component (React's element `type`), so
    // `render(<App />)` hands the platform the function it will run.
    elementValue = call.callee;
    if (call.callee != kNoVar) facts_.calls.push_back(std::move(call));
  }
  if (kind(n) == NodeKind::JsxElement) {
    for (TSNode ch : kids(n)) {
      NodeKind k = kind(ch);
      if (k == NodeKind::JsxElement || k == NodeKind::JsxSelfClosingElement ||
          k == NodeKind::JsxExpression)
        eval(ch);
    }
  }
  return elementValue;
}

}  // namespace fe::detail
