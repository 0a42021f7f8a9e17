// tree-sitter's memory while one file is parsed and its facts extracted: a
// per-thread bump arena, reset when the file is done and reused by the next.
//
// Why: a parse allocates a node per token and an array per reduction, and frees
// them all when the tree is deleted. Through malloc, a 9 MB bundle's 200 MB tree
// is carved out of fresh pages (one page fault each: 15 µs on the VMs we run on)
// and handed back piece by piece. From the arena, allocation is a pointer bump,
// the tree is dropped in one step, the pages of one file are reused by the next
// on the same thread, and large chunks are backed by transparent huge pages
// where the kernel offers them (madvise mode). docs/performance.md has figures.
#pragma once

#include <cstddef>

namespace fe {

// While one is alive on a thread, tree-sitter's allocations on that thread come
// from the thread's arena; when the outermost one ends, everything allocated
// in it is released at once (the tree and parser must be deleted by then).
// Elsewhere tree-sitter uses malloc, as before.
class ParseArenaScope {
 public:
  ParseArenaScope();
  ~ParseArenaScope();
  ParseArenaScope(const ParseArenaScope&) = delete;
  ParseArenaScope& operator=(const ParseArenaScope&) = delete;
};

// Whether everything tree-sitter allocated on this thread since the outermost scope began
// lives in the arena (no chunk was refused): a tree need not be deleted node by node then,
// the scope's end drops it whole.
bool parseArenaHoldsAll();

// Unmaps the chunks no thread holds (call when a phase of parsing is over: until then
// they wait for the next large file).
void releaseParseArenaPool();

// Bytes mapped for parsing that this thread or the pool holds, for tests.
size_t parseArenaMappedBytes();

}  // namespace fe
