// The three tree-sitter grammars (JavaScript, TypeScript, TSX) and the
// tables that map their symbol and field ids to our own node kinds, so the
// traversal dispatches on integers instead of comparing type strings.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace fe {

enum class Grammar : uint8_t { JavaScript, TypeScript, Tsx };

// Every source extension the tool reads, and its grammar: the one table that discovery,
// parsing, module resolution and the manifest's handler lookup use (in this order of
// preference when several files share a name). `.d.ts` files are never read.
struct SourceExtension {
  std::string_view extension;
  Grammar grammar;
};
inline constexpr SourceExtension kSourceExtensions[] = {
    {".ts", Grammar::TypeScript},  {".tsx", Grammar::Tsx},        {".js", Grammar::JavaScript},
    {".jsx", Grammar::JavaScript}, {".mjs", Grammar::JavaScript}, {".cjs", Grammar::JavaScript},
    {".mts", Grammar::TypeScript}, {".cts", Grammar::TypeScript}};

// Node kinds the extractor understands. Everything else is Other.
enum class NodeKind : uint8_t {
  Other,
  Program,
  Comment,
  Error,
  // statements
  ExpressionStatement,
  VariableDeclaration,
  LexicalDeclaration,
  VariableDeclarator,
  FunctionDeclaration,
  GeneratorFunctionDeclaration,
  ClassDeclaration,
  AbstractClassDeclaration,
  ReturnStatement,
  IfStatement,
  ElseClause,
  ForStatement,
  ForInStatement,
  WhileStatement,
  DoStatement,
  TryStatement,
  CatchClause,
  FinallyClause,
  SwitchStatement,
  SwitchBody,
  SwitchCase,
  SwitchDefault,
  StatementBlock,
  ThrowStatement,
  LabeledStatement,
  ImportStatement,
  ExportStatement,
  EnumDeclaration,
  TypeAliasDeclaration,
  InterfaceDeclaration,
  AmbientDeclaration,
  Module,
  InternalModule,
  // expressions
  Identifier,
  PropertyIdentifier,
  ShorthandPropertyIdentifier,
  PrivatePropertyIdentifier,
  This,
  Super,
  MetaProperty,  // import.meta, new.target
  String,
  StringFragment,
  EscapeSequence,
  TemplateString,
  TemplateSubstitution,
  Number,
  True,
  False,
  Null,
  Undefined,
  Regex,
  Object,
  Pair,
  Array,
  FunctionExpression,
  GeneratorFunction,
  ArrowFunction,
  Class,
  CallExpression,
  NewExpression,
  MemberExpression,
  SubscriptExpression,
  AssignmentExpression,
  AugmentedAssignmentExpression,
  BinaryExpression,
  UnaryExpression,
  UpdateExpression,
  TernaryExpression,
  ParenthesizedExpression,
  AwaitExpression,
  SequenceExpression,
  SpreadElement,
  YieldExpression,
  Arguments,
  OptionalChain,
  ComputedPropertyName,
  MethodDefinition,
  FieldDefinition,
  PublicFieldDefinition,
  ClassBody,
  ClassHeritage,
  ExtendsClause,
  ClassStaticBlock,
  AsExpression,
  SatisfiesExpression,
  NonNullExpression,
  TypeAssertion,
  Decorator,
  // JSX
  JsxElement,
  JsxSelfClosingElement,
  JsxOpeningElement,
  JsxAttribute,
  JsxExpression,
  JsxNamespaceName,
  MemberExpressionJsx,
  // patterns and parameters
  ObjectPattern,
  PairPattern,
  ShorthandPropertyIdentifierPattern,
  ObjectAssignmentPattern,
  ArrayPattern,
  AssignmentPattern,
  RestPattern,
  FormalParameters,
  RequiredParameter,
  OptionalParameter,
  AccessibilityModifier,
  // imports/exports
  ImportClause,
  NamedImports,
  ImportSpecifier,
  NamespaceImport,
  ExportClause,
  ExportSpecifier,
  NamespaceExport,
  // enums
  EnumBody,
  EnumAssignment,
  Count
};

struct FieldIds {
  TSFieldId name = 0, value = 0, body = 0, left = 0, right = 0, object = 0, property = 0,
            function = 0, arguments = 0, constructor = 0, condition = 0, consequence = 0,
            alternative = 0, parameters = 0, parameter = 0, key = 0, index = 0, source = 0,
            declaration = 0, pattern = 0, alias = 0, operator_ = 0, kind = 0, handler = 0,
            finalizer = 0, initializer = 0, increment = 0, label = 0, attribute = 0, open_tag = 0,
            argument = 0, type = 0;
};

struct LanguageInfo {
  Grammar grammar;
  const TSLanguage* language = nullptr;
  std::vector<NodeKind> kindBySymbol;  // indexed by TSSymbol
  FieldIds fields;
  NodeKind kindOf(TSNode node) const {
    TSSymbol s = ts_node_symbol(node);
    return s < kindBySymbol.size() ? kindBySymbol[s] : NodeKind::Other;
  }
};

// Built once; thread-safe to read afterwards.
const LanguageInfo& languageInfo(Grammar grammar);

// Chooses the grammar from a file name: .js .jsx .mjs .cjs → JavaScript,
// .ts .mts .cts → TypeScript, .tsx → TSX. Returns false for other files.
bool grammarForPath(std::string_view path, Grammar& grammar);

}  // namespace fe
