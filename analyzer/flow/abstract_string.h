// The bounded string domain used for URLs and hosts: a small set of exact
// strings, known prefixes and unknowns that remember where they came from
// (an environment variable, app storage, the caller's payload, a parameter).
// Sets widen to their longest common prefix, so every variable changes a
// bounded number of times and the fixpoint terminates.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fe {

enum class StringKind : uint8_t { Exact, Prefix, Unknown };

// Where an unknown string (or the unknown rest of a prefix) comes from.
// Widened: too many different strings met here; it stands for every string,
// so it absorbs any exact string or prefix added later (keeps the set monotone).
enum class StringOrigin : uint8_t {
  None,
  Env,
  Storage,
  UserInput,
  Webtrigger,
  Parameter,
  Unknown,
  Widened,
  Site  // the customer's own Atlassian site (siteUrl, ancestorOrigins): a host *.atlassian.net
};

struct AbstractString {
  StringKind kind = StringKind::Unknown;
  StringOrigin origin = StringOrigin::None;  // for Unknown: provenance
  std::string text;                          // Exact: the string; Prefix: the known prefix
  std::string detail;                        // e.g. the environment variable's name
  // Prefix only: the known text right after the first unknown part, up to the next unknown
  // part (tailClosed) or the end: `https://${page}.statuspage.io/api` is "https://", an
  // unknown, then ".statuspage.io/api". Empty: nothing known after the prefix.
  std::string tail;
  bool tailClosed = false;
  bool operator==(const AbstractString& o) const {
    return kind == o.kind && origin == o.origin && text == o.text && detail == o.detail &&
           tail == o.tail && tailClosed == o.tailClosed;
  }
  bool operator<(const AbstractString& o) const;
};

class StringSet {
 public:
  static constexpr size_t kMaxValues = 8;
  static constexpr size_t kMaxLength = 512;  // hosts are near the start of a URL

  bool empty() const { return values_.empty(); }
  const std::vector<AbstractString>& values() const { return values_; }
  // Adds one value; returns true when the set changed.
  bool add(AbstractString value);
  bool addAll(const StringSet& other);
  bool covers(const AbstractString& value) const;
  bool hasUnknownOnly() const;
  // Collapses every known string into "any string" (keeps unknowns' origins):
  // used when a variable's strings keep changing, to bound the work.
  void collapse();

 private:
  void widen();
  std::vector<AbstractString> values_;  // sorted, unique
};

// a + b in the string domain.
AbstractString concatStrings(const AbstractString& a, const AbstractString& b);

}  // namespace fe
