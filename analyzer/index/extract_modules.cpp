// ES module imports and exports: import bindings, export facts, re-exports and
// the static export names `export *` follows.
#include <string>
#include <vector>

#include "index/extractor.h"

namespace fe::detail {

void Extractor::visitImport(TSNode s) {
  TSNode source = field(s, f_.source);
  if (isNull(source)) {
    // TypeScript's `import x = require('m')`: CommonJS, as `const x = require('m')`.
    for (TSNode clause : kids(s)) {
      if (std::string_view(ts_node_type(clause)) != "import_require_clause") continue;
      TSNode id = ts_node_named_child(clause, 0);
      TSNode from = field(clause, f_.source);
      if (!isNull(id) && !isNull(from) && kind(id) == NodeKind::Identifier)
        importBinding(std::string(text(id)), stringContent(from), "*", ImportKind::Require, clause);
    }
    return;
  }
  std::string spec = stringContent(source);
  // Tested on the text: the JavaScript grammar parses Flow's `import type …` as an
  // ERROR node, with no `type` token of the statement.
  if (text(s).substr(0, 11) == "import type") return;
  bool bindings = false;
  for (TSNode clause : kids(s)) bindings = bindings || kind(clause) == NodeKind::ImportClause;
  if (!bindings) {
    // `import './telemetry'`: the module's code runs, though nothing is bound from it.
    facts_.imports.push_back(
        {newVar("import '" + spec + "'", s), spec, "*", ImportKind::Namespace, site(s)});
    return;
  }
  for (TSNode clause : kids(s)) {
    if (kind(clause) != NodeKind::ImportClause) continue;
    for (TSNode c : kids(clause)) {
      switch (kind(c)) {
        case NodeKind::Identifier:
          importBinding(std::string(text(c)), spec, "default", ImportKind::Default, c);
          break;
        case NodeKind::NamespaceImport: {
          TSNode id = ts_node_named_child(c, 0);
          if (!isNull(id))
            importBinding(std::string(text(id)), spec, "*", ImportKind::Namespace, c);
          break;
        }
        case NodeKind::NamedImports: {
          for (TSNode sp : kids(c)) {
            if (kind(sp) != NodeKind::ImportSpecifier) continue;
            if (hasToken(sp, "type")) continue;  // `import { type T }`
            TSNode name = field(sp, f_.name);
            TSNode alias = field(sp, f_.alias);
            std::string imported =
                kind(name) == NodeKind::String ? stringContent(name) : std::string(text(name));
            std::string local = isNull(alias) ? imported : std::string(text(alias));
            importBinding(local, spec, imported, ImportKind::Named, sp);
          }
          break;
        }
        default:
          break;
      }
    }
  }
}

void Extractor::importBinding(const std::string& local, const std::string& spec,
                              const std::string& name, ImportKind k, TSNode at) {
  VarId v = newVar(local, at);
  facts_.imports.push_back({v, spec, name, k, site(at)});
  if (!spec.empty() && spec[0] != '.' && spec[0] != '/') packageImports_.insert(local);
  int existing = lookup(local);
  if (existing >= 0 && scopes_.size() == 1) {
    copy(bindings_[existing].current, v, at);
  } else {
    declareFixed(local, v, BindingKind::Import);
  }
}

void Extractor::visitExport(TSNode s) {
  TSNode source = field(s, f_.source);
  TSNode decl = field(s, f_.declaration);
  TSNode value = field(s, f_.value);
  bool isDefault = hasToken(s, "default");
  // Types only. Tested on the text: the TypeScript grammar parses `export type * from`
  // as an ERROR node (no `type` token of the statement), and the JavaScript grammar
  // parses Flow's `export type {…}` likewise.
  std::string_view t = text(s);
  if (t.substr(0, 11) == "export type" || t.substr(0, 16) == "export interface") return;
  if (!isNull(source)) {
    std::string spec = stringContent(source);
    bool any = false;
    for (TSNode c : kids(s)) {
      if (kind(c) == NodeKind::ExportClause) {
        any = true;
        for (TSNode sp : kids(c)) {
          if (kind(sp) != NodeKind::ExportSpecifier) continue;
          TSNode name = field(sp, f_.name);
          TSNode alias = field(sp, f_.alias);
          std::string imported(text(name));
          std::string exported = isNull(alias) ? imported : std::string(text(alias));
          facts_.reexports.push_back({spec, imported, exported, site(source)});
          facts_.staticExportNames.push_back(exported);
        }
      } else if (kind(c) == NodeKind::NamespaceExport) {
        any = true;
        TSNode id = ts_node_named_child(c, 0);
        std::string exported = isNull(id) ? "*" : std::string(text(id));
        facts_.reexports.push_back({spec, "*", exported, site(source)});
        facts_.staticExportNames.push_back(exported);
      }
    }
    if (!any) facts_.reexports.push_back({spec, "*", "*", site(source)});
    return;
  }
  if (!isNull(decl)) {
    visit(decl);
    std::vector<std::string> names;
    declaredNames(decl, names);
    for (auto& nm : names) {
      int b = lookup(nm);
      if (b < 0) continue;
      exportName(isDefault ? "default" : nm, bindings_[b].summary);
    }
    if (isDefault && names.empty()) {
      // `export default function () {}` / `export default class {}`
      VarId v = evalNamed(decl, "default");
      exportName("default", v);
    }
    return;
  }
  if (!isNull(value)) {
    VarId v = evalNamed(value, "default");
    exportName("default", v);
    return;
  }
  if (hasToken(s, "=")) {
    // TypeScript's `export = x`: the module's CommonJS exports are x (a default import of
    // the module gets x, as with esModuleInterop).
    for (TSNode c : kids(s)) {
      VarId v = eval(c);
      if (v == kNoVar) continue;
      facts_.stores.push_back({facts_.moduleVar, "exports", kNoVar, v, site(s)});
      break;
    }
    return;
  }
  for (TSNode c : kids(s)) {
    if (kind(c) != NodeKind::ExportClause) continue;
    for (TSNode sp : kids(c)) {
      if (kind(sp) != NodeKind::ExportSpecifier) continue;
      TSNode name = field(sp, f_.name);
      TSNode alias = field(sp, f_.alias);
      std::string local(text(name));
      std::string exported = isNull(alias) ? local : std::string(text(alias));
      int b = lookup(local);
      exportName(exported, b >= 0 ? bindings_[b].summary : globalVar(local, sp));
    }
  }
}

void Extractor::exportName(const std::string& name, VarId v) {
  if (v == kNoVar) return;
  if (namespaceObject_ != kNoVar) {  // `export` inside `namespace X {…}`: a member of X
    facts_.stores.push_back({namespaceObject_, name, kNoVar, v, SourceSite{}});
    return;
  }
  facts_.exports.push_back({name, v});
  facts_.stores.push_back({facts_.exportsVar, name, kNoVar, v, SourceSite{}});
  facts_.staticExportNames.push_back(name);
}

void Extractor::declaredNames(TSNode decl, std::vector<std::string>& out) {
  switch (kind(decl)) {
    case NodeKind::FunctionDeclaration:
    case NodeKind::GeneratorFunctionDeclaration:
    case NodeKind::ClassDeclaration:
    case NodeKind::AbstractClassDeclaration:
    case NodeKind::EnumDeclaration:
    case NodeKind::InternalModule: {
      TSNode name = field(decl, f_.name);
      // A dotted namespace name (`namespace A.B`) declares no new binding of its own.
      if (!isNull(name) &&
          (kind(decl) != NodeKind::InternalModule || kind(name) == NodeKind::Identifier))
        out.emplace_back(text(name));
      return;
    }
    case NodeKind::LexicalDeclaration:
    case NodeKind::VariableDeclaration: {
      for (TSNode d : kids(decl)) {
        if (kind(d) == NodeKind::VariableDeclarator) patternNames(field(d, f_.name), out);
      }
      return;
    }
    default:
      return;
  }
}

void Extractor::patternNames(TSNode p, std::vector<std::string>& out) {
  if (isNull(p)) return;
  NodeKind k = kind(p);
  if (k == NodeKind::Identifier || k == NodeKind::ShorthandPropertyIdentifierPattern) {
    out.emplace_back(text(p));
    return;
  }
  for (TSNode c : kids(p)) {
    NodeKind ck = kind(c);
    if (ck == NodeKind::PairPattern)
      patternNames(field(c, f_.value), out);
    else if (ck == NodeKind::ObjectAssignmentPattern || ck == NodeKind::AssignmentPattern)
      patternNames(field(c, f_.left), out);
    else
      patternNames(c, out);
  }
}

}  // namespace fe::detail
