// Egress sites from the solver's results (see egress_sites.h).
#include "flow/egress_sites.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "flow/caller_split.h"
#include "flow/entry_reach.h"
#include "flow/witness.h"
#include "support/url_host.h"

namespace fe {

namespace {

bool isAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

const char* originName(StringOrigin o) {
  switch (o) {
    case StringOrigin::Env:
      return "env";
    case StringOrigin::Storage:
      return "storage";
    case StringOrigin::UserInput:
      return "user-input";
    case StringOrigin::Webtrigger:
      return "user-input";
    case StringOrigin::Parameter:
      return "parameter";
    case StringOrigin::Site:
      return "site";
    default:
      return "unknown";
  }
}

std::string display(const AbstractString& s) {
  switch (s.kind) {
    case StringKind::Exact:
      return s.text;
    case StringKind::Prefix:
      return s.text + "{…}" + s.tail + (s.tailClosed ? "{…}" : "");
    case StringKind::Unknown:
      if (s.origin == StringOrigin::Env) return "{process.env." + s.detail + "}";
      return std::string("{") + originName(s.origin) + (s.detail.empty() ? "" : " " + s.detail) +
             "}";
  }
  return "{…}";
}

bool isAbsolute(const AbstractString& s) {
  if (s.kind == StringKind::Unknown) return false;
  const std::string& t = s.text;
  if (t.rfind("//", 0) == 0) return true;
  size_t i = 0;
  while (i < t.size() &&
         (isAlpha(t[i]) || (i > 0 && (t[i] == '+' || t[i] == '-' || t[i] == '.' ||
                                      std::isdigit(static_cast<unsigned char>(t[i]))))))
    ++i;
  return i > 0 && i + 2 < t.size() + 1 && t.compare(i, 3, "://") == 0;
}

struct Candidate {
  std::optional<std::string> host;
  std::string protocol;
  std::string url;
  std::string source;  // hostSource
  std::string detail;
  std::string matchUrl;
  bool relative = false;          // a path such as "/api/x": the page's own origin
  bool anyUrl = false;            // customer data may be the whole URL: reported beside known hosts
  bool hostlessConstant = false;  // an exact text with no host in it (see EgressSite)
};

}  // namespace

bool setRemoteDestination(const Manifest& manifest, const std::string& remoteKey,
                          EgressSite& site) {
  const ManifestRemote* remote = manifest.findRemote(remoteKey);
  if (!remote || remote->baseUrl.empty()) {
    site.url = "{remote " + remoteKey + "}";
    return false;
  }
  AbstractString base;
  base.kind = StringKind::Exact;
  base.text = remote->baseUrl;
  std::string protocol;
  site.host = hostOf(base, &protocol);
  site.protocol = protocol;
  site.url = remote->baseUrl;
  site.matchUrl = remote->baseUrl;
  return true;
}

// The destination host as Node resolves it (support/url_host.h), with a
// non-default port as ":port". A prefix counts when its authority ends inside
// it, or when it ends like a full name (a dot and a top-level label, or a port).
std::optional<std::string> hostOf(const AbstractString& s, std::string* protocol) {
  if (s.kind == StringKind::Unknown) return std::nullopt;
  const std::string& t = s.text;
  std::optional<UrlDestination> d = parseUrlDestination(t, s.kind == StringKind::Exact);
  if (!d && s.kind != StringKind::Exact) {
    size_t colon = t.find("://");
    std::string rest = t.rfind("//", 0) == 0        ? t.substr(2)
                       : colon == std::string::npos ? std::string()
                                                    : t.substr(colon + 3);
    size_t dot = rest.rfind('.');
    size_t colonPort = rest.rfind(':');
    bool tld = dot != std::string::npos && rest.size() - dot > 2;
    for (size_t i = dot == std::string::npos ? rest.size() : dot + 1; i < rest.size(); ++i)
      tld = tld && isAlpha(rest[i]);
    bool port = colonPort != std::string::npos && colonPort + 1 < rest.size();
    if (!rest.empty() && (tld || port)) d = parseUrlDestination(t, true);
  }
  if (!d) return std::nullopt;
  if (d->host.find_first_of(" {}$`") != std::string::npos) return std::nullopt;
  if (protocol) *protocol = d->scheme + ":";
  return d->port.empty() ? d->host : d->host + ":" + d->port;
}

namespace {

class Collector {
 public:
  Collector(const FlowSolver& s, const Manifest& m) : s_(s), p_(s.program()), m_(m) { reach(); }

  FlowFindings run() {
    FlowFindings out;
    std::set<std::pair<uint32_t, uint32_t>> seen;
    std::vector<SinkHit> hits = s_.sinkHits();
    // Stable sorts throughout: ties keep the solver's order, so the output is the same
    // with every standard library (libstdc++ natively, libc++ in the WebAssembly build).
    std::stable_sort(hits.begin(), hits.end(), [](const SinkHit& a, const SinkHit& b) {
      return std::tie(a.call, a.sink, a.token) < std::tie(b.call, b.sink, b.token);
    });
    std::map<uint32_t, std::vector<size_t>> sitesByCall;
    for (size_t h = 0; h < hits.size();) {
      const SinkHit& hit = hits[h];
      // Hits of one call and sink differ by the library value called: `(cond ? a : b).post(…)`
      // with two axios instances, each made with its own baseURL. Each value's hosts count.
      size_t end = h + 1;
      while (end < hits.size() && hits[end].call == hit.call && hits[end].sink == hit.sink) ++end;
      std::vector<SinkHit> group(hits.begin() + h,
                                 hits.begin() + std::min(end, h + kMaxValuesPerSite));
      h = end;
      if (!seen.insert({hit.call, hit.sink}).second) continue;
      const SinkModel& model = s_.catalog().sinks[hit.sink];
      if (model.local) continue;
      if (model.kind == SinkKind::Log) {
        out.logs.push_back(logSite(hit, model));
        continue;
      }
      std::vector<EgressSite> sites;
      for (const SinkHit& one : group) mergeSites(sites, egressSites(one, model));
      // Attachments find a site by the call that made the object they are called on: the
      // sink call itself (`https.request(…)` then `req.write(body)`), or the call that made the
      // sink's receiver (`new XMLHttpRequest()` then `xhr.open(…)` and `xhr.send(body)`).
      std::vector<uint32_t> madeBy;
      for (const SinkHit& one : group)
        if (uint32_t m = s_.originCall(one.token, 1); m != kNone && m != hit.call)
          madeBy.push_back(m);
      std::sort(madeBy.begin(), madeBy.end());
      madeBy.erase(std::unique(madeBy.begin(), madeBy.end()), madeBy.end());
      for (auto& site : sites) {
        sitesByCall[hit.call].push_back(out.egress.size());
        for (uint32_t m : madeBy) sitesByCall[m].push_back(out.egress.size());
        out.egress.push_back(std::move(site));
      }
    }
    // Data added later to a request (req.write(body)).
    for (const auto& a : s_.attachHits()) {
      const AttachModel& model = s_.catalog().attachments[a.attachment];
      // A fluent chain (`request.post(url).set(k, v).send(body)`): the calls between the
      // request and this one return the same request, so the data belongs to the nearest
      // call up the chain that is an egress site.
      auto it = sitesByCall.end();
      for (int depth = model.originDepth; depth < model.originDepth + 16; ++depth) {
        uint32_t origin = s_.originCall(a.token, depth);
        if (origin == kNone) break;
        it = sitesByCall.find(origin);
        if (it != sitesByCall.end()) break;
      }
      if (it == sitesByCall.end()) continue;
      std::vector<VarId> vars;
      for (const auto& r : model.data)
        for (VarId v : s_.resolveRef(r, a.call, a.token)) vars.push_back(v);
      for (size_t idx : it->second) addData(out.egress[idx], vars);
    }
    // Frontend elements that load URLs (UI Kit <Image src>, <img>, <iframe>).
    for (uint32_t f = 0; f < p_.files.size(); ++f) {
      const FileFacts& file = p_.files[f];
      if (file.side == SourceSide::Backend) continue;
      for (const auto& j : file.jsxUrls) {
        const JsxResource* res = nullptr;
        for (const auto& r : s_.catalog().jsxResources)
          if (r.element == j.element && r.attribute == j.attribute) res = &r;
        if (!res) continue;
        if (auto site = jsxSite(f, j, *res)) out.egress.push_back(std::move(*site));
      }
    }
    // Elements made in code whose URL the browser loads: `new Image().src = url` (a tracking
    // pixel), `document.createElement('script').src = url`.
    for (uint32_t f = 0; f < p_.files.size(); ++f) {
      const FileFacts& file = p_.files[f];
      if (file.side == SourceSide::Backend) continue;
      for (const auto& pu : file.propertyUrls)
        for (const std::string& tag : elementTags(p_.varBase[f] + pu.base))
          for (const auto& res : s_.catalog().jsxResources) {
            if (res.element != tag || res.attribute != pu.attribute) continue;
            JsxUrlFact j{tag, pu.attribute, pu.value, pu.site, pu.enclosingFunction};
            if (auto site = jsxSite(f, j, res)) out.egress.push_back(std::move(*site));
          }
    }
    std::stable_sort(out.egress.begin(), out.egress.end(),
                     [](const EgressSite& a, const EgressSite& b) {
                       return std::tie(a.file, a.site.line, a.site.column, a.host, a.api) <
                              std::tie(b.file, b.site.line, b.site.column, b.host, b.api);
                     });
    std::stable_sort(out.logs.begin(), out.logs.end(), [](const LogSite& a, const LogSite& b) {
      return std::tie(a.file, a.site.line, a.site.column) <
             std::tie(b.file, b.site.line, b.site.column);
    });
    return out;
  }

 private:
  // Library values one sink call may be made on whose sites are computed (each: hosts from its
  // own configuration); beyond that, generic library code, the first ones stand for the rest.
  static constexpr size_t kMaxValuesPerSite = 16;

  void reach() { reachedBy_ = entriesReaching(s_); }

  // Adds one library value's sites of a call to those of the values before it: one site per
  // destination, with the data of every value that goes there. An unknown host stays beside
  // known ones unless a constant without a host made it, as within one value.
  static void mergeSites(std::vector<EgressSite>& into, std::vector<EgressSite> more) {
    auto key = [](const EgressSite& e) { return e.host ? "h:" + *e.host : "u:" + e.hostSource; };
    for (auto& site : more) {
      auto same = std::find_if(into.begin(), into.end(),
                               [&](const EgressSite& e) { return key(e) == key(site); });
      if (same == into.end()) {
        into.push_back(std::move(site));
        continue;
      }
      if (same->path.empty()) same->path = site.path;
      same->data |= site.data;
      same->urlData |= site.urlData;
      same->urlFromData = same->urlFromData || site.urlFromData;
      same->hostlessConstant = same->hostlessConstant && site.hostlessConstant;
    }
    dropHostlessConstants(into);
  }

  // A row may name several places for the URL (`url: [origin.arg0, origin.origin.arg0]`, one
  // per call shape): once one gives a host, a constant text with no host from another
  // (`from('table')`) is that other shape's value, not a destination. An unknown host from a
  // value the analysis could not resolve stays: a constant beside it does not say where it goes.
  static void dropHostlessConstants(std::vector<EgressSite>& sites) {
    bool anyKnown = std::any_of(sites.begin(), sites.end(),
                                [](const EgressSite& e) { return e.host.has_value(); });
    if (!anyKnown) return;
    sites.erase(std::remove_if(sites.begin(), sites.end(),
                               [](const EgressSite& e) {
                                 return !e.host && e.hostlessConstant && !e.urlFromData;
                               }),
                sites.end());
  }

  uint32_t enclosing(uint32_t call) const { return enclosingFunction(p_, call); }

  std::vector<VarId> vars(const std::vector<ValueRef>& refs, const SinkHit& hit) const {
    std::vector<VarId> out;
    for (const auto& r : refs)
      for (VarId v : s_.resolveRef(r, hit.call, hit.token, hit.callbackArgs)) out.push_back(v);
    return out;
  }
  std::vector<VarId> optionField(const std::vector<ValueRef>& refs, const SinkHit& hit,
                                 const std::string& name) const {
    std::vector<VarId> out;
    for (ValueRef r : refs) {
      r.fields.push_back(name);
      for (VarId v : s_.resolveRef(r, hit.call, hit.token, hit.callbackArgs)) out.push_back(v);
    }
    return out;
  }
  std::vector<AbstractString> strings(const std::vector<VarId>& vs) const {
    StringSet set;
    for (VarId v : vs) set.addAll(s_.strings(v));
    return set.values();
  }
  uint8_t deep(const std::vector<VarId>& vs) const {
    uint8_t m = 0;
    for (VarId v : vs) m |= s_.deepTaint(v);
    return m;
  }

  // Whether a URL position may hold customer data with no known text: data as a whole value
  // (a field of a payload) or a library value that carries data (a stored value), but not the
  // customer's own site URL.
  bool mayBeAnyUrl(const std::vector<VarId>& vs) const {
    for (VarId v : vs)
      if (s_.mayBeAnyValue(v)) return true;
    return false;
  }

  // Whether a URL position may hold a value a library returned that no catalog row describes
  // (`j.next` of a response's JSON, what an unmodelled helper builds): text the analysis does
  // not have, beside the constants it does. Not a value a row models (a URL object, whose
  // text the strings hold), nor the members of a value no row can match (`opaque`), except
  // what a server answered: anything below the result of a request.
  bool mayBeLibraryText(const std::vector<VarId>& vs) const {
    for (VarId v : vs)
      for (uint32_t t : s_.state(v).tokens) {
        const Token& tok = s_.token(t);
        if (tok.kind != TokenKind::Library || tok.siteUrl || tok.environment) continue;
        if (tok.sink != kNone || tok.summary != kNone || tok.parent == kNone) continue;
        if (tok.segment == "()" && s_.token(tok.parent).summary != kNone) continue;
        if (!tok.opaque || belowResponse(t)) return true;
      }
    return false;
  }

  bool belowResponse(uint32_t t) const {
    for (int depth = 0; t != kNone && depth < 64; ++depth) {
      const Token& tok = s_.token(t);
      if (tok.parent == kNone) return false;
      if (tok.segment == "()" && s_.token(tok.parent).sink != kNone) return true;
      t = tok.parent;
    }
    return false;
  }

  std::string unknownSource(const std::vector<VarId>& urlVars) const {
    uint8_t m = 0;
    for (VarId v : urlVars) m |= s_.state(v).eff;
    if (m & (kUserInput | kWebtriggerRequest)) return "user-input";
    if (m & kAppStorage) return "storage";
    return "unknown";
  }

  // A base URL and a relative one, as axios' combineURLs and ky's prefixUrl join them: one
  // slash between them ("https://a.example" + "items" is https://a.example/items).
  static AbstractString joinBase(const AbstractString& base, const AbstractString& rel) {
    AbstractString b = base;
    if (b.kind != StringKind::Unknown && !b.text.empty() && !rel.text.empty()) {
      bool baseSlash = b.text.back() == '/', relSlash = rel.text.front() == '/';
      if (baseSlash && relSlash)
        b.text.pop_back();
      else if (!baseSlash && !relSlash)
        b.text += '/';
    }
    return concatStrings(b, rel);
  }

  std::vector<Candidate> candidates(const SinkHit& hit, const SinkModel& model,
                                    std::vector<VarId>& urlVars) {
    std::vector<Candidate> out;
    urlVars = vars(model.url, hit);
    for (VarId v : optionField(model.options, hit, "url")) urlVars.push_back(v);
    std::vector<VarId> baseVars = vars(model.base, hit);
    if (hit.base != kNoVar) baseVars.push_back(hit.base);
    for (const char* name : {"baseURL", "prefixUrl", "baseUrl"})
      for (VarId v : optionField(model.options, hit, name)) baseVars.push_back(v);
    if (model.urlOptional && urlVars.empty() && baseVars.empty()) return out;
    auto urls = strings(urlVars);
    auto bases = strings(baseVars);
    if (bases.empty()) {  // no base of its own: the module-wide default, if the app set one
      for (VarId v : vars(model.baseDefault, hit)) baseVars.push_back(v);
      bases = strings(baseVars);
    }
    // A base the app set to a value with no known text (`baseURL: import.meta.env.VITE_API`,
    // `window.__API__`): a relative path goes wherever that base says, not to the page's own
    // origin, so the host is unknown rather than the call dropped as same-origin.
    if (bases.empty() && !baseVars.empty()) {
      AbstractString unknown;
      unknown.origin = s_.dataOrigin(baseVars.front());
      bases.push_back(unknown);
    }
    // A library handed a fetch, at a configured address: an argument of its method that is
    // not known text (a GraphQL query, a payload) is not a URL; the address is.
    if (hit.base != kNoVar)
      urls.erase(std::remove_if(urls.begin(), urls.end(),
                                [](const AbstractString& u) { return u.text.empty(); }),
                 urls.end());
    // A URL object the app edited after making it (`u.hostname = h`, `u.href = s`) may
    // point where the edit says as well as where it was made to.
    std::vector<VarId> editedHost, editedProtocol;
    bool hostOptionGiven = false;  // the options name a host, known or not
    for (VarId v : urlVars)
      for (uint32_t t : s_.state(v).tokens) {
        if (!s_.isUrlObject(t)) continue;
        if (VarId href = s_.fieldOf(t, "href"); href != kNoVar)
          for (auto& u : strings({href})) urls.push_back(u);
        for (const char* name : {"hostname", "host"})
          if (VarId h = s_.fieldOf(t, name); h != kNoVar) editedHost.push_back(h);
        if (VarId p = s_.fieldOf(t, "protocol"); p != kNoVar) editedProtocol.push_back(p);
      }
    // Options objects of http.request: {protocol, hostname|host, port, path}, and the
    // edited URL objects above.
    if (!model.options.empty() || !editedHost.empty()) {
      std::vector<VarId> hostVars = optionField(model.options, hit, "hostname");
      for (VarId v : optionField(model.options, hit, "host")) hostVars.push_back(v);
      hostOptionGiven = !hostVars.empty();
      for (VarId v : editedHost) hostVars.push_back(v);
      auto hosts = strings(hostVars);
      for (auto& h : hosts)  // Node takes an IPv6 address without its brackets
        if (h.kind == StringKind::Exact && std::count(h.text.begin(), h.text.end(), ':') > 1 &&
            h.text.front() != '[')
          h.text = "[" + h.text + "]";
      if (!hosts.empty()) {
        auto protos = strings(optionField(model.options, hit, "protocol"));
        for (auto& pr : strings(editedProtocol)) protos.push_back(pr);
        auto paths = strings(optionField(model.options, hit, "path"));
        std::string proto = model.scheme;
        for (auto& pr : protos)
          if (pr.kind == StringKind::Exact) proto = pr.text;
        for (auto& h : hosts) {
          AbstractString prefix;
          prefix.kind = StringKind::Exact;
          prefix.text = proto + "//";
          AbstractString u = concatStrings(prefix, h);
          if (u.kind == StringKind::Exact) {
            AbstractString slash = u;
            if (!paths.empty())
              slash = concatStrings(u, paths.front());
            else
              slash.text += "/";
            urls.push_back(slash);
          } else {
            urls.push_back(u);
          }
        }
      }
    }
    for (const auto& u : urls) {
      std::vector<AbstractString> full;
      if (isAbsolute(u) || bases.empty()) {
        full.push_back(u);
      } else {
        for (const auto& b : bases) full.push_back(joinBase(b, u));
      }
      bool joined = !(isAbsolute(u) || bases.empty());
      for (const auto& f : full) out.push_back(candidate(f, hit, model, urlVars, joined));
    }
    if (urls.empty()) {
      for (const auto& b : bases) out.push_back(candidate(b, hit, model, urlVars, true));
    }
    if (out.empty() && !model.hostFormat.empty()) {
      // Every known value, and "" for a value that is not known text: a region from
      // `process.env.AWS_REGION ?? 'us-east-1'` gives the constant's host and the pattern.
      std::vector<VarId> fromVars = vars(model.hostFrom, hit);
      std::vector<std::string> values;
      bool unknownValue = false;
      for (auto& sv : strings(fromVars)) {
        if (sv.kind != StringKind::Exact)
          unknownValue = true;
        else if (std::find(values.begin(), values.end(), sv.text) == values.end())
          values.push_back(sv.text);
      }
      // A value given with no text the analysis knows (a parameter's field) is some value,
      // not none; a function there is a callback in the value's place (`connect(port, cb)`).
      for (VarId v : fromVars)
        if (s_.strings(v).empty() &&
            std::none_of(s_.state(v).tokens.begin(), s_.state(v).tokens.end(),
                         [&](uint32_t t) { return s_.token(t).kind == TokenKind::Function; }))
          unknownValue = true;
      if (values.empty() || unknownValue) values.push_back("");
      std::string module =
          s_.token(hit.token).root == kNone ? "" : s_.roots()[s_.token(hit.token).root];
      if (!model.modulePrefix.empty() && module.rfind(model.modulePrefix, 0) == 0)
        module = module.substr(model.modulePrefix.size());
      bool unresolved = false;
      for (const std::string& value : values) {
        std::string host = model.hostFormat;
        bool known = true;
        auto replace = [&](const std::string& key, const std::string& with) {
          size_t at = host.find(key);
          if (at == std::string::npos) return;
          // An unknown part (a region from process.env) is a wildcard label: the host is a
          // pattern such as sns.*.amazonaws.com, declared only by a manifest wildcard that
          // covers every value of it.
          if (with.empty()) known = false;
          host.replace(at, key.size(), with.empty() ? "*" : with);
        };
        replace("{module}", module);
        replace("{value}", value);
        if (host.find('*') != std::string::npos) known = false;  // a pattern in the format itself
        // A pattern with a fixed suffix of two labels or more after its last wildcard
        // (".amazonaws.com") says more than the bare fallback host.
        size_t star = host.rfind('*');
        bool pattern = !known && star != std::string::npos && host.size() > star + 1 &&
                       host[star + 1] == '.' && host.find('.', star + 2) != std::string::npos;
        if (known || pattern) {
          Candidate c;
          c.host = host;
          c.protocol = "https:";
          c.url = "https://" + host + "/";
          c.matchUrl = c.url;
          c.source = known ? "constant" : "pattern";
          out.push_back(c);
        } else {
          unresolved = true;
        }
      }
      // Some value gave no host at all (nodemailer's `host` from the environment) beside
      // values that did: the unknown one is reported too, not only the known ones. So is a
      // host that is only a value from elsewhere (`tls.connect(443, process.env.HOST)`): its
      // origin says more than the row's default host or an unknown one.
      if (unresolved && (!out.empty() || unknownValue)) {
        Candidate c;
        c.source = unknownSource(fromVars);
        c.url = "{" + c.source + "}";
        for (const auto& sv : strings(fromVars))
          if (sv.kind == StringKind::Unknown && sv.origin == StringOrigin::Env) {
            c.source = "env";
            c.url = display(sv);  // {process.env.NAME}, as other hosts from the environment
            break;
          }
        out.push_back(c);
      }
    }
    // A URL variable that may also hold customer data with no known text (an
    // element of a payload list, say: a value from a source that no catalog row
    // describes further, or a field of a parsed request body, as in
    // `body.target || 'https://default.example.com'`) may be any URL: say so next to the
    // hosts that are known, instead of promising only those.
    bool urlMayBeData = !urlVars.empty() && hit.base == kNoVar &&
                        (mayBeAnyUrl(urlVars) || mayBeLibraryText(urlVars));
    bool baseMayBeData = mayBeAnyUrl(baseVars);
    if (!out.empty() && (urlMayBeData || baseMayBeData)) {
      bool anyUnknown = false;
      for (auto& c : out)
        if (!c.host) {
          anyUnknown = true;
          c.anyUrl = true;
        }
      if (!anyUnknown) {
        Candidate c;
        c.source = unknownSource(urlMayBeData ? urlVars : baseVars);
        c.url = "{" + c.source + "}";
        c.anyUrl = true;
        out.push_back(c);
      }
    }
    // An SDK client configured with a base URL from data (`new OpenAI({ baseURL:
    // stored.endpoint })`) goes wherever that data says, not to the vendor's default host.
    if (out.empty() && baseMayBeData) {
      Candidate c;
      c.source = unknownSource(baseVars);
      c.url = "{" + c.source + "}";
      out.push_back(c);
    }
    if (out.empty()) {
      // The row's default host stands for a host the call was not given, not for one it was
      // given but the analysis has no text for (`{ host: cfg.host }`).
      if (!model.host.empty() && !hostOptionGiven && vars(model.hostElsewhere, hit).empty()) {
        Candidate c;
        c.host = model.host;
        c.protocol = "https:";
        c.url = "https://" + model.host + "/";
        c.matchUrl = c.url;
        // "*.googleapis.com": a part of the host is only known at run time.
        c.source = model.host.find('*') != std::string::npos ? "pattern" : "constant";
        out.push_back(c);
      } else {
        Candidate c;
        c.source = unknownSource(urlVars);
        c.url = "{" + c.source + "}";
        out.push_back(c);
      }
    }
    return out;
  }

  // joined: the URL is a base (or a path joined to one), not the call's own argument.
  // The host of a URL whose unknown part lies inside its host name, as a pattern with `*`
  // for that part ("*.statuspage.io"), when what follows is a domain of two labels or more
  // and the unknown part is no customer data (a payload may put any host there, `/` and `@`
  // included). Null otherwise.
  static std::optional<std::string> patternHost(const AbstractString& s) {
    if (s.kind != StringKind::Prefix || s.tail.empty()) return std::nullopt;
    if (s.origin == StringOrigin::UserInput || s.origin == StringOrigin::Storage)
      return std::nullopt;
    size_t scheme = s.text.find("://");
    if (scheme == std::string::npos) return std::nullopt;
    std::string before = s.text.substr(scheme + 3);  // the host's start, before the unknown part
    if (before.find_first_of("/?#@:") != std::string::npos) return std::nullopt;
    size_t end = s.tail.find_first_of("/?#:");
    if (end == std::string::npos && s.tailClosed) return std::nullopt;  // another unknown part
    std::string after = s.tail.substr(0, end);
    if (after.empty() || after[0] != '.' || after.find('@') != std::string::npos)
      return std::nullopt;
    if (after.find('.', 1) == std::string::npos) return std::nullopt;  // ".io" alone
    std::string host = before + "*" + after;
    for (char ch : host)
      if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '*'))
        return std::nullopt;
    std::transform(host.begin(), host.end(), host.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return host;
  }

  Candidate candidate(const AbstractString& s, const SinkHit& hit, const SinkModel& model,
                      const std::vector<VarId>& urlVars, bool joined) {
    Candidate c;
    c.url = display(s);
    std::string proto;
    auto host = hostOf(s, &proto);
    if (host) {
      c.host = host;
      c.protocol = proto;
      c.matchUrl = normalisedUrl(s.text);
      const CallFact& call = p_.call(hit.call);
      bool literal = call.firstArgLiteral && !model.url.empty() &&
                     model.url[0].base == ValueRef::Base::Arg && model.url[0].index == 0 &&
                     model.url[0].fields.empty() && !joined;
      c.source = literal ? "literal" : "constant";
      return c;
    }
    if (auto pattern = patternHost(s)) {
      // `https://${page}.statuspage.io/…`: the unknown part is a label of a known domain,
      // declared only by a manifest wildcard that covers every value of it.
      c.host = *pattern;
      c.protocol = s.text.substr(0, s.text.find("://")) + ":";
      c.matchUrl = s.text.substr(0, s.text.find("://") + 3) + *pattern + "/";
      c.source = "pattern";
      return c;
    }
    c.relative = s.kind != StringKind::Unknown && !s.text.empty() &&
                 ((s.text[0] == '/' && s.text.rfind("//", 0) != 0) || s.text.rfind("./", 0) == 0);
    if (s.kind == StringKind::Unknown && s.origin == StringOrigin::Site) {
      setSiteHost(c.host, c.protocol, c.matchUrl);
      c.url = "{site}";
      c.source = "site";
      return c;
    }
    if (s.kind == StringKind::Unknown) {
      c.source = originName(s.origin);
      c.detail = s.detail;
      if (c.source == std::string("unknown")) c.source = unknownSource(urlVars);
    } else {
      // A relative or partial URL: the host is not known.
      c.hostlessConstant = s.kind == StringKind::Exact;
      c.source = unknownSource(urlVars);
      if (s.origin == StringOrigin::Env)
        c.source = "env";
      else if (s.origin == StringOrigin::Parameter && c.source == "unknown")
        c.source = "parameter";
    }
    // An empty text (a state's initial '' before the user types the URL) says nothing: the
    // URL shows where it comes from instead.
    if (c.url.empty()) c.url = "{" + c.source + "}";
    return c;
  }

  EgressSite base(const SinkHit& hit, const SinkModel& model) {
    EgressSite e;
    const CallFact& c = p_.call(hit.call);
    uint32_t file = p_.fileOfCall(hit.call);
    e.file = p_.files[file].path;
    e.site = c.site;
    e.api = model.api;
    e.kind = model.kind;
    e.side = p_.files[file].side;
    e.function = p_.functionName(enclosing(hit.call));
    e.calleeText = c.calleeText;
    e.argText = c.argText;
    e.vendor = model.vendor;
    e.call = hit.call;
    e.entryPoints = reachedBy_[enclosing(hit.call)];
    std::sort(e.entryPoints.begin(), e.entryPoints.end());
    return e;
  }

  // Adds the categories that reach the site through one of vs, keeping only
  // those with a path whose calls and returns match (no leaks between the
  // callers of a shared helper).
  void addData(EgressSite& e, const std::vector<VarId>& vs) {
    uint8_t candidates = deep(vs) & ~e.data;
    for (int b = 0; b < kCategoryCount; ++b) {
      uint8_t bit = static_cast<uint8_t>(1u << b);
      if (!(candidates & bit)) continue;
      VarId found = kNoVar;
      for (VarId v : vs) {
        for (VarId carrier : s_.deepCarriers(v, bit)) {
          if (s_.realizable(carrier, bit)) {
            found = carrier;
            break;
          }
        }
        if (found != kNoVar) break;
      }
      if (found == kNoVar) continue;
      e.data |= bit;
      if (e.path.empty()) e.path = witness(found, b, e);
    }
  }

  std::vector<WitnessStep> witness(VarId v, int bit, const EgressSite& sink) {
    return witnessPath(s_, v, bit,
                       {sink.file, static_cast<int>(sink.site.line), "sink: " + sink.api});
  }

  // A socket call given a local socket's path (the catalog's socketPath): an IPC connection
  // on the same machine, not a destination. Only when no host is given anywhere: options
  // spread together (`{ ...options, host }`) may hold a `path` the analysis merged in from
  // elsewhere, and a path must not hide a host.
  bool localSocket(const SinkHit& hit, const SinkModel& model) const {
    if (model.socketPath.empty()) return false;
    if (!optionField(model.options, hit, "host").empty() ||
        !optionField(model.options, hit, "hostname").empty())
      return false;
    for (VarId v : vars(model.hostFrom, hit))
      if (!s_.strings(v).empty()) return false;
    for (const auto& ref : model.socketPath)
      for (VarId v : s_.resolveRef(ref, hit.call, hit.token, hit.callbackArgs)) {
        if (s_.strings(v).empty()) continue;
        if (ref.fields.empty() && !s_.state(v).tokens.empty()) continue;  // maybe an options object
        return true;
      }
    return false;
  }

  std::vector<EgressSite> egressSites(const SinkHit& hit, const SinkModel& model) {
    std::vector<EgressSite> out;
    if (localSocket(hit, model)) return out;
    EgressSite e = base(hit, model);
    std::vector<VarId> dataVars = vars(model.data, hit);
    if (model.kind == SinkKind::Remote || model.kind == SinkKind::Provider) {
      std::string remoteKey;
      if (model.kind == SinkKind::Remote) {
        for (auto& sv : strings(vars(model.remoteKey, hit)))
          if (sv.kind == StringKind::Exact) remoteKey = sv.text;
      } else {
        for (auto& sv : strings(vars(model.providerKey, hit)))
          if (sv.kind == StringKind::Exact) e.providerKey = sv.text;
        for (auto& sv : strings(vars(model.providerRemote, hit)))
          if (sv.kind == StringKind::Exact) remoteKey = sv.text;
        if (remoteKey.empty())
          for (const auto& prov : m_.authProviders)
            if (prov.key == e.providerKey && !prov.remotes.empty())
              remoteKey = prov.remotes.front();
      }
      if (remoteKey.empty() && model.kind == SinkKind::Remote) {
        // @forge/bridge invokeRemote: the module's resolver endpoint names the remote.
        for (const auto& use : m_.modules)
          if (use.role == "endpoint" && remoteKey.empty())
            for (const auto& ep : m_.endpoints)
              if (ep.key == use.endpointKey && !ep.remote.empty()) remoteKey = ep.remote;
      }
      e.remoteKey = remoteKey;
      const ManifestRemote* remote = m_.findRemote(remoteKey);
      if (setRemoteDestination(m_, remoteKey, e)) {
        AbstractString b;
        b.kind = StringKind::Exact;
        b.text = remote->baseUrl;
        std::vector<VarId> urlVars = vars(model.url, hit);
        auto paths = strings(urlVars);
        if (!paths.empty()) {
          AbstractString u = concatStrings(b, paths.front());
          e.url = display(u);
          e.matchUrl = u.kind == StringKind::Unknown ? remote->baseUrl : u.text;
        }
        for (VarId v : urlVars) dataVars.push_back(v);
        e.hostSource = "manifest";
      } else {
        e.hostSource = "manifest";
        e.hostDetail = remoteKey;
      }
      for (VarId v : vars(model.options, hit)) dataVars.push_back(v);
      addData(e, dataVars);
      // A remote with a base URL per region (`baseUrl: {EU: …, default: …}`): the call goes
      // to the region of the installation, so every region's host is a destination.
      std::vector<EgressSite> regions;
      if (remote && e.host)
        for (const auto& [region, url] : remote->regionBaseUrls) {
          AbstractString b;
          b.kind = StringKind::Exact;
          b.text = url;
          std::string protocol;
          std::optional<std::string> host = hostOf(b, &protocol);
          if (!host || host == e.host) continue;
          bool seen = false;
          for (const auto& r : regions) seen = seen || r.host == host;
          if (seen) continue;
          EgressSite r = e;
          r.host = host;
          r.protocol = protocol;
          r.url = url;
          r.matchUrl = url;
          regions.push_back(std::move(r));
        }
      out.push_back(std::move(e));
      for (auto& r : regions) out.push_back(std::move(r));
      return out;
    }
    std::vector<VarId> urlVars;
    auto cands = candidates(hit, model, urlVars);
    // In the browser a relative URL goes to the page's own origin (the Forge
    // CDN), not out of Atlassian.
    if (e.side != SourceSide::Backend && model.kind == SinkKind::Http) {
      cands.erase(
          std::remove_if(cands.begin(), cands.end(), [](const Candidate& c) { return c.relative; }),
          cands.end());
      if (cands.empty()) return out;
    }
    for (VarId v : urlVars) dataVars.push_back(v);
    for (VarId v : vars(model.options, hit)) dataVars.push_back(v);
    for (VarId v : vars(model.base, hit)) dataVars.push_back(v);
    // One site per distinct host. An unknown host stays beside known ones: a helper that one
    // caller gives a constant and another a value the analysis could not resolve (a field of
    // a parameter nothing passes) sends to both, and a constant must not hide the other.
    std::map<std::string, Candidate> byHost;
    for (auto& c : cands) {
      std::string key = c.host ? "h:" + *c.host : "u:" + c.source;
      auto same = byHost.find(key);
      if (same == byHost.end())
        byHost.emplace(key, c);
      else if (same->second.hostlessConstant && !c.hostlessConstant)
        same->second = c;  // the unresolved value speaks for the site, not the constant
    }
    uint8_t urlData = deep(urlVars);
    for (auto& [key, c] : byHost) {
      EgressSite site = e;
      site.host = c.host;
      site.url = c.url;
      site.protocol = c.protocol;
      site.matchUrl = c.matchUrl;
      site.hostSource = c.source;
      site.hostDetail = c.detail;
      site.urlData = urlData;
      site.urlFromData = c.anyUrl;
      site.hostlessConstant = c.hostlessConstant;
      addData(site, dataVars);
      out.push_back(std::move(site));
    }
    dropHostlessConstants(out);
    splitDataByCaller(s_, p_, hit.call, urlVars, dataVars, out);
    return out;
  }

  // The customer's own site: some subdomain of atlassian.net.
  static void setSiteHost(std::optional<std::string>& host, std::string& protocol,
                          std::string& matchUrl) {
    host = "*.atlassian.net";
    protocol = "https:";
    matchUrl = "https://*.atlassian.net/";
  }

  // The tags of the DOM elements made in code that `v` may hold (catalog elementFactories):
  // a fixed tag (`new Image()`: img), or the creating call's first argument, lower-cased.
  std::set<std::string> elementTags(VarId v) const {
    std::set<std::string> tags;
    for (uint32_t t : s_.state(v).tokens) {
      const Token& tok = s_.token(t);
      if (tok.kind != TokenKind::Library || tok.elementFactory == kNone) continue;
      const ElementFactory& ef = s_.catalog().elementFactories[tok.elementFactory];
      if (!ef.tagFromArg0) {
        tags.insert(ef.element);
        continue;
      }
      if (tok.creatorCall == kNone) continue;
      const CallFact& c = p_.call(tok.creatorCall);
      if (c.args.empty() || c.args[0] == kNoVar) continue;
      VarId tagVar = p_.varBase[p_.fileOfCall(tok.creatorCall)] + c.args[0];
      for (const auto& sv : s_.strings(tagVar).values()) {
        if (sv.kind != StringKind::Exact) continue;
        std::string tag = sv.text;
        for (char& ch : tag) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        tags.insert(tag);
      }
    }
    return tags;
  }

  std::optional<EgressSite> jsxSite(uint32_t file, const JsxUrlFact& j, const JsxResource& res) {
    VarId v = p_.varBase[file] + j.value;
    auto values = s_.strings(v).values();
    std::optional<std::string> host;
    std::string protocol, url, match;
    bool anyAbsolute = false, anyRelative = false, site = false;
    for (const auto& sv : values) {
      std::string proto;
      if (sv.kind == StringKind::Unknown && sv.origin == StringOrigin::Site) {
        site = true;
      } else if (auto h = hostOf(sv, &proto)) {
        if (!host) {
          host = h;
          protocol = proto;
          url = display(sv);
          match = sv.text;
        }
        anyAbsolute = true;
      } else if (sv.kind != StringKind::Unknown && !sv.text.empty() &&
                 (sv.text[0] == '/' || sv.text[0] == '.' || sv.text.rfind("data:", 0) == 0 ||
                  sv.text.rfind("blob:", 0) == 0)) {
        anyRelative = true;  // the app's own assets, or inline data
      }
    }
    if (!anyAbsolute && site) {
      setSiteHost(host, protocol, match);
      url = "{site}";
      anyAbsolute = true;
    }
    if (!anyAbsolute && anyRelative) return std::nullopt;
    EgressSite e;
    e.file = p_.files[file].path;
    e.site = j.site;
    e.api = "<" + j.element + " " + j.attribute + ">";
    e.kind = SinkKind::Resource;
    e.side = SourceSide::Frontend;
    e.resourceList = res.list;
    e.host = host;
    e.protocol = protocol;
    e.url = host ? url : "{unknown}";
    e.matchUrl = normalisedUrl(match);
    e.hostSource = !host ? "unknown" : url == "{site}" ? "site" : "literal";
    e.calleeText = e.api;
    uint32_t fn = j.enclosingFunction == kTopLevel ? p_.topLevelFunction(file)
                                                   : p_.functionBase[file] + j.enclosingFunction;
    e.function = p_.functionName(fn);
    e.entryPoints = reachedBy_[fn];
    addData(e, {v});
    return e;
  }

  LogSite logSite(const SinkHit& hit, const SinkModel& model) {
    LogSite l;
    const CallFact& c = p_.call(hit.call);
    uint32_t file = p_.fileOfCall(hit.call);
    l.file = p_.files[file].path;
    l.site = c.site;
    l.api = model.api;
    l.function = p_.functionName(enclosing(hit.call));
    l.calleeText = c.calleeText;
    l.argText = c.argText;
    std::vector<VarId> vs = vars(model.data, hit);
    EgressSite tmp;
    tmp.file = l.file;
    tmp.site = l.site;
    tmp.api = l.api;
    addData(tmp, vs);
    l.data = tmp.data;
    l.path = tmp.path;
    return l;
  }

  const FlowSolver& s_;
  const AppProgram& p_;
  const Manifest& m_;
  std::vector<std::vector<std::string>> reachedBy_;
};

}  // namespace

FlowFindings collectEgress(const FlowSolver& solver, const Manifest& manifest) {
  Collector c(solver, manifest);
  return c.run();
}

}  // namespace fe
