// The text output format (see text_report.h).
#include "report/text_report.h"

#include <fmt/format.h>

#include <map>

#include "baseline/baseline.h"
#include "report/json_report.h"
#include "report/policy_claims.h"

namespace fe {

namespace {
struct Style {
  bool on;
  std::string bold(const std::string& s) const { return on ? "\x1b[1m" + s + "\x1b[0m" : s; }
  std::string red(const std::string& s) const { return on ? "\x1b[31m" + s + "\x1b[0m" : s; }
  std::string yellow(const std::string& s) const { return on ? "\x1b[33m" + s + "\x1b[0m" : s; }
  std::string green(const std::string& s) const { return on ? "\x1b[32m" + s + "\x1b[0m" : s; }
  std::string dim(const std::string& s) const { return on ? "\x1b[2m" + s + "\x1b[0m" : s; }
};

// File names come from an untrusted repository: no control characters on a terminal.
std::string safe(const std::string& s) {
  std::string out;
  for (unsigned char c : s) out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
  return out;
}
// "[new]", "[suppressed: reason]" under a site or finding; nothing otherwise.
std::string gateTag(const Style& st, bool suppressed, const std::string& reason,
                    const std::string& state) {
  std::string tags;
  if (state == "new") tags += st.red("[new]");
  if (suppressed) {
    if (!tags.empty()) tags += ' ';
    tags += st.dim("[suppressed: " + safe(reason) + "]");
  }
  if (tags.empty()) return tags;
  std::string line = "      ";
  line += tags;
  line += '\n';
  return line;
}

// Errors first, then warnings, then notes; the FE001 inventory (one note per external call
// site) becomes one line per destination, since the destinations above list every site.
std::string findingsText(const Style& st, const AppReport& app) {
  const auto& v = app.verdict;
  std::string out;
  for (Level level : {Level::Error, Level::Warning, Level::Note}) {
    std::map<std::string, std::vector<const Finding*>> inventory;  // host -> FE001 notes
    for (const auto& f : v.findings) {
      if (f.level != level) continue;
      if (f.ruleId == "FE001") {
        inventory[f.host.empty() ? "(unknown host)" : f.host].push_back(&f);
        continue;
      }
      std::string name = levelName(f.level);
      std::string colored = f.level == Level::Error     ? st.red(name)
                            : f.level == Level::Warning ? st.yellow(name)
                                                        : st.dim(name);
      out += fmt::format("    {}:{}: {} {} {}\n", safe(f.file), f.site.line, colored, f.ruleId,
                         safe(f.message));
      out += gateTag(st, f.suppressed, f.suppressionReason, f.baselineState);
    }
    for (const auto& [host, notes] : inventory) {
      std::string where;
      for (size_t i = 0; i < notes.size() && i < 3; ++i)
        where += fmt::format("{}{}:{}", i ? ", " : "", safe(notes[i]->file), notes[i]->site.line);
      if (notes.size() > 3) where += fmt::format(", and {} more", notes.size() - 3);
      out +=
          fmt::format("    {} FE001 egress to {}: {} call site{} ({})\n", st.dim(levelName(level)),
                      safe(host), notes.size(), notes.size() == 1 ? "" : "s", where);
    }
  }
  return out;
}

// --quiet: each result that makes the gate fail, one line each.
std::string failingText(const Style& st, const ScanResult& result, const TextOptions& options) {
  std::string out;
  for (const auto& app : result.apps) {
    const auto& v = app.verdict;
    for (size_t i = 0; i < v.egress.size(); ++i) {
      if (!egressFailsGate(result, app, i, options.failOn)) continue;
      const EgressSite& e = v.egress[i];
      std::string data;
      for (auto& c : categoryNames(e.data)) data += (data.empty() ? "" : ", ") + c;
      out += fmt::format("{}:{}:{}: {} {} to {} ({}{})\n", safe(e.file), e.site.line, e.site.column,
                         st.red("egress"), e.api, safe(e.host ? *e.host : "an unknown host"),
                         v.declared[i] ? "declared" : "undeclared",
                         data.empty() ? "" : ", data: " + data);
    }
    for (const auto& f : v.findings) {
      if (!findingFailsGate(result, f, options.failOn)) continue;
      std::string name = levelName(f.level);
      out += fmt::format("{}:{}: {} {} {}\n", safe(f.file), f.site.line,
                         f.level == Level::Error ? st.red(name) : st.yellow(name), f.ruleId,
                         safe(f.message));
    }
    for (const auto& r : app.incomplete)
      if (options.gate.exitCode != 0)
        out +=
            fmt::format("{}: {}\n", safe(app.manifest.path), st.yellow("incomplete: " + safe(r)));
  }
  for (const auto& failed : result.failedApps)
    out += st.red("not analysed: " + safe(failed)) + "\n";
  return out;
}

// With a baseline, what is new comes first: one line per new external call site and finding.
std::string newSinceBaseline(const Style& st, const ScanResult& result) {
  std::string lines;
  size_t count = 0;
  for (const auto& app : result.apps) {
    const auto& v = app.verdict;
    for (size_t i = 0; i < v.egress.size(); ++i) {
      if (v.atlassian[i] || i >= app.egressGate.size() || app.egressGate[i].baselineState != "new")
        continue;
      const EgressSite& e = v.egress[i];
      ++count;
      lines += fmt::format("  {}:{}:{}  {} to {}{}\n", safe(e.file), e.site.line, e.site.column,
                           e.api, safe(e.host ? *e.host : "an unknown host"),
                           v.declared[i] ? "" : st.red(" (undeclared)"));
    }
    for (const auto& f : v.findings) {
      if (f.baselineState != "new" || f.ruleId == "FE001") continue;
      ++count;
      lines += fmt::format("  {}:{}: {} {} {}\n", safe(f.file), f.site.line, levelName(f.level),
                           f.ruleId, safe(f.message));
    }
  }
  if (count == 0) return st.green("new since the baseline: nothing") + "\n\n";
  return st.bold(fmt::format("new since the baseline ({}):", count)) + "\n" + lines + "\n";
}

std::string summaryText(const Style& st, const ScanResult& result, const TextOptions& options) {
  std::string out;
  std::vector<std::string> lines = summaryLines(result, options.gate);
  for (size_t i = 0; i < lines.size(); ++i) {
    bool last = i + 1 == lines.size();
    std::string line = safe(lines[i]);
    out += (last ? (options.gate.exitCode == 0 ? st.green(line) : st.red(line)) : line) + "\n";
  }
  return out;
}
}  // namespace

std::string renderText(const ScanResult& result, bool color) {
  TextOptions options;
  options.color = color;
  options.gate = decideGate(result, options.failOn, false);
  return renderText(result, options);
}

std::string renderText(const ScanResult& result, const TextOptions& options) {
  Style st{options.color};
  if (options.quiet) return failingText(st, result, options) + summaryText(st, result, options);
  std::string out = result.baselineGiven ? newSinceBaseline(st, result) : "";
  for (const auto& app : result.apps) {
    const auto& v = app.verdict;
    out += st.bold(app.manifest.appId.empty() ? safe(app.manifest.path)
                                              : fmt::format("{} ({})", safe(app.manifest.path),
                                                            safe(app.manifest.appId))) +
           "\n";
    std::string verdict = verdictLine(app);
    bool clean = verdict.rfind("no external egress", 0) == 0;
    out += "  " + (clean ? st.green(verdict) : st.red(verdict)) + "\n";
    for (const auto& r : app.incomplete) out += "    " + st.yellow("incomplete: " + safe(r)) + "\n";
    // Group sites by destination.
    std::map<std::string, std::vector<size_t>> byHost;
    for (size_t i = 0; i < v.egress.size(); ++i)
      byHost[v.egress[i].host ? *v.egress[i].host : "(unknown host)"].push_back(i);
    for (const auto& [host, sites] : byHost) {
      bool atl = v.atlassian[sites.front()];
      out += fmt::format("\n  {}{}\n", st.bold(safe(host)), atl ? st.dim(" (Atlassian)") : "");
      for (size_t i : sites) {
        const EgressSite& e = v.egress[i];
        std::string data = categoryNames(e.data).empty() ? "no customer data" : "";
        for (auto& c : categoryNames(e.data)) data += (data.empty() ? "" : ", ") + c;
        out += fmt::format("    {}:{}:{}  {}  [{}] {}  host from {}  data: {}\n", safe(e.file),
                           e.site.line, e.site.column, e.api, sideName(e.side),
                           v.declared[i] ? "declared" : st.red("undeclared"), e.hostSource,
                           e.data ? st.red(data) : data);
        if (i < app.egressGate.size())
          out += gateTag(st, app.egressGate[i].suppressed, app.egressGate[i].suppressionReason,
                         app.egressGate[i].baselineState);
        out += fmt::format("      url: {}\n", safe(e.url));
        out += fmt::format(
            "      entry points: {}\n",
            e.entryPoints.empty() ? std::string("none (dead code?)") : [&] {
              std::string s;
              for (auto& n : e.entryPoints) s += (s.empty() ? "" : ", ") + n;
              return safe(s);
            }());
        if (!e.path.empty()) {
          out += "      path:\n";
          for (const auto& step : e.path)
            out += fmt::format("        {}:{}  {}\n", safe(step.file), step.line, safe(step.label));
        }
      }
    }
    if (!v.findings.empty()) out += "\n  findings:\n" + findingsText(st, app);
    out += "\n  policy:\n";
    for (const auto& c : policyClaims(app)) {
      std::string status = c.status == "holds"   ? st.green("holds")
                           : c.status == "fails" ? st.red("fails")
                                                 : st.yellow("cannot be shown (incomplete)");
      std::string detail;
      if (c.first)
        detail =
            fmt::format(" ({} finding{}; first: {} {}:{})", c.findings, c.findings == 1 ? "" : "s",
                        c.first->ruleId, safe(c.first->file), c.first->site.line);
      out += fmt::format("    {}: {}{}\n", c.claim, status, detail);
    }
    if (result.baselineGiven) {
      size_t fresh = 0, absent = 0;
      for (size_t i = 0; i < v.egress.size(); ++i)
        if (i < app.egressGate.size() && app.egressGate[i].baselineState == "new") ++fresh;
      for (const auto& f : v.findings) fresh += f.baselineState == "new";
      for (const auto& b : result.absent) absent += b.manifest == app.manifest.path;
      out += fmt::format("\n  baseline: {} new, {} absent\n", fresh, absent);
      for (const auto& b : result.absent) {
        if (b.manifest != app.manifest.path) continue;
        std::string what = b.kind == "egress"
                               ? "egress " + (b.api.empty() ? std::string() : b.api + " ") + "to " +
                                     (b.host.empty() ? std::string("an unknown host") : b.host)
                               : b.ruleId + " " + b.message;
        out += fmt::format("    {} {} in {} ({})\n", st.green("absent:"), safe(what), safe(b.file),
                           b.function.empty() ? std::string("top level") : safe(b.function));
      }
    }
    out += "\n";
  }
  // Apps whose manifest could not be read: nothing of them was analysed, so their baseline
  // entries are all "absent" — say so here as JSON and SARIF do, not only per reported app.
  for (const auto& failed : result.failedApps)
    out += st.red("not analysed: " + safe(failed)) + "\n";
  if (result.baselineGiven) {
    std::map<std::string, size_t> orphans;
    for (const auto& b : result.absent) {
      bool reported = false;
      for (const auto& app : result.apps) reported = reported || app.manifest.path == b.manifest;
      if (!reported) ++orphans[b.manifest];
    }
    for (const auto& [manifest, n] : orphans)
      out += fmt::format("{}: baseline: {} absent (the app was not analysed)\n", safe(manifest), n);
    if (!orphans.empty() || !result.failedApps.empty()) out += "\n";
  }
  if (!result.diagnostics.empty()) {
    out += st.bold("diagnostics:") + "\n";
    for (const auto& d : result.diagnostics) {
      std::string where = d.file.empty() ? "<scan>" : safe(d.file);
      if (d.line > 0) where += fmt::format(":{}", d.line);
      if (d.column > 0) where += fmt::format(":{}", d.column);
      out += fmt::format("  {}: {}: {}\n", where, severityName(d.severity), safe(d.message));
    }
    out += "\n";
  }
  out += summaryText(st, result, options);
  return out;
}

}  // namespace fe
