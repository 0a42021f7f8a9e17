// Per-thread bump arena for tree-sitter's allocations (see parse_arena.h).
#include "parse/parse_arena.h"

#include <sanitizer/asan_interface.h>  // poisoning macros; no-ops outside ASan builds
#include <sys/mman.h>
#include <tree_sitter/api.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

namespace fe {

// WebAssembly (the npm fallback) has one thread, its own mmap emulation and no huge pages:
// there tree-sitter keeps malloc (the #else branch at the end).
#ifndef __EMSCRIPTEN__

namespace {

// Every block starts with a 16-byte header holding its size, so that realloc
// can copy it; 16 also keeps the alignment malloc promises.
constexpr size_t kAlign = 16;
constexpr size_t kHeader = 16;
// Chunks double from 4 MB: a small file maps one chunk once per thread, a 9 MB
// bundle (a ~300 MB tree) about seven. 2 MB is the huge page size on x86-64.
constexpr size_t kFirstChunk = size_t{4} << 20;
constexpr size_t kHugePage = size_t{2} << 20;

size_t roundUp(size_t n, size_t to) {
  return (n + to - 1) / to * to;
}

struct Chunk {
  char* base;
  size_t size;
  size_t used = 0;
  size_t touched = 0;  // bytes below this were handed out before: not known to be zero
};

// Chunks no scope holds, shared by the threads: the pages one thread's 9 MB bundle touched
// serve the next large file on any thread, so two big files parsed one after the other
// cost one tree's fresh memory, not two. Emptied by releaseParseArenaPool().
struct ChunkPool {
  std::mutex mutex;
  std::vector<Chunk> chunks;

  ~ChunkPool() { release(); }

  void put(const Chunk& c) {
    std::lock_guard<std::mutex> lock(mutex);
    chunks.push_back(c);
  }

  // The smallest pooled chunk of at least `want` bytes, else the largest of at least
  // `need`; false when none is big enough.
  bool take(size_t want, size_t need, Chunk& out) {
    std::lock_guard<std::mutex> lock(mutex);
    size_t best = chunks.size();
    for (size_t i = 0; i < chunks.size(); ++i) {
      size_t sz = chunks[i].size;
      if (sz < need) continue;
      if (best == chunks.size()) {
        best = i;
        continue;
      }
      size_t bsz = chunks[best].size;
      bool fits = sz >= want, bestFits = bsz >= want;
      if (fits != bestFits ? fits : (fits ? sz < bsz : sz > bsz)) best = i;
    }
    if (best == chunks.size()) return false;
    out = chunks[best];
    out.used = 0;
    chunks.erase(chunks.begin() + static_cast<std::ptrdiff_t>(best));
    return true;
  }

  void release() {
    std::lock_guard<std::mutex> lock(mutex);
    for (const Chunk& c : chunks) munmap(c.base, c.size);
    chunks.clear();
  }
};

ChunkPool pool;

struct Arena {
  std::vector<Chunk> chunks;  // std::vector's memory comes from operator new, not from here
  size_t current = 0;         // the chunk being filled
  char* last = nullptr;       // the most recent block, which free and realloc can undo in place
  int depth = 0;              // nested scopes
  bool holdsAll = false;      // nothing in the current scope fell back to malloc

  ~Arena() {
    for (const Chunk& c : chunks) munmap(c.base, c.size);
  }

  bool owns(const void* p) const {
    auto a = static_cast<const char*>(p);
    for (size_t i = chunks.size(); i-- > 0;)
      if (a >= chunks[i].base && a < chunks[i].base + chunks[i].size) return true;
    return false;
  }

  static size_t& sizeOf(void* p) {
    return *reinterpret_cast<size_t*>(static_cast<char*>(p) - kHeader);
  }

  // Maps a chunk of at least `need` bytes, aligned to a huge page so that the
  // kernel can back it with huge pages. Null when the system says no.
  static char* mapChunk(size_t size) {
    size_t span = size + kHugePage;
    void* m = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return nullptr;
    auto raw = reinterpret_cast<uintptr_t>(m);
    uintptr_t aligned = roundUp(raw, kHugePage);
    if (aligned > raw) munmap(m, aligned - raw);
    size_t tail = raw + span - (aligned + size);
    if (tail > 0) munmap(reinterpret_cast<void*>(aligned + size), tail);
    auto base = reinterpret_cast<char*>(aligned);
    madvise(base, size, MADV_HUGEPAGE);  // a hint; refused where THP is off
    ASAN_POISON_MEMORY_REGION(base, size);
    return base;
  }

  // A chunk with room for `need` bytes from `current` on, mapping one if none.
  Chunk* chunkFor(size_t need) {
    if (!chunks.empty() && chunks[current].used + need <= chunks[current].size)
      return &chunks[current];
    for (size_t i = chunks.empty() ? 0 : current + 1; i < chunks.size(); ++i)
      if (chunks[i].used == 0 && chunks[i].size >= need) {
        current = i;
        return &chunks[i];
      }
    size_t size = chunks.empty() ? kFirstChunk : chunks.back().size * 2;
    if (size < need) size = roundUp(need, kHugePage);
    Chunk reused;
    if (!chunks.empty() && pool.take(size, need, reused)) {
      chunks.push_back(reused);
      current = chunks.size() - 1;
      return &chunks.back();
    }
    char* base = mapChunk(size);
    if (!base) return nullptr;
    chunks.push_back({base, size});
    current = chunks.size() - 1;
    return &chunks.back();
  }

  void* allocate(size_t n, bool zero) {
    size_t need = kHeader + roundUp(n == 0 ? 1 : n, kAlign);
    Chunk* c = chunkFor(need);
    if (!c) return nullptr;
    char* block = c->base + c->used;
    ASAN_UNPOISON_MEMORY_REGION(block, kHeader + n);
    char* user = block + kHeader;
    if (zero && c->used + kHeader < c->touched)  // fresh pages are zero already
      std::memset(user, 0, std::min(n, c->touched - c->used - kHeader));
    c->used += need;
    if (c->used > c->touched) c->touched = c->used;
    sizeOf(user) = n;
    last = user;
    return user;
  }

  void release(void* p) {
    if (p == last) {  // the newest block: give its room back
      Chunk& c = chunks[current];
      c.used = static_cast<size_t>(static_cast<char*>(p) - kHeader - c.base);
      last = nullptr;
    }
    ASAN_POISON_MEMORY_REGION(static_cast<char*>(p) - kHeader, kHeader + sizeOf(p));
  }

  void* resize(void* p, size_t n) {
    size_t old = sizeOf(p);
    if (p == last) {  // grow or shrink in place when it is the newest block
      Chunk& c = chunks[current];
      size_t start = static_cast<size_t>(static_cast<char*>(p) - c.base);
      size_t end = start + roundUp(n == 0 ? 1 : n, kAlign);
      if (end <= c.size) {
        ASAN_UNPOISON_MEMORY_REGION(p, n);
        c.used = end;
        if (c.used > c.touched) c.touched = c.used;
        sizeOf(p) = n;
        return p;
      }
    }
    if (n <= old) {
      sizeOf(p) = n;
      return p;
    }
    void* q = allocate(n, false);
    if (!q) return nullptr;
    std::memcpy(q, p, old);
    return q;
  }

  // Drops every block; the first chunk stays with the thread, the others go to the pool.
  void reset() {
    for (Chunk& c : chunks) {
      ASAN_POISON_MEMORY_REGION(c.base, c.size);
      c.used = 0;
    }
    for (size_t i = 1; i < chunks.size(); ++i) pool.put(chunks[i]);
    if (chunks.size() > 1) chunks.resize(1);
    current = 0;
    last = nullptr;
  }
};

thread_local Arena arena;

[[noreturn]] void outOfMemory(size_t n) {
  std::fprintf(stderr, "forge-egress: out of memory (%zu bytes for the parser)\n", n);
  std::abort();
}

// The four functions tree-sitter calls. Outside a scope, or when no chunk can be
// mapped, they are malloc's; a block is freed the way it was allocated.
void* arenaMalloc(size_t n) {
  void* p = arena.depth > 0 ? arena.allocate(n, false) : nullptr;
  if (!p) {
    arena.holdsAll = false;
    p = std::malloc(n);
  }
  if (!p) outOfMemory(n);
  return p;
}

void* arenaCalloc(size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size) outOfMemory(SIZE_MAX);
  void* p = arena.depth > 0 ? arena.allocate(count * size, true) : nullptr;
  if (!p) {
    arena.holdsAll = false;
    p = std::calloc(count, size);
  }
  if (!p) outOfMemory(count * size);
  return p;
}

void* arenaRealloc(void* p, size_t n) {
  if (!p) return arenaMalloc(n);
  void* q = nullptr;
  if (arena.owns(p)) {
    q = arena.resize(p, n);
    if (!q) {  // no chunk could be mapped: move the block to malloc's heap
      arena.holdsAll = false;
      q = std::malloc(n);
      if (q) std::memcpy(q, p, std::min(n, Arena::sizeOf(p)));
    }
  } else {
    arena.holdsAll = false;
    q = std::realloc(p, n);
  }
  if (!q) outOfMemory(n);
  return q;
}

void arenaFree(void* p) {
  if (!p) return;
  if (arena.owns(p))
    arena.release(p);
  else
    std::free(p);
}

std::once_flag installed;

}  // namespace

ParseArenaScope::ParseArenaScope() {
  std::call_once(installed,
                 [] { ts_set_allocator(arenaMalloc, arenaCalloc, arenaRealloc, arenaFree); });
  if (arena.depth++ == 0) arena.holdsAll = true;
}

ParseArenaScope::~ParseArenaScope() {
  if (--arena.depth == 0) arena.reset();
}

bool parseArenaHoldsAll() {
  return arena.depth > 0 && arena.holdsAll;
}

void releaseParseArenaPool() {
  pool.release();
}

size_t parseArenaMappedBytes() {
  size_t total = 0;
  for (const Chunk& c : arena.chunks) total += c.size;
  std::lock_guard<std::mutex> lock(pool.mutex);
  for (const Chunk& c : pool.chunks) total += c.size;
  return total;
}

#else

ParseArenaScope::ParseArenaScope() {}
ParseArenaScope::~ParseArenaScope() {}
bool parseArenaHoldsAll() {
  return false;
}
void releaseParseArenaPool() {}
size_t parseArenaMappedBytes() {
  return 0;
}

#endif

}  // namespace fe
