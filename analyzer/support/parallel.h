// A small worker pool: runs f(i) for i in [0, n) on `jobs` threads with large
// stacks (the traversal is bounded but deep files need room). Results must be
// written to per-index slots so the output never depends on thread timing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

namespace fe {

void parallelFor(size_t n, int jobs, const std::function<void(size_t)>& f);

// parallelFor over items the caller sorted heaviest first, with the weight in flight
// bounded while there is other work: a worker takes the heaviest item left, unless that
// would put more than `limit` in flight beside other items; then it takes the lightest
// (the heaviest too, when it is the last: an idle core costs more than the memory).
// Heaviest first keeps the cores busy to the end; the bound keeps two huge files from
// holding memory at once.
void parallelForBounded(size_t n, int jobs, const std::function<uint64_t(size_t)>& weight,
                        uint64_t limit, const std::function<void(size_t)>& f);

}  // namespace fe
