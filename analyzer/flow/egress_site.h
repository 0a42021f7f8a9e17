// What the flow stage reports for one app: each network call that leaves
// the app (an egress site) and each log call that carries customer data, with
// the witness path that shows how the data got there. Plain data: reports,
// rules and the baseline read it without the solver.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "flow/data_category.h"
#include "index/facts.h"

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
  // Unknown host: customer data may be the whole URL, so it is kept beside known hosts.
  bool urlFromData = false;
  // Unknown host from a constant text that names no host (a table name, a path): beside known
  // hosts it is the value of another of the row's URL references, not a destination.
  bool hostlessConstant = false;
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

// A finding of a policy rule (FE013–FE017) at a call or a return.
struct PolicySite {
  std::string ruleId;
  std::string file;
  SourceSite site;
  std::string function;
  std::string message;
  uint8_t data = 0;
  std::vector<std::string> entryPoints;
  std::vector<WitnessStep> path;  // how the data got there (when data is set)
};

struct FlowFindings {
  std::vector<EgressSite> egress;
  std::vector<LogSite> logs;
  std::vector<PolicySite> policy;
};

}  // namespace fe
