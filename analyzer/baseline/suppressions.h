// Suppressions (docs/ci.md): inline `// forge-egress-ignore FE00N: reason`
// comments on or directly above a result's line, and hosts accepted by the
// configuration's `allow`. Suppressed results stay in the output, marked.
#pragma once

#include <string>
#include <vector>

#include "pipeline/scan.h"
#include "support/diagnostic.h"

namespace fe {

// Marks the app's findings and egress sites suppressed (Finding::suppressed,
// AppReport::egressGate) and reports malformed inline suppressions (no
// reason, unknown rule) as warning diagnostics; those suppress nothing.
void applySuppressions(AppReport& app, const std::vector<AllowedHost>& allow,
                       Diagnostics& diagnostics);

}  // namespace fe
