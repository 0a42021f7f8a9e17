// The scan pipeline (see scan.h).
#include "pipeline/scan.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "baseline/suppressions.h"
#include "catalog/catalog.h"
#include "discover/app_discovery.h"
#include "flow/egress_sites.h"
#include "flow/linker.h"
#include "index/module_resolver.h"
#include "parse/html_resources.h"
#include "parse/parse_arena.h"
#include "parse/source_parser.h"
#include "pipeline/fingerprint.h"
#include "pipeline/imported_build_output.h"
#include "pipeline/solve_app.h"
#include "pipeline/stylesheets.h"
#include "support/glob.h"
#include "support/parallel.h"
#include "support/text_file.h"
#include "support/url_host.h"

namespace fe {

namespace fs = std::filesystem;

namespace {

struct AppPlan {
  Manifest manifest;
  std::string dir;
  std::vector<size_t> files;               // indices into the parsed file list
  std::vector<std::string> frontendDirs;   // the folder-based guess for files nothing reaches
  std::vector<std::string> frontendFiles;  // UI Kit resource files: frontend entries
  std::vector<std::string> customUiDirs;   // Custom UI projects (or bundles): frontend entries
  std::vector<std::string> excludedDirs;   // Custom UI build output
  std::vector<std::string> htmlFiles;      // Custom UI index.html files
  // The resource key of each UI Kit file and Custom UI folder above, for entry names.
  std::vector<std::pair<std::string, std::string>> resourceKeys;
  // Each of them read and parsed once: its resources, or why it could not be read.
  struct HtmlPageRead {
    std::string path;
    bool unreadable = false;
    std::vector<HtmlResource> resources;
  };
  std::vector<HtmlPageRead> htmlPages;
  std::vector<std::string> incomplete;  // what was meant to be analysed and was not
  bool manifestTruncated = false;       // the YAML node budget stopped the reader
};

// Far above the stylesheets of any page (a few per project, dozens with a component library's
// sources), and a bound on the walk in a repository that vendors thousands.
constexpr size_t kMaxStylesheets = 2000;

std::string dirOf(const std::string& path) {
  return parentDir(path);
}

std::string join(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + "/" + b;
}

bool fileExists(const fs::path& root, const std::string& rel, bool dir) {
  std::error_code ec;
  fs::path p = root / rel;
  return dir ? fs::is_directory(p, ec) : fs::is_regular_file(p, ec);
}

// The source project of a Custom UI build folder: the nearest folder above it, inside the app
// and not the app's own folder, with package.json and src/. Empty when there is none.
std::string customUiProject(const fs::path& root, const AppPlan& plan, const std::string& build) {
  std::string project = dirOf(build);
  while (!project.empty() && isUnder(project, plan.dir)) {
    if (fileExists(root, join(project, "package.json"), false) &&
        fileExists(root, join(project, "src"), true))
      break;
    project = dirOf(project);
  }
  if (!project.empty() && isUnder(project, plan.dir) && project != plan.dir) return project;
  return {};
}

// Frontend folders of an app: UI Kit resource files' folders and Custom UI
// source projects (the folder above the build folder with package.json and src/).
void planFrontend(const fs::path& root, AppPlan& plan, Diagnostics& diags) {
  for (const auto& r : plan.manifest.resources) {
    if (r.path.empty()) continue;
    std::string norm;
    if (!normalisePath(join(plan.dir, r.path), norm) || !isUnder(norm, plan.dir)) {
      // Outside the app's folder: never read (security.md), so its code is not checked.
      diags.push_back({Severity::Warning, "resource-outside", plan.manifest.path, r.line, 0,
                       fmt::format("resource '{}': path {} is outside the app's folder; not read",
                                   r.key, r.path)});
      plan.incomplete.push_back(
          fmt::format("resource '{}' was not analysed ({} is outside the app)", r.key, r.path));
      continue;
    }
    if (!fileExists(root, norm, false) && !fileExists(root, norm, true)) {
      // A Custom UI build folder that is not built (build output is rarely committed): its
      // source project, when there is one, is the app's frontend code, analysed as it is when
      // the build exists (spec 2). Without one (not built, or a typo), nothing is promised.
      Grammar g;
      std::string project =
          grammarForPath(norm, g) ? std::string() : customUiProject(root, plan, norm);
      bool page = false;
      if (!project.empty()) {
        plan.frontendDirs.push_back(project);
        plan.customUiDirs.push_back(project);
        plan.resourceKeys.emplace_back(project, r.key);
        plan.excludedDirs.push_back(norm);
        // The page the build copies: Vite's index.html, create-react-app's public/index.html
        // (their external <script>, <link> and <img> are the built page's).
        for (const char* name : {"index.html", "public/index.html"})
          if (fileExists(root, join(project, name), false)) {
            plan.htmlFiles.push_back(join(project, name));
            page = true;
          }
      }
      if (page) {
        diags.push_back({Severity::Note, "resource-not-built", plan.manifest.path, r.line, 0,
                         fmt::format("resource '{}': {} is not built; its source project {} and "
                                     "the page it builds from are analysed instead",
                                     r.key, norm, project)});
      } else {
        // Not built and no page to build from (or a typo): the page's own tags are unknown.
        diags.push_back(
            {Severity::Warning, "resource-missing", plan.manifest.path, r.line, 0,
             fmt::format("resource '{}': path {} does not exist; not analysed", r.key, norm)});
        plan.incomplete.push_back(
            fmt::format("resource '{}' was not analysed ({} does not exist)", r.key, norm));
      }
      continue;
    }
    Grammar g;
    if (grammarForPath(norm, g)) {
      plan.frontendDirs.push_back(dirOf(norm));
      plan.frontendFiles.push_back(norm);
      plan.resourceKeys.emplace_back(norm, r.key);
      continue;
    }
    // Custom UI: walk up from the build folder to the project.
    if (fileExists(root, join(norm, "index.html"), false)) {
      plan.htmlFiles.push_back(join(norm, "index.html"));
    } else if (fileExists(root, norm, true) &&
               std::any_of(plan.manifest.modules.begin(), plan.manifest.modules.end(),
                           [&](const auto& m) { return m.resource == r.key; })) {
      // A module's Custom UI folder without its page: what the platform serves is unknown.
      // (A folder only used for icons and other assets has no page to have.)
      diags.push_back(
          {Severity::Warning, "resource-missing", plan.manifest.path, r.line, 0,
           fmt::format("resource '{}': {} has no index.html; not analysed", r.key, norm)});
      plan.incomplete.push_back(
          fmt::format("resource '{}' was not analysed ({} has no index.html)", r.key, norm));
    }
    std::string project = customUiProject(root, plan, norm);
    if (!project.empty()) {
      plan.frontendDirs.push_back(project);
      plan.customUiDirs.push_back(project);
      plan.resourceKeys.emplace_back(project, r.key);
      plan.excludedDirs.push_back(norm);
    } else {
      plan.frontendDirs.push_back(norm);  // only the bundle exists
      plan.customUiDirs.push_back(norm);
      plan.resourceKeys.emplace_back(norm, r.key);
    }
  }
}

// The manifest resource whose folder holds a path (the deepest folder wins: a resource
// inside another's project folder), or "".
std::string resourceKeyOf(const AppPlan& plan, const std::string& path) {
  std::string key;
  size_t depth = 0;
  for (const auto& [at, k] : plan.resourceKeys)
    if ((path == at || isUnder(path, at)) && (key.empty() || at.size() > depth)) {
      key = k;
      depth = at.size();
    }
  return key;
}

// External <script>, <link>, <img>, <iframe> references of a built Custom UI page; they load
// for the resource whose page it is (`entry`, or none).
void addHtmlResources(const AppPlan::HtmlPageRead& page, const std::string& entry,
                      FlowFindings& flow, Diagnostics& diags,
                      std::vector<std::string>& incomplete) {
  const std::string& html = page.path;
  if (page.unreadable) {
    bool sheet = html.size() > 4 && html.compare(html.size() - 4, 4, ".css") == 0;
    diags.push_back(
        {Severity::Warning, "unreadable", html, 0, 0,
         sheet ? "cannot read this stylesheet; its @import and url() references are not analysed"
               : "cannot read or parse this page; its scripts and resources are not analysed"});
    incomplete.push_back(
        fmt::format("{} was not analysed (unreadable {})", html, sheet ? "stylesheet" : "page"));
    return;
  }
  for (const auto& r : page.resources) {
    AbstractString url;
    url.kind = StringKind::Exact;
    url.text = r.url;
    std::string protocol;
    auto host = hostOf(url, &protocol);
    if (!host) continue;  // relative: the app's own files
    EgressSite e;
    e.file = html;
    e.site.line = static_cast<uint32_t>(r.line);
    e.site.column = static_cast<uint32_t>(r.column);
    e.site.endLine = e.site.line;
    e.site.endColumn = e.site.column;
    e.api = r.tag == "@import" || r.tag == "url()" ? r.tag : "<" + r.tag + ">";
    e.kind = SinkKind::Resource;
    e.side = SourceSide::Frontend;
    e.resourceList = r.list;
    e.host = host;
    e.protocol = protocol;
    e.url = r.url.rfind("//", 0) == 0 ? "https:" + r.url : r.url;
    e.matchUrl = normalisedUrl(e.url);
    e.hostSource = "literal";
    e.function = html.substr(html.rfind('/') + 1);  // the page or stylesheet
    e.calleeText = e.api + r.url;
    if (!entry.empty()) e.entryPoints.push_back(entry);
    flow.egress.push_back(std::move(e));
  }
}

// Egress the manifest itself declares: modules whose code is a Forge Remote
// endpoint (the platform sends the module's data to the remote), and Connect
// modules served from app.connect.remote.
void addManifestEgress(const Manifest& m, FlowFindings& flow) {
  auto remoteSite = [&](const std::string& remoteKey, int line, const std::string& api,
                        uint8_t data, const std::string& what) {
    EgressSite e;
    e.file = m.path;
    e.site.line = static_cast<uint32_t>(line);
    e.site.column = 1;
    e.site.endLine = e.site.line;
    e.site.endColumn = 1;
    e.api = api;
    e.kind = SinkKind::Remote;
    e.side = SourceSide::Backend;
    e.remoteKey = remoteKey;
    e.hostSource = "manifest";
    e.function = what;
    e.calleeText = api + ":" + what;
    e.data = data;
    setRemoteDestination(m, remoteKey, e);
    if (data)
      e.path.push_back({m.path, line,
                        "the platform sends the module's " + categoryNames(data).front() +
                            " to remote " + remoteKey});
    flow.egress.push_back(std::move(e));
  };
  for (const auto& use : m.modules) {
    if (use.role != "endpoint" || use.endpointKey.empty()) continue;
    const ManifestEndpoint* endpoint = nullptr;
    for (const auto& ep : m.endpoints)
      if (ep.key == use.endpointKey) endpoint = &ep;
    if (!endpoint || endpoint->remote.empty()) continue;
    uint8_t data = 0;
    std::string family = entryFamily(use.moduleType);
    if (family == "trigger" || family == "consumer")
      data = kEventData;
    else if (family == "scheduledTrigger")
      data = kInstallContext;  // a schedule fires with the installation's context, no input
    else if (family == "webtrigger")
      data = kWebtriggerRequest;
    else if (!use.resource.empty() || use.functionKey.empty())
      data = kUserInput | kInstallContext;
    remoteSite(endpoint->remote, use.line, use.moduleType + " endpoint", data, use.key);
  }
  if (m.hasConnectModules && !m.connectRemote.empty())
    remoteSite(m.connectRemote, m.connectModulesLine, "connectModules",
               kUserIdentity | kInstallContext, "connectModules");
}

}  // namespace

namespace {
Diagnostic inputErrorAt(const std::string& path, std::string message) {
  Diagnostic d;
  d.code = "input-error";
  d.file = path;
  d.message = std::move(message);
  return d;
}
}  // namespace

ScanResult runScan(const ScanOptions& options) {
  ScanResult result;
  result.root = options.root;
  std::error_code ec;
  fs::path root = fs::path(options.root);
  if (!fs::exists(root, ec)) {
    result.inputError = inputErrorAt(options.root, "no such file or directory");
    return result;
  }
  if (!fs::is_directory(root, ec)) {
    if (root.filename() == "manifest.yml")
      root = root.parent_path().empty() ? fs::path(".") : root.parent_path();
    else {
      result.inputError = inputErrorAt(options.root, "not a directory");
      return result;
    }
  }
  Diagnostics diags;
  DiscoveredTree tree = discoverTree(root, DiscoveryLimits{}, diags);
  auto ignored = [&](const std::string& rel) {
    for (const auto& g : options.ignore)
      if (pathIgnored(g, rel)) return true;
    return false;
  };
  if (!options.ignore.empty()) {
    tree.manifests.erase(std::remove_if(tree.manifests.begin(), tree.manifests.end(), ignored),
                         tree.manifests.end());
    tree.sources.erase(std::remove_if(tree.sources.begin(), tree.sources.end(),
                                      [&](const SourceFileRef& s) { return ignored(s.path); }),
                       tree.sources.end());
  }
  auto readRel = [&](const std::string& rel, std::string& out) {
    fs::path p = root / rel;
    if (!insideRoot(root, p)) return false;
    return readTextFile(p, options.maxManifestBytes, out) == ReadStatus::Ok;
  };

  // ---- manifests
  std::vector<AppPlan> plans;
  for (const auto& m : tree.manifests) {
    std::string text;
    ReadStatus st = readTextFile(root / m, options.maxManifestBytes, text);
    if (st == ReadStatus::TooLarge) {
      diags.push_back(
          {Severity::Error, "manifest-limit", m, 0, 0,
           fmt::format("manifest larger than {} bytes; not read", options.maxManifestBytes)});
      result.failedApps.push_back(m + ": manifest too large");
      continue;
    }
    if (st != ReadStatus::Ok) {
      std::string why = st == ReadStatus::Missing ? "cannot read manifest.yml"
                                                  : "cannot read manifest.yml (permission denied?)";
      diags.push_back({Severity::Error, "manifest-read", m, 0, 0, why});
      result.failedApps.push_back(m + ": " + why);
      continue;
    }
    if (!looksLikeForgeManifest(text)) continue;
    Diagnostics md;
    auto manifest = readManifest(text, m, md);
    for (auto& d : md) diags.push_back(d);
    if (!manifest) {
      for (auto& d : md)
        if (d.severity == Severity::Error) {
          result.failedApps.push_back(
              fmt::format("{}:{}:{}: {}", d.file, d.line, d.column, d.message));
          break;
        }
      continue;
    }
    AppPlan plan;
    for (const auto& d : md)
      plan.manifestTruncated = plan.manifestTruncated || d.code == "manifest-limit";
    plan.manifest = std::move(*manifest);
    plan.manifest.path = m;
    plan.dir = dirOf(m);
    planFrontend(root, plan, diags);
    plans.push_back(std::move(plan));
  }
  if (plans.empty()) {
    result.inputError =
        !result.failedApps.empty()
            ? inputErrorAt("", result.failedApps.front())
            : inputErrorAt(options.root,
                           "no Forge app found (no manifest.yml with a top-level app: key)");
    std::stable_sort(diags.begin(), diags.end());
    result.diagnostics = std::move(diags);
    return result;
  }

  // ---- directories that could not be read: their app cannot be promised
  // anything (an unreadable folder above every app may hide a whole app).
  for (const auto& d : diags) {
    if (d.code != "unreadable") continue;
    std::string reason =
        fmt::format("{} could not be read ({})", d.file.empty() ? "." : d.file, d.message);
    int best = -1;
    for (size_t a = 0; a < plans.size(); ++a)
      if (isUnder(d.file, plans[a].dir) &&
          (best < 0 || plans[a].dir.size() > plans[static_cast<size_t>(best)].dir.size()))
        best = static_cast<int>(a);
    if (best >= 0)
      plans[static_cast<size_t>(best)].incomplete.push_back(reason);
    else
      for (auto& plan : plans) plan.incomplete.push_back(reason);
  }

  // ---- which files belong to which app (the deepest app folder wins)
  std::vector<std::string> appDirs;
  for (const auto& p : plans) appDirs.push_back(p.dir);
  std::vector<FileFacts> parsed(tree.sources.size());
  std::vector<int> owner(tree.sources.size(), -1);
  std::vector<int> builtOwner(tree.sources.size(), -1);  // build output, by app
  for (size_t i = 0; i < tree.sources.size(); ++i) {
    const auto& src = tree.sources[i];
    int best = -1;
    for (size_t a = 0; a < plans.size(); ++a)
      if (isUnder(src.path, plans[a].dir) &&
          (best < 0 || plans[a].dir.size() > plans[best].dir.size()))
        best = static_cast<int>(a);
    if (best < 0) continue;
    const AppPlan& plan = plans[best];
    bool excluded = false;  // a Custom UI build folder whose source project is analysed
    for (const auto& ex : plan.excludedDirs) excluded = excluded || isUnder(src.path, ex);
    bool frontend = false;
    for (const auto& fd : plan.frontendDirs) frontend = frontend || isUnder(src.path, fd);
    // Build output is the frontend's code when it sits in a frontend folder; elsewhere it
    // is analysed only when the app's code imports it (after the first parse, below), as
    // a .json file is (`import config from './config.json'`: the URLs it holds).
    if (excluded) continue;
    parsed[i].path = src.path;
    parsed[i].side = frontend ? SourceSide::Frontend : SourceSide::Backend;
    // The manifest's own package folder (`app.package.path: dist` of a manual bundler) is the
    // code the platform runs, whatever its name.
    bool packaged = !plan.manifest.packagePath.empty() &&
                    isUnder(src.path, join(plan.dir, handlerSourceDir(plan.manifest))) &&
                    handlerSourceDir(plan.manifest) == plan.manifest.packagePath;
    if ((src.inBuildOutput && !frontend && !packaged) || src.data) {
      builtOwner[i] = best;  // analysed only if the app's code imports it (below)
      continue;
    }
    owner[i] = best;
  }
  // Custom UI pages, read and parsed once: their resources for the egress of the app, and
  // their inline <script> code as one more frontend file per page, the page blanked outside
  // its scripts so that lines and columns are the page's own.
  std::vector<std::string> inlineScripts(parsed.size());
  for (size_t a = 0; a < plans.size(); ++a)
    for (const auto& html : plans[a].htmlFiles) {
      std::string text;
      if (!insideRoot(root, root / html)) continue;
      ReadStatus st = readTextFile(root / html, options.maxFileBytes, text);
      if (st != ReadStatus::Ok) {
        if (st != ReadStatus::Missing) plans[a].htmlPages.push_back({html, true, {}});
        continue;
      }
      HtmlPage page = readHtmlPage(text);
      if (!page.parsed) {
        plans[a].htmlPages.push_back({html, true, {}});
        continue;
      }
      plans[a].htmlPages.push_back({html, false, std::move(page.resources)});
      std::string script = std::move(page.script);
      if (script.empty()) continue;
      FileFacts facts;
      facts.path = html;
      facts.side = SourceSide::Frontend;
      parsed.push_back(std::move(facts));
      owner.push_back(static_cast<int>(a));
      inlineScripts.push_back(std::move(script));
    }

  // Their stylesheets: `@import` and `url(…)` in every .css file of a Custom UI project or
  // bundle folder. One the tool cannot read is a part of the page that was not analysed.
  for (auto& plan : plans) {
    std::vector<std::string> dirs = plan.customUiDirs;
    for (const auto& html : plan.htmlFiles) dirs.push_back(dirOf(html));
    if (dirs.empty()) continue;
    StylesheetList sheets = findStylesheets(root, dirs, kMaxStylesheets);
    if (sheets.truncated)
      plan.incomplete.push_back(fmt::format(
          "some stylesheets of the Custom UI folders were not read (more than {}, or nested deeper "
          "than 32 folders)",
          kMaxStylesheets));
    for (const auto& css : sheets.files) {
      std::string text;
      if (!insideRoot(root, root / css)) continue;
      ReadStatus st = readTextFile(root / css, options.maxFileBytes, text);
      if (st != ReadStatus::Ok) {
        plan.htmlPages.push_back({css, true, {}});
        continue;
      }
      plan.htmlPages.push_back({css, false, scanCssResources(text)});
    }
  }

  // ---- parse and extract, in parallel; trees are freed per file
  int jobs = options.jobs > 0 ? options.jobs
                              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::string> skipped(parsed.size());
  ParseOptions po;
  po.extract.maxDepth = options.maxDepth;
  auto parseStart = std::chrono::steady_clock::now();
  // Largest first: a 9 MB bundle started last would leave the other cores idle
  // while it parses (longest-processing-time-first scheduling). Each file fills
  // its own slot, so the order does not change the output.
  std::vector<size_t> parseOrder(parsed.size());
  for (size_t i = 0; i < parsed.size(); ++i) parseOrder[i] = i;
  auto sizeOf = [&](size_t i) -> uint64_t {
    if (i >= tree.sources.size()) return inlineScripts[i].size();
    return tree.sources[i].bytes;
  };
  // A file the parser gave up on was meant to be analysed and was not: the verdict says so.
  auto noteUnparsed = [&](size_t i) {
    if (parsed[i].parsed) return;
    bool budget = std::any_of(parsed[i].diagnostics.begin(), parsed[i].diagnostics.end(),
                              [](const Diagnostic& d) { return d.code == "parse-budget"; });
    skipped[i] = fmt::format(
        "{} was not analysed ({})", parsed[i].path,
        budget ? "the parser's error recovery ran past its budget" : "it could not be parsed");
  };
  // A parse tree takes about 25 bytes per byte of source (a 9 MB bundle: 225 MB), all
  // of it fresh memory the kernel must zero: at most this much source is parsed at once
  // unless one file is larger, so two huge bundles parse one after the other, on the
  // same pages (parse_arena.cpp), while the other cores take the small files.
  constexpr uint64_t kSourceInFlight = uint64_t{8} << 20;
  auto parseFiles = [&](std::vector<size_t> order) {
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return sizeOf(a) > sizeOf(b); });
    auto weight = [&](size_t k) { return sizeOf(order[k]); };
    parallelForBounded(order.size(), jobs, weight, kSourceInFlight, [&](size_t k) {
      size_t i = order[k];
      if (owner[i] < 0) return;
      FileFacts& facts = parsed[i];
      if (!inlineScripts[i].empty()) {
        ParseOptions inlinePo = po;
        inlinePo.grammar = Grammar::JavaScript;
        parseSourceFile(inlineScripts[i], inlinePo, facts);
        noteUnparsed(i);
        return;
      }
      std::string text;
      ReadStatus st = readTextFile(root / facts.path, options.maxFileBytes, text);
      switch (st) {
        case ReadStatus::Ok:
          if (i < tree.sources.size() && tree.sources[i].data) {
            parseJsonModule(text, po, facts);
            noteUnparsed(i);
            break;
          }
          parseSourceFile(text, po, facts);
          noteUnparsed(i);
          break;
        case ReadStatus::TooLarge:
          facts.diagnostics.push_back(
              {Severity::Warning, "file-too-large", facts.path, 0, 0,
               fmt::format("larger than --max-file-size ({} bytes); not analysed",
                           options.maxFileBytes)});
          skipped[i] = fmt::format("{} was not analysed (too large)", facts.path);
          break;
        case ReadStatus::Binary:
          facts.diagnostics.push_back({Severity::Warning, "binary-file", facts.path, 0, 0,
                                       "binary content in a source file; not analysed"});
          skipped[i] = fmt::format("{} was not analysed (binary content)", facts.path);
          break;
        default:
          facts.diagnostics.push_back(
              {Severity::Warning, "unreadable", facts.path, 0, 0, "cannot read the file"});
          skipped[i] = fmt::format("{} could not be read", facts.path);
          break;
      }
    });
  };
  parseFiles(parseOrder);
  // Build output that the analysed code imports is analysed too, to a fixpoint (each file
  // at most once: a round only returns files no earlier round did).
  ImportedBuildOutput buildOutput(parsed, owner, builtOwner, readRel);
  for (std::vector<size_t> round = parseOrder;;) {
    round = buildOutput.next(parsed, owner, round);
    if (round.empty()) break;
    for (size_t i : round) {
      owner[i] = builtOwner[i];
      builtOwner[i] = -1;
    }
    parseFiles(round);
  }
  releaseParseArenaPool();  // the trees' pages wait for no more files

  if (std::getenv("FORGE_EGRESS_TIMING")) {
    uint64_t files = 0, bytes = 0;
    for (size_t i = 0; i < parsed.size(); ++i)
      if (owner[i] >= 0 && parsed[i].parsed) {
        ++files;
        bytes += parsed[i].bytes;
      }
    fmt::print(stderr, "timing: parse+extract {} ms ({} files, {} bytes analysed)\n",
               std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - parseStart)
                   .count(),
               files, bytes);
  }
  // For bench/run.sh: the files this scan parsed, so tree-sitter's parse-only time of the
  // same files (the floor of any scan that reads them) can be set beside the scan's.
  if (const char* listPath = std::getenv("FORGE_EGRESS_ANALYSED_LIST")) {
    if (std::FILE* list = std::fopen(listPath, "w")) {
      for (size_t i = 0; i < parsed.size() && i < tree.sources.size(); ++i)
        if (owner[i] >= 0 && parsed[i].parsed) fmt::print(list, "{}\n", parsed[i].path);
      std::fclose(list);
    }
  }
  // ---- per app: link, solve, collect, rules. Apps are independent: they run on
  // the worker pool (a monorepo uses both cores), each writing its own slot, and
  // are merged in manifest order, so the output does not depend on timing.
  const Catalog& catalog = options.catalog ? *options.catalog : builtinCatalog();
  struct AppSlot {
    AppReport report;
    Diagnostics diags;
    uint32_t filesParsed = 0;
    uint64_t bytesParsed = 0;
  };
  std::vector<AppSlot> slots(plans.size());
  parallelFor(plans.size(), jobs, [&](size_t a) {
    AppPlan& plan = plans[a];
    AppSlot& slot = slots[a];
    AppReport& report = slot.report;
    Diagnostics& diags = slot.diags;
    std::vector<FileFacts> files;
    std::vector<std::string> paths;
    for (size_t i = 0; i < parsed.size(); ++i) {
      if (owner[i] != static_cast<int>(a)) continue;
      bool tooDeep = false;  // this file's own diagnostics only: no quadratic scan over all of them
      for (auto& d : parsed[i].diagnostics) {
        tooDeep = tooDeep || d.code == "nesting-limit";
        diags.push_back(d);
      }
      parsed[i].diagnostics.clear();
      if (!skipped[i].empty()) report.incomplete.push_back(skipped[i]);
      if (tooDeep)
        report.incomplete.push_back(
            fmt::format("{} is nested too deeply to analyse fully", parsed[i].path));
      if (parsed[i].firstUnparsedLine)
        report.incomplete.push_back(fmt::format(
            "{}:{} has a syntax error; the code the parser could not read there is not analysed",
            parsed[i].path, parsed[i].firstUnparsedLine));
      if (parsed[i].parsed) {
        ++slot.filesParsed;
        slot.bytesParsed += parsed[i].bytes;
      }
      report.functions += parsed[i].functionCount();
      paths.push_back(parsed[i].path);
      for (const auto& sup : parsed[i].suppressions)
        report.suppressions.push_back({parsed[i].path, sup.line, sup.ruleId, sup.reason});
      files.push_back(std::move(parsed[i]));
    }
    report.files = static_cast<uint32_t>(files.size());
    if (plan.manifestTruncated)
      report.incomplete.push_back(
          fmt::format("{} was not read in full (YAML node budget)", plan.manifest.path));
    for (auto& r : plan.incomplete) report.incomplete.push_back(std::move(r));
    ModuleResolver resolver(paths, readRel, [&](const std::string& rel) {
      fs::path p = root / rel;
      std::error_code ec;
      return insideRoot(root, p) && fs::is_regular_file(p, ec);
    });
    AppSolveInput in;
    in.files = std::move(files);
    in.resolver = &resolver;
    in.manifest = &plan.manifest;
    in.dir = plan.dir;
    in.catalog = &catalog;
    in.budget = options.budget;
    in.partition = options.partition;
    in.policy.authorizationFunctions = options.authorizationFunctions;
    in.frontendRoot = [&plan](const std::string& path) {
      for (const auto& file : plan.frontendFiles)
        if (path == file) return true;
      for (const auto& dir : plan.customUiDirs)
        if (isUnder(path, dir)) return true;
      for (const auto& html : plan.htmlFiles)
        if (path == html) return true;
      return false;
    };
    in.resourceOf = [&plan](const std::string& path) { return resourceKeyOf(plan, path); };
    // Realms: each frontend folder is a page; the manifest's handlers are one more, so
    // handlers that share no import are still solved together (globalThis in one runtime).
    std::set<std::string> handlerPaths;
    std::string handlerBase = join(plan.dir, handlerSourceDir(plan.manifest));
    for (const auto& fn : plan.manifest.functions)
      if (!fn.handlerFile.empty())
        for (const auto& e : kSourceExtensions)
          handlerPaths.insert(handlerBase + "/" + fn.handlerFile + std::string(e.extension));
    in.realmOf = [&plan, &handlerPaths](const std::string& path) {
      if (handlerPaths.count(path)) return static_cast<int>(plan.frontendDirs.size());
      for (size_t d = 0; d < plan.frontendDirs.size(); ++d)
        if (isUnder(path, plan.frontendDirs[d])) return static_cast<int>(d);
      return -1;
    };
    // Apps already share the pool; one app alone gives its groups every thread.
    in.jobs = plans.size() == 1 ? jobs : 1;
    size_t diagsBefore = diags.size();
    auto t0 = std::chrono::steady_clock::now();
    AppSolveResult solved = solveApp(std::move(in), diags);
    // A handler the manifest names but whose file was not analysed: the code the
    // platform runs is unknown, so the verdict cannot be clean.
    for (size_t d = diagsBefore; d < diags.size(); ++d) {
      if (diags[d].code == "handler-missing")
        report.incomplete.push_back(
            fmt::format("{} (line {}){}", diags[d].message, diags[d].line,
                        options.ignore.empty() ? "" : "; excluded by `ignore` or missing"));
      // Code the app runs that the tool cannot read: no clean verdict either.
      if (diags[d].code == "unanalysed-code" || diags[d].code == "unmodelled-package" ||
          diags[d].code == "summarised-sink")
        report.incomplete.push_back(
            fmt::format("{}:{} {}", diags[d].file, diags[d].line, diags[d].message));
    }
    for (auto& d : resolver.takeDiagnostics()) diags.push_back(d);
    report.stats = solved.stats;
    if (report.stats.budgetHit) {
      report.incomplete.push_back("the analysis budget was hit (" + report.stats.budgetWhat + ")");
      diags.push_back(
          {Severity::Warning, "budget", plan.manifest.path, 0, 0,
           "analysis budget hit (" + report.stats.budgetWhat + "): results may be incomplete"});
    }
    FlowFindings flow = std::move(solved.flow);
    for (const auto& page : plan.htmlPages) {
      std::string key = resourceKeyOf(plan, page.path);
      addHtmlResources(page, key.empty() ? "" : "resource:" + key, flow, diags, report.incomplete);
    }
    addManifestEgress(plan.manifest, flow);
    report.verdict = applyRules(plan.manifest, std::move(flow), options.rules, catalog);
    report.manifest = std::move(plan.manifest);
    report.dir = plan.dir;
    std::sort(report.incomplete.begin(), report.incomplete.end());
    report.incomplete.erase(std::unique(report.incomplete.begin(), report.incomplete.end()),
                            report.incomplete.end());
    assignFingerprints(report);
    applySuppressions(report, options.allow, diags);
    if (std::getenv("FORGE_EGRESS_TIMING"))
      fmt::print(stderr, "timing: link, solve, egress sites, policy and rules {} ms\n",
                 std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - t0)
                     .count());
  });
  for (auto& slot : slots) {
    for (auto& d : slot.diags) diags.push_back(std::move(d));
    result.filesParsed += slot.filesParsed;
    result.bytesParsed += slot.bytesParsed;
    result.apps.push_back(std::move(slot.report));
  }
  std::stable_sort(diags.begin(), diags.end());
  diags.erase(
      std::unique(diags.begin(), diags.end(),
                  [](const Diagnostic& x, const Diagnostic& y) { return !(x < y) && !(y < x); }),
      diags.end());
  result.diagnostics = std::move(diags);
  return result;
}

}  // namespace fe
