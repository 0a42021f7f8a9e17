// The command line's usage errors: one line `forge-egress: …` on stderr and
// exit 2, whatever went wrong; `help` and `--version` succeed.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "test_support.h"

namespace {

struct Run {
  int status = -1;
  std::string out, err;
};

Run runCli(const std::string& args) {
  fe::test::TempDir dir;
  std::string out = (dir.path() / "out.txt").string(), err = (dir.path() / "err.txt").string();
  std::string cmd = std::string("cd '") + FORGE_EGRESS_SOURCE_DIR + "' && '" + FORGE_EGRESS_BINARY +
                    "' " + args + " > '" + out + "' 2> '" + err + "'";
  int status = std::system(cmd.c_str());
  Run r;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  auto slurp = [](const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

void requireUsageError(const std::string& args, const std::string& needle) {
  INFO("forge-egress " << args);
  Run r = runCli(args);
  CHECK(r.status == 2);
  CHECK(r.err.rfind("forge-egress: ", 0) == 0);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK(r.err.find(needle) != std::string::npos);
}

}  // namespace

TEST_CASE("usage errors are one line and exit 2", "[cli]") {
  requireUsageError("bogus", "unknown command 'bogus'");
  requireUsageError("fixtures/clean-app", "did you mean 'forge-egress scan fixtures/clean-app'");
  requireUsageError("scan fixtures/clean-app --bogus", "--bogus");
  requireUsageError("scan fixtures/clean-app --format xml", "--format");
  requireUsageError("scan fixtures/clean-app --max-file-size -5", "whole number");
  requireUsageError("scan fixtures/clean-app --max-analysis-steps lots", "whole number");
  requireUsageError("scan no/such/folder", "no/such/folder");
}

TEST_CASE("help and --version succeed", "[cli]") {
  Run help = runCli("help");
  CHECK(help.status == 0);
  CHECK(help.out.find("scan") != std::string::npos);
  Run version = runCli("--version");
  CHECK(version.status == 0);
  CHECK(version.out.rfind("forge-egress ", 0) == 0);
}

TEST_CASE("a manifest that cannot be read still gives a JSON report with the error", "[cli]") {
  fe::test::TempDir app;
  app.write("manifest.yml", "app:\n  id: x\n modules: [\n");
  app.write("src/index.js", "export const handler = () => 1;\n");
  Run r = runCli("scan '" + app.path().string() + "' --format json");
  CHECK(r.status == 2);
  INFO(r.out);
  CHECK(r.out.find("\"error\"") != std::string::npos);
  CHECK(r.out.find("manifest.yml") != std::string::npos);
  CHECK(r.err.rfind("forge-egress: ", 0) == 0);
}
