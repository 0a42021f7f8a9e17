// Links the facts of an app's files into one program: resolves imports,
// re-exports and `require` to the exporting file (or to a library root for
// packages), and turns the manifest's handlers into entry points whose
// parameters carry the module type's customer data.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "flow/program.h"
#include "index/module_resolver.h"
#include "manifest/manifest.h"

namespace fe {

struct LinkInput {
  std::vector<FileFacts> files;    // sorted by path
  const ModuleResolver* resolver;  // over the same file list
  const Manifest* manifest;
  std::string appDir;  // relative to the scan root ("" = root)
  const Catalog* catalog;
  // Set when `files` are one group of a larger app (see partition.h): the resolver's
  // indices, over all of the app's files, mapped to indices into `files` (-1: the
  // app's other files). Handlers in other groups are linked there, without a warning.
  const std::vector<int>* localIndex = nullptr;
};

AppProgram linkProgram(LinkInput input, Diagnostics& diagnostics);

// The folder, relative to the app's, that handler paths (`index.handler`) are under.
std::string handlerSourceDir(const Manifest& manifest);

// The family of a module type for entry parameters: trigger, webtrigger,
// consumer, scheduledTrigger or function.
std::string entryFamily(const std::string& moduleType);

}  // namespace fe
