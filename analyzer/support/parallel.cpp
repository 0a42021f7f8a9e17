// Worker pool with explicit stack sizes (see parallel.h).
#include "support/parallel.h"

#include <pthread.h>

#include <atomic>
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
}  // namespace

void parallelFor(size_t n, int jobs, const std::function<void(size_t)>& f) {
  if (n == 0) return;
  if (jobs < 1) jobs = 1;
  if (static_cast<size_t>(jobs) > n) jobs = static_cast<int>(n);
  Work work;
  work.n = n;
  work.f = &f;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 512u * 1024u * 1024u);  // reserved, not committed
  std::vector<pthread_t> threads;
  for (int j = 0; j < jobs; ++j) {
    pthread_t t;
    if (pthread_create(&t, &attr, worker, &work) == 0) threads.push_back(t);
  }
  pthread_attr_destroy(&attr);
  if (threads.empty()) worker(&work);  // could not start threads: do it here
  for (pthread_t t : threads) pthread_join(t, nullptr);
}

}  // namespace fe
