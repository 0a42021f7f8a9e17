// The work each fuzz target does on one input, shared by the libFuzzer entry points
// (tests/fuzz/fuzz_*.cpp) and the crash regression test that replays fixtures/crashes/.
// Each function aborts on a violated invariant; crashes and hangs show up by themselves.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "flow/egress_sites.h"
#include "flow/linker.h"
#include "flow/solver.h"
#include "index/module_resolver.h"
#include "manifest/manifest.h"
#include "parse/source_parser.h"
#include "pipeline/scan.h"
#include "report/json_report.h"
#include "report/sarif_report.h"
#include "report/text_report.h"
#include "rules/rules.h"

namespace fe::fuzz {

// readManifest on arbitrary bytes: a rejected manifest always says why.
inline void runManifest(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)looksLikeForgeManifest(text);
  std::vector<Diagnostic> diagnostics;
  auto manifest = readManifest(text, "manifest.yml", diagnostics);
  if (!manifest) {
    bool error = false;
    for (const auto& d : diagnostics) error = error || d.severity == Severity::Error;
    if (!error) std::abort();
  }
}

// The manifest of the one-file app: a resolver and a trigger on index.handler.
inline const Manifest& fixedManifest() {
  static const Manifest manifest = [] {
    const char* text =
        "modules:\n"
        "  jira:issuePanel:\n    - key: panel\n      resource: main\n      resolver:\n        "
        "function: fn\n"
        "      render: native\n      title: Panel\n"
        "  trigger:\n    - key: t\n      function: fn\n      events:\n        - "
        "avi:jira:created:issue\n"
        "  function:\n    - key: fn\n      handler: index.handler\n"
        "resources:\n  - key: main\n    path: index.jsx\n"
        "permissions:\n  external:\n    fetch:\n      backend:\n        - address: "
        "api.example.com\n"
        "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n";
    std::vector<Diagnostic> diagnostics;
    return *readManifest(text, "manifest.yml", diagnostics);
  }();
  return manifest;
}

// One source file (first byte: .js/.ts/.tsx, top bit: frontend) parsed, extracted, linked
// into a one-file app with a fixed manifest, solved with a small budget, rules applied.
inline void runSource(const uint8_t* data, size_t size) {
  if (size == 0) return;
  static const char* const kNames[] = {"index.js", "index.ts", "index.tsx"};
  std::string_view source(reinterpret_cast<const char*>(data + 1), size - 1);
  FileFacts facts;
  facts.path = kNames[data[0] % 3];
  facts.side = (data[0] & 0x80) ? SourceSide::Frontend : SourceSide::Backend;
  ParseOptions options;
  options.extract.maxDepth = 3000;
  options.parseBudget.base = 1000;  // runaway error recovery: cut sooner under the sanitizers
  parseSourceFile(source, options, facts);

  const Catalog& catalog = builtinCatalog();
  const Manifest& manifest = fixedManifest();
  std::vector<std::string> paths{facts.path};
  ModuleResolver resolver(paths, [](const std::string&, std::string&) { return false; });
  std::vector<FileFacts> files;
  files.push_back(std::move(facts));
  Diagnostics diagnostics;
  LinkInput in{std::move(files), &resolver, &manifest, "", &catalog};
  AppProgram program = linkProgram(std::move(in), diagnostics);
  FlowBudget budget;
  budget.maxSteps = 200000;
  FlowSolver solver(program, catalog, budget);
  solver.solve();
  FlowFindings flow = collectEgress(solver, manifest);
  AppVerdict verdict = applyRules(manifest, std::move(flow), RuleOverrides{}, catalog);
  (void)verdict;
}

// A private folder for runApp, created once per process and removed at exit.
inline const std::filesystem::path& workDir() {
  static const std::filesystem::path dir = [] {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "forge-egress-fuzz-app-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    static std::string removeAtExit = tmpl;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(removeAtExit, ec);
    });
    return std::filesystem::path(tmpl);
  }();
  return dir;
}

// Keeps [A-Za-z0-9._-/], drops empty and dot segments: never leaves the folder.
inline std::string sanitise(std::string_view name) {
  std::string out, segment;
  int segments = 0;
  auto flush = [&] {
    if (!segment.empty() && segment != "." && segment != ".." && segments < 4) {
      if (!out.empty()) out += '/';
      out += segment.substr(0, 40);
      ++segments;
    }
    segment.clear();
  };
  for (char c : name) {
    if (c == '/')
      flush();
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '.' || c == '_' || c == '-')
      segment += c;
  }
  flush();
  return out;
}

inline void writeFile(const std::filesystem::path& root, const std::string& rel,
                      std::string_view content) {
  if (rel.empty()) return;
  std::filesystem::path p = root / rel;
  std::error_code ec;
  std::filesystem::create_directories(p.parent_path(), ec);
  if (std::filesystem::is_directory(p, ec)) return;
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

// A whole app: manifest.yml, then files introduced by "\n==> relative/path" lines,
// written to a private temp folder and scanned; a verdict that depends on something
// skipped must start with "incomplete".
inline void runApp(const uint8_t* data, size_t size) {
  const std::filesystem::path& root = workDir();
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(root, ec))
    std::filesystem::remove_all(entry.path(), ec);

  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string name = "manifest.yml";
  int files = 0;
  size_t pos = 0;
  while (files < 12) {
    size_t next = input.find("\n==> ", pos);
    std::string_view chunk =
        input.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
    writeFile(root, sanitise(name), chunk);
    ++files;
    if (next == std::string_view::npos) break;
    size_t eol = input.find('\n', next + 5);
    name = std::string(input.substr(
        next + 5, eol == std::string_view::npos ? std::string_view::npos : eol - next - 5));
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
  }

  ScanOptions options;
  options.root = root.string();
  options.jobs = 1;
  options.budget.maxSteps = 300000;
  options.maxFileBytes = 1 << 20;
  ScanResult result = runScan(options);
  std::string json = renderJson(result);
  std::string text = renderText(result, false);
  std::string sarif = renderSarif(result, 0);
  for (const auto& app : result.apps) {
    std::string line = verdictLine(app);
    // A verdict that depends on something skipped never claims "no egress".
    if (!app.incomplete.empty() && line.rfind("incomplete", 0) != 0) std::abort();
  }
}

}  // namespace fe::fuzz
