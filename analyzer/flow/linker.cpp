// Linking (see linker.h).
#include "flow/linker.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include "parse/language.h"

namespace fe {

std::string handlerSourceDir(const Manifest& m) {
  return m.packageBundler == "manual@2026" && !m.packagePath.empty() ? m.packagePath : "src";
}

std::string entryFamily(const std::string& moduleType) {
  if (moduleType == "trigger") return "trigger";
  if (moduleType == "webtrigger") return "webtrigger";
  if (moduleType == "consumer" || moduleType == "fifoConsumer") return "consumer";
  if (moduleType == "scheduledTrigger") return "scheduledTrigger";
  if (moduleType == "action") return "action";  // a Rovo action: inputs from the user's chat
  return "function";
}

namespace {

class Linker {
 public:
  Linker(LinkInput& in, Diagnostics& diags) : in_(in), diags_(diags) {}

  AppProgram run() {
    p_.files = std::move(in_.files);
    uint32_t vars = 0, fns = 0, classes = 0, calls = 0;
    for (const auto& f : p_.files) {
      p_.varBase.push_back(vars);
      p_.functionBase.push_back(fns);
      p_.classBase.push_back(classes);
      p_.callBase.push_back(calls);
      vars += static_cast<uint32_t>(f.vars.size());
      fns += static_cast<uint32_t>(f.functions.size());
      classes += static_cast<uint32_t>(f.classes.size());
      calls += static_cast<uint32_t>(f.calls.size());
    }
    p_.fileVarCount = vars;
    p_.functionCount = fns + static_cast<uint32_t>(p_.files.size());
    p_.classCount = classes;
    p_.callCount = calls;
    // The value of each file's module.exports.
    for (uint32_t f = 0; f < p_.files.size(); ++f) {
      VarId x = p_.newVar("exports of " + p_.files[f].path, SourceSite{1, 1, 1, 1}, f);
      exportsValue_.push_back(x);
      p_.loads.push_back({x, p_.varBase[f] + p_.files[f].moduleVar, "exports"});
    }
    // One thrown value for the app: a throw in one file reaches a catch in another.
    VarId thrown = kNoVar;
    for (uint32_t f = 0; f < p_.files.size(); ++f) {
      const FileFacts& file = p_.files[f];
      if (file.thrownVar == kNoVar) continue;
      if (thrown == kNoVar) thrown = p_.newVar("thrown", SourceSite{1, 1, 1, 1}, f);
      VarId local = p_.varBase[f] + file.thrownVar;
      if (file.throws) p_.copies.push_back({thrown, local, false});
      if (file.catches) p_.copies.push_back({local, thrown, false});
    }
    p_.fileImports.resize(p_.files.size());
    for (uint32_t f = 0; f < p_.files.size(); ++f) linkImports(f);
    for (uint32_t f = 0; f < p_.files.size(); ++f) linkImplicitGlobals(f);
    for (uint32_t f = 0; f < p_.files.size(); ++f) linkReexports(f);
    if (in_.manifest) linkEntries();
    return std::move(p_);
  }

 private:
  int resolve(uint32_t from, const std::string& spec) {
    // A package the catalog models is the catalog's, even where the app's folders hold a
    // copy of it with a package.json (a vendored axios): its sinks stay where the app calls them.
    if (!ModuleResolver::isRelative(spec) && in_.catalog) {
      std::string name = ModuleResolver::packageName(canonical(spec));
      auto [it, fresh] = modelled_.try_emplace(name, false);
      if (fresh) it->second = in_.catalog->modelsModule(name);
      if (it->second) return -1;
    }
    int t = in_.resolver->resolve(p_.files[from].path, spec);
    return t >= 0 && in_.localIndex ? (*in_.localIndex)[static_cast<size_t>(t)] : t;
  }
  std::set<std::string> unresolvedSeen_;
  std::map<std::string, bool> modelled_;  // package name -> the catalog models it
  bool hasEsmDefault(uint32_t f) {
    const auto& names = p_.files[f].staticExportNames;
    return std::find(names.begin(), names.end(), "default") != names.end();
  }
  static bool hasExtension(const std::string& spec, const std::vector<std::string>& extensions) {
    size_t dot = spec.rfind('.');
    if (dot == std::string::npos || spec.find('/', dot) != std::string::npos) return false;
    std::string ext = spec.substr(dot);
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return std::find(extensions.begin(), extensions.end(), ext) != extensions.end();
  }
  bool isAsset(const std::string& spec) const {
    return in_.catalog && hasExtension(spec, in_.catalog->assetExtensions);
  }
  bool isUnanalysedCode(const std::string& spec) const {
    return in_.catalog && hasExtension(spec, in_.catalog->unanalysedCodeExtensions);
  }
  std::string canonical(const std::string& spec) {
    return in_.catalog ? in_.catalog->canonicalModule(spec) : spec;
  }

  // Code an import or re-export names that runs unread: "imports '<specifier>', <why>;
  // what it sends is unknown".
  void unread(const std::string& path, const std::string& specifier, SourceSite site,
              const char* why) {
    diags_.push_back({Severity::Warning, "unanalysed-code", path, int(site.line), int(site.column),
                      fmt::format("imports '{}', {}; what it sends is unknown", specifier, why)});
  }

  // A relative specifier that names no analysed file: code that runs unread when the
  // name is a file the scan left out or one not in the checkout, else a note that the
  // values from it are unknown. One per file and specifier, not one per imported name.
  void noteUnresolvedRelative(const std::string& path, const std::string& specifier,
                              SourceSite site) {
    if (!unresolvedSeen_.insert(path + '\n' + specifier).second) return;
    if (isUnanalysedCode(specifier))
      unread(path, specifier, site, "code in a language forge-egress does not analyse");
    else if (in_.resolver->namesUnreadCode(path, specifier))
      unread(path, specifier, site,
             "a file forge-egress did not analyse (not a source file name, or in a folder "
             "the scan leaves out)");
    else if (in_.resolver->namesNothing(path, specifier))
      // Generated code, or a file not committed: what it does at run time is unknown.
      unread(path, specifier, site, "which is not in the checkout (generated or not committed)");
    else
      diags_.push_back(
          {Severity::Note, "unresolved-import", path, int(site.line), int(site.column),
           fmt::format("cannot resolve import '{}'; values from it are unknown", specifier)});
  }

  // `import(`./locales/${lang}.js`)`: the module object of any file the pattern matches
  // (what a bundler's context module holds). One that matches nothing the scan analysed
  // loads code the scan did not read.
  void linkPatternImport(uint32_t f, const ImportFact& imp, VarId target) {
    const std::string& path = p_.files[f].path;
    bool any = false;
    for (int t : in_.resolver->resolvePattern(path, imp.specifier)) {
      int local = in_.localIndex ? (*in_.localIndex)[static_cast<size_t>(t)] : t;
      if (local < 0) continue;
      any = true;
      p_.fileImports[f].push_back(static_cast<uint32_t>(local));
      p_.copies.push_back({target, exportsValue_[static_cast<size_t>(local)], false});
      if (imp.kind == ImportKind::Dynamic) namespaceDefault(static_cast<uint32_t>(local));
    }
    if (any) return;
    diags_.push_back(
        {Severity::Warning, "unanalysed-code", path, int(imp.site.line), int(imp.site.column),
         fmt::format("loads a module whose name is computed at run time ({}), and no file the "
                     "scan analysed (or more than {}) matches '{}'; what it sends is unknown",
                     imp.kind == ImportKind::Dynamic ? "import" : "require",
                     ModuleResolver::kMaxPatternFiles, imp.specifier)});
  }

  // `(await import('./conf.json')).default`, `import * as ns from './cfg.cjs'; ns.default`:
  // the namespace of a CommonJS or JSON module has `module.exports` as its default. The
  // namespace is the exports value itself here, so that value gets a `default` field that
  // holds it (once per module; an ES module's own exports are left as they are).
  void namespaceDefault(uint32_t t) {
    if (!p_.files[t].staticExportNames.empty() || !defaultLinked_.insert(t).second) return;
    VarId x = exportsValue_[t];
    p_.stores.push_back({x, "default", x});
  }
  std::set<uint32_t> defaultLinked_;

  void linkImports(uint32_t f) {
    const FileFacts& file = p_.files[f];
    VarId vb = p_.varBase[f];
    for (const auto& imp : file.imports) {
      VarId target = vb + imp.target;
      if (imp.pattern) {
        linkPatternImport(f, imp, target);
        continue;
      }
      bool relative = ModuleResolver::isRelative(imp.specifier);
      int t = resolve(f, imp.specifier);
      if (t >= 0) {
        p_.fileImports[f].push_back(static_cast<uint32_t>(t));
        VarId x = exportsValue_[t];
        switch (imp.kind) {
          case ImportKind::Named:
            p_.loads.push_back({target, x, imp.name});
            break;
          case ImportKind::Default:
            if (hasEsmDefault(static_cast<uint32_t>(t)))
              p_.loads.push_back({target, x, "default"});
            else
              p_.copies.push_back({target, x, false});
            break;
          default:
            p_.copies.push_back({target, x, false});
            if (imp.kind == ImportKind::Namespace || imp.kind == ImportKind::Dynamic)
              namespaceDefault(static_cast<uint32_t>(t));
            break;
        }
        continue;
      }
      if (relative && isAsset(imp.specifier)) {
        // Served with the app by the bundler: its value is a URL of the app's own files.
        p_.strings.emplace_back(target, imp.specifier);
        continue;
      }
      if (relative) {
        noteUnresolvedRelative(file.path, imp.specifier, imp.site);
        continue;
      }
      if (imp.specifier[0] == '#') {
        // A subpath import is the app's own code (package.json `imports`): one the scan
        // could not map to a file is code that runs unread.
        if (!unresolvedSeen_.insert(file.path + '\n' + imp.specifier).second) continue;
        unread(file.path, imp.specifier, imp.site,
               "a subpath import no package.json `imports` entry maps to a file of the app");
        continue;
      }
      std::string root = canonical(imp.specifier);
      std::string path = imp.kind == ImportKind::Named ? imp.name : "";
      if (imp.kind == ImportKind::Named && imp.name == "default") path = "";
      p_.seeds.push_back({target, root, path, imp.site, f});
    }
  }

  // Globals the catalog says are modules used without an import (`api`): seeded as that
  // module's default export, so the code is analysed as it means to run, with a warning.
  void linkImplicitGlobals(uint32_t f) {
    if (!in_.catalog) return;
    const FileFacts& file = p_.files[f];
    for (const auto& [var, name] : file.globals)
      for (const auto& g : in_.catalog->implicitGlobals) {
        if (g.from != name) continue;
        SourceSite site = file.vars[var].site;
        p_.seeds.push_back({p_.varBase[f] + var, canonical(g.to), "", site, f});
        diags_.push_back(
            {Severity::Warning, "implicit-global", file.path, int(site.line), int(site.column),
             fmt::format("'{}' is used but not imported (a ReferenceError at run time); "
                         "analysed as the default export of '{}'",
                         name, g.to)});
      }
  }

  // Names a file exports, following `export *` (for re-exporting them).
  void exportNames(uint32_t f, std::set<std::string>& out, std::set<uint32_t>& visiting) {
    if (!visiting.insert(f).second) return;
    for (const auto& n : p_.files[f].staticExportNames)
      if (n != "default" && n != "*") out.insert(n);
    for (const auto& r : p_.files[f].reexports) {
      if (r.importedName != "*" || r.exportedName != "*") continue;
      int t = resolve(f, r.specifier);
      if (t >= 0) exportNames(static_cast<uint32_t>(t), out, visiting);
    }
  }

  void linkReexports(uint32_t f) {
    const FileFacts& file = p_.files[f];
    VarId exportsObj = p_.varBase[f] + file.exportsVar;
    for (const auto& r : file.reexports) {
      int t = resolve(f, r.specifier);
      if (t < 0) {
        if (ModuleResolver::isRelative(r.specifier)) {
          // `export … from './x'` runs ./x as an import does.
          if (!isAsset(r.specifier)) noteUnresolvedRelative(file.path, r.specifier, r.site);
          continue;
        }
        VarId v = p_.newVar(r.exportedName, SourceSite{}, f);
        p_.seeds.push_back(
            {v, canonical(r.specifier),
             r.importedName == "*" || r.importedName == "default" ? "" : r.importedName,
             SourceSite{}, f});
        if (r.exportedName != "*") p_.stores.push_back({exportsObj, r.exportedName, v});
        continue;
      }
      p_.fileImports[f].push_back(static_cast<uint32_t>(t));
      VarId x = exportsValue_[t];
      if (r.importedName == "*" && r.exportedName == "*") {
        std::set<std::string> names;
        std::set<uint32_t> visiting;
        exportNames(static_cast<uint32_t>(t), names, visiting);
        for (const auto& n : names) {
          VarId v = p_.newVar(n, SourceSite{}, f);
          p_.loads.push_back({v, x, n});
          p_.stores.push_back({exportsObj, n, v});
        }
      } else if (r.importedName == "*") {
        p_.stores.push_back({exportsObj, r.exportedName, x});
      } else {
        VarId v = p_.newVar(r.exportedName, SourceSite{}, f);
        p_.loads.push_back({v, x, r.importedName});
        p_.stores.push_back({exportsObj, r.exportedName, v});
      }
    }
  }

  int fileIndex(const std::string& path) {
    for (uint32_t i = 0; i < p_.files.size(); ++i)
      if (p_.files[i].path == path) return static_cast<int>(i);
    return -1;
  }

  void linkEntries() {
    const Manifest& m = *in_.manifest;
    std::string srcDir = handlerSourceDir(m);
    std::string base = in_.appDir.empty() ? srcDir : in_.appDir + "/" + srcDir;
    // In a group of a split app, the group that holds the app's first file speaks for
    // handlers no group has.
    bool reportsMissing =
        !in_.localIndex || (!in_.localIndex->empty() && (*in_.localIndex)[0] >= 0);
    for (const auto& fn : m.functions) {
      if (fn.handlerFile.empty()) {
        // No valid handler (the manifest reader said why): the code the platform runs for
        // this function is unknown.
        if (reportsMissing && !fn.key.empty())
          diags_.push_back({Severity::Warning, "handler-missing", m.path, fn.line, 0,
                            fmt::format("function '{}': no valid handler; the code it runs is "
                                        "not analysed",
                                        fn.key)});
        continue;
      }
      int file = -1;
      bool inOtherGroup = false;
      for (const auto& e : kSourceExtensions) {
        std::string path = base + "/" + fn.handlerFile + std::string(e.extension);
        if (in_.localIndex) {
          // The app's choice among its files, then whether this group has it.
          int app = in_.resolver->indexOf(path);
          if (app < 0) continue;
          file = (*in_.localIndex)[static_cast<size_t>(app)];
          inOtherGroup = file < 0;
          break;
        }
        file = fileIndex(path);
        if (file >= 0) break;
      }
      if (inOtherGroup || (file < 0 && !reportsMissing)) continue;
      if (file < 0) {
        diags_.push_back(
            {Severity::Warning, "handler-missing", m.path, fn.line, 0,
             fmt::format(
                 "function '{}': handler file {}/{}.(ts|tsx|js|jsx|mjs|cjs|mts|cts) not found",
                 fn.key, srcDir, fn.handlerFile)});
        continue;
      }
      std::string family = "function";
      bool resolverOnly = false;
      for (const auto& use : m.modules)
        if (use.functionKey == fn.key && use.role == "resolver" && !use.resolverMethod.empty() &&
            entryFamily(use.moduleType) == "consumer")
          p_.queueMethods.push_back(use.resolverMethod);
      for (const auto& use : m.modules) {
        if (use.functionKey != fn.key) continue;
        if (use.role == "resolver")
          resolverOnly = true;
        else {
          family = entryFamily(use.moduleType);
          resolverOnly = false;
          break;
        }
      }
      p_.handlerFiles.push_back(static_cast<uint32_t>(file));
      VarId callee = p_.newVar(fn.key, SourceSite{}, static_cast<uint32_t>(file));
      p_.loads.push_back({callee, exportsValue_[file], fn.handlerExport});
      EntryPoint e;
      e.name = fn.key;
      e.family = resolverOnly ? "resolver" : family;
      e.callee = callee;
      for (int i = 0; i < 2; ++i) {
        VarId pv = p_.newVar(i == 0 ? "payload of " + fn.key : "context of " + fn.key, SourceSite{},
                             static_cast<uint32_t>(file));
        p_.seeds.push_back({pv, "$entry", e.family + ".$p" + std::to_string(i), SourceSite{},
                            static_cast<uint32_t>(file)});
        e.params.push_back(pv);
      }
      p_.entries.push_back(std::move(e));
    }
  }

  LinkInput& in_;
  Diagnostics& diags_;
  AppProgram p_;
  std::vector<VarId> exportsValue_;
};

}  // namespace

AppProgram linkProgram(LinkInput input, Diagnostics& diagnostics) {
  Linker linker(input, diagnostics);
  return linker.run();
}

}  // namespace fe
