// The Markdown evidence report (see markdown_report.h).
#include "report/markdown_report.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "report/json_report.h"
#include "report/policy_claims.h"

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

std::string hostKey(const EgressSite& e) {
  return e.host ? *e.host : "unknown host (" + e.hostSource + ")";
}

struct Destination {
  std::string host;
  bool declared = true;
  std::set<std::string> sides, data, entries;
  std::vector<std::string> sites;
  bool fresh = false;
};

std::map<std::string, Destination> destinations(const AppReport& app) {
  const auto& v = app.verdict;
  std::map<std::string, Destination> out;
  for (size_t i = 0; i < v.egress.size(); ++i) {
    if (v.atlassian[i]) continue;
    const EgressSite& e = v.egress[i];
    Destination& d = out[hostKey(e)];
    d.host = hostKey(e);
    d.declared = d.declared && v.declared[i];
    d.sides.insert(sideName(e.side));
    for (const auto& c : categoryNames(e.data)) d.data.insert(c);
    for (const auto& ep : e.entryPoints) d.entries.insert(ep);
    d.sites.push_back(fmt::format("{}:{}", e.file, e.site.line));
    d.fresh = d.fresh || (i < app.egressGate.size() && app.egressGate[i].baselineState == "new");
  }
  return out;
}

std::string destinationsTable(const std::map<std::string, Destination>& dests, bool baseline) {
  std::string out =
      "| Destination | Declared | Side | Customer data | Call sites | Entry points |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto& [key, d] : dests) {
    std::vector<std::string> sites(d.sites.begin(),
                                   d.sites.begin() + std::min<size_t>(3, d.sites.size()));
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

// data categories → entry points → destinations, one node per destination.
std::string diagram(const AppReport& app, const std::map<std::string, Destination>& dests) {
  constexpr size_t kMaxDestinations = 40;
  std::map<std::string, std::string> ids;  // node text -> id
  std::string nodes, edges;
  std::set<std::string> edgeSet;
  auto node = [&](const std::string& kind, const std::string& text, const std::string& shape) {
    std::string key = kind + ":" + text;
    auto it = ids.find(key);
    if (it != ids.end()) return it->second;
    std::string id = fmt::format("{}{}", kind, ids.size());
    ids.emplace(key, id);
    nodes += fmt::format("  {}{}\n", id, fmt::format(fmt::runtime(shape), label(text)));
    return id;
  };
  // Destinations in table order get their nodes first; edges per call site, so a category
  // is linked only to the entry points whose sites it reaches.
  std::map<std::string, std::string> destNode;
  std::vector<std::string> undeclared;
  for (const auto& [key, d] : dests) {
    if (destNode.size() >= kMaxDestinations) break;
    std::string id = node("d", d.host + (d.declared ? "" : " (undeclared)"), "[[\"{}\"]]");
    destNode[key] = id;
    if (!d.declared) undeclared.push_back(id);
  }
  const auto& v = app.verdict;
  for (size_t i = 0; i < v.egress.size(); ++i) {
    if (v.atlassian[i]) continue;
    auto dn = destNode.find(hostKey(v.egress[i]));
    if (dn == destNode.end()) continue;
    std::vector<std::string> entries = v.egress[i].entryPoints;
    if (entries.empty()) entries.push_back("no entry point");
    for (const auto& ep : entries) {
      std::string e = node("e", ep, "[\"{}\"]");
      edgeSet.insert(fmt::format("  {} --> {}\n", e, dn->second));
      for (const auto& c : categoryNames(v.egress[i].data))
        edgeSet.insert(fmt::format("  {} --> {}\n", node("c", c, "([\"{}\"])"), e));
    }
  }
  for (const auto& e : edgeSet) edges += e;
  std::string out = "```mermaid\nflowchart LR\n" + nodes + edges;
  if (!undeclared.empty()) {
    out += "  classDef undeclared fill:#fde2e2,stroke:#c0392b\n";
    out += "  class " + join(undeclared, ",") + " undeclared\n";
  }
  out += "```\n";
  if (dests.size() > kMaxDestinations)
    out += fmt::format("\n_The diagram shows the first {} of {} destinations._\n", kMaxDestinations,
                       dests.size());
  return out;
}

std::string findingsTable(const AppReport& app, Level level) {
  std::string rows;
  for (const auto& f : app.verdict.findings) {
    if (f.level != level || f.ruleId == "FE001" || f.ruleId == "FE005") continue;
    std::string tags = f.suppressed ? " (suppressed)" : f.baselineState == "new" ? " 🆕" : "";
    rows += fmt::format("| {} | {}:{} | {}{} |\n", f.ruleId, cell(f.file), f.site.line,
                        cell(f.message), tags);
  }
  if (rows.empty()) return "";
  return "| Rule | Where | Message |\n|---|---|---|\n" + rows;
}

std::string newSinceBaseline(const ScanResult& result) {
  std::string rows;
  for (const auto& app : result.apps) {
    const auto& v = app.verdict;
    for (size_t i = 0; i < v.egress.size(); ++i)
      if (!v.atlassian[i] && i < app.egressGate.size() && app.egressGate[i].baselineState == "new")
        rows += fmt::format("| egress | {} | {}:{} | {} to {}{} |\n", cell(app.manifest.path),
                            cell(v.egress[i].file), v.egress[i].site.line, cell(v.egress[i].api),
                            cell(hostKey(v.egress[i])), v.declared[i] ? "" : " (undeclared)");
    for (const auto& f : v.findings)
      if (f.baselineState == "new" && f.ruleId != "FE001")
        rows += fmt::format("| {} | {} | {}:{} | {} |\n", f.ruleId, cell(app.manifest.path),
                            cell(f.file), f.site.line, cell(f.message));
  }
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
  if (result.baselineGiven) sections.push_back({newSinceBaseline(result), true});
  for (const auto& failed : result.failedApps)
    sections.push_back({"❌ Not analysed: " + cell(failed) + "\n\n", true});
  for (const auto& app : result.apps) {
    const auto& v = app.verdict;
    std::string title = app.manifest.appId.empty()
                            ? app.manifest.path
                            : app.manifest.path + " (" + app.manifest.appId + ")";
    std::string s = "## " + cell(title) + "\n\n" + cell(verdictLine(app)) + "\n\n";
    s += "| Policy claim | Verdict | Evidence |\n|---|---|---|\n";
    for (const auto& c : policyClaims(app)) {
      std::string evidence = c.first ? fmt::format("{} finding{}; first: {} {}:{}", c.findings,
                                                   c.findings == 1 ? "" : "s", c.first->ruleId,
                                                   cell(c.first->file), c.first->site.line)
                                     : "";
      s += fmt::format("| {} | {} | {} |\n", c.claim, statusText(c.status), evidence);
    }
    s += fmt::format("| eligible for Runs on Atlassian | {} | {} |\n",
                     v.roaReasons.empty() ? "✅ yes" : "❌ no", cell(join(v.roaReasons, "; ")));
    sections.push_back({s + "\n", true});
    auto dests = destinations(app);
    if (!dests.empty()) {
      sections.push_back(
          {"### Destinations\n\n" + destinationsTable(dests, result.baselineGiven) + "\n", true});
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
