// Missing handler exports (handler_exports.h): after solving, an entry point whose callee (the
// handler file's export of that name) holds nothing at all.
#include "flow/handler_exports.h"

#include <fmt/format.h>

namespace fe {

void reportMissingHandlerExports(const FlowSolver& solver, const Manifest& manifest,
                                 Diagnostics& out) {
  // A solve that stopped early may not have brought the export its value yet.
  if (solver.stats().budgetHit) return;
  const AppProgram& program = solver.program();
  // Exports defined by a call (`Object.defineProperty(exports, "run", { get })`, TypeScript's
  // and Babel's CommonJS re-exports, bundlers' `__export` helpers): the name may well exist,
  // but what it holds is not followed, so the handler's code is still not analysed.
  auto definesExportsByCall = [&](uint32_t file) {
    for (const CallFact& c : program.files[file].calls) {
      const std::string& t = c.calleeText;
      if (t == "Object.defineProperty" || t == "Object.defineProperties" ||
          t == "Reflect.defineProperty" || t.find("__export") != std::string::npos ||
          t.find("__reExport") != std::string::npos ||
          t.find("__createBinding") != std::string::npos)
        return true;
    }
    return false;
  };
  // The package whose value the handler export holds when it holds nothing else: the
  // platform runs that package's code, which the scan does not read (packages are modelled
  // by the catalog), and no function of the app stood in for it (wrappedEntry).
  auto packageOnly = [&](const EntryPoint& e) -> std::string {
    const auto& tokens = solver.state(e.callee).tokens;
    std::string package;
    for (uint32_t t : tokens) {
      if (solver.token(t).kind != TokenKind::Library) return "";
      // The package as a whole is unknown to the catalog (no row names anything in it):
      // a modelled package's values (`resolver.getDefinitions()`) are its business.
      uint32_t top = t;
      while (solver.token(top).parent != kNone) top = solver.token(top).parent;
      const Token& root = solver.token(top);
      if (!root.opaque || root.root == kNone) return "";
      package = solver.roots()[root.root];
    }
    for (const auto& [fn, name] : solver.entryFunctions())
      if (name == e.name) return "";
    return package;
  };
  for (const EntryPoint& e : program.entries) {
    if (e.callee == kNoVar) continue;
    if (std::string package = packageOnly(e); !package.empty()) {
      for (const ManifestFunction& fn : manifest.functions) {
        if (fn.key != e.name) continue;
        const std::string& file = program.files[program.fileOfVar(e.callee)].path;
        out.push_back({Severity::Warning, "handler-missing", manifest.path, fn.line, 0,
                       fmt::format("function '{}': the export '{}' of {} is a value of the "
                                   "package '{}', which is not read (packages are modelled by "
                                   "the catalog); the code it runs is not analysed",
                                   fn.key, fn.handlerExport, file, package)});
        break;
      }
      continue;
    }
    if (!solver.state(e.callee).tokens.empty()) continue;
    bool byCall = definesExportsByCall(program.fileOfVar(e.callee));
    for (const ManifestFunction& fn : manifest.functions) {
      if (fn.key != e.name) continue;
      const std::string& file = program.files[program.fileOfVar(e.callee)].path;
      out.push_back(
          {Severity::Warning, "handler-missing", manifest.path, fn.line, 0,
           byCall ? fmt::format("function '{}': {} defines its exports by a call "
                                "(Object.defineProperty, a re-export helper) that is not "
                                "followed (handler {}); the code it runs is not analysed",
                                fn.key, file, fn.handler)
                  : fmt::format("function '{}': {} has no export '{}' (handler {}); the code "
                                "it runs is not analysed",
                                fn.key, file, fn.handlerExport, fn.handler)});
      break;
    }
  }
}

}  // namespace fe
