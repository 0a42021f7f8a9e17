// The self-contained HTML evidence report (see html_report.h).
#include "report/html_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "flow/data_category.h"
#include "report/json_report.h"
#include "report/policy_claims.h"
#include "report/report_model.h"

namespace fe {

std::string htmlEscape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ? '?' : static_cast<char>(c);
    }
  }
  return out;
}

namespace {

const char* kStyle = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2125;margin:2em auto;max-width:1100px;padding:0 1em}
h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:1px solid #dcdfe4;padding-bottom:.2em;margin-top:2em}h3{font-size:1.05em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em}th,td{border:1px solid #dcdfe4;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f7f8f9}.fail{color:#ae2e24;font-weight:600}.ok{color:#216e4e;font-weight:600}.warn{color:#a54800;font-weight:600}
.summary{font-size:1.1em;padding:.6em .8em;border-radius:4px;background:#f7f8f9}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.92em}
details>summary{cursor:pointer}ol.path{margin:.3em 0 .3em 1.2em;padding:0}
svg text{font:12px system-ui,sans-serif}
@media print{body{margin:0;max-width:none}details{display:block}details>summary{list-style:none}
details:not([open])>*:not(summary){display:block}h2{break-before:auto;break-after:avoid}tr,svg{break-inside:avoid}}
)";

std::string statusCell(const std::string& status) {
  if (status == "holds") return "<td class=\"ok\">holds</td>";
  if (status == "fails") return "<td class=\"fail\">fails</td>";
  return "<td class=\"warn\">cannot be shown (incomplete)</td>";
}

// Layered drawing: one column per layer, nodes in order, edges as curves.
std::string svgDiagram(const FlowGraph& g) {
  constexpr int kColumnX[] = {10, 290, 570};
  constexpr int kWidth = 220, kHeight = 28, kGap = 14, kTop = 30;
  int rows[3] = {0, 0, 0};
  std::vector<int> y(g.nodes.size());
  for (size_t i = 0; i < g.nodes.size(); ++i)
    y[i] = kTop + rows[g.nodes[i].layer]++ * (kHeight + kGap);
  int height = kTop + std::max({rows[0], rows[1], rows[2], 1}) * (kHeight + kGap) + 10;
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"data flow\" "
      "width=\"800\" height=\"{}\" viewBox=\"0 0 800 {}\">\n",
      height, height);
  static const char* kTitles[] = {"customer data", "entry points", "destinations"};
  for (int l = 0; l < 3; ++l)
    out += fmt::format("<text x=\"{}\" y=\"16\" font-weight=\"600\">{}</text>\n", kColumnX[l],
                       kTitles[l]);
  for (const auto& [from, to] : g.edges) {
    int x1 = kColumnX[g.nodes[from].layer] + kWidth, y1 = y[from] + kHeight / 2;
    int x2 = kColumnX[g.nodes[to].layer], y2 = y[to] + kHeight / 2;
    int mid = (x1 + x2) / 2;
    out += fmt::format(
        "<path d=\"M{} {} C{} {} {} {} {} {}\" fill=\"none\" stroke=\"#8590a2\" "
        "stroke-width=\"1.4\"/>\n",
        x1, y1, mid, y1, mid, y2, x2, y2);
  }
  static const char* kFill[] = {"#e9f2ff", "#f7f8f9", "#dcfff1"};
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const auto& n = g.nodes[i];
    std::string text = n.text.size() > 34 ? n.text.substr(0, 33) + "…" : n.text;
    out += fmt::format(
        "<g><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" "
        "fill=\"{}\" stroke=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text></g>\n",
        htmlEscape(n.text), kColumnX[n.layer], y[i], kWidth, kHeight, n.layer == 0 ? 14 : 4,
        n.undeclared ? "#ffeceb" : kFill[n.layer], n.undeclared ? "#ae2e24" : "#8590a2",
        kColumnX[n.layer] + 8, y[i] + 18, htmlEscape(text));
  }
  return out + "</svg>\n";
}

std::string findingRows(const AppReport& app, Level level) {
  std::string rows;
  for (const Finding* f : tabledFindings(app, level)) {
    std::string tag = f->suppressed ? " (suppressed)" : f->baselineState == "new" ? " (new)" : "";
    rows += fmt::format("<tr><td>{}</td><td class=\"mono\">{}:{}</td><td>{}{}</td></tr>\n",
                        f->ruleId, htmlEscape(f->file), f->site.line, htmlEscape(f->message), tag);
  }
  if (rows.empty()) return "";
  return "<table><tr><th>Rule</th><th>Where</th><th>Message</th></tr>\n" + rows + "</table>\n";
}

std::string join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::string destinationRows(const AppReport& app, const std::map<std::string, Destination>& dests,
                            bool baseline) {
  const auto& v = app.verdict;
  std::string out =
      "<table><tr><th>Destination</th><th>Declared</th><th>Side</th><th>Customer data</th>"
      "<th>Call sites and witness paths</th><th>Entry points</th></tr>\n";
  for (const auto& [key, d] : dests) {
    std::string sites;
    for (size_t i : d.sites) {
      const EgressSite& e = v.egress[i];
      std::string path;
      for (const auto& step : e.path)
        path += fmt::format("<li><span class=\"mono\">{}:{}</span> {}</li>", htmlEscape(step.file),
                            step.line, htmlEscape(step.label));
      std::string where = fmt::format("<span class=\"mono\">{}:{}</span> {}", htmlEscape(e.file),
                                      e.site.line, htmlEscape(e.api));
      sites += path.empty() ? "<div>" + where + "</div>"
                            : "<details><summary>" + where + "</summary><ol class=\"path\">" +
                                  path + "</ol></details>";
    }
    out += fmt::format(
        "<tr><td>{}{}</td><td{}>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        htmlEscape(d.host), baseline && d.fresh ? " <b>(new)</b>" : "",
        d.declared ? "" : " class=\"fail\"", d.declared ? "yes" : "no", join(d.sides),
        d.data.empty() ? "none" : htmlEscape(join(d.data)), sites,
        d.entries.empty() ? "none" : htmlEscape(join(d.entries)));
  }
  return out + "</table>\n";
}

}  // namespace

std::string renderHtml(const ScanResult& result, const GateDecision& gate) {
  std::string out =
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>forge-egress report</title>\n<style>" +
      std::string(kStyle) + "</style>\n</head>\n<body>\n<h1>forge-egress report</h1>\n";
  out += fmt::format("<p class=\"summary {}\">", gate.exitCode == 0 ? "ok" : "fail");
  std::vector<std::string> lines = summaryLines(result, gate);
  for (size_t i = 0; i < lines.size(); ++i) out += (i ? "<br>" : "") + htmlEscape(lines[i]);
  out += "</p>\n";
  if (result.baselineGiven) {
    std::string rows;
    for (const auto& r : newSinceBaseline(result))
      rows += fmt::format("<tr><td>{}</td><td class=\"mono\">{}:{}</td><td>{}</td></tr>\n", r.what,
                          htmlEscape(r.file), r.line, htmlEscape(r.detail));
    out += "<h2>New since the baseline</h2>\n";
    out += rows.empty() ? "<p>Nothing new since the baseline.</p>\n"
                        : "<table><tr><th>What</th><th>Where</th><th>Detail</th></tr>\n" + rows +
                              "</table>\n";
  }
  for (const auto& failed : result.failedApps)
    out += "<p class=\"fail\">Not analysed: " + htmlEscape(failed) + "</p>\n";
  for (const auto& app : result.apps) {
    const auto& v = app.verdict;
    out += "<section>\n<h2>" + htmlEscape(appTitle(app)) + "</h2>\n<p>" +
           htmlEscape(verdictLine(app)) + "</p>\n";
    out += "<table><tr><th>Policy claim</th><th>Verdict</th><th>Evidence</th></tr>\n";
    for (const auto& c : policyClaims(app)) {
      out += "<tr><td>" + c.claim + "</td>" + statusCell(c.status) + "<td>" +
             htmlEscape(claimEvidence(c)) + "</td></tr>\n";
    }
    std::string roa;
    for (const auto& r : v.roaReasons) roa += (roa.empty() ? "" : "; ") + r;
    out += fmt::format(
        "<tr><td>eligible for Runs on Atlassian</td>{}<td>{}</td></tr>\n</table>\n",
        v.roaReasons.empty() ? "<td class=\"ok\">yes</td>" : "<td class=\"fail\">no</td>",
        htmlEscape(roa));
    auto dests = externalDestinations(app);
    if (!dests.empty()) {
      out += "<h3>Destinations</h3>\n" + destinationRows(app, dests, result.baselineGiven);
      FlowGraph g = flowGraph(app, dests);
      out += "<h3>Data flow</h3>\n" + svgDiagram(g);
      if (g.destinationsLeftOut)
        out += fmt::format("<p>The diagram leaves out {} destinations (see the table).</p>\n",
                           g.destinationsLeftOut);
    }
    if (!app.incomplete.empty()) {
      out += "<h3>Not analysed</h3>\n<ul>\n";
      for (const auto& r : app.incomplete) out += "<li>" + htmlEscape(r) + "</li>\n";
      out += "</ul>\n";
    }
    std::string errors = findingRows(app, Level::Error),
                warnings = findingRows(app, Level::Warning), notes = findingRows(app, Level::Note);
    if (!errors.empty()) out += "<h3>Errors</h3>\n" + errors;
    if (!warnings.empty()) out += "<h3>Warnings</h3>\n" + warnings;
    std::string unused;
    for (const auto& p : v.permissions)
      if (!p.used)
        unused += "<li>" + htmlEscape(p.list + ": " + (p.address.empty() ? p.remote : p.address)) +
                  "</li>\n";
    if (!unused.empty()) out += "<h3>Unused permissions</h3>\n<ul>\n" + unused + "</ul>\n";
    if (!notes.empty()) out += "<details><summary>Notes</summary>\n" + notes + "</details>\n";
    out += "</section>\n";
  }
  if (!result.diagnostics.empty()) {
    out += fmt::format("<details><summary>Diagnostics ({})</summary>\n<ul>\n",
                       result.diagnostics.size());
    for (const auto& d : result.diagnostics)
      out += fmt::format("<li class=\"mono\">{}{}: {}: {}</li>\n",
                         htmlEscape(d.file.empty() ? "<scan>" : d.file),
                         d.line > 0 ? fmt::format(":{}", d.line) : "", severityName(d.severity),
                         htmlEscape(d.message));
    out += "</ul>\n</details>\n";
  }
  return out + "</body>\n</html>\n";
}

}  // namespace fe
