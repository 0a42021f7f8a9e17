// Functions: the function fact of a declaration, expression, arrow or method,
// and the processing of its parameters (TypeScript parameter properties
// included) and body in a scope of its own.
#include <string>
#include <utility>
#include <vector>

#include "index/extractor.h"

namespace fe::detail {

uint32_t Extractor::createFunction(TSNode node, std::string name) {
  FunctionFact fn;
  std::string qualified = name.empty() ? "<anonymous>" : name;
  const std::string& outer = functions_.back().name;
  if (!outer.empty()) qualified = outer + "." + qualified;
  fn.name = qualified;
  fn.site = site(node);
  fn.parent = functions_.back().index;
  fn.thisVar = newVar("this", node);
  fn.returnVar = newVar("return of " + qualified, node);
  fn.argumentsVar = newVar("arguments", node);
  fn.isArrow = kind(node) == NodeKind::ArrowFunction;
  fn.isAsync = hasToken(node, "async");
  facts_.functions.push_back(std::move(fn));
  return static_cast<uint32_t>(facts_.functions.size() - 1);
}

// Processes the parameters and body of function `index` defined by `node`.
// `function*`, `*method()`, `yield*`: the `*` token among the node's own children.
bool Extractor::hasStarToken(TSNode node) {
  uint32_t n = ts_node_child_count(node);
  for (uint32_t i = 0; i < n; ++i) {
    TSNode c = ts_node_child(node, i);
    if (!ts_node_is_named(c) && std::string_view(ts_node_type(c)) == "*") return true;
  }
  return false;
}

void Extractor::processFunction(TSNode node, uint32_t index, uint32_t classIndex) {
  FunctionFact& fn = facts_.functions[index];
  FunctionContext ctx;
  ctx.index = index;
  ctx.returnVar = fn.returnVar;
  ctx.name = fn.name;
  ctx.classIndex = classIndex;
  ctx.thisVar = fn.isArrow ? functions_.back().thisVar : fn.thisVar;
  if (fn.isArrow && ctx.thisVar != kNoVar) facts_.functions[index].thisVar = ctx.thisVar;
  functions_.push_back(ctx);
  if (fn.returnVar != kNoVar && hasStarToken(node)) {
    VarId iterator = newVar("generator", node);
    alloc(iterator, AllocKind::Array, 0, node);
    copy(facts_.functions[index].returnVar, iterator, node);
    functions_.back().generatorVar = iterator;
  }
  pushScope(true);
  size_t savedLog = log_.size();
  int savedConditional = conditional_;
  conditional_ = 0;
  // Parameters: `parameters` field, or a single `parameter` for `x => …`.
  TSNode params = field(node, f_.parameters);
  if (isNull(params)) params = field(node, f_.parameter);
  std::vector<VarId> paramVars;
  if (!isNull(params)) {
    if (kind(params) == NodeKind::FormalParameters) {
      for (TSNode p : kids(params)) {
        NodeKind pk = kind(p);
        if (pk == NodeKind::Comment || pk == NodeKind::Decorator) continue;
        // TypeScript's `this: T` declares the type of `this`; it is not an argument.
        if ((pk == NodeKind::RequiredParameter || pk == NodeKind::OptionalParameter) &&
            kind(field(p, f_.pattern)) == NodeKind::This)
          continue;
        paramVars.push_back(processParameter(p, index, static_cast<int>(paramVars.size())));
      }
    } else {
      paramVars.push_back(processParameter(params, index, 0));
    }
  }
  facts_.functions[index].params = paramVars;
  // Arrow functions see the enclosing function's `arguments`.
  const bool ownArguments = !facts_.functions[index].isArrow;
  uint32_t argumentsBinding = 0;
  if (ownArguments)
    argumentsBinding =
        declareFixed("arguments", facts_.functions[index].argumentsVar, BindingKind::Const);
  TSNode body = field(node, f_.body);
  if (!isNull(body)) {
    if (kind(body) == NodeKind::StatementBlock) {
      hoist(body);
      visitChildren(body);
    } else {
      copy(ctx.returnVar, eval(body), body);
    }
  }
  if (ownArguments && bindings_[argumentsBinding].read) {
    // An array of every argument the function is called with (the solver binds them).
    FunctionFact& f = facts_.functions[index];
    alloc(f.argumentsVar, AllocKind::Array, 0, node);
    f.argumentsElements = newVar("arguments elements", node);
    facts_.stores.push_back({f.argumentsVar, "[]", kNoVar, f.argumentsElements, site(node)});
  }
  finishFunctionScope(savedLog);
  conditional_ = savedConditional;
  popScope();
  functions_.pop_back();
}

VarId Extractor::processParameter(TSNode p, uint32_t fnIndex, int position) {
  NodeKind pk = kind(p);
  TSNode pattern = p;
  TSNode defaultValue{};
  bool property = false;
  if (pk == NodeKind::RequiredParameter || pk == NodeKind::OptionalParameter) {
    pattern = field(p, f_.pattern);
    defaultValue = field(p, f_.value);
    uint32_t n = ts_node_named_child_count(p);
    for (uint32_t i = 0; i < n; ++i)
      if (kind(ts_node_named_child(p, i)) == NodeKind::AccessibilityModifier) property = true;
    if (hasToken(p, "readonly")) property = true;
  } else if (pk == NodeKind::AssignmentPattern) {
    pattern = field(p, f_.left);
    defaultValue = field(p, f_.right);
  } else if (pk == NodeKind::RestPattern) {
    facts_.functions[fnIndex].restParam = position;
  }
  std::string name = isNull(pattern) ? "param" : std::string(text(pattern));
  if (name.size() > 40) name = "param " + std::to_string(position + 1);
  VarId pv = newVar(name, isNull(pattern) ? p : pattern);
  if (!isNull(defaultValue)) {
    ++conditional_;
    copy(pv, eval(defaultValue), defaultValue);
    --conditional_;
  }
  if (!isNull(pattern)) {
    if (kind(pattern) == NodeKind::RestPattern) {
      facts_.functions[fnIndex].restParam = position;
      TSNode inner = ts_node_named_child(pattern, 0);
      if (!isNull(inner)) bindPattern(inner, pv, BindingKind::Param, true);
    } else {
      bindPattern(pattern, pv, BindingKind::Param, true);
    }
  }
  if (property && !isNull(pattern) && kind(pattern) == NodeKind::Identifier) {
    // TypeScript parameter property: `constructor(private x = …)` stores this.x.
    facts_.stores.push_back(
        {facts_.functions[fnIndex].thisVar, std::string(text(pattern)), kNoVar, pv, site(p)});
  }
  return pv;
}

VarId Extractor::functionExpression(TSNode n, const std::string& hint) {
  TSNode nameNode = field(n, f_.name);
  std::string name = isNull(nameNode) ? hint : std::string(text(nameNode));
  uint32_t fn = createFunction(n, name);
  VarId fv = newVar(name.empty() ? "function" : name, n);
  alloc(fv, AllocKind::Function, fn, n);
  if (!isNull(nameNode)) {
    // A named function expression sees its own name.
    pushScope(false);
    declareFixed(name, fv, BindingKind::Const);
    processFunction(n, fn);
    popScope();
  } else {
    processFunction(n, fn);
  }
  return fv;
}

}  // namespace fe::detail
