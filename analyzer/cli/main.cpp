// The forge-egress command line: `scan [PATH]` with its output formats and
// the exit codes of product.md §8 (0 nothing fails, 1 the gate fails, 2 a
// usage or input error with a one-line reason on stderr).
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "baseline/baseline.h"
#include "config/config.h"
#include "pipeline/scan.h"
#include "report/gate_summary.h"
#include "report/github_report.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/markdown_report.h"
#include "report/sarif_report.h"
#include "report/text_report.h"

namespace {

bool writeFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  out << content;
  return static_cast<bool>(out);
}

// Limits are whole numbers of 0 or more (CLI11's own range check prints DBL_MAX).
const CLI::Validator kWholeNumber(
    [](std::string& value) -> std::string {
      if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos)
        return "expected a whole number of 0 or more, got '" + value + "'";
      return "";
    },
    "N");

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "forge-egress: finds every network call of an Atlassian Forge app that leaves Atlassian, "
      "with the customer data that reaches it"};
  app.set_version_flag("--version", std::string("forge-egress ") + FORGE_EGRESS_VERSION);
  app.require_subcommand(1);

  fe::ScanOptions options;
  std::string format = "text";
  std::string output, sarifOutput, jsonOutput, markdownOutput;
  std::string failOn = "error";
  bool noColor = false, quiet = false, sarifNotes = false;
  std::string colorMode = "auto";
  uint64_t maxFileSize = options.maxFileBytes;

  CLI::App* scan = app.add_subcommand("scan", "Scan a Forge app or a folder of apps");
  scan->add_option("path", options.root, "App folder or a folder above several apps")
      ->capture_default_str();
  scan->add_option("-f,--format", format, "Output format on stdout")
      ->check(CLI::IsMember({"text", "json", "sarif", "markdown", "html", "github"}))
      ->capture_default_str();
  scan->add_option("-o,--output", output, "Write the main format to FILE instead of stdout");
  scan->add_option("--json-output", jsonOutput, "Also write JSON to FILE");
  scan->add_option("--sarif-output", sarifOutput, "Also write SARIF 2.1.0 to FILE");
  scan->add_option("--markdown-output", markdownOutput,
                   "Also write the Markdown evidence report to FILE");
  scan->add_flag(
      "--sarif-notes", sarifNotes,
      "Also write note-level results (the FE001 egress inventory, FE011, FE012) to SARIF");
  scan->add_flag("-q,--quiet", quiet,
                 "Text: only the results that fail the gate, and the summary line");
  scan->add_option("--color", colorMode, "Colour in text output: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  scan->add_option("-j,--jobs", options.jobs, "Parser threads (default: one per core)")
      ->check(CLI::Range(1, 256));
  scan->add_option("--fail-on", failOn, "What makes the exit code 1: new, error, egress or never")
      ->check(CLI::IsMember({"new", "error", "egress", "never"}))
      ->capture_default_str();
  std::string configPath, baselinePath;
  scan->add_option("--config", configPath,
                   "Configuration file (default: .forge-egress.yml at the scan root)");
  scan->add_option("--baseline", baselinePath,
                   "Mark results new, unchanged or absent against this baseline file");
  CLI::App* baselineCmd =
      app.add_subcommand("baseline", "Write the accepted egress (a baseline file) for the CI gate");
  baselineCmd->add_option("path", options.root, "App folder or a folder above several apps")
      ->capture_default_str();
  baselineCmd->add_option("-o,--output", output, "Write the baseline to FILE instead of stdout");
  baselineCmd->add_option("--config", configPath,
                          "Configuration file (default: .forge-egress.yml at the scan root)");
  baselineCmd->add_option("-j,--jobs", options.jobs, "Parser threads (default: one per core)")
      ->check(CLI::Range(1, 256));
  scan->add_option("--max-file-size", maxFileSize,
                   "Skip source files larger than BYTES (the verdict says incomplete)")
      ->check(kWholeNumber)
      ->capture_default_str();
  scan->add_option("--max-depth", options.maxDepth, "Deepest syntax nesting analysed")
      ->check(kWholeNumber)
      ->capture_default_str();
  scan->add_option("--max-manifest-size", options.maxManifestBytes,
                   "Refuse manifest.yml files larger than BYTES")
      ->check(kWholeNumber)
      ->capture_default_str();
  scan->add_option("--max-analysis-steps", options.budget.maxSteps,
                   "Flow-analysis budget per app (worklist steps; a large app's independent groups "
                   "share it); when hit the verdict says incomplete")
      ->check(kWholeNumber)
      ->capture_default_str();
  scan->add_flag("--no-color", noColor, "No colour in text output (also NO_COLOR)");
  bool allowIncomplete = false;
  scan->add_flag("--allow-incomplete", allowIncomplete,
                 "An incomplete verdict does not fail the gate (by default it does: exit 1)");

  // Usage errors are one line on stderr and exit 2; `help` shows the help.
  if (argc >= 2 && std::string(argv[1]) == "help") {
    std::cout << app.help();
    return 0;
  }
  if (argc >= 2 && argv[1][0] != '-' && std::string(argv[1]) != "scan" &&
      std::string(argv[1]) != "baseline") {
    std::error_code ec;
    bool isPath = std::filesystem::exists(argv[1], ec);
    fmt::print(stderr, "forge-egress: unknown command '{}' ({}; commands: scan, baseline)\n",
               argv[1],
               isPath ? fmt::format("did you mean 'forge-egress scan {}'?", argv[1])
                      : std::string("see --help"));
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    for (char& c : message)
      if (c == '\n') c = ' ';
    fmt::print(stderr, "forge-egress: {} (see --help)\n", message);
    return 2;
  }
  options.maxFileBytes = maxFileSize;
  // Exit 2 still writes a valid SARIF log when SARIF was asked for (CI uploads it
  // whatever the exit code): executionSuccessful false, with the reason.
  auto failInput = [&](const fe::ScanResult& partial, const fe::Diagnostic& error) {
    fmt::print(stderr, "forge-egress: {}\n", fe::renderDiagnostic(error));
    fe::ScanResult failed = partial;
    failed.inputError = error;
    std::string sarif = fe::renderSarif(failed, 2);
    if (!sarifOutput.empty()) (void)writeFile(sarifOutput, sarif);
    // A JSON report too, with its `error`.
    std::string json = fe::renderJson(failed);
    if (!jsonOutput.empty()) (void)writeFile(jsonOutput, json);
    if (format == "sarif" || format == "json") {
      const std::string& text = format == "sarif" ? sarif : json;
      if (!output.empty())
        (void)writeFile(output, text);
      else
        std::fwrite(text.data(), 1, text.size(), stdout);
    }
    return 2;
  };
  fe::Config config;  // outlives the scan: options.catalog may point into it
  if (fe::Diagnostics errors; !fe::loadScanConfig(options.root, configPath, config, errors))
    return failInput(fe::ScanResult{}, errors.front());
  fe::applyConfig(config, options);

  fe::ScanResult result;
  try {
    result = fe::runScan(options);
  } catch (const std::exception& e) {
    fe::Diagnostic internal;
    internal.code = "internal-error";
    internal.message = std::string("internal error: ") + e.what();
    return failInput(fe::ScanResult{}, internal);
  }
  if (result.inputError) return failInput(result, *result.inputError);
  if (baselineCmd->parsed()) {
    std::string text = fe::renderBaseline(result);
    if (output.empty())
      std::fwrite(text.data(), 1, text.size(), stdout);
    else if (!writeFile(output, text)) {
      fmt::print(stderr, "forge-egress: cannot write {}\n", output);
      return 2;
    }
    return 0;
  }
  if (!baselinePath.empty()) {
    std::vector<fe::BaselineEntry> accepted;
    if (fe::Diagnostics errors; !fe::loadBaseline(baselinePath, accepted, errors))
      return failInput(result, errors.front());
    fe::compareWithBaseline(result, accepted);
  }
  bool color =
      colorMode == "always" || (colorMode == "auto" && !noColor && output.empty() &&
                                std::getenv("NO_COLOR") == nullptr && isatty(STDOUT_FILENO));
  if (noColor) color = false;
  const std::string incompleteReason = fe::incompleteGateReason(result, failOn, allowIncomplete);
  // One decision for the exit code and every report's summary line; SARIF invocations[]
  // records it.
  const fe::GateDecision gate = fe::decideGate(result, failOn, allowIncomplete);
  const int exitCode = gate.exitCode;
  sarifNotes = sarifNotes || config.sarifNotes;
  fe::TextOptions textOptions;
  textOptions.color = color;
  textOptions.quiet = quiet;
  textOptions.failOn = failOn;
  textOptions.gate = gate;
  std::string main = format == "json"       ? fe::renderJson(result)
                     : format == "sarif"    ? fe::renderSarif(result, exitCode, sarifNotes)
                     : format == "markdown" ? fe::renderMarkdown(result, gate)
                     : format == "html"     ? fe::renderHtml(result, gate)
                     : format == "github"   ? fe::renderGithub(result, gate)
                                            : fe::renderText(result, textOptions);
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
  if (!markdownOutput.empty() && !writeFile(markdownOutput, fe::renderMarkdown(result, gate))) {
    fmt::print(stderr, "forge-egress: cannot write {}\n", markdownOutput);
    return 2;
  }
  if (!sarifOutput.empty() &&
      !writeFile(sarifOutput, fe::renderSarif(result, exitCode, sarifNotes))) {
    fmt::print(stderr, "forge-egress: cannot write {}\n", sarifOutput);
    return 2;
  }
  if (!result.failedApps.empty()) {
    for (const auto& f : result.failedApps)
      fmt::print(stderr, "forge-egress: app not analysed: {}\n", f);
    return 2;
  }
  if (!incompleteReason.empty()) fmt::print(stderr, "forge-egress: {}\n", incompleteReason);
  return exitCode;
}
