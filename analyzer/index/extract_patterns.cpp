// Binding targets: destructuring patterns of declarations and parameters,
// assignment targets (names, members, patterns), and the property loads and
// static property keys they read through.
#include <string>
#include <utility>

#include "index/extractor.h"

namespace fe::detail {

// Binds a declaration or assignment pattern to `source`.
void Extractor::bindPattern(TSNode p, VarId source, BindingKind k, bool declaration) {
  if (isNull(p)) return;
  if (tooDeep(p)) return;
  DepthGuard guard(depth_);
  switch (kind(p)) {
    case NodeKind::Identifier:
    case NodeKind::ShorthandPropertyIdentifierPattern: {
      std::string name(text(p));
      if (declaration && k == BindingKind::Param) {
        declare(name, k, p);
      } else if (declaration && lookup(name) < 0) {
        declare(name, k, p);
      }
      writeName(name, source, p, declaration);
      return;
    }
    case NodeKind::ObjectPattern: {
      std::vector<std::string> taken;  // `{ a, ...rest }`: rest holds every field but a
      for (TSNode c : kids(p)) {
        switch (kind(c)) {
          case NodeKind::ShorthandPropertyIdentifierPattern: {
            taken.emplace_back(text(c));
            VarId t = load(source, std::string(text(c)), c);
            bindPattern(c, t, k, declaration);
            break;
          }
          case NodeKind::PairPattern: {
            TSNode key = field(c, f_.key);
            if (std::string name; staticKey(key, name)) taken.push_back(name);
            VarId t = loadKey(source, key, c);
            bindPattern(field(c, f_.value), t, k, declaration);
            break;
          }
          case NodeKind::ObjectAssignmentPattern: {
            TSNode left = field(c, f_.left);
            taken.emplace_back(text(left));
            VarId t = newVar(std::string(text(left)), c);
            VarId loaded = load(source, std::string(text(left)), c);
            copy(t, loaded, c);
            ++conditional_;
            copy(t, eval(field(c, f_.right)), c);
            --conditional_;
            bindPattern(left, t, k, declaration);
            break;
          }
          case NodeKind::RestPattern: {
            TSNode inner = ts_node_named_child(c, 0);
            VarId rest = newVar("rest", c);
            alloc(rest, AllocKind::Object, 0, c);
            facts_.spreads.push_back({rest, source, site(c), taken});
            bindPattern(inner, rest, k, declaration);
            break;
          }
          default:
            break;
        }
      }
      return;
    }
    case NodeKind::ArrayPattern: {
      for (const auto& [c, index] : indexedElements(p)) {
        if (kind(c) == NodeKind::RestPattern) {
          // `[first, ...others]`: others is a new array of the elements (any of them: its
          // index 0 is not the source's).
          VarId rest = newVar("rest", c);
          alloc(rest, AllocKind::Array, 0, c);
          VarId e = load(source, "[]", c);
          if (e != kNoVar) facts_.stores.push_back({rest, "[]", kNoVar, e, site(c)});
          bindPattern(ts_node_named_child(c, 0), rest, k, declaration);
        } else {
          VarId t = load(source, index < kMaxTupleLength ? tupleField(index) : "[]", c);
          bindPattern(c, t, k, declaration);
        }
      }
      return;
    }
    case NodeKind::AssignmentPattern: {
      TSNode left = field(p, f_.left);
      VarId t = newVar(std::string(text(left)), p);
      copy(t, source, p);
      ++conditional_;
      copy(t, eval(field(p, f_.right)), p);
      --conditional_;
      bindPattern(left, t, k, declaration);
      return;
    }
    case NodeKind::RestPattern:
      bindPattern(ts_node_named_child(p, 0), source, k, declaration);
      return;
    case NodeKind::MemberExpression:
    case NodeKind::SubscriptExpression:
      assignToMember(p, source);
      return;
    case NodeKind::ParenthesizedExpression:
    case NodeKind::NonNullExpression:
    case NodeKind::AsExpression:
      bindPattern(ts_node_named_child(p, 0), source, k, declaration);
      return;
    default:
      return;
  }
}

void Extractor::assign(TSNode left, VarId v, TSNode at) {
  switch (kind(left)) {
    case NodeKind::Identifier:
      writeName(text(left), v, at);
      return;
    case NodeKind::MemberExpression:
    case NodeKind::SubscriptExpression:
      assignToMember(left, v);
      return;
    case NodeKind::ObjectPattern:
    case NodeKind::ArrayPattern:
      bindPattern(left, v, BindingKind::Let, false);
      return;
    case NodeKind::ParenthesizedExpression:
    case NodeKind::NonNullExpression:
      assign(ts_node_named_child(left, 0), v, at);
      return;
    default:
      return;
  }
}

void Extractor::assignToMember(TSNode left, VarId v) {
  TSNode objNode = field(left, f_.object);
  VarId base = eval(objNode);
  if (base == kNoVar) return;
  if (kind(left) == NodeKind::MemberExpression) {
    std::string name(text(field(left, f_.property)));
    facts_.stores.push_back({base, name, kNoVar, v, site(left)});
    if (name == "src" || name == "href")
      facts_.propertyUrls.push_back({base, name, v, site(left), currentFunction()});
    // Static export names for CommonJS: exports.x / module.exports.x / module.exports = {…}
    std::string_view ot = text(objNode);
    if ((ot == "exports" || ot == "module.exports") && lookup("exports") >= 0)
      facts_.staticExportNames.push_back(name);
    return;
  }
  TSNode index = field(left, f_.index);
  if (kind(index) == NodeKind::String) {
    std::string name = stringContent(index);
    facts_.stores.push_back({base, isArrayIndexName(name) ? "[]" : name, kNoVar, v, site(left)});
  } else if (kind(index) == NodeKind::Number) {
    facts_.stores.push_back({base, "[]", kNoVar, v, site(left)});
  } else {
    VarId key = eval(index);
    facts_.stores.push_back({base, "", key, v, site(left)});
  }
}

VarId Extractor::load(VarId base, std::string name, TSNode at) {
  if (base == kNoVar) return kNoVar;
  VarId t = newVar(name == "[]" ? "element" : name, at);
  facts_.loads.push_back({t, base, std::move(name), kNoVar, site(at)});
  return t;
}

VarId Extractor::loadKey(VarId base, TSNode key, TSNode at) {
  std::string name;
  if (staticKey(key, name)) return load(base, name, at);
  TSNode inner = kind(key) == NodeKind::ComputedPropertyName ? ts_node_named_child(key, 0) : key;
  VarId k = eval(inner);
  VarId t = newVar("computed", at);
  facts_.loads.push_back({t, base, "", k, site(at)});
  return t;
}

// Property name of an object key or pattern key: identifier, string, number or computed.
bool Extractor::staticKey(TSNode key, std::string& out) {
  bool found = staticKeyText(key, out);
  if (found && isArrayIndexName(out)) out = "[]";  // `{0: a}`: an element (facts.h)
  return found;
}

bool Extractor::staticKeyText(TSNode key, std::string& out) {
  switch (kind(key)) {
    case NodeKind::PropertyIdentifier:
    case NodeKind::Identifier:
    case NodeKind::ShorthandPropertyIdentifier:
    case NodeKind::PrivatePropertyIdentifier:
      out = std::string(text(key));
      return true;
    case NodeKind::String:
      out = stringContent(key);
      return true;
    case NodeKind::Number:
      out = std::string(text(key));
      return true;
    case NodeKind::ComputedPropertyName: {
      TSNode inner = ts_node_named_child(key, 0);
      if (kind(inner) == NodeKind::String) {
        out = stringContent(inner);
        return true;
      }
      return false;
    }
    default:
      return false;
  }
}

}  // namespace fe::detail
