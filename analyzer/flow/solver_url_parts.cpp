// Reads of a URL object's parts (`u.origin`, `u.host`, `u.hostname`, `u.protocol`): strings cut
// from the text the object was made with, so that `fetch(u.origin + '/api')` and
// `https://${u.hostname}/x` keep the host the object was made with (see solver.h).
#include "flow/solver.h"

namespace fe {

namespace {

// The part a member name reads, or UrlPart::None for members that are not parts of the URL
// text (searchParams, pathname is not needed for hosts: it reads as before). `href` is the
// whole text: evalLoad links it to the text directly.
FlowSolver::UrlPart urlPartNamed(const std::string& name) {
  using P = FlowSolver::UrlPart;
  if (name == "origin") return P::Origin;
  if (name == "protocol") return P::Protocol;
  if (name == "host") return P::Host;
  if (name == "hostname") return P::Hostname;
  return P::None;
}

// `text` cut to [from, to): exact when the cut lies within the known text, else the known
// part up to where the unknown starts (a prefix, with nothing known after it).
AbstractString cut(const AbstractString& s, size_t from, size_t to) {
  AbstractString out;
  out.origin = s.origin;
  out.detail = s.detail;
  if (to != std::string::npos || s.kind == StringKind::Exact) {
    out.kind = StringKind::Exact;
    out.text = s.text.substr(from, to == std::string::npos ? std::string::npos : to - from);
    return out;
  }
  out.kind = StringKind::Prefix;
  out.text = s.text.substr(from);
  return out;
}

// One part of one URL text; an unknown string when the text does not say (no scheme known).
AbstractString urlPartOf(const AbstractString& s, FlowSolver::UrlPart part) {
  using P = FlowSolver::UrlPart;
  AbstractString unknown;
  unknown.origin = s.origin;
  unknown.detail = s.detail;
  if (s.kind == StringKind::Unknown) return unknown;
  size_t scheme = s.text.find("://");
  if (scheme == std::string::npos || scheme > s.text.find_first_of("/?#")) return unknown;
  if (part == P::Protocol) return cut(s, 0, scheme + 1);
  size_t authority = scheme + 3;
  size_t end = s.text.find_first_of("/?#", authority);
  if (part == P::Origin) return cut(s, 0, end);
  AbstractString host = cut(s, authority, end);
  size_t at = host.text.rfind('@');  // user:password@ is not part of the host
  if (at != std::string::npos) host.text.erase(0, at + 1);
  if (part == P::Hostname && host.kind == StringKind::Exact) {
    // host:port without the port; an IPv6 address keeps its brackets, as URL does.
    size_t close = host.text.rfind(']');
    size_t colon = host.text.rfind(':');
    if (colon != std::string::npos && (close == std::string::npos || colon > close))
      host.text.erase(colon);
  }
  return host;
}

}  // namespace

VarId FlowSolver::urlTextVar(uint32_t urlToken) const {
  uint32_t made = tokens_[urlToken].creatorCall;
  if (made == kNone) return kNoVar;
  const CallFact& c = program_.call(made);
  if (c.result == kNoVar) return kNoVar;
  return program_.varBase[program_.fileOfCall(made)] + c.result;
}

void FlowSolver::readUrlPart(uint32_t urlToken, const std::string& name, VarId target) {
  UrlPart part = urlPartNamed(name);
  if (part == UrlPart::None) return;
  VarId text = urlTextVar(urlToken);
  if (text == kNoVar) return;
  if (!urlPartSeen_.insert((uint64_t{urlToken} << 32 | target) ^
                           (uint64_t{static_cast<uint8_t>(part)} << 61)))
    return;
  ConcatC cc;
  cc.target = target;
  cc.parts = {text};
  cc.urlPart = part;
  concats_.push_back(cc);
  uint32_t id = static_cast<uint32_t>(concats_.size() - 1);
  watch(text, WatchKind::Concat, id);
  evalConcat(id);
}

void FlowSolver::evalUrlPart(uint32_t id) {
  const ConcatC c = concats_[id];
  StringSet result;
  for (const auto& s : strings(c.parts[0]).values()) result.add(urlPartOf(s, c.urlPart));
  if (!result.empty()) addStrings(c.target, stringPool_.intern(std::move(result)));
}

}  // namespace fe
