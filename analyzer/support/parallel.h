// A small worker pool: runs f(i) for i in [0, n) on `jobs` threads with large
// stacks (the traversal is bounded but deep files need room). Results must be
// written to per-index slots so the output never depends on thread timing.
#pragma once

#include <cstddef>
#include <functional>

namespace fe {

void parallelFor(size_t n, int jobs, const std::function<void(size_t)>& f);

}  // namespace fe
