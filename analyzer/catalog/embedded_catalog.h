// The catalog files of queries/, compiled into the binary by
// cmake/EmbedFiles.cmake so a scan never depends on where it was started.
#pragma once

#include <cstddef>

namespace fe {

struct EmbeddedFile {
  const char* path;      // e.g. "queries/http-clients.yml"
  const char* contents;  // the file's text
};

extern const EmbeddedFile kEmbeddedCatalogFiles[];
extern const std::size_t kEmbeddedCatalogFileCount;

}  // namespace fe
