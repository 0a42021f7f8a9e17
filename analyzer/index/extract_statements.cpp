// Statements: declarations, blocks and control flow. Branches and loops
// rewind and merge binding versions (versioned_bindings.cpp) so that what a
// variable holds after them is what any path may have left in it.
#include <string>
#include <utility>
#include <vector>

#include "index/extractor.h"

namespace fe::detail {

void Extractor::visitChildren(TSNode n) {
  for (TSNode kid : kids(n)) visit(kid);
}

void Extractor::visitBlock(TSNode n) {
  pushScope(false);
  hoist(n);
  visitChildren(n);
  popScope();
}

void Extractor::visit(TSNode s) {
  if (isNull(s)) return;
  if (tooDeep(s)) return;
  DepthGuard guard(depth_);
  switch (kind(s)) {
    case NodeKind::Comment:
      return;
    case NodeKind::ExpressionStatement: {
      for (TSNode kid : kids(s)) eval(kid);
      return;
    }
    case NodeKind::LexicalDeclaration:
    case NodeKind::VariableDeclaration: {
      BindingKind k = declaredKind(s);
      for (TSNode d : kids(s)) {
        if (kind(d) != NodeKind::VariableDeclarator) continue;
        TSNode name = field(d, f_.name);
        TSNode value = field(d, f_.value);
        VarId v = kNoVar;
        if (!isNull(value)) {
          std::string hint = kind(name) == NodeKind::Identifier ? std::string(text(name)) : "";
          v = evalNamed(value, hint);
          // `const PORT = 8443`: the constant is its digits wherever a string is built from it
          // (`'https://h:' + PORT`), as the literal itself is.
          if (v == kNoVar && k == BindingKind::Const && kind(name) == NodeKind::Identifier)
            if (auto digits = decimalText(value)) {
              v = stringVar(*digits, value, false);
              bindPattern(name, v, k, true);
              if (int b = lookup(text(name)); b >= 0) bindings_[b].number = true;
              continue;
            }
        }
        if (v == kNoVar && kind(name) == NodeKind::Identifier) {
          // `let x;` declares x with no value yet (an empty version).
          if (lookup(text(name)) < 0) declare(std::string(text(name)), k, name);
          if (isNull(value)) writeName(text(name), kNoVar, name, true);
          continue;
        }
        bindPattern(name, v, k, true);
      }
      return;
    }
    case NodeKind::FunctionDeclaration:
    case NodeKind::GeneratorFunctionDeclaration: {
      auto it = hoistedFunctions_.find(ts_node_start_byte(s));
      uint32_t fn;
      if (it != hoistedFunctions_.end()) {
        fn = it->second;
      } else {
        TSNode name = field(s, f_.name);
        std::string nm = isNull(name) ? "" : std::string(text(name));
        fn = createFunction(s, nm);
        VarId fv = newVar(nm, s);
        alloc(fv, AllocKind::Function, fn, s);
        if (!nm.empty()) bindPattern(name, fv, BindingKind::Function, true);
      }
      processFunction(s, fn);
      return;
    }
    case NodeKind::ClassDeclaration:
    case NodeKind::AbstractClassDeclaration: {
      TSNode name = field(s, f_.name);
      VarId cv = processClass(s, isNull(name) ? "" : std::string(text(name)));
      if (!isNull(name)) {
        // TypeScript names classes with a type_identifier: bind by text.
        std::string nm(text(name));
        if (lookup(nm) < 0) declare(nm, BindingKind::Class, name);
        writeName(nm, cv, name, true);
      }
      return;
    }
    case NodeKind::ReturnStatement: {
      for (TSNode kid : kids(s)) {
        VarId v = eval(kid);
        copy(functions_.back().returnVar, v, s);
        if (v != kNoVar) facts_.returns.push_back({v, site(s), currentFunction()});
      }
      return;
    }
    case NodeKind::IfStatement: {
      eval(field(s, f_.condition));
      size_t mark = log_.size();
      visit(field(s, f_.consequence));
      auto a = rewind(mark);
      TSNode alt = field(s, f_.alternative);
      std::vector<std::pair<uint32_t, VarId>> b;
      if (!isNull(alt)) {
        visit(alt);
        b = rewind(mark);
      }
      mergeBranches({a, b}, isNull(alt), s);
      return;
    }
    case NodeKind::ElseClause:
      visitChildren(s);
      return;
    case NodeKind::StatementBlock:
      visitBlock(s);
      return;
    case NodeKind::ForStatement:
    case NodeKind::WhileStatement:
    case NodeKind::DoStatement:
    case NodeKind::ForInStatement: {
      pushScope(false);
      // The head of for…in/for…of assigns only when the body runs at least once: it is
      // inside the loop's versions, so what the variable held before the loop survives.
      size_t mark = log_.size();
      if (kind(s) == NodeKind::ForInStatement) visitForIn(s);
      std::vector<std::pair<uint32_t, VarId>> entry;
      for (TSNode c : kids(s)) {
        if (kind(s) == NodeKind::ForInStatement && !ts_node_eq(c, field(s, f_.body))) continue;
        NodeKind ck = kind(c);
        if (ck == NodeKind::LexicalDeclaration || ck == NodeKind::VariableDeclaration ||
            ck == NodeKind::StatementBlock || ck == NodeKind::ExpressionStatement ||
            ck == NodeKind::IfStatement || ck == NodeKind::ReturnStatement ||
            ck == NodeKind::ForStatement || ck == NodeKind::ForInStatement ||
            ck == NodeKind::WhileStatement || ck == NodeKind::TryStatement ||
            ck == NodeKind::SwitchStatement || ck == NodeKind::ThrowStatement ||
            ck == NodeKind::DoStatement)
          visit(c);
        else
          eval(c);
      }
      // Loop back edge: the versions at the loop's start also see the end of the body.
      std::vector<std::pair<uint32_t, VarId>> before;
      for (size_t i = mark; i < log_.size(); ++i)
        before.emplace_back(log_[i].binding, log_[i].previous);
      auto body = rewind(mark);
      for (auto& [b, endVersion] : body) {
        VarId start = bindings_[b].current;
        for (auto& bv : before)
          if (bv.first == b) {
            start = bv.second;
            break;
          }
        copy(start, endVersion, s);
      }
      mergeBranches({body}, true, s);
      popScope();
      return;
    }
    case NodeKind::TryStatement: {
      size_t mark = log_.size();
      // What the block throws itself, and whether it calls anything (a callee's throw, a
      // rejected await): only then may its catch see errors thrown elsewhere.
      VarId thrownHere = newVar("thrown in try", s);
      size_t callsBefore = facts_.calls.size();
      functions_.back().tryThrown.push_back(thrownHere);
      visit(field(s, f_.body));
      functions_.back().tryThrown.pop_back();
      bool calls = false;  // `new Error(…)` makes the error; it throws nothing itself
      for (size_t c = callsBefore; c < facts_.calls.size() && !calls; ++c) {
        const std::string& callee = facts_.calls[c].calleeText;
        calls = callee.size() < 5 || callee.compare(callee.size() - 5, 5, "Error") != 0;
      }
      auto a = rewind(mark);
      mergeBranches({a}, true, s);
      TSNode handler = field(s, f_.handler);
      if (!isNull(handler)) {
        size_t m2 = log_.size();
        pushScope(false);
        TSNode param = field(handler, f_.parameter);
        if (!isNull(param)) {
          VarId error = newVar("error", param);
          copy(error, thrownHere, param);
          if (calls) {
            copy(error, thrownVar(param), param);
            facts_.catches = true;
          }
          bindPattern(param, error, BindingKind::Let, true);
        }
        visit(field(handler, f_.body));
        popScope();
        auto h = rewind(m2);
        mergeBranches({h}, true, s);
      } else {
        throwValue(thrownHere, s);  // try … finally: the error goes on out
      }
      TSNode fin = field(s, f_.finalizer);
      if (!isNull(fin)) visitChildren(fin);
      return;
    }
    case NodeKind::SwitchStatement: {
      eval(field(s, f_.value));
      TSNode body = field(s, f_.body);
      std::vector<std::vector<std::pair<uint32_t, VarId>>> branches;
      pushScope(false);
      if (!isNull(body)) hoistSwitch(body);
      for (TSNode c : kids(body)) {
        size_t mark = log_.size();
        TSNode caseValue = field(c, f_.value);
        for (TSNode st : kids(c)) {
          if (!isNull(caseValue) && ts_node_eq(st, caseValue)) {
            eval(st);
            continue;
          }
          visit(st);
        }
        branches.push_back(rewind(mark));
      }
      popScope();
      mergeBranches(branches, true, s);
      return;
    }
    case NodeKind::ThrowStatement:
      // The thrown value reaches the catch clauses (of this function, of its callers):
      // `throw new Error(`${issue.key} failed`)` caught and posted to an error tracker.
      for (TSNode kid : kids(s)) throwValue(eval(kid), s);
      return;
    case NodeKind::LabeledStatement:
      visit(field(s, f_.body));
      return;
    case NodeKind::ImportStatement:
      visitImport(s);
      return;
    case NodeKind::ExportStatement:
      visitExport(s);
      return;
    case NodeKind::EnumDeclaration: {
      TSNode name = field(s, f_.name);
      VarId e = processEnum(s);
      if (!isNull(name)) bindPattern(name, e, BindingKind::Const, true);
      return;
    }
    case NodeKind::TypeAliasDeclaration:
    case NodeKind::InterfaceDeclaration:
    case NodeKind::AmbientDeclaration:
      return;
    case NodeKind::Module:
    case NodeKind::InternalModule:
      namespaceDeclaration(s);
      return;
    case NodeKind::Error:
      visitChildren(s);
      return;
    default:
      // Expressions at statement position (e.g. inside ERROR recovery) and
      // statements we do not model: evaluate to keep calls inside them.
      eval(s);
      return;
  }
}

// `namespace X { export function f() {} }`: X is an object whose members are what the block
// exports (`declare module 'm' {}` and dotted names are types or ambient: only the block's
// code is visited).
VarId Extractor::namespaceDeclaration(TSNode s) {
  TSNode name = field(s, f_.name);
  TSNode body = field(s, f_.body);
  VarId ns = kNoVar;
  if (!isNull(name) && kind(name) == NodeKind::Identifier) {
    ns = newVar(std::string(text(name)), s);
    alloc(ns, AllocKind::Object, 0, s);
    bindPattern(name, ns, BindingKind::Const, true);
  }
  VarId outer = namespaceObject_;
  namespaceObject_ = ns;
  if (!isNull(body)) visitBlock(body);
  namespaceObject_ = outer;
  return ns;
}

void Extractor::visitForIn(TSNode s) {
  TSNode left = field(s, f_.left);
  TSNode right = field(s, f_.right);
  VarId collection = eval(right);
  bool isOf = false;
  uint32_t c = ts_node_child_count(s);
  for (uint32_t i = 0; i < c; ++i) {
    TSNode ch = ts_node_child(s, i);
    if (!ts_node_is_named(ch) && text(ch) == "of") isOf = true;
  }
  VarId item = isOf ? load(collection, "[]", s) : newVar("key", s);
  if (!isOf && collection != kNoVar) copy(item, collection, s, true);
  // `for (const x of …)` declares x; `for (x of …)` assigns the x in scope.
  bool decl = !declarationKeyword(s).empty();
  bindPattern(left, item, declaredKind(s), decl);
}

}  // namespace fe::detail
