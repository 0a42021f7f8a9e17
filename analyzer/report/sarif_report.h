// The `sarif` output format: SARIF 2.1.0 for editors (VS Code SARIF Viewer) and
// GitHub code scanning, one run per scan, with rules, code flows from the witness
// paths, fingerprints and tool notifications (docs/editor.md). Deterministic.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "pipeline/scan.h"

namespace fe {

inline constexpr const char* kSarifInformationUri = "https://github.com/forge-egress/forge-egress";
// The rule pages: kSarifHelpUriBase + "FE001.md".
inline constexpr const char* kSarifHelpUriBase =
    "https://github.com/forge-egress/forge-egress/blob/main/docs/rules/";
// Our own stable key in result.partialFingerprints (Finding.fingerprint).
inline constexpr const char* kSarifFingerprintKey = "forgeEgress/v1";

// exitCode: the process exit code the scan ends with (0, 1 or 2), for invocations[].
// Results whose level is `note` (the FE001 egress inventory, FE011, FE012) are written only
// with includeNotes (--sarif-notes): uploaded to code scanning, hundreds of notes bury the few
// results that matter. The inventory stays complete in JSON and Markdown.
nlohmann::ordered_json sarifReport(const ScanResult& result, int exitCode,
                                   bool includeNotes = false);
std::string renderSarif(const ScanResult& result, int exitCode, bool includeNotes = false);

// A '/'-separated relative path as a relative URI reference: every byte outside
// the unreserved set and '/' is percent-encoded (spaces, '%', '#', '?', ':',
// non-ASCII and invalid UTF-8 bytes alike), so the result is plain ASCII.
std::string sarifUriEncode(const std::string& path);

}  // namespace fe
