// Diagnostics: problems of the input (a manifest that does not parse, a file
// with syntax errors, a budget that was hit). They are values with a location,
// never exceptions across stage boundaries, and every output format carries them.
#pragma once

#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace fe {

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Diagnostic() = default;
  Diagnostic(Severity s, std::string c, std::string f, int l, int col, std::string m,
             std::string e = {})
      : severity(s),
        code(std::move(c)),
        file(std::move(f)),
        line(l),
        column(col),
        message(std::move(m)),
        excerpt(std::move(e)) {}

  Severity severity = Severity::Error;
  std::string code;     // stable short id, e.g. "manifest-syntax", "parse-error"
  std::string file;     // relative to the scan root, '/'-separated
  int line = 0;         // 1-based; 0 when not applicable
  int column = 0;       // 1-based; 0 when not applicable
  std::string message;  // one line, no trailing period needed
  std::string excerpt;  // the input's line `line`, when known: printed with a caret

  bool operator<(const Diagnostic& other) const {
    return std::tie(file, line, column, code, message) <
           std::tie(other.file, other.line, other.column, other.code, other.message);
  }
};

using Diagnostics = std::vector<Diagnostic>;

// A diagnostic about `file` at a YAML/text position (0-based line and column, as
// yaml-cpp's marks count), with the line of `text` under it for the caret.
Diagnostic diagnosticAt(std::string_view code, const std::string& file, std::string_view text,
                        int line0, int column0, std::string message);

// "file:line:col: message" on one line (no excerpt).
std::string diagnosticLine(const Diagnostic& d);

// diagnosticLine, then the excerpt and a caret under the column when there is
// one (as ninja prints its lexer errors).
std::string renderDiagnostic(const Diagnostic& d);

inline const char* severityName(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

}  // namespace fe
