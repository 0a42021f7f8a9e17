// Builds the symbol → NodeKind and field tables for each grammar once.
#include "parse/language.h"

#include <mutex>
#include <string>
#include <unordered_map>

extern "C" {
const TSLanguage* tree_sitter_javascript(void);
const TSLanguage* tree_sitter_typescript(void);
const TSLanguage* tree_sitter_tsx(void);
}

namespace fe {
namespace {

const std::unordered_map<std::string, NodeKind>& kindNames() {
  static const std::unordered_map<std::string, NodeKind> names = {
      {"program", NodeKind::Program},
      {"comment", NodeKind::Comment},
      {"ERROR", NodeKind::Error},
      {"expression_statement", NodeKind::ExpressionStatement},
      {"variable_declaration", NodeKind::VariableDeclaration},
      {"lexical_declaration", NodeKind::LexicalDeclaration},
      {"variable_declarator", NodeKind::VariableDeclarator},
      {"function_declaration", NodeKind::FunctionDeclaration},
      {"generator_function_declaration", NodeKind::GeneratorFunctionDeclaration},
      {"class_declaration", NodeKind::ClassDeclaration},
      {"abstract_class_declaration", NodeKind::AbstractClassDeclaration},
      {"return_statement", NodeKind::ReturnStatement},
      {"if_statement", NodeKind::IfStatement},
      {"else_clause", NodeKind::ElseClause},
      {"for_statement", NodeKind::ForStatement},
      {"for_in_statement", NodeKind::ForInStatement},
      {"while_statement", NodeKind::WhileStatement},
      {"do_statement", NodeKind::DoStatement},
      {"try_statement", NodeKind::TryStatement},
      {"catch_clause", NodeKind::CatchClause},
      {"finally_clause", NodeKind::FinallyClause},
      {"switch_statement", NodeKind::SwitchStatement},
      {"switch_body", NodeKind::SwitchBody},
      {"switch_case", NodeKind::SwitchCase},
      {"switch_default", NodeKind::SwitchDefault},
      {"statement_block", NodeKind::StatementBlock},
      {"throw_statement", NodeKind::ThrowStatement},
      {"labeled_statement", NodeKind::LabeledStatement},
      {"import_statement", NodeKind::ImportStatement},
      {"export_statement", NodeKind::ExportStatement},
      {"enum_declaration", NodeKind::EnumDeclaration},
      {"type_alias_declaration", NodeKind::TypeAliasDeclaration},
      {"interface_declaration", NodeKind::InterfaceDeclaration},
      {"ambient_declaration", NodeKind::AmbientDeclaration},
      {"module", NodeKind::Module},
      {"internal_module", NodeKind::InternalModule},
      {"identifier", NodeKind::Identifier},
      {"property_identifier", NodeKind::PropertyIdentifier},
      {"shorthand_property_identifier", NodeKind::ShorthandPropertyIdentifier},
      {"private_property_identifier", NodeKind::PrivatePropertyIdentifier},
      {"this", NodeKind::This},
      {"super", NodeKind::Super},
      {"meta_property", NodeKind::MetaProperty},
      {"string", NodeKind::String},
      {"string_fragment", NodeKind::StringFragment},
      {"escape_sequence", NodeKind::EscapeSequence},
      {"template_string", NodeKind::TemplateString},
      {"template_substitution", NodeKind::TemplateSubstitution},
      {"number", NodeKind::Number},
      {"true", NodeKind::True},
      {"false", NodeKind::False},
      {"null", NodeKind::Null},
      {"undefined", NodeKind::Undefined},
      {"regex", NodeKind::Regex},
      {"object", NodeKind::Object},
      {"pair", NodeKind::Pair},
      {"array", NodeKind::Array},
      {"function_expression", NodeKind::FunctionExpression},
      {"function", NodeKind::FunctionExpression},
      {"generator_function", NodeKind::GeneratorFunction},
      {"arrow_function", NodeKind::ArrowFunction},
      {"class", NodeKind::Class},
      {"call_expression", NodeKind::CallExpression},
      {"new_expression", NodeKind::NewExpression},
      {"member_expression", NodeKind::MemberExpression},
      {"subscript_expression", NodeKind::SubscriptExpression},
      {"assignment_expression", NodeKind::AssignmentExpression},
      {"augmented_assignment_expression", NodeKind::AugmentedAssignmentExpression},
      {"binary_expression", NodeKind::BinaryExpression},
      {"unary_expression", NodeKind::UnaryExpression},
      {"update_expression", NodeKind::UpdateExpression},
      {"ternary_expression", NodeKind::TernaryExpression},
      {"parenthesized_expression", NodeKind::ParenthesizedExpression},
      {"await_expression", NodeKind::AwaitExpression},
      {"sequence_expression", NodeKind::SequenceExpression},
      {"spread_element", NodeKind::SpreadElement},
      {"yield_expression", NodeKind::YieldExpression},
      {"arguments", NodeKind::Arguments},
      {"optional_chain", NodeKind::OptionalChain},
      {"computed_property_name", NodeKind::ComputedPropertyName},
      {"method_definition", NodeKind::MethodDefinition},
      {"field_definition", NodeKind::FieldDefinition},
      {"public_field_definition", NodeKind::PublicFieldDefinition},
      {"class_body", NodeKind::ClassBody},
      {"class_heritage", NodeKind::ClassHeritage},
      {"extends_clause", NodeKind::ExtendsClause},
      {"class_static_block", NodeKind::ClassStaticBlock},
      {"as_expression", NodeKind::AsExpression},
      {"satisfies_expression", NodeKind::SatisfiesExpression},
      {"non_null_expression", NodeKind::NonNullExpression},
      {"type_assertion", NodeKind::TypeAssertion},
      {"decorator", NodeKind::Decorator},
      {"jsx_element", NodeKind::JsxElement},
      {"jsx_self_closing_element", NodeKind::JsxSelfClosingElement},
      {"jsx_opening_element", NodeKind::JsxOpeningElement},
      {"jsx_attribute", NodeKind::JsxAttribute},
      {"jsx_expression", NodeKind::JsxExpression},
      {"jsx_namespace_name", NodeKind::JsxNamespaceName},
      {"object_pattern", NodeKind::ObjectPattern},
      {"pair_pattern", NodeKind::PairPattern},
      {"shorthand_property_identifier_pattern", NodeKind::ShorthandPropertyIdentifierPattern},
      {"object_assignment_pattern", NodeKind::ObjectAssignmentPattern},
      {"array_pattern", NodeKind::ArrayPattern},
      {"assignment_pattern", NodeKind::AssignmentPattern},
      {"rest_pattern", NodeKind::RestPattern},
      {"formal_parameters", NodeKind::FormalParameters},
      {"required_parameter", NodeKind::RequiredParameter},
      {"optional_parameter", NodeKind::OptionalParameter},
      {"accessibility_modifier", NodeKind::AccessibilityModifier},
      {"import_clause", NodeKind::ImportClause},
      {"named_imports", NodeKind::NamedImports},
      {"import_specifier", NodeKind::ImportSpecifier},
      {"namespace_import", NodeKind::NamespaceImport},
      {"export_clause", NodeKind::ExportClause},
      {"export_specifier", NodeKind::ExportSpecifier},
      {"namespace_export", NodeKind::NamespaceExport},
      {"enum_body", NodeKind::EnumBody},
      {"enum_assignment", NodeKind::EnumAssignment},
  };
  return names;
}

TSFieldId field(const TSLanguage* lang, const char* name) {
  return ts_language_field_id_for_name(lang, name,
                                       static_cast<uint32_t>(std::char_traits<char>::length(name)));
}

LanguageInfo build(Grammar grammar, const TSLanguage* lang) {
  LanguageInfo info;
  info.grammar = grammar;
  info.language = lang;
  uint32_t count = ts_language_symbol_count(lang);
  info.kindBySymbol.assign(count, NodeKind::Other);
  const auto& names = kindNames();
  for (uint32_t s = 0; s < count; ++s) {
    if (ts_language_symbol_type(lang, static_cast<TSSymbol>(s)) != TSSymbolTypeRegular) continue;
    const char* name = ts_language_symbol_name(lang, static_cast<TSSymbol>(s));
    if (!name) continue;
    auto it = names.find(name);
    if (it != names.end()) info.kindBySymbol[s] = it->second;
  }
  // ERROR is not a regular symbol in every grammar; map it explicitly.
  TSSymbol err = static_cast<TSSymbol>(-1);
  (void)err;
  FieldIds& f = info.fields;
  f.name = field(lang, "name");
  f.value = field(lang, "value");
  f.body = field(lang, "body");
  f.left = field(lang, "left");
  f.right = field(lang, "right");
  f.object = field(lang, "object");
  f.property = field(lang, "property");
  f.function = field(lang, "function");
  f.arguments = field(lang, "arguments");
  f.constructor = field(lang, "constructor");
  f.condition = field(lang, "condition");
  f.consequence = field(lang, "consequence");
  f.alternative = field(lang, "alternative");
  f.parameters = field(lang, "parameters");
  f.parameter = field(lang, "parameter");
  f.key = field(lang, "key");
  f.index = field(lang, "index");
  f.source = field(lang, "source");
  f.declaration = field(lang, "declaration");
  f.pattern = field(lang, "pattern");
  f.alias = field(lang, "alias");
  f.operator_ = field(lang, "operator");
  f.kind = field(lang, "kind");
  f.handler = field(lang, "handler");
  f.finalizer = field(lang, "finalizer");
  f.initializer = field(lang, "initializer");
  f.increment = field(lang, "increment");
  f.label = field(lang, "label");
  f.attribute = field(lang, "attribute");
  f.open_tag = field(lang, "open_tag");
  f.argument = field(lang, "argument");
  f.type = field(lang, "type");
  return info;
}

}  // namespace

const LanguageInfo& languageInfo(Grammar grammar) {
  static const LanguageInfo js = build(Grammar::JavaScript, tree_sitter_javascript());
  static const LanguageInfo ts = build(Grammar::TypeScript, tree_sitter_typescript());
  static const LanguageInfo tsx = build(Grammar::Tsx, tree_sitter_tsx());
  switch (grammar) {
    case Grammar::JavaScript:
      return js;
    case Grammar::TypeScript:
      return ts;
    case Grammar::Tsx:
      return tsx;
  }
  return js;
}

bool grammarForPath(std::string_view path, Grammar& grammar) {
  auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends(".d.ts") || ends(".d.mts") || ends(".d.cts"))
    return false;  // declarations carry no behaviour
  for (const auto& e : kSourceExtensions)
    if (ends(e.extension)) {
      grammar = e.grammar;
      return true;
    }
  return false;
}

}  // namespace fe
