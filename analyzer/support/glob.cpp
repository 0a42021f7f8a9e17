// Glob matching (see glob.h): iterative with single backtrack points, so no
// pattern can make it exponential.
#include "support/glob.h"

#include <vector>

namespace fe {

bool globMatch(std::string_view p, std::string_view s) {
  // Dynamic programming over (pattern index, string index): O(|p|·|s|).
  std::vector<char> prev(s.size() + 1, 0), cur(s.size() + 1, 0);
  prev[0] = 1;
  for (size_t i = 0; i < p.size();) {
    bool doubleStar = p[i] == '*' && i + 1 < p.size() && p[i + 1] == '*';
    size_t step = doubleStar ? 2 : 1;
    // "**/" also matches zero folders.
    bool slashAfter = doubleStar && i + 2 < p.size() && p[i + 2] == '/';
    std::fill(cur.begin(), cur.end(), 0);
    for (size_t j = 0; j <= s.size(); ++j) {
      if (doubleStar) {
        cur[j] = prev[j] || (j > 0 && cur[j - 1]);
      } else if (p[i] == '*') {
        cur[j] = prev[j] || (j > 0 && cur[j - 1] && s[j - 1] != '/');
      } else if (j > 0 && (p[i] == '?' ? s[j - 1] != '/' : p[i] == s[j - 1])) {
        cur[j] = prev[j - 1];
      }
    }
    if (slashAfter) {
      // Allow skipping "**/" entirely: positions reachable before it stay reachable.
      std::vector<char> skip = prev;
      prev = cur;
      i += 3;
      std::fill(cur.begin(), cur.end(), 0);
      for (size_t j = 0; j <= s.size(); ++j)
        cur[j] = skip[j] || (j > 0 && prev[j - 1] && s[j - 1] == '/');
      prev.swap(cur);
      continue;
    }
    prev.swap(cur);
    i += step;
  }
  return prev[s.size()] != 0;
}

bool pathIgnored(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return false;
  while (!pattern.empty() && pattern.back() == '/') pattern.remove_suffix(1);
  if (pattern.rfind("./", 0) == 0) pattern.remove_prefix(2);
  if (globMatch(pattern, path)) return true;
  // A folder pattern ignores everything below it.
  for (size_t i = 0; i < path.size(); ++i)
    if (path[i] == '/' && globMatch(pattern, path.substr(0, i))) return true;
  if (pattern.find('/') == std::string_view::npos) {
    size_t start = 0;
    while (start <= path.size()) {
      size_t slash = path.find('/', start);
      std::string_view seg = path.substr(
          start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
      if (globMatch(pattern, seg)) return true;
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
  }
  return false;
}

}  // namespace fe
