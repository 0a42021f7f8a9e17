// The forge-egress command line: `scan [PATH]` with its output formats and
// the exit codes of product.md §8 (0 nothing fails, 1 the gate fails, 2 a
// usage or input error with a one-line reason on stderr).
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "pipeline/scan.h"
#include "report/json_report.h"
#include "report/text_report.h"

namespace {

bool writeFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  out << content;
  return static_cast<bool>(out);
}

int gateExitCode(const fe::ScanResult& result, const std::string& failOn) {
  if (failOn == "never") return 0;
  for (const auto& app : result.apps) {
    const auto& v = app.verdict;
    if (failOn == "egress") {
      for (size_t i = 0; i < v.egress.size(); ++i)
        if (!v.atlassian[i]) return 1;
      continue;
    }
    for (const auto& f : v.findings)
      if (f.level == fe::Level::Error) return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"forge-egress: finds every network call of an Atlassian Forge app that leaves Atlassian, "
               "with the customer data that reaches it"};
  app.set_version_flag("--version", std::string("forge-egress ") + FORGE_EGRESS_VERSION);
  app.require_subcommand(1);

  fe::ScanOptions options;
  std::string format = "text";
  std::string output, sarifOutput, jsonOutput;
  std::string failOn = "error";
  bool noColor = false;
  uint64_t maxFileSize = options.maxFileBytes;

  CLI::App* scan = app.add_subcommand("scan", "Scan a Forge app or a folder of apps");
  scan->add_option("path", options.root, "App folder or a folder above several apps")->capture_default_str();
  scan->add_option("-f,--format", format, "Output format on stdout")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  scan->add_option("-o,--output", output, "Write the main format to FILE instead of stdout");
  scan->add_option("--json-output", jsonOutput, "Also write JSON to FILE");
  scan->add_option("-j,--jobs", options.jobs, "Parser threads (default: one per core)")->check(CLI::Range(1, 256));
  scan->add_option("--fail-on", failOn, "What makes the exit code 1: error, egress or never")
      ->check(CLI::IsMember({"error", "egress", "never"}))
      ->capture_default_str();
  scan->add_option("--max-file-size", maxFileSize, "Skip source files larger than BYTES (the verdict says incomplete)")
      ->capture_default_str();
  scan->add_option("--max-depth", options.maxDepth, "Deepest syntax nesting analysed")->capture_default_str();
  scan->add_flag("--no-color", noColor, "No colour in text output (also NO_COLOR)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  options.maxFileBytes = maxFileSize;

  fe::ScanResult result;
  try {
    result = fe::runScan(options);
  } catch (const std::exception& e) {
    fmt::print(stderr, "forge-egress: internal error: {}\n", e.what());
    return 2;
  }
  if (result.inputError) {
    fmt::print(stderr, "forge-egress: {}\n", result.inputErrorMessage);
    return 2;
  }
  bool color = !noColor && output.empty() && std::getenv("NO_COLOR") == nullptr && isatty(STDOUT_FILENO);
  std::string main = format == "json" ? fe::renderJson(result) : fe::renderText(result, color);
  if (!output.empty()) {
    if (!writeFile(output, main)) {
      fmt::print(stderr, "forge-egress: cannot write {}\n", output);
      return 2;
    }
  } else {
    std::fwrite(main.data(), 1, main.size(), stdout);
  }
  if (!jsonOutput.empty() && !writeFile(jsonOutput, fe::renderJson(result))) {
    fmt::print(stderr, "forge-egress: cannot write {}\n", jsonOutput);
    return 2;
  }
  (void)sarifOutput;
  return gateExitCode(result, failOn);
}
