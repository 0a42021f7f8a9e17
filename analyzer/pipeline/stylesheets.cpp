// Stylesheets of Custom UI pages (see stylesheets.h).
#include "pipeline/stylesheets.h"

#include <algorithm>
#include <set>

namespace fe {

namespace fs = std::filesystem;

constexpr int kMaxDepth = 32;

StylesheetList findStylesheets(const fs::path& root, const std::vector<std::string>& dirs,
                               size_t maxFiles) {
  StylesheetList out;
  std::set<std::string> seen;
  for (const auto& dir : dirs) {
    std::error_code ec;
    fs::recursive_directory_iterator it(root / dir, fs::directory_options::skip_permission_denied,
                                        ec),
        end;
    for (; !ec && it != end; it.increment(ec)) {
      const fs::directory_entry& entry = *it;
      std::string name = entry.path().filename().string();
      std::error_code sec;
      if (entry.is_symlink(sec)) {
        if (entry.is_directory(sec)) it.disable_recursion_pending();
        continue;  // a link may leave the scan root: never read (security.md)
      }
      if (entry.is_directory(sec)) {
        // Each level holds a directory handle open: a bound keeps a hostile nesting from
        // exhausting them (no page is built from stylesheets 32 folders down).
        if (name == "node_modules" || (!name.empty() && name[0] == '.')) {
          it.disable_recursion_pending();
        } else if (it.depth() >= kMaxDepth) {
          it.disable_recursion_pending();
          out.truncated = true;  // what is below was not looked at
        }
        continue;
      }
      if (name.size() < 5 || name.compare(name.size() - 4, 4, ".css") != 0) continue;
      if (!entry.is_regular_file(sec)) continue;
      std::string rel = entry.path().lexically_relative(root).generic_string();
      if (rel.empty() || rel.rfind("..", 0) == 0 || !seen.insert(rel).second) continue;
      if (seen.size() > maxFiles) {
        out.truncated = true;
        break;
      }
      out.files.push_back(rel);
    }
    if (out.truncated) break;
  }
  if (out.files.size() > maxFiles) out.files.resize(maxFiles);
  std::sort(out.files.begin(), out.files.end());
  return out;
}

}  // namespace fe
