// GitHub Actions workflow commands (see github_report.h).
#include "report/github_report.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace fe {

std::string githubEscapeData(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string githubEscapeProperty(const std::string& s) {
  std::string out;
  for (char c : githubEscapeData(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

namespace {
const char* command(Level level) {
  return level == Level::Error ? "error" : level == Level::Warning ? "warning" : "notice";
}

// Paths in results are relative to the scan root; annotations want them relative to the
// repository, which is the scan root when the action scans `.`.
std::string annotation(Level level, const std::string& file, uint32_t line, uint32_t column,
                       const std::string& title, const std::string& message) {
  std::string props = "file=" + githubEscapeProperty(file);
  if (line > 0) props += fmt::format(",line={}", line);
  if (column > 0) props += fmt::format(",col={}", column);
  props += ",title=" + githubEscapeProperty(title);
  return fmt::format("::{} {}::{}\n", command(level), props, githubEscapeData(message));
}
}  // namespace

std::string renderGithub(const ScanResult& result, const GateDecision& gate) {
  std::string out;
  for (const auto& app : result.apps) {
    const auto& v = app.verdict;
    std::set<std::string> inventoryDone;
    for (Level level : {Level::Error, Level::Warning, Level::Note})
      for (const auto& f : v.findings) {
        if (f.level != level || f.suppressed) continue;
        if (f.ruleId == "FE001") {
          // One note per destination, at its first call site.
          std::string host = f.host.empty() ? "an unknown host" : f.host;
          if (!inventoryDone.insert(host).second) continue;
          size_t sites = 0;
          for (const auto& g : v.findings) sites += g.ruleId == "FE001" && g.host == f.host;
          out += annotation(
              level, f.file, f.site.line, f.site.column, "FE001",
              fmt::format("egress to {} ({} call site{})", host, sites, sites == 1 ? "" : "s"));
          continue;
        }
        std::string title = f.ruleId;
        if (f.baselineState == "new") title += " (new)";
        out += annotation(level, f.file, f.site.line, f.site.column, title, f.message);
      }
    for (const auto& reason : app.incomplete)
      out += annotation(Level::Warning, app.manifest.path, 0, 0, "incomplete",
                        "not analysed: " + reason);
  }
  for (const auto& failed : result.failedApps)
    out += fmt::format("::error title=not analysed::{}\n", githubEscapeData(failed));
  std::vector<std::string> lines = summaryLines(result, gate);
  for (size_t i = 0; i < lines.size(); ++i) {
    bool last = i + 1 == lines.size();
    out += fmt::format("::{} title=forge-egress::{}\n",
                       last && gate.exitCode != 0 ? "error" : "notice", githubEscapeData(lines[i]));
  }
  return out;
}

}  // namespace fe
