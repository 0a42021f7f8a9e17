// Fingerprints (see fingerprint.h): FNV-1a 64 over a canonical key; the call
// text is the callee and its first argument, normalised by the extractor.
#include "pipeline/fingerprint.h"

#include <fmt/format.h>

#include <map>

namespace fe {

std::string stableHash(const std::string& text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return fmt::format("{:016x}", h);
}

static std::string dataKey(uint8_t data) {
  std::string out;
  for (auto& n : categoryNames(data)) out += n + ",";
  return out;
}

void assignFingerprints(AppReport& app) {
  std::map<std::string, int> seen;
  auto withCounter = [&](const std::string& key) {
    int n = seen[key]++;
    return stableHash(key) + ":" + std::to_string(n + 1);
  };
  const std::string appKey = app.manifest.path;
  app.egressFingerprints.clear();
  for (const auto& e : app.verdict.egress) {
    std::string key =
        fmt::format("egress|{}|{}|{}|{}|{}|{}({})", appKey, e.file, e.function,
                    e.host.value_or("?" + e.hostSource), dataKey(e.data), e.calleeText, e.argText);
    app.egressFingerprints.push_back(withCounter(key));
  }
  for (auto& f : app.verdict.findings) {
    auto callText = [](const auto& site) { return site.calleeText + "(" + site.argText + ")"; };
    std::string what = f.egressIndex >= 0 ? callText(app.verdict.egress[f.egressIndex])
                       : f.logIndex >= 0  ? callText(app.verdict.logs[f.logIndex])
                                          : f.message;
    std::string key = fmt::format("{}|{}|{}|{}|{}|{}|{}", f.ruleId, appKey, f.file, f.function,
                                  f.host, dataKey(f.data), what);
    f.fingerprint = withCounter(key);
  }
}

}  // namespace fe
