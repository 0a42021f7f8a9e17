// An app's program: the facts of all its files, addressed by global ids
// (a file's local ids plus its base), and the facts the linker adds:
// import bindings, library roots, and the entry points of the manifest.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "index/facts.h"

namespace fe {

// A variable that holds a library value from the start: the module itself
// (`import axios from 'axios'`), a global (`fetch`), or an entry parameter.
struct LibrarySeed {
  VarId var;
  std::string root;  // canonical module name, "$global" or "$entry"
  std::string path;  // '.'-separated segments below the root ("" = the root)
  SourceSite site;
  uint32_t file;
};

// A function the platform calls: a manifest handler export.
struct EntryPoint {
  std::string name;           // e.g. "resolver", "check-slas"
  std::string family;         // trigger, webtrigger, consumer, scheduledTrigger, resolver, function
  VarId callee;               // holds the exported function(s)
  std::vector<VarId> params;  // seeded with $entry library values
};

struct ProgramCopy {
  VarId target, source;
  bool taintOnly;
};
struct ProgramLoad {
  VarId target, base;
  std::string name;
};
struct ProgramStore {
  VarId base;
  std::string name;
  VarId source;
};

struct AppProgram {
  std::vector<FileFacts> files;  // sorted by path
  std::vector<uint32_t> varBase, functionBase, classBase, callBase;
  uint32_t varCount = 0;
  uint32_t functionCount = 0;  // user functions, then one top-level pseudo function per file
  uint32_t classCount = 0;
  uint32_t callCount = 0;
  std::vector<VarInfo> linkVars;  // vars added by the linker, ids from fileVarCount
  uint32_t fileVarCount = 0;
  std::vector<ProgramCopy> copies;
  std::vector<ProgramLoad> loads;
  std::vector<ProgramStore> stores;
  std::vector<LibrarySeed> seeds;
  // Constant strings the linker knows (the URL of an imported asset file).
  std::vector<std::pair<VarId, std::string>> strings;
  std::vector<EntryPoint> entries;
  // Resolver methods a queue consumer calls (`consumer: {resolver: {function, method}}`): the
  // platform gives that define the queue's event, not a request from the app's UI.
  std::vector<std::string> queueMethods;
  // Files each file imports (static, dynamic, require, re-export), resolved in the app.
  std::vector<std::vector<uint32_t>> fileImports;
  std::vector<uint32_t> handlerFiles;  // files of the manifest's backend handlers
  // Files a browser page starts from, with the entry name of what loads them ("resource:main"):
  // a UI Kit resource's file, the files of a Custom UI project that nothing else imports.
  std::vector<std::pair<uint32_t, std::string>> frontendEntries;

  uint32_t topLevelFunction(uint32_t file) const {
    return functionCount - static_cast<uint32_t>(files.size()) + file;
  }
  // The files `roots` load: themselves and, transitively, what they import.
  std::vector<bool> filesLoadedBy(const std::vector<uint32_t>& roots) const;
  uint32_t fileOfVar(VarId v) const;
  const VarInfo& varInfo(VarId v) const;
  uint32_t fileOfFunction(uint32_t f) const;
  const FunctionFact* function(uint32_t f) const;  // null for top-level pseudo functions
  std::string functionName(uint32_t f) const;
  uint32_t fileOfCall(uint32_t c) const;
  const CallFact& call(uint32_t c) const;
  VarId newVar(std::string name, SourceSite site, uint32_t file);
  std::vector<uint32_t> linkVarFiles;
};

}  // namespace fe
