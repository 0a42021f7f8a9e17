// Names of the customer-data categories (see data_category.h).
#include "flow/data_category.h"

#include <algorithm>

namespace fe {

namespace {
const char* kCategoryNames[kCategoryCount] = {
    "user-identity", "product-data",    "app-storage",       "user-input",
    "event-data",    "install-context", "webtrigger-request"};
}  // namespace

const char* categoryName(int bit) {
  return bit >= 0 && bit < kCategoryCount ? kCategoryNames[bit] : "?";
}

uint8_t categoryBit(std::string_view name) {
  for (int i = 0; i < kCategoryCount; ++i)
    if (name == kCategoryNames[i]) return static_cast<uint8_t>(1u << i);
  return 0;
}

std::vector<std::string> categoryNames(uint8_t mask) {
  std::vector<std::string> out;
  for (int i = 0; i < kCategoryCount; ++i)
    if (mask & (1u << i)) out.emplace_back(kCategoryNames[i]);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace fe
