// Turns the solver's results into egress sites: for every call that reaches
// a network sink of the catalog, its destination (host, URL, where the host
// comes from), the customer data reaching its URL, headers or body, the
// entry points that reach it, and a witness path from a source to the call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "flow/egress_site.h"
#include "flow/solver.h"
#include "manifest/manifest.h"

namespace fe {

FlowFindings collectEgress(const FlowSolver& solver, const Manifest& manifest);

// Points a site at a Forge Remote's baseUrl (host, protocol, url); returns
// false when the manifest has no such remote.
bool setRemoteDestination(const Manifest& manifest, const std::string& remoteKey, EgressSite& site);

// Host of an absolute URL string (Exact, or a Prefix that reaches past the host).
std::optional<std::string> hostOf(const AbstractString& s, std::string* protocol = nullptr);

}  // namespace fe
