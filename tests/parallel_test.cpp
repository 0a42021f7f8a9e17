// The worker pool (support/parallel.h): every item runs once, and the bounded variant puts no
// more weight in flight than its limit while lighter items are left to take instead.
#include "support/parallel.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>
#include <vector>

TEST_CASE("parallelFor runs every item once", "[parallel]") {
  std::vector<int> seen(1000, 0);
  fe::parallelFor(seen.size(), 4, [&](size_t i) { ++seen[i]; });
  for (int n : seen) CHECK(n == 1);
}

TEST_CASE("parallelForBounded keeps two heavy items apart while light ones are left",
          "[parallel]") {
  // Heaviest first, as callers sort them: 90 and 80 together would pass the bound of 100.
  std::vector<uint64_t> weights = {90, 80, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  std::vector<int> seen(weights.size(), 0);
  std::mutex m;
  std::condition_variable cv;
  bool firstDone = false;
  uint64_t inFlight = 0, most = 0;
  auto weight = [&](size_t i) { return weights[i]; };
  fe::parallelForBounded(weights.size(), 2, weight, 100, [&](size_t i) {
    std::unique_lock<std::mutex> lock(m);
    ++seen[i];
    inFlight += weights[i];
    most = std::max(most, inFlight);
    // A light item waits for the first heavy one to end: the other worker then finds the
    // second heavy item at the front with light work still in flight, not after it.
    if (i >= 2) cv.wait(lock, [&] { return firstDone; });
    inFlight -= weights[i];
    if (i == 0) firstDone = true;
    cv.notify_all();
  });
  for (int n : seen) CHECK(n == 1);
  CHECK(most <= 100);
}

TEST_CASE("parallelForBounded runs an item heavier than the bound alone", "[parallel]") {
  std::vector<int> seen(3, 0);
  auto weight = [](size_t) { return uint64_t{500}; };
  fe::parallelForBounded(seen.size(), 2, weight, 100, [&](size_t i) { ++seen[i]; });
  for (int n : seen) CHECK(n == 1);
}
