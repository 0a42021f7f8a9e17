// Worker pool with explicit stack sizes (see parallel.h).
#include "support/parallel.h"

#include <pthread.h>

#include <atomic>
#include <mutex>
#include <vector>

namespace fe {

namespace {
struct Work {
  size_t n;
  const std::function<void(size_t)>* f;
  std::atomic<size_t> next{0};
};

void* worker(void* arg) {
  Work* w = static_cast<Work*>(arg);
  for (;;) {
    size_t i = w->next.fetch_add(1);
    if (i >= w->n) break;
    (*w->f)(i);
  }
  return nullptr;
}
// The shared state of parallelForBounded: items [front, back) are left.
struct BoundedWork {
  std::mutex mutex;
  size_t front = 0, back = 0;
  uint64_t inFlight = 0;
  uint64_t limit = 0;
  const std::function<uint64_t(size_t)>* weight;
  const std::function<void(size_t)>* f;
};

void* boundedWorker(void* arg) {
  auto* w = static_cast<BoundedWork*>(arg);
  for (;;) {
    size_t i;
    uint64_t wi;
    {
      std::lock_guard<std::mutex> lock(w->mutex);
      if (w->front == w->back) break;
      uint64_t heaviest = (*w->weight)(w->front);
      if (w->inFlight == 0 || w->inFlight + heaviest <= w->limit) {
        i = w->front++;
        wi = heaviest;
      } else {
        i = --w->back;
        wi = (*w->weight)(i);
      }
      w->inFlight += wi;
    }
    (*w->f)(i);
    std::lock_guard<std::mutex> lock(w->mutex);
    w->inFlight -= wi;
  }
  return nullptr;
}

// Starts `jobs` threads running fn(arg) with large stacks; runs it here when none starts.
void runWorkers(int jobs, void* (*fn)(void*), void* arg) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 512u * 1024u * 1024u);  // reserved, not committed
  std::vector<pthread_t> threads;
  for (int j = 0; j < jobs; ++j) {
    pthread_t t;
    if (pthread_create(&t, &attr, fn, arg) == 0) threads.push_back(t);
  }
  pthread_attr_destroy(&attr);
  if (threads.empty()) fn(arg);  // could not start threads: do it here
  for (pthread_t t : threads) pthread_join(t, nullptr);
}

}  // namespace

void parallelForBounded(size_t n, int jobs, const std::function<uint64_t(size_t)>& weight,
                        uint64_t limit, const std::function<void(size_t)>& f) {
  if (n == 0) return;
  if (jobs < 1) jobs = 1;
  if (static_cast<size_t>(jobs) > n) jobs = static_cast<int>(n);
  BoundedWork work;
  work.back = n;
  work.limit = limit;
  work.weight = &weight;
  work.f = &f;
  runWorkers(jobs, boundedWorker, &work);
}

void parallelFor(size_t n, int jobs, const std::function<void(size_t)>& f) {
  if (n == 0) return;
  if (jobs < 1) jobs = 1;
  if (static_cast<size_t>(jobs) > n) jobs = static_cast<int>(n);
  Work work;
  work.n = n;
  work.f = &f;
  runWorkers(jobs, worker, &work);
}

}  // namespace fe
