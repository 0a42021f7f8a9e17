// Replays every input under fixtures/crashes/ (found by the fuzz targets, see
// docs/development.md) through the same code the target ran: each must now pass
// without a crash, a sanitizer report or a violated invariant.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/fuzz_inputs.h"

namespace {

std::vector<std::filesystem::path> crashInputs(const std::string& target) {
  std::vector<std::filesystem::path> out;
  std::filesystem::path dir =
      std::filesystem::path(FORGE_EGRESS_SOURCE_DIR) / "fixtures/crashes" / target;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().filename().string()[0] != '.' &&
        e.path().extension() != ".md")
      out.push_back(e.path());
  return out;
}

std::string bytesOf(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

template <typename Run>
void replay(const std::string& target, Run run) {
  for (const auto& p : crashInputs(target)) {
    INFO("fixtures/crashes/" << target << "/" << p.filename().string());
    std::string data = bytesOf(p);
    run(reinterpret_cast<const uint8_t*>(data.data()), data.size());
    SUCCEED();
  }
}

}  // namespace

TEST_CASE("fuzz crash fixtures: manifest reader", "[fuzz][crash]") {
  replay("manifest", fe::fuzz::runManifest);
}
TEST_CASE("fuzz crash fixtures: one source file", "[fuzz][crash]") {
  replay("source", fe::fuzz::runSource);
}
TEST_CASE("fuzz crash fixtures: whole app", "[fuzz][crash]") {
  replay("app", fe::fuzz::runApp);
}
