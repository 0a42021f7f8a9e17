// Diagnostics: problems of the input (a manifest that does not parse, a file
// with syntax errors, a budget that was hit). They are values with a location,
// never exceptions across stage boundaries, and every output format carries them.
#pragma once

#include <string>
#include <tuple>
#include <vector>

namespace fe {

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;     // stable short id, e.g. "manifest-syntax", "parse-error"
  std::string file;     // relative to the scan root, '/'-separated
  int line = 0;         // 1-based; 0 when not applicable
  int column = 0;       // 1-based; 0 when not applicable
  std::string message;  // one line, no trailing period needed

  bool operator<(const Diagnostic& other) const {
    return std::tie(file, line, column, code, message) <
           std::tie(other.file, other.line, other.column, other.code, other.message);
  }
};

using Diagnostics = std::vector<Diagnostic>;

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
