// Classes and TypeScript enums: the class fact with its prototype, constructor,
// methods, getters and fields, and an enum as an object of its members.
#include <algorithm>
#include <string>
#include <string_view>

#include "index/extractor.h"
#include "index/syntax_text.h"

namespace fe::detail {

void Extractor::memberKeywords(TSNode c, bool& isStatic, bool& getter, bool* setter) {
  isStatic = getter = false;
  if (setter) *setter = false;
  TSNode nameNode = field(c, f_.name);
  if (isNull(nameNode)) nameNode = field(c, f_.property);
  uint32_t nameStart = isNull(nameNode) ? ts_node_end_byte(c) : ts_node_start_byte(nameNode);
  uint32_t n = ts_node_child_count(c);
  for (uint32_t i = 0; i < n; ++i) {
    TSNode k = ts_node_child(c, i);
    if (ts_node_start_byte(k) >= nameStart) break;
    std::string_view word = ts_node_type(k);
    isStatic = isStatic || word == "static";
    getter = getter || word == "get";
    if (setter && word == "set") *setter = true;
  }
}

VarId Extractor::processEnum(TSNode s) {
  VarId e = newVar("enum", s);
  alloc(e, AllocKind::Object, 0, s);
  TSNode body = field(s, f_.body);
  if (isNull(body)) return e;
  for (TSNode m : kids(body)) {
    if (kind(m) == NodeKind::EnumAssignment) {
      std::string key;
      if (!staticKey(field(m, f_.name), key)) continue;
      facts_.stores.push_back({e, key, kNoVar, eval(field(m, f_.value)), site(m)});
    }
  }
  return e;
}

VarId Extractor::processClass(TSNode node, std::string name) {
  ClassFact cls;
  cls.name = name.empty() ? "<class>" : name;
  cls.site = site(node);
  cls.prototypeVar = newVar(cls.name + ".prototype", node);
  alloc(cls.prototypeVar, AllocKind::Object, 0, node);
  uint32_t classIndex = static_cast<uint32_t>(facts_.classes.size());
  facts_.classes.push_back(cls);
  VarId classVar = newVar(cls.name, node);
  alloc(classVar, AllocKind::Class, classIndex, node);
  facts_.stores.push_back({classVar, "prototype", kNoVar, cls.prototypeVar, site(node)});
  // Heritage
  for (TSNode c : kids(node)) {
    if (kind(c) != NodeKind::ClassHeritage) continue;
    TSNode expr = ts_node_named_child(c, 0);
    if (kind(expr) == NodeKind::ExtendsClause) expr = field(expr, f_.value);
    if (!isNull(expr)) facts_.classes[classIndex].superVar = eval(expr);
  }
  // Static members are inherited too: `Sub.post()` and `this.post()` in a static method of
  // Sub find the parent's static `post` (the class's fields receive the parent class's).
  if (VarId superVar = facts_.classes[classIndex].superVar; superVar != kNoVar)
    facts_.spreads.push_back({classVar, superVar, site(node), {}});
  TSNode body = field(node, f_.body);
  // Constructor first, so field initialisers run in its context.
  TSNode ctorNode{};
  for (TSNode c : kids(body)) {
    if (kind(c) == NodeKind::MethodDefinition && text(field(c, f_.name)) == "constructor")
      ctorNode = c;
  }
  // Temporarily name the enclosing function as the class for qualified names.
  FunctionContext classCtx = functions_.back();
  classCtx.name = cls.name;
  functions_.push_back(classCtx);
  uint32_t ctor = createFunction(isNull(ctorNode) ? node : ctorNode, "constructor");
  facts_.functions[ctor].isClassConstructor = true;
  facts_.functions[ctor].classIndex = classIndex;
  facts_.functions[ctor].isArrow = false;
  facts_.classes[classIndex].constructorFunction = ctor;
  VarId ctorVar = newVar(cls.name, node);
  alloc(ctorVar, AllocKind::Function, ctor, node);
  facts_.stores.push_back({cls.prototypeVar, "constructor", kNoVar, classVar, site(node)});
  if (!isNull(ctorNode)) {
    processFunction(ctorNode, ctor, classIndex);
  } else {
    facts_.functions[ctor].params.clear();
  }
  // Members, and those with decorators, which run once the class is defined (below).
  // A member's decorators are its children, or in TypeScript's grammar for methods the
  // class body's children just before it.
  struct DecoratedMember {
    std::vector<TSNode> decorators;
    VarId target;
    std::string key;
    VarId value;
  };
  std::vector<DecoratedMember> decorated;
  std::vector<TSNode> pending;
  auto decoratorsOf = [&](TSNode c) {
    std::vector<TSNode> out = std::move(pending);
    pending.clear();
    for (TSNode d : kids(c))
      if (kind(d) == NodeKind::Decorator) out.push_back(d);
    return out;
  };
  for (TSNode c : kids(body)) {
    NodeKind ck = kind(c);
    if (ck == NodeKind::Decorator) {
      pending.push_back(c);
      continue;
    }
    bool isStatic = false, getter = false, setter = false;
    memberKeywords(c, isStatic, getter, &setter);
    if (ck == NodeKind::MethodDefinition) {
      if (ts_node_eq(c, ctorNode)) continue;
      std::string key;
      TSNode nameNode = field(c, f_.name);
      if (!staticKey(nameNode, key)) key = "";
      uint32_t fn = createFunction(c, key);
      facts_.functions[fn].classIndex = classIndex;
      facts_.functions[fn].isArrow = false;
      VarId fv = newVar(key, c);
      alloc(fv, AllocKind::Function, fn, c);
      processFunction(c, fn, classIndex);
      VarId target = isStatic ? classVar : cls.prototypeVar;
      if (!isStatic && !key.empty()) facts_.classes[classIndex].prototypeMembers.push_back(key);
      if (auto ds = decoratorsOf(c); !ds.empty()) decorated.push_back({ds, target, key, fv});
      // A getter's value is what it returns; a setter is no value of its name.
      if (!setter)
        facts_.stores.push_back(
            {target, key, kNoVar, getter ? facts_.functions[fn].returnVar : fv, site(c)});
      if (getter || setter) {
        if (getter) facts_.stores.push_back({target, "$getter:" + key, kNoVar, fv, site(c)});
        // Nothing calls an accessor: a read runs the getter, a write the setter. Its `this` is
        // every instance (what the constructor's `this` holds, subclasses' through super()),
        // or the class if static.
        VarId self = isStatic ? classVar : facts_.functions[ctor].thisVar;
        VarId thisVar = facts_.functions[fn].thisVar;
        if (thisVar != kNoVar && self != kNoVar)
          facts_.copies.push_back({thisVar, self, false, site(c)});
        // `obj.token = v` runs `set token(v)`: its parameter is what is written to the name.
        if (setter && thisVar != kNoVar && !key.empty() && !facts_.functions[fn].params.empty())
          facts_.loads.push_back({facts_.functions[fn].params[0], thisVar, key, kNoVar, site(c)});
      }
    } else if (ck == NodeKind::FieldDefinition || ck == NodeKind::PublicFieldDefinition) {
      TSNode nameNode = field(c, f_.name);
      if (isNull(nameNode)) nameNode = field(c, f_.property);
      std::string key;
      if (!staticKey(nameNode, key)) continue;
      TSNode value = field(c, f_.value);
      if (isNull(value)) continue;
      // Instance fields are evaluated with `this` being the new instance.
      FunctionContext fieldCtx = functions_.back();
      fieldCtx.index = ctor;
      fieldCtx.thisVar = facts_.functions[ctor].thisVar;
      fieldCtx.name = cls.name + "." + key;
      if (isStatic) fieldCtx.thisVar = classVar;
      functions_.push_back(fieldCtx);
      pushScope(true);
      VarId v = evalNamed(value, key);
      popScope();
      functions_.pop_back();
      facts_.stores.push_back(
          {isStatic ? classVar : facts_.functions[ctor].thisVar, key, kNoVar, v, site(c)});
      if (auto ds = decoratorsOf(c); !ds.empty())
        decorated.push_back({ds, isStatic ? classVar : cls.prototypeVar, key, kNoVar});
    } else if (ck == NodeKind::ClassStaticBlock) {
      TSNode b = field(c, f_.body);
      if (!isNull(b)) visitBlock(b);
    }
  }
  functions_.pop_back();
  auto& members = facts_.classes[classIndex].prototypeMembers;
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  // Decorators, as TypeScript's `experimentalDecorators` and Babel's legacy plugin run them
  // (what most decorated code compiles to): a member's decorator gets the prototype (the
  // class for a static member), the name and a descriptor whose `value` is the method, and
  // what it leaves there is the method from then on; a class decorator gets the class, and
  // what it returns may replace it.
  for (const auto& m : decorated)
    for (TSNode d : m.decorators) {
      VarId descriptor = newVar("descriptor", d);
      alloc(descriptor, AllocKind::Object, 0, d);
      if (m.value != kNoVar)
        facts_.stores.push_back({descriptor, "value", kNoVar, m.value, site(d)});
      // The 2023 standard's form calls it with (method, context) and takes what it returns as
      // the method: the first argument is the prototype or the method, and both results count.
      VarId first = m.value == kNoVar ? m.target : join({m.target, m.value}, d, "decorated");
      VarId result = decoratorCall(d, {first, stringVar(m.key, d, false), descriptor});
      if (m.key.empty()) continue;
      facts_.stores.push_back({m.target, m.key, kNoVar, load(descriptor, "value", d), site(d)});
      if (result == kNoVar) continue;
      facts_.stores.push_back({m.target, m.key, kNoVar, load(result, "value", d), site(d)});
      facts_.stores.push_back({m.target, m.key, kNoVar, result, site(d)});
    }
  for (TSNode d : kids(node)) {
    if (kind(d) != NodeKind::Decorator) continue;
    VarId result = decoratorCall(d, {classVar});
    if (result != kNoVar) facts_.copies.push_back({classVar, result, false, site(d)});
  }
  return classVar;
}

VarId Extractor::decoratorCall(TSNode d, std::vector<VarId> args) {
  TSNode expr = ts_node_named_child(d, 0);
  if (isNull(expr)) return kNoVar;
  CallFact call;
  call.site = site(d);
  call.enclosingFunction = currentFunction();
  call.calleeText = compactCalleeText(text(expr));
  call.callee = eval(expr);
  if (call.callee == kNoVar) return kNoVar;
  call.args = std::move(args);
  call.result = newVar("@" + call.calleeText, d);
  VarId result = call.result;
  facts_.calls.push_back(std::move(call));
  return result;
}

}  // namespace fe::detail
