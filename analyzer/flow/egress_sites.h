// Turns the solver's results into egress sites: for every call that reaches
// a network sink of the catalog, its destination (host, URL, where the host
// comes from), the customer data reaching its URL, headers or body, the
// entry points that reach it, and a witness path from a source to the call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "flow/solver.h"
#include "manifest/manifest.h"

namespace fe {

struct WitnessStep {
  std::string file;
  int line = 0;
  std::string label;
};

struct EgressSite {
  std::string file;
  SourceSite site;
  std::string api;
  SinkKind kind = SinkKind::Http;
  SourceSide side = SourceSide::Backend;
  std::optional<std::string> host;
  std::string url;       // best known form, unknown parts as {…}
  std::string protocol;  // "https:" when known
  std::string matchUrl;  // what permission matching sees: protocol//host/path
  std::string
      hostSource;  // literal, constant, env, storage, user-input, parameter, manifest, unknown
  std::string hostDetail;  // e.g. the environment variable
  uint8_t data = 0;
  uint8_t urlData = 0;  // categories in the URL itself (the caller chooses the host)
  std::vector<WitnessStep> path;
  std::vector<std::string> entryPoints;
  std::string function;  // enclosing function's qualified name
  std::string calleeText;
  std::string argText;       // normalised first argument (fingerprints)
  std::string remoteKey;     // Forge Remote
  std::string providerKey;   // OAuth provider
  std::string vendor;        // SDK vendor
  std::string resourceList;  // for resources: images, scripts, styles, frames, media, fonts
  uint32_t call = 0xffffffffu;
};

struct LogSite {
  std::string file;
  SourceSite site;
  std::string api;
  uint8_t data = 0;
  std::vector<WitnessStep> path;
  std::string function;
  std::string calleeText;
  std::string argText;  // normalised first argument (fingerprints)
};

struct FlowFindings {
  std::vector<EgressSite> egress;
  std::vector<LogSite> logs;
};

FlowFindings collectEgress(const FlowSolver& solver, const Manifest& manifest);

// Points a site at a Forge Remote's baseUrl (host, protocol, url); returns
// false when the manifest has no such remote.
bool setRemoteDestination(const Manifest& manifest, const std::string& remoteKey, EgressSite& site);

// Host of an absolute URL string (Exact, or a Prefix that reaches past the host).
std::optional<std::string> hostOf(const AbstractString& s, std::string* protocol = nullptr);

}  // namespace fe
