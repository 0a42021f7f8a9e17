// Diagnostics with a source excerpt (see diagnostic.h).
#include "support/diagnostic.h"

#include <fmt/format.h>

#include <algorithm>

namespace fe {

namespace {
// Line `line0` (0-based) of `text`, without its line break; "" past the end.
std::string_view lineOf(std::string_view text, int line0) {
  size_t start = 0;
  for (int i = 0; i < line0; ++i) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  std::string_view line =
      text.substr(start, end == std::string_view::npos ? text.npos : end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}
}  // namespace

Diagnostic diagnosticAt(std::string_view code, const std::string& file, std::string_view text,
                        int line0, int column0, std::string message) {
  Diagnostic d;
  d.severity = Severity::Error;
  d.code = std::string(code);
  d.file = file;
  d.line = std::max(line0, 0) + 1;
  d.column = std::max(column0, 0) + 1;
  d.message = std::move(message);
  // Long lines (a minified file) would bury the message: the excerpt is for short inputs.
  std::string_view excerpt = lineOf(text, std::max(line0, 0));
  if (excerpt.size() <= 200) d.excerpt = std::string(excerpt);
  return d;
}

namespace {
std::string location(const Diagnostic& d) {
  if (d.line > 0 && d.column > 0) return fmt::format("{}:{}:{}: ", d.file, d.line, d.column);
  if (d.line > 0) return fmt::format("{}:{}: ", d.file, d.line);
  return d.file.empty() ? std::string() : d.file + ": ";
}
}  // namespace

std::string diagnosticLine(const Diagnostic& d) {
  return location(d) + d.message;
}

std::string renderDiagnostic(const Diagnostic& d) {
  std::string out = diagnosticLine(d);
  if (d.excerpt.empty() || d.column <= 0) return out;
  out += "\n" + d.excerpt + "\n";
  // Tabs stay tabs so the caret lines up whatever the tab width.
  for (int i = 0; i + 1 < d.column && i < static_cast<int>(d.excerpt.size()); ++i)
    out += d.excerpt[static_cast<size_t>(i)] == '\t' ? '\t' : ' ';
  out += '^';
  return out;
}

}  // namespace fe
