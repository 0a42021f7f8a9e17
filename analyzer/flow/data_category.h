// The seven categories of customer data the flow stage tracks, as bits of a
// taint mask, and their names in every output.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fe {

// user-identity, product-data, app-storage, user-input, event-data,
// install-context, webtrigger-request.
enum DataCategory : uint8_t {
  kUserIdentity = 1 << 0,
  kProductData = 1 << 1,
  kAppStorage = 1 << 2,
  kUserInput = 1 << 3,
  kEventData = 1 << 4,
  kInstallContext = 1 << 5,
  kWebtriggerRequest = 1 << 6,
};
inline constexpr int kCategoryCount = 7;
const char* categoryName(int bit);
uint8_t categoryBit(std::string_view name);
std::vector<std::string> categoryNames(uint8_t mask);

}  // namespace fe
