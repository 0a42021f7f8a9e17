// Benchmark baseline: tree-sitter parse only (files already in memory), one
// thread, over every JS/TS file under a folder, or over the files a list names (one path
// per line: the files a scan analysed, FORGE_EGRESS_ANALYSED_LIST). Prints files, bytes
// and seconds so bench/run.sh can compare forge-egress's end-to-end time against it.
#include <tree_sitter/api.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "parse/language.h"

int main(int argc, char** argv) {
  if (argc < 2 || (std::string(argv[1]) == "--list" && argc < 3)) {
    std::fprintf(stderr, "usage: parse_only DIR | parse_only --list FILE\n");
    return 2;
  }
  std::vector<std::string> paths;
  if (std::string(argv[1]) == "--list") {
    std::ifstream list(argv[2]);
    for (std::string line; std::getline(list, line);)
      if (!line.empty()) paths.push_back(line);
  } else {
    for (auto it = std::filesystem::recursive_directory_iterator(argv[1]);
         it != std::filesystem::recursive_directory_iterator(); ++it)
      if (it->is_regular_file()) paths.push_back(it->path().string());
  }
  std::vector<std::pair<fe::Grammar, std::string>> files;
  size_t bytes = 0;
  for (const std::string& p : paths) {
    fe::Grammar g;
    if (!fe::grammarForPath(p, g)) continue;
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    bytes += ss.str().size();
    files.emplace_back(g, ss.str());
  }
  TSParser* parser = ts_parser_new();
  auto start = std::chrono::steady_clock::now();
  for (auto& [g, text] : files) {
    ts_parser_set_language(parser, fe::languageInfo(g).language);
    TSTree* tree =
        ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size()));
    ts_tree_delete(tree);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ts_parser_delete(parser);
  std::printf("%zu %zu %.3f\n", files.size(), bytes, secs);
  return 0;
}
