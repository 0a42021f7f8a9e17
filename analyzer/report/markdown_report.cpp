// The Markdown evidence report (see markdown_report.h).
#include "report/markdown_report.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "report/json_report.h"
#include "report/policy_claims.h"
#include "report/report_model.h"

namespace fe {

namespace {

// Text from the scanned repository goes into tables and HTML-capable Markdown: no table breaks,
// no markup, no line breaks.
std::string cell(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '`')
      out += "'";
    else if (c < 0x20 || c == 0x7f)
      out += ' ';
    else
      out += static_cast<char>(c);
  }
  return out;
}

// A Mermaid node label, inside double quotes.
std::string label(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"')
      out += "#quot;";
    else if (c == '<' || c == '>' || c < 0x20 || c == 0x7f)
      out += ' ';
    else
      out += static_cast<char>(c);
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& sep = ", ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

std::string statusText(const std::string& status) {
  return status == "holds" ? "✅ holds" : status == "fails" ? "❌ fails" : "⚠️ cannot be shown";
}

std::string destinationsTable(const AppReport& app, const std::map<std::string, Destination>& dests,
                              bool baseline) {
  std::string out =
      "| Destination | Declared | Side | Customer data | Call sites | Entry points |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto& [key, d] : dests) {
    std::vector<std::string> sites;
    for (size_t k = 0; k < d.sites.size() && k < 3; ++k) {
      const EgressSite& e = app.verdict.egress[d.sites[k]];
      sites.push_back(fmt::format("{}:{}", e.file, e.site.line));
    }
    std::string siteText = join(sites);
    if (d.sites.size() > 3) siteText += fmt::format(" and {} more", d.sites.size() - 3);
    out += fmt::format(
        "| {}{} | {} | {} | {} | {} | {} |\n", cell(d.host), baseline && d.fresh ? " 🆕" : "",
        d.declared ? "yes" : "**no**", join({d.sides.begin(), d.sides.end()}),
        d.data.empty() ? "none" : join({d.data.begin(), d.data.end()}), cell(siteText),
        d.entries.empty() ? "none" : cell(join({d.entries.begin(), d.entries.end()})));
  }
  return out;
}

// The data-flow graph as a Mermaid flowchart.
std::string diagram(const AppReport& app, const std::map<std::string, Destination>& dests) {
  FlowGraph g = flowGraph(app, dests);
  static const char* kPrefix[] = {"c", "e", "d"};
  static const char* kShape[] = {"([\"{}\"])", "[\"{}\"]", "[[\"{}\"]]"};
  std::string out = "```mermaid\nflowchart LR\n";
  std::vector<std::string> undeclared;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const auto& n = g.nodes[i];
    std::string id = fmt::format("{}{}", kPrefix[n.layer], i);
    out += fmt::format("  {}{}\n", id, fmt::format(fmt::runtime(kShape[n.layer]), label(n.text)));
    if (n.undeclared) undeclared.push_back(id);
  }
  for (const auto& [from, to] : g.edges)
    out += fmt::format("  {}{} --> {}{}\n", kPrefix[g.nodes[from].layer], from,
                       kPrefix[g.nodes[to].layer], to);
  if (!undeclared.empty()) {
    out += "  classDef undeclared fill:#fde2e2,stroke:#c0392b\n";
    out += "  class " + join(undeclared, ",") + " undeclared\n";
  }
  out += "```\n";
  if (g.destinationsLeftOut)
    out += fmt::format("\n_The diagram leaves out {} destinations (see the table)._\n",
                       g.destinationsLeftOut);
  return out;
}

std::string findingsTable(const AppReport& app, Level level) {
  std::string rows;
  for (const Finding* f : tabledFindings(app, level)) {
    std::string tags = f->suppressed ? " (suppressed)" : f->baselineState == "new" ? " 🆕" : "";
    rows += fmt::format("| {} | {}:{} | {}{} |\n", f->ruleId, cell(f->file), f->site.line,
                        cell(f->message), tags);
  }
  if (rows.empty()) return "";
  return "| Rule | Where | Message |\n|---|---|---|\n" + rows;
}

std::string newSinceBaselineSection(const ScanResult& result) {
  std::string rows;
  for (const auto& r : newSinceBaseline(result))
    rows += fmt::format("| {} | {} | {}:{} | {} |\n", r.what, cell(r.app), cell(r.file), r.line,
                        cell(r.detail));
  std::string out = "## New since the baseline\n\n";
  if (rows.empty())
    out += "Nothing new since the baseline.\n";
  else
    out += "| What | App | Where | Detail |\n|---|---|---|---|\n" + rows;
  if (!result.absent.empty())
    out +=
        fmt::format("\n{} result{} of the baseline {} no longer found.\n", result.absent.size(),
                    result.absent.size() == 1 ? "" : "s", result.absent.size() == 1 ? "is" : "are");
  return out + "\n";
}

}  // namespace

std::string renderMarkdown(const ScanResult& result, const GateDecision& gate, size_t limit) {
  // Sections in order of importance; a section that would pass the limit is left out.
  struct Section {
    std::string text;
    bool essential = false;
  };
  std::vector<Section> sections;
  std::string head = "# forge-egress report\n\n";
  for (const auto& line : summaryLines(result, gate)) head += "**" + cell(line) + "**  \n";
  sections.push_back({head + "\n", true});
  if (result.baselineGiven) sections.push_back({newSinceBaselineSection(result), true});
  for (const auto& failed : result.failedApps)
    sections.push_back({"❌ Not analysed: " + cell(failed) + "\n\n", true});
  for (const auto& app : result.apps) {
    const auto& v = app.verdict;
    std::string s = "## " + cell(appTitle(app)) + "\n\n" + cell(verdictLine(app)) + "\n\n";
    s += "| Policy claim | Verdict | Evidence |\n|---|---|---|\n";
    for (const auto& c : policyClaims(app)) {
      s += fmt::format("| {} | {} | {} |\n", c.claim, statusText(c.status), cell(claimEvidence(c)));
    }
    s += fmt::format("| eligible for Runs on Atlassian | {} | {} |\n",
                     v.roaReasons.empty() ? "✅ yes" : "❌ no", cell(join(v.roaReasons, "; ")));
    sections.push_back({s + "\n", true});
    auto dests = externalDestinations(app);
    if (!dests.empty()) {
      sections.push_back(
          {"### Destinations\n\n" + destinationsTable(app, dests, result.baselineGiven) + "\n",
           true});
      sections.push_back({"### Data flow\n\n" + diagram(app, dests) + "\n", false});
    }
    if (!app.incomplete.empty()) {
      std::string inc = "### Not analysed\n\n";
      for (const auto& r : app.incomplete) inc += "- " + cell(r) + "\n";
      sections.push_back({inc + "\n", true});
    }
    std::string errors = findingsTable(app, Level::Error),
                warnings = findingsTable(app, Level::Warning),
                notes = findingsTable(app, Level::Note);
    if (!errors.empty()) sections.push_back({"### Errors\n\n" + errors + "\n", true});
    if (!warnings.empty()) sections.push_back({"### Warnings\n\n" + warnings + "\n", false});
    std::vector<std::string> unused;
    for (const auto& p : v.permissions)
      if (!p.used)
        unused.push_back(cell(p.list + ": " + (p.address.empty() ? p.remote : p.address)));
    if (!unused.empty()) {
      std::string u = "### Unused permissions\n\n";
      for (const auto& x : unused) u += "- " + x + "\n";
      sections.push_back({u + "\n", false});
    }
    if (!notes.empty())
      sections.push_back(
          {"<details><summary>Notes</summary>\n\n" + notes + "\n</details>\n\n", false});
  }
  size_t diags = result.diagnostics.size();
  if (diags) {
    std::string d = fmt::format("<details><summary>Diagnostics ({})</summary>\n\n", diags);
    for (const auto& x : result.diagnostics)
      d += fmt::format("- {}{}: {}: {}\n", cell(x.file.empty() ? "<scan>" : x.file),
                       x.line > 0 ? fmt::format(":{}", x.line) : "", severityName(x.severity),
                       cell(x.message));
    sections.push_back({d + "\n</details>\n\n", false});
  }
  // Fit: essential sections first in their order, then details while they fit.
  constexpr size_t kNoteRoom = 200;
  std::string out;
  size_t cut = 0;
  for (const auto& s : sections) {
    if (out.size() + s.text.size() + kNoteRoom > limit && !(s.essential && out.empty())) {
      ++cut;
      continue;
    }
    out += s.text;
  }
  if (cut)
    out += fmt::format(
        "_{} section{} left out to fit a pull-request comment; the JSON report (`--format "
        "json`) has every result._\n",
        cut, cut == 1 ? " was" : "s were");
  return out;
}

}  // namespace fe
