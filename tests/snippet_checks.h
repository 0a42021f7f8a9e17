// Catch2 checks shared by the snippet tests: find a sink by its `// MARKER`
// comment, and assert its host, hostSource and data with every egress site
// printed when it fails.
#pragma once

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "flow/solver.h"
#include "test_support.h"

namespace fe::test {

// The 1-based line of the only line that ends with the comment `// marker`.
inline int lineOf(const std::string& text, const std::string& marker) {
  int line = 1, found = 0, count = 0;
  std::istringstream in(text);
  std::string l;
  const std::string tail = "// " + marker;
  for (; std::getline(in, l); ++line)
    if (l.size() >= tail.size() && l.compare(l.size() - tail.size(), tail.size(), tail) == 0) {
      found = line;
      ++count;
    }
  INFO("marker " << marker);
  REQUIRE(count == 1);
  return found;
}

// Every egress site and diagnostic, one per line (for failure messages).
inline std::string describe(const ScanResult& r) {
  std::ostringstream out;
  for (const auto& app : r.apps)
    for (const auto& e : app.verdict.egress) {
      out << e.file << ":" << e.site.line << " " << e.api << " host=" << (e.host ? *e.host : "null")
          << " source=" << e.hostSource << " url=" << e.url << " data=[";
      for (const auto& c : categoryNames(e.data)) out << c << " ";
      out << "] entries=[";
      for (const auto& n : e.entryPoints) out << n << " ";
      out << "]\n";
    }
  for (const auto& d : r.diagnostics)
    out << "diag " << d.code << " " << d.file << ":" << d.line << " " << d.message << "\n";
  return out.str();
}

// Asserts the one egress site at file:line.
inline void checkSink(const ScanResult& r, const std::string& file, int line,
                      const std::string& host, const std::string& hostSource,
                      const std::vector<std::string>& data) {
  INFO("egress at " << file << ":" << line << "\nall egress:\n" << describe(r));
  const EgressSite* e = egressAt(r, file, line);
  REQUIRE(e != nullptr);
  CHECK(hostAt(r, file, line) == host);
  CHECK(e->hostSource == hostSource);
  CHECK(categoryNames(e->data) == data);
}

}  // namespace fe::test
