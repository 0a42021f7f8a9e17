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
  for (const EntryPoint& e : program.entries) {
    if (e.callee == kNoVar || !solver.state(e.callee).tokens.empty()) continue;
    for (const ManifestFunction& fn : manifest.functions) {
      if (fn.key != e.name) continue;
      out.push_back({Severity::Warning, "handler-missing", manifest.path, fn.line, 0,
                     fmt::format("function '{}': {} has no export '{}' (handler {}); the code "
                                 "it runs is not analysed",
                                 fn.key, program.files[program.fileOfVar(e.callee)].path,
                                 fn.handlerExport, fn.handler)});
      break;
    }
  }
}

}  // namespace fe
