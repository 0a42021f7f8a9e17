// Where each file of an app runs, decided by what reaches it, not by its
// folder: a file is backend when a manifest handler's file imports it
// (directly or through other files, `import()` and `require` included),
// frontend when a resource's entry does (a UI Kit resource file, a Custom UI
// project's sources, an index.html's inline scripts), both when both. A file
// nothing reaches keeps the folder-based guess it was parsed with.
#pragma once

#include <cstdint>
#include <vector>

#include "flow/program.h"

namespace fe {

// `frontendRoot[f]`: file f is a frontend entry. Sets program.files[f].side.
void assignSides(AppProgram& program, const std::vector<bool>& frontendRoot);

}  // namespace fe
