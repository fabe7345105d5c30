#include "cases/case_loader.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <set>
#include <sstream>

#include "cases/autobahn_map.hpp"
#include "cases/table_reader.hpp"

namespace wsh::cases {
namespace {

// A case-level repeat hunts a race; past a thousand runs it is a soak test, not a case.
constexpr std::int64_t kMaxCaseRepeat = 1000;

// "area.topic[.detail...]": at least two dot-separated words of lower-case
// letters, digits, '-' and '_', the first without '-' or '_'.
bool is_valid_case_id(std::string_view id) {
  std::size_t words = 0;
  std::size_t start = 0;
  while (start <= id.size()) {
    const auto end = std::min(id.find('.', start), id.size());
    const auto word = id.substr(start, end - start);
    if (word.empty()) return false;
    for (const char c : word) {
      const bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!plain && (words == 0 || (c != '-' && c != '_'))) return false;
    }
    ++words;
    start = end + 1;
  }
  return words >= 2;
}

std::optional<Expectation> parse_expectation(const toml::table* table, const std::string& file,
                                             const Bindings& bindings, LoadErrors& errors) {
  Expectation expect;
  if (!table) return expect;
  const auto before = errors.size();
  TableReader reader(*table, file, bindings, errors, "expect");
  if (const auto* close = reader.node("close")) {
    const auto text = reader.as_string(*close, "'close' of expect");
    if (text == "clean") expect.close = CloseExpectation::Clean;
    else if (text == "fail") expect.close = CloseExpectation::Fail;
    else if (text == "any") expect.close = CloseExpectation::Any;
    else if (text) reader.error(*close, "'close' of expect must be \"clean\", \"fail\" or \"any\"");
  }
  if (auto codes = reader.integers("codes", 0, 65535))
    for (auto code : *codes) expect.codes.push_back(static_cast<CloseCode>(code));
  if (auto messages = reader.strings("messages")) expect.messages = *messages;
  if (const auto* count = reader.node("message_count")) {
    if (auto value = reader.as_integer(*count, "'message_count' of expect", 0, 10'000'000))
      expect.message_count = static_cast<std::size_t>(*value);
  }
  // A /spam message starts "spam <index> ": 16 bytes leave room for the index.
  if (const auto* size = reader.node("spam_size")) {
    if (auto value = reader.as_integer(*size, "'spam_size' of expect", 16, 100'000'000))
      expect.spam_size = static_cast<std::size_t>(*value);
  }
  if (const auto* count = reader.node("spam_count")) {
    if (auto value = reader.as_integer(*count, "'spam_count' of expect", 0, 10'000'000))
      expect.spam_count = static_cast<std::size_t>(*value);
    if (!reader.node("spam_size")) reader.error(*count, "'spam_count' of expect needs 'spam_size' beside it");
  }
  if (auto informational = reader.boolean("informational")) expect.informational = *informational;
  if (const auto* exit = reader.node("exit")) {
    if (auto code = reader.as_integer(*exit, "'exit' of expect (the subject's exit code)", 0, 255))
      expect.exit_code = static_cast<int>(*code);
  }
  if (auto robust = reader.boolean("robust")) expect.robust = *robust;
  if (const auto* app = reader.node("app")) {
    const auto text = reader.as_string(*app, "'app' of expect");
    if (text == "normal") expect.app = AppExpectation::Normal;
    else if (text == "leave") expect.app = AppExpectation::Leave;
    else if (text == "none") expect.app = AppExpectation::None;
    else if (text) reader.error(*app, "'app' of expect must be \"normal\", \"leave\" or \"none\"");
  }
  reader.reject_unknown_keys();
  if (errors.size() != before) return std::nullopt;
  return expect;
}

// The fields of a case that do not depend on the matrix.
struct CaseHeader {
  std::string id, title, rfc, requirement, description;
  std::vector<Role> roles;
  std::vector<std::string> transports = {"ws", "wss"};
  std::vector<std::string> autobahn, requires_features;
  SubjectTuning subject;
  Millis timeout{5000}, drain{1500};
  int repeat = 1;
  bool reply_close = true, auto_pong = true;
  std::vector<std::pair<std::string, const toml::array*>> matrix;  // sorted by name
  const toml::array* steps = nullptr;
  const toml::table* expect = nullptr;
  // Multi-connection: `connections` may be "${param}", so it is resolved per
  // matrix combination; the concurrency is fixed per case.
  const toml::node* connections = nullptr;
  Concurrency concurrency = Concurrency::All;
};

// Bounds of `connections`: churn runs one connection at a time; "all" holds
// every connection open at once (two descriptors each, harness and subject).
constexpr std::int64_t kMaxSequentialConnections = 1000;
constexpr std::int64_t kMaxConcurrentConnections = 256;

void parse_fleet(TableReader& reader, CaseHeader& header) {
  header.connections = reader.node("connections");
  const auto* concurrency = reader.node("concurrency");
  if (concurrency && !header.connections) {
    reader.error(*concurrency, "'concurrency' needs 'connections' (how many connections to open)");
    return;
  }
  if (concurrency) {
    const auto text = reader.as_string(*concurrency, "'concurrency'");
    if (text == "all") header.concurrency = Concurrency::All;
    else if (text == "sequential") header.concurrency = Concurrency::Sequential;
    else if (text)
      reader.error(*concurrency, fmt::format("'concurrency' must be \"all\" or \"sequential\", not '{}'", *text));
  }
  // The harness can hold many client connections to one server subject; a
  // client subject makes one connection, and the pair has its own topology.
  if (header.connections && header.roles != std::vector<Role>{Role::Server})
    reader.error(*header.connections,
                 "'connections' is for server cases only (roles = [\"server\"]): the harness "
                 "opens the connections, so the subject must be the server");
}

std::optional<CaseHeader> parse_header(TableReader& reader) {
  CaseHeader header;
  const auto before = reader.errors().size();
  if (auto id = reader.string("id", true)) {
    if (!is_valid_case_id(*id))
      reader.error(*reader.node("id"),
                   fmt::format("'id' must be dotted lower-case words such as \"close.peer.code\", not \"{}\"", *id));
    header.id = *id;
  }
  header.title = reader.template_string("title", true).value_or("");
  header.rfc = reader.string("rfc", true).value_or("");
  header.requirement = reader.string("requirement", true).value_or("");
  header.description = reader.template_string("description").value_or("");
  if (auto roles = reader.strings("roles", true)) {
    for (const auto& name : *roles) {
      if (auto role = parse_role(name)) header.roles.push_back(*role);
      else reader.error(*reader.node("roles"), fmt::format("'roles' takes server, client or pair, not '{}'", name));
    }
    if (roles->empty()) reader.error(*reader.node("roles"), "'roles' must name at least one role");
    // A pair case's steps name the subject they act on; a server or client
    // case has one subject. One case cannot be both.
    const bool pair = std::find(header.roles.begin(), header.roles.end(), Role::Pair) != header.roles.end();
    if (pair && header.roles.size() > 1)
      reader.error(*reader.node("roles"),
                   "a pair case has roles = [\"pair\"] only: its steps name the subject they act on");
  }
  if (auto transports = reader.strings("transports")) {
    for (const auto& name : *transports)
      if (name != "ws" && name != "wss")
        reader.error(*reader.node("transports"), fmt::format("'transports' takes ws or wss, not '{}'", name));
    if (transports->empty()) reader.error(*reader.node("transports"), "'transports' must name at least one transport");
    header.transports = *transports;
  }
  if (auto autobahn = reader.strings("autobahn")) {
    for (const auto& name : *autobahn)
      if (!is_known_autobahn_case(name))
        reader.error(*reader.node("autobahn"),
                     fmt::format("'{}' is not an Autobahn section-7 case (7.1.1-7.1.6, 7.3.1-7.3.6, 7.5.1, "
                                 "7.7.x, 7.9.x, 7.13.x)",
                                 name));
    header.autobahn = *autobahn;
  }
  if (auto features = reader.strings("requires")) {
    for (const auto& feature : *features)
      if (feature != "tls" && feature != "threads" && feature != "leave" && feature != "heartbeat" &&
          feature != "read-timeout")
        reader.error(*reader.node("requires"),
                     fmt::format("'requires' takes tls, threads, leave, heartbeat or read-timeout, not '{}'", feature));
    header.requires_features = *features;
  }
  if (const auto* subject = reader.table("subject")) {
    TableReader sub(*subject, reader.file(), reader.bindings(), reader.errors(), "subject");
    if (auto ms = sub.integer("close_timeout_ms", 0, kMaxMillis))
      header.subject.close_timeout_ms = static_cast<int>(*ms);
    if (auto ms = sub.integer("read_timeout_ms", 0, kMaxMillis)) header.subject.read_timeout_ms = static_cast<int>(*ms);
    if (auto ms = sub.integer("ping_interval_ms", 0, kMaxMillis))
      header.subject.ping_interval_ms = static_cast<int>(*ms);
    sub.reject_unknown_keys();
  }
  if (auto ms = reader.integer("timeout_ms", 1, kMaxMillis)) header.timeout = Millis{*ms};
  if (auto ms = reader.integer("drain_ms", 0, kMaxMillis)) header.drain = Millis{*ms};
  if (auto runs = reader.integer("repeat", 1, kMaxCaseRepeat)) header.repeat = static_cast<int>(*runs);
  if (auto reply = reader.boolean("reply_close")) header.reply_close = *reply;
  if (auto pong = reader.boolean("auto_pong")) header.auto_pong = *pong;
  if (const auto* matrix = reader.table("matrix")) {
    for (const auto& [name, values] : *matrix) {
      const auto* list = values.as_array();
      if (!list) {
        reader.error(values, fmt::format("matrix parameter '{}' must be an array of values", name.str()));
        continue;
      }
      if (list->empty()) {
        reader.error(values,
                     fmt::format("matrix parameter '{}' is empty: the case would expand to nothing", name.str()));
        continue;
      }
      for (const auto& value : *list)
        if (!value.is_integer() && !value.is_string() && !value.is_boolean())
          reader.error(value, fmt::format("matrix parameter '{}' takes integers, strings or booleans", name.str()));
      header.matrix.emplace_back(std::string(name.str()), list);
    }
  }
  parse_fleet(reader, header);
  header.steps = reader.array("steps", true);
  if (header.steps && header.steps->empty()) reader.error(*reader.node("steps"), "'steps' must not be empty");
  header.expect = reader.table("expect");
  reader.reject_unknown_keys();
  if (reader.errors().size() != before) return std::nullopt;
  return header;
}

// Every combination of the matrix, in order of the parameter names.
std::vector<Bindings> expand_matrix(const CaseHeader& header) {
  std::vector<Bindings> combinations(1);
  for (const auto& [name, values] : header.matrix) {
    std::vector<Bindings> next;
    for (const auto& partial : combinations) {
      for (const auto& value : *values) {
        Bindings extended = partial;
        extended[name] = const_cast<toml::node*>(&value);
        next.push_back(std::move(extended));
      }
    }
    combinations = std::move(next);
  }
  return combinations;
}

std::optional<CaseInstance> instantiate(const CaseHeader& header, const toml::table& table, const Bindings& bindings,
                                        const std::string& file, const FaultValidator& validate_fault,
                                        LoadErrors& errors) {
  CaseInstance instance;
  const auto before = errors.size();
  instance.case_id = header.id;
  instance.result_id = header.id;
  std::optional<std::uint16_t> code;
  if (!bindings.empty()) {
    std::string suffix;
    for (const auto& [name, value] : bindings) {
      instance.params.push_back({name, render_scalar(*value)});
      suffix += (suffix.empty() ? "" : ",") + name + "=" + render_scalar(*value);
      if (name == "code" && value->is_integer()) code = static_cast<std::uint16_t>(value->as_integer()->get());
    }
    instance.result_id += "[" + suffix + "]";
  }
  instance.title = substitute(header.title, bindings, nullptr);
  instance.rfc = header.rfc;
  instance.requirement = header.requirement;
  instance.description = substitute(header.description, bindings, nullptr);
  instance.area = header.id.substr(0, header.id.find('.'));
  instance.roles = header.roles;
  instance.transports = header.transports;
  for (const auto& name : header.autobahn)
    if (auto number = resolve_autobahn(name, code)) instance.autobahn.push_back(*number);
  instance.requires_features = header.requires_features;
  instance.subject = header.subject;
  instance.timeout = header.timeout;
  instance.drain = header.drain;
  instance.repeat = header.repeat;
  instance.reply_close = header.reply_close;
  instance.auto_pong = header.auto_pong;
  instance.where = location_of(table, file);
  if (header.connections) {
    TableReader reader(table, file, bindings, errors, "case");
    const bool all = header.concurrency == Concurrency::All;
    const auto limit = all ? kMaxConcurrentConnections : kMaxSequentialConnections;
    const auto what = fmt::format("'connections' (with concurrency = \"{}\")", concurrency_name(header.concurrency));
    if (auto count = reader.as_integer(*header.connections, what, 1, limit))
      instance.fleet = Fleet{static_cast<int>(*count), header.concurrency};
  }
  StepContext context;
  context.pair = header.roles == std::vector<Role>{Role::Pair};
  context.fleet_all = header.connections && header.concurrency == Concurrency::All;
  context.fleet = header.connections != nullptr;
  for (const auto& entry : *header.steps)
    if (auto step = parse_step(entry, file, bindings, validate_fault, errors, context))
      instance.steps.push_back(std::move(*step));
  if (auto expect = parse_expectation(header.expect, file, bindings, errors)) instance.expect = std::move(*expect);
  if (errors.size() != before) return std::nullopt;
  return instance;
}

void load_document(const toml::table& root, const std::string& file, const FaultValidator& validate_fault,
                   Catalogue& catalogue) {
  const Bindings no_bindings;
  TableReader top(root, file, no_bindings, catalogue.errors, "");
  const auto* cases = top.array("case", true);
  top.reject_unknown_keys();
  if (!cases) return;
  for (const auto& entry : *cases) {
    const auto* table = entry.as_table();
    if (!table) {
      catalogue.errors.push_back({location_of(entry, file), "each [[case]] must be a table"});
      continue;
    }
    TableReader reader(*table, file, no_bindings, catalogue.errors, "case");
    const auto header = parse_header(reader);
    if (!header) continue;
    for (const auto& bindings : expand_matrix(*header)) {
      auto instance = instantiate(*header, *table, bindings, file, validate_fault, catalogue.errors);
      // One broken combination is reported once, not once per matrix value.
      if (!instance) break;
      catalogue.cases.push_back(std::move(*instance));
    }
  }
}

void finish(Catalogue& catalogue) {
  std::sort(catalogue.cases.begin(), catalogue.cases.end(),
            [](const CaseInstance& a, const CaseInstance& b) { return a.result_id < b.result_id; });
  for (std::size_t i = 1; i < catalogue.cases.size(); ++i) {
    const auto& a = catalogue.cases[i - 1];
    const auto& b = catalogue.cases[i];
    if (a.result_id == b.result_id)
      catalogue.errors.push_back(
          {b.where, fmt::format("duplicate case id '{}' (also at {})", b.result_id, a.where.to_string())});
  }
  std::sort(catalogue.errors.begin(), catalogue.errors.end(), [](const LoadError& a, const LoadError& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) < std::tie(b.where.file, b.where.line, b.where.column);
  });
}

void load_into(std::string_view text, const std::string& name, const FaultValidator& validate_fault,
               Catalogue& catalogue) {
  try {
    const auto root = toml::parse(text, name);
    load_document(root, name, validate_fault, catalogue);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    catalogue.errors.push_back({SourceLocation{name, static_cast<int>(begin.line), static_cast<int>(begin.column)},
                                fmt::format("not valid TOML: {}", error.description())});
  }
}

}  // namespace

std::string_view role_name(Role role) {
  switch (role) {
    case Role::Server: return "server";
    case Role::Client: return "client";
    case Role::Pair: return "pair";
  }
  return "server";
}

std::string_view concurrency_name(Concurrency concurrency) {
  return concurrency == Concurrency::Sequential ? "sequential" : "all";
}

std::optional<Role> parse_role(std::string_view name) {
  if (name == "server") return Role::Server;
  if (name == "client") return Role::Client;
  if (name == "pair") return Role::Pair;
  return std::nullopt;
}

Catalogue load_case_text(std::string_view text, const std::string& name, const FaultValidator& validate_fault) {
  Catalogue catalogue;
  load_into(text, name, validate_fault, catalogue);
  finish(catalogue);
  return catalogue;
}

Catalogue load_case_file(const std::filesystem::path& file, const std::filesystem::path& display_root,
                         const FaultValidator& validate_fault) {
  Catalogue catalogue;
  const std::string name = file.lexically_relative(display_root).generic_string();
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    catalogue.errors.push_back({SourceLocation{name, 0, 0}, "cannot be read"});
    return catalogue;
  }
  std::stringstream text;
  text << in.rdbuf();
  load_into(text.str(), name, validate_fault, catalogue);
  finish(catalogue);
  return catalogue;
}

Catalogue load_catalogue(const std::filesystem::path& directory, const FaultValidator& validate_fault) {
  Catalogue catalogue;
  const auto display_root = directory.has_parent_path() ? directory.parent_path() : directory;
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    catalogue.errors.push_back({SourceLocation{directory.string(), 0, 0}, "is not a directory of case files"});
    return catalogue;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".toml") continue;
    const auto relative = entry.path().lexically_relative(directory).generic_string();
    if (relative.starts_with("expectations/")) continue;
    // Cases written by `wsharness fuzz` are run on purpose (--cases cases/found),
    // never as part of the catalogue: they fail by design until fixed.
    if (relative.starts_with("found/")) continue;
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto part = load_case_file(file, display_root, validate_fault);
    std::move(part.cases.begin(), part.cases.end(), std::back_inserter(catalogue.cases));
    std::move(part.errors.begin(), part.errors.end(), std::back_inserter(catalogue.errors));
  }
  finish(catalogue);
  return catalogue;
}

}  // namespace wsh::cases
