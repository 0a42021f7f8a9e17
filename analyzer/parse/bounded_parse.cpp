// Tree-sitter's error recovery explores several stack versions at once, and on some inputs
// (a few dozen bytes of broken JSX given to the TSX grammar) it runs for minutes. A parse gets
// a budget of parse operations proportional to the file, counted through the progress
// callback (tree-sitter calls it once per 100 operations), so the bound is deterministic: the
// same file is cut at the same point on every machine, at every load. Measured on the 2,946
// files the benchmark corpus analyses (57 MB), the acceptance apps and the fixtures, a clean or
// broken parse needed at most 2.2 checks per 100 bytes and 23 checks for a file under 2 kB;
// the default budget allows 5,000 plus 50 per 100 bytes, so only runaway error recovery hits
// it, after about 0.25 s of it on a small file.
#include "parse/bounded_parse.h"

namespace fe {

namespace {

struct Spent {
  uint64_t checks = 0;
  uint64_t maxChecks = 0;
};

const char* readString(void* payload, uint32_t byte, TSPoint, uint32_t* bytesRead) {
  auto* s = static_cast<std::string_view*>(payload);
  if (byte >= s->size()) {
    *bytesRead = 0;
    return "";
  }
  *bytesRead = static_cast<uint32_t>(s->size() - byte);
  return s->data() + byte;
}

}  // namespace

TSTree* parseWithinBudget(TSParser* parser, std::string_view source, const ParseBudget& budget,
                          bool& exhausted) {
  Spent spent;
  spent.maxChecks = budget.base + source.size() / 100 * budget.per100Bytes;
  TSInput input{&source, readString, TSInputEncodingUTF8, nullptr};
  TSParseOptions options{&spent, [](TSParseState* state) {
                           auto* s = static_cast<Spent*>(state->payload);
                           return ++s->checks > s->maxChecks;
                         }};
  TSTree* tree = ts_parser_parse_with_options(parser, nullptr, input, options);
  exhausted = !tree && spent.checks > spent.maxChecks;
  if (!tree) ts_parser_reset(parser);
  return tree;
}

}  // namespace fe
