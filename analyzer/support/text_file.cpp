// File reading helpers (see text_file.h).
#include "support/text_file.h"

#include <cstring>
#include <fstream>

namespace fe {

ReadStatus readTextFile(const std::filesystem::path& path, uint64_t maxBytes, std::string& out) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return ReadStatus::Missing;
  if (!std::filesystem::is_regular_file(status)) return ReadStatus::Unreadable;
  uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) return ReadStatus::Unreadable;
  if (size > maxBytes) return ReadStatus::TooLarge;
  std::ifstream in(path, std::ios::binary);
  if (!in) return ReadStatus::Unreadable;
  out.resize(size);
  if (size && !in.read(out.data(), static_cast<std::streamsize>(size)))
    return ReadStatus::Unreadable;
  // A NUL byte in the first 8 KiB: a binary file, whatever its name.
  size_t probe = std::min<size_t>(out.size(), 8192);
  if (std::memchr(out.data(), '\0', probe) != nullptr) return ReadStatus::Binary;
  return ReadStatus::Ok;
}

std::string relativePath(const std::filesystem::path& root, const std::filesystem::path& path) {
  std::string rel = path.lexically_relative(root).generic_string();
  if (rel == ".") return "";
  return rel;
}

}  // namespace fe
