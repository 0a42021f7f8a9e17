// The catalog: what libraries and built-ins do, loaded from the YAML files of
// queries/ (see docs/catalog.md). Sinks (calls that send data over the
// network), sources (values that are customer data), summaries (how values
// pass through a call) and attachments (calls that add data to an earlier
// request, like `req.write(body)`).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "support/diagnostic.h"

namespace YAML {
class Node;
}  // namespace YAML

namespace fe {

// A path below a module or global: segments separated by '.', where a
// segment is a member name, "()" for a call's result, "$cbN"/"$pN" for the
// parameters of a callback passed to a library, "*" any one segment and "**"
// any number of segments. "a|b" inside a segment means either.
struct PathPattern {
  std::vector<std::string> segments;
  bool matches(const std::vector<std::string_view>& path) const;
  // Whether `path` or some path below it matches.
  bool mayMatchExtension(const std::vector<std::string_view>& path) const;
  size_t specificity() const;  // more literal segments = more specific
};

// Where a sink or summary reads a value, relative to the call:
// argN, args, receiver, origin[.origin]*.argN, origin[.origin]*.return (what the call that
// made the callee returned: a setter's state, `useState()`), callbackN.return, callbackN.paramM,
// followed by optional .field names (".element" is the array element field).
struct ValueRef {
  // Owner: the library value the callee was read from (`axios` for `axios.get`, the instance
  // for `instance.get`, the callee itself when it is called directly); Module: the module the
  // callee belongs to. Their fields walk members as well as stored fields
  // (`owner.defaults.baseURL` after `axios.defaults.baseURL = url`).
  enum class Base : uint8_t {
    Arg,
    Args,
    Receiver,
    Origin,
    CallbackReturn,
    CallbackParam,
    Return,
    Owner,
    Module
  };
  Base base = Base::Arg;
  int index = 0;        // argument / callback index
  int paramIndex = 0;   // for CallbackParam
  int originDepth = 0;  // for Origin: 1 = the call that created the receiver
  std::vector<std::string> fields;
  bool deep = false;       // ".deep": every field, recursively (taint only)
  bool allFields = false;  // ".fields": every field (for copies between objects)
};

struct Selector {
  bool global = false;               // a global (fetch, JSON, console) rather than a module
  std::vector<std::string> modules;  // module specifiers (normalised); empty for globals
  std::vector<PathPattern> paths;    // relative to the module or the global scope
  std::vector<std::string> methods;  // method summaries: any receiver's method with this name
};

enum class SinkKind : uint8_t { Http, Remote, Provider, Sdk, Socket, Log, Resource };

// A JSX element attribute that makes the browser load a URL (UI Kit <Image src>).
struct JsxResource {
  std::string element;    // "Image", "img", "iframe"
  std::string attribute;  // "src"
  std::string list;  // the manifest list that allows it: images, frames, media, scripts, styles
};

// A library value that is a DOM element made in code (`new Image()`, `document.createElement
// ('script')`): a URL written to its `src`/`href` is loaded by the browser, as the
// jsxResources row of its tag says.
struct ElementFactory {
  Selector selector;
  std::string element;       // the tag it makes ("img"), or empty: the tag is...
  bool tagFromArg0 = false;  // ...the creating call's first argument (createElement)
};

struct SinkModel {
  std::string id;
  std::string api;  // shown in reports, e.g. "axios.post"
  SinkKind kind = SinkKind::Http;
  Selector selector;
  std::vector<ValueRef> url;   // the request URL
  std::vector<ValueRef> base;  // a base URL the url is relative to (axios baseURL)
  // Where no `base` value is known text: a base set once for every client of the module
  // (`axios.defaults.baseURL`, which `axios.create` copies unless the instance has its own).
  std::vector<ValueRef> baseDefault;
  std::vector<ValueRef>
      options;  // an options object: url, baseURL, host(name), port, path, protocol, headers, body…
  std::vector<ValueRef> data;         // values whose customer data is sent
  std::vector<ValueRef> remoteKey;    // Forge Remote key (invokeRemote)
  std::vector<ValueRef> providerKey;  // OAuth provider key
  std::vector<ValueRef> providerRemote;
  std::string host;               // fixed default host (SDKs)
  std::string scheme = "https:";  // protocol when only a host name is given (http.request options)
  // A host computed from the code (AWS: the client's region): hostFormat with
  // {value} = the first known string of hostFrom, {module} = the module name
  // after modulePrefix (e.g. "@aws-sdk/client-s3" -> "s3").
  std::vector<ValueRef> hostFrom;
  std::string hostFormat;
  // Where a socket call may take a local socket's path (`net.connect('/tmp/app.sock')`,
  // `{ path }`): a string there (for a reference with no fields, a string and nothing else)
  // makes the call a local connection, not a network destination.
  std::vector<ValueRef> socketPath;
  // References that, when the call gives them, say the connection goes where something else
  // already points (`tls.connect({ socket })` upgrades a socket): the row's default host does
  // not stand for it, and the host is unknown.
  std::vector<ValueRef> hostElsewhere;
  std::string modulePrefix;
  // The call sends nothing itself when none of its url references exists (`new ApolloClient(
  // { link })`: the link, a sink of its own, has the address); with one, it is a site.
  bool urlOptional = false;
  // A call that makes a local handle and sends nothing (`bq.dataset(name)`): never a site. A
  // row of its own, before a broad one that would otherwise match it (first match wins).
  bool local = false;
  std::string vendor;        // SDK vendor name
  std::string side = "any";  // backend | frontend | any
  int line = 0;
  std::string file;
};

struct AttachModel {
  std::string id;
  Selector selector;
  std::vector<ValueRef> data;
  int originDepth = 1;  // which creating call receives the data
};

// A call a policy rule (FE013–FE017) looks at, and the values it checks there:
// product requests made as the app or as the user, storage keys and writes, SQL
// text, authorization checks and validators (sanitizers of user input).
enum class CheckRole : uint8_t {
  AppRequest,     // asApp() product request: values = the route
  UserRequest,    // asUser() product request: an authorization probe on its route
  StorageKey,     // values = the key
  Write,          // values = what is written (storage value, request body)
  SqlText,        // values = the SQL text
  Authorization,  // @forge/auth checks: values = what is checked
  Validator,      // a schema parse: its result is validated input
  SecretRead,     // kvs.getSecret(): a secret to compare a request's header with
};

struct CheckModel {
  std::string id;
  CheckRole role = CheckRole::Write;
  Selector selector;
  std::vector<ValueRef> values;
};
bool checkRoleFromName(std::string_view name, CheckRole& role);

// A call that runs code the tool cannot read: code built from a string (eval, new Function,
// vm), another program (child_process) or a script loaded by URL (a Worker). What that code
// sends is unknown, so an app that makes such a call gets an incomplete verdict.
struct DynamicCodeModel {
  std::string id;
  Selector selector;
  std::string what;        // for the diagnostic: "runs code built from a string"
  bool stringArg = false;  // only when the first argument may be a string (setTimeout('…'))
  // Not when every argument is constant text that cannot call anything (`Function('return
  // this')`: no parentheses, backticks or `new`).
  bool inertConstants = false;
};

struct SourceModel {
  std::string id;
  std::string category;  // one of the seven categories
  Selector selector;
  // The value this member belongs to, sent whole, sends it too (`JSON.stringify(context)`
  // holds `context.accountId`): its category reaches what is made from the whole value.
  bool inWhole = false;
  // The category adds to what the value it is a member of is (an event's assignee's email is
  // user identity and event data), where a source otherwise replaces it.
  bool withParent = false;
};

struct Flow {
  ValueRef from;
  ValueRef to;
  bool taintOnly = false;
  // op "concat": to = from + with (String.prototype.concat);
  // op "urljoin": to = new URL(from, with) (the path resolved against a base);
  // op "replace" / "replaceAll": to = from.replace(with, by) (String.prototype.replace with a
  // string pattern: the text before the first match stays known).
  // op "inherit": the objects `to` holds inherit from those `from` holds (util.inherits,
  // Object.setPrototypeOf); `to: return` is a new object that does (Object.create).
  std::string op;
  ValueRef with;
  ValueRef by;
  // key: the field of `to` written is named by this value's strings (`Object.defineProperty(o,
  // k, d)` writes o[k]); called: `from` holds functions, and what calling them returns flows
  // (a property's getter).
  bool hasKey = false;
  ValueRef key;
  bool called = false;
};

struct SummaryModel {
  std::string id;
  Selector selector;
  std::vector<Flow> flows;
  bool noDefault = false;  // the summary replaces the default pass-through
  // The result is a URL object (`new URL(s)`): what the app later writes to its href, host
  // or hostname changes where it points (`u.hostname = h`).
  bool urlObject = false;
};

// A library call that registers a callback the platform invokes, such as
// `resolver.define('key', fn)`: fn becomes an entry point named by `name`.
struct EntryModel {
  std::string id;
  Selector selector;
  ValueRef name;
  bool named = false;  // without a name, the entry is called by its prefix alone
  int callback = 1;
  std::string prefix;  // entry name prefix, e.g. "resolver:"
};

// A frontend call that runs a backend entry of the same app, such as `invoke('key', payload)`
// running `resolver.define('key', fn)`: its result is what fn returns. Where no entry of that
// name is in the analysis (a computed key, another part of a split app), the catalog's
// sources for the call describe the result instead.
struct BridgeModel {
  std::string id;
  Selector selector;
  std::string entryPrefix;  // the entry's name is this and the key: "resolver:" + key
  ValueRef key;             // the entry's key at the call: arg0
};

// A module specifier that means another (`https` → `node:https`).
struct ModuleAlias {
  std::string from;
  std::string to;
};

struct Catalog {
  std::vector<SinkModel> sinks;
  std::vector<AttachModel> attachments;
  std::vector<CheckModel> checks;
  std::vector<DynamicCodeModel> dynamicCode;
  // payload field name -> the trusted context path Forge gives (FE014).
  std::vector<std::pair<std::string, std::string>> trustedContext;
  // Methods that test a value before it is written (FE015): `re.test(x)`, `list.includes(x)`.
  std::vector<std::string> validationGuards;
  // Values that are the customer's own Atlassian site URL (`view.getContext().siteUrl`,
  // `window.location.ancestorOrigins[0]`): a URL built on one goes to *.atlassian.net.
  std::vector<Selector> siteValues;
  // Objects whose members are environment variables (`process.env`): a member read by name,
  // however it is reached (`const { API_URL } = process.env`), is that variable's value.
  std::vector<Selector> environments;
  std::vector<SourceModel> sources;
  std::vector<SummaryModel> summaries;
  std::vector<EntryModel> entries;
  std::vector<BridgeModel> bridges;
  std::vector<ModuleAlias> aliases;
  // A global used like a module nobody imported (`api.asUser()…` without
  // `import api from '@forge/api'`): a ReferenceError one import away from
  // egress, so it is analysed as that module's default export, with a warning.
  std::vector<ModuleAlias> implicitGlobals;
  std::vector<std::string> notEgress;  // documentation only: modules that stay on Atlassian
  // Packages that send nothing over the network (lodash, date-fns, React, Node's `path`):
  // customer data handed to them is not code the scan failed to read. `name` or `prefix*`.
  std::vector<std::string> purePackages;
  std::vector<std::string> atlassianDomains;  // hosts under these are Atlassian's own
  std::vector<std::string> cleanMembers;      // members that never carry data (length, status)
  // Of those, the ones that describe a response (status, ok): clean on the value a call
  // returned (`res.status`), data elsewhere (`issue.fields.status` is the status).
  std::vector<std::string> responseMembers;
  // Files a bundler serves with the app (`import logo from './logo.png'` is its URL).
  std::vector<std::string> assetExtensions;
  // Code in a language the tool does not parse (`import App from './App.vue'`): what it
  // does is unknown, so an app that imports it gets an incomplete verdict.
  std::vector<std::string> unanalysedCodeExtensions;
  std::vector<JsxResource> jsxResources;
  std::vector<ElementFactory> elementFactories;

  bool isAtlassianHost(std::string_view host) const;

  std::string canonicalModule(std::string_view specifier) const;
  // Whether a row names this module (or a pattern covering it, `@aws-sdk/client-*`): its
  // behaviour is the catalog's, even where a copy of the package sits in the app's folders.
  bool modelsModule(std::string_view module) const;
  bool isPurePackage(std::string_view package) const;
};

// Loads one catalog YAML document into `catalog`; problems become diagnostics
// with file:line and the rest of the file is still read.
void loadCatalogText(std::string_view text, const std::string& displayPath, Catalog& catalog,
                     Diagnostics& diagnostics);
// The same, from a document already read (the built-in catalog's, by catalog_yaml.h).
void loadCatalogNode(const YAML::Node& root, const std::string& displayPath, Catalog& catalog,
                     Diagnostics& diagnostics);
// The catalog compiled into the binary (queries/*.yml).
const Catalog& builtinCatalog();

bool parsePathPattern(std::string_view text, PathPattern& out);
bool parseValueRef(std::string_view text, ValueRef& out);

}  // namespace fe
