// Reading files of an untrusted repository: size limits, binary detection,
// and paths relative to the scan root with '/'.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace fe {

enum class ReadStatus { Ok, Missing, TooLarge, Binary, Unreadable };

ReadStatus readTextFile(const std::filesystem::path& path, uint64_t maxBytes, std::string& out);
// `path` relative to `root`, '/'-separated ("" when equal).
std::string relativePath(const std::filesystem::path& root, const std::filesystem::path& path);

}  // namespace fe
