// The bounded string domain (see abstract_string.h).
#include "flow/abstract_string.h"

#include <algorithm>
#include <tuple>

namespace fe {

bool AbstractString::operator<(const AbstractString& o) const {
  return std::tie(kind, text, origin, detail, tail, tailClosed) <
         std::tie(o.kind, o.text, o.origin, o.detail, o.tail, o.tailClosed);
}

static AbstractString clampLength(AbstractString v) {
  if (v.kind != StringKind::Unknown && v.text.size() > StringSet::kMaxLength) {
    v.text.resize(StringSet::kMaxLength);
    v.kind = StringKind::Prefix;
    v.tail.clear();
    v.tailClosed = false;
  }
  if (v.tail.size() > StringSet::kMaxLength) {
    v.tail.resize(StringSet::kMaxLength);
    v.tailClosed = true;
  }
  return v;
}

// Whether adding `value` would change nothing: it is here, or a prefix or the
// widened unknown already stands for it, or the set is full and holds an
// unknown of the same origin. Checked before any copy: on library code most
// additions are repeats.
bool StringSet::covers(const AbstractString& value) const {
  for (const auto& v : values_) {
    if (v == value) return true;
    if (v.kind == StringKind::Unknown && v.origin == StringOrigin::Widened &&
        value.kind != StringKind::Unknown)
      return true;
    // A prefix with nothing known after it stands for every string that starts with it.
    if (v.kind == StringKind::Prefix && v.tail.empty() && value.kind != StringKind::Unknown &&
        value.text.compare(0, v.text.size(), v.text) == 0)
      return true;
  }
  if (value.kind == StringKind::Unknown && values_.size() >= kMaxValues) {
    // Full: widening keeps one unknown per origin, so one more of an origin
    // already present changes nothing.
    for (const auto& v : values_)
      if (v.kind == StringKind::Unknown && v.origin == value.origin) return true;
  }
  return false;
}

bool StringSet::add(AbstractString value) {
  value = clampLength(std::move(value));
  if (covers(value)) return false;
  // A prefix subsumes the exact strings and longer prefixes that start with it.
  if (value.kind == StringKind::Prefix && value.tail.empty()) {
    values_.erase(std::remove_if(values_.begin(), values_.end(),
                                 [&](const AbstractString& v) {
                                   return v.kind != StringKind::Unknown &&
                                          v.text.compare(0, value.text.size(), value.text) == 0;
                                 }),
                  values_.end());
  }
  if (values_.size() < kMaxValues) {
    values_.insert(std::upper_bound(values_.begin(), values_.end(), value), std::move(value));
    return true;
  }
  // Full: widening may drop what was just added. Report a change only when
  // the set really changed, or a solver would re-add the value forever.
  std::vector<AbstractString> before = values_;
  values_.insert(std::upper_bound(values_.begin(), values_.end(), value), std::move(value));
  widen();
  return values_ != before;
}

bool StringSet::addAll(const StringSet& other) {
  if (other.values_ == values_) return false;  // common: the same set flows around a cycle
  bool changed = false;
  for (const auto& v : other.values_)
    if (!covers(v)) changed |= add(v);
  return changed;
}

bool StringSet::hasUnknownOnly() const {
  for (const auto& v : values_)
    if (v.kind != StringKind::Unknown) return false;
  return !values_.empty();
}

void StringSet::collapse() {
  std::vector<AbstractString> kept;
  for (auto& v : values_)
    if (v.kind == StringKind::Unknown && v.origin != StringOrigin::Widened) kept.push_back(v);
  AbstractString top;
  top.kind = StringKind::Unknown;
  top.origin = StringOrigin::Widened;
  kept.push_back(top);
  std::sort(kept.begin(), kept.end());
  values_ = std::move(kept);
  if (values_.size() > kMaxValues) widen();
}

// Too many values: keep the unknowns (they carry provenance) and replace the
// known strings by their longest common prefix.
void StringSet::widen() {
  std::vector<AbstractString> unknowns;
  std::string prefix;
  bool first = true;
  for (const auto& v : values_) {
    if (v.kind == StringKind::Unknown) {
      unknowns.push_back(v);
      continue;
    }
    if (first) {
      prefix = v.text;
      first = false;
    } else {
      size_t i = 0;
      while (i < prefix.size() && i < v.text.size() && prefix[i] == v.text[i]) ++i;
      prefix.resize(i);
    }
  }
  // Unknowns: keep at most one per origin.
  std::stable_sort(
      unknowns.begin(), unknowns.end(),
      [](const AbstractString& a, const AbstractString& b) { return a.origin < b.origin; });
  unknowns.erase(std::unique(unknowns.begin(), unknowns.end(),
                             [](const AbstractString& a, const AbstractString& b) {
                               return a.origin == b.origin;
                             }),
                 unknowns.end());
  values_.clear();
  if (!first) {
    AbstractString p;
    p.kind = prefix.empty() ? StringKind::Unknown : StringKind::Prefix;
    p.origin = prefix.empty() ? StringOrigin::Widened : StringOrigin::None;
    p.text = prefix;
    values_.push_back(p);
  }
  for (auto& u : unknowns) values_.push_back(std::move(u));
  std::sort(values_.begin(), values_.end());
  values_.erase(std::unique(values_.begin(), values_.end()), values_.end());
  while (values_.size() > kMaxValues) values_.pop_back();
}

AbstractString concatStrings(const AbstractString& a, const AbstractString& b) {
  if (a.kind == StringKind::Unknown) return a;
  if (a.kind == StringKind::Prefix) {
    // Known text after the first unknown part is kept up to the next unknown part: the
    // host of `https://${page}.statuspage.io` is known up to its first label.
    if (a.tailClosed) return a;
    AbstractString r = a;
    if (b.kind == StringKind::Unknown) {
      r.tailClosed = !r.tail.empty();
      return r;
    }
    r.tail += b.text;
    if (b.kind == StringKind::Prefix) r.tailClosed = true;
    return clampLength(std::move(r));
  }
  if (b.kind == StringKind::Prefix) {
    AbstractString r = b;
    r.text = a.text + b.text;
    return clampLength(std::move(r));
  }
  AbstractString r;
  if (b.kind == StringKind::Unknown) {
    if (a.text.empty()) return b;
    r.kind = StringKind::Prefix;
    r.text = a.text;
    r.origin = b.origin;
    r.detail = b.detail;
    return clampLength(std::move(r));
  }
  r.kind = b.kind;
  r.text = a.text + b.text;
  r.origin = b.origin;
  r.detail = b.detail;
  return clampLength(std::move(r));
}

}  // namespace fe
