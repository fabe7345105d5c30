#include "netfuzz/fuzz_case.hpp"

#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "cases/step_parser.hpp"
#include "netfuzz/step_toml.hpp"
#include "wire/bytes.hpp"
#include "wire/utf8.hpp"

namespace wsh::netfuzz {
namespace {

// One line of text for a TOML comment: no line breaks, control bytes shown as '?'.
std::string comment_safe(std::string_view text) {
  // A TOML comment must be UTF-8 too: subject text that is not loses its
  // non-ASCII bytes.
  const bool utf8 = wire::is_valid_utf8(wire::to_bytes(text));
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    out += (byte < 0x20 || byte == 0x7f || (byte >= 0x80 && !utf8)) ? '?' : c;
  }
  return out;
}

// `key = value` as toml++ writes it (quotes, control bytes and malformed
// UTF-8 escaped), one line per key in the order the case format reads best.
template <class Value>
std::string toml_line(std::string_view key, Value&& value) {
  toml::table table;
  table.insert(key, std::forward<Value>(value));
  std::ostringstream out;
  out << toml::toml_formatter{table, toml::format_flags::none};
  return out.str() + "\n";
}

toml::array one_string(std::string_view text) {
  toml::array array;
  array.push_back(std::string(text));
  return array;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : std::string(separator)) + item;
  return text;
}

}  // namespace

std::string FuzzCaseId::id() const { return fmt::format("found.{}.{}", run_seed, index); }
std::string FuzzCaseId::file_name() const { return fmt::format("found-{}-{}.toml", run_seed, index); }

cases::CaseInstance make_fuzz_case(const FuzzCaseId& id, const GeneratedSteps& generated, cases::Role role,
                                   const std::string& transport) {
  cases::CaseInstance instance;
  instance.case_id = id.id();
  instance.result_id = instance.case_id;
  instance.area = "found";
  instance.title =
      fmt::format("Fuzzed input {} of seed {} (from {})", id.index, id.run_seed, join(generated.sources, " + "));
  instance.rfc = "10.7";
  instance.requirement = requirement_for("health.crash").requirement;
  instance.description =
      "mutations: " + (generated.mutations.empty() ? std::string("none") : join(generated.mutations, "; "));
  instance.roles = {role};
  instance.transports = {transport};
  instance.timeout = kFuzzTimeout;
  instance.drain = kFuzzDrain;
  instance.expect.close = cases::CloseExpectation::Any;
  instance.expect.robust = true;
  instance.where = {"(generated) " + id.file_name(), 0, 0};
  for (auto step : generated.steps) {
    // Mutations leave fields behind that nothing reads: a payload under
    // frame_size, which sends filler of that size (peer/step_frames.cpp); a
    // mask key under any mask mode but a fixed key; a payload or declared
    // length that a size relative to max_message replaces when the case is
    // bound to its subject (cases/max_message.cpp). They are dropped, so the
    // case holds what is sent and its file reads back the same.
    if (auto* send = std::get_if<cases::SendStep>(&step)) {
      if (send->frame_size || send->size_from_max_message) send->payload.clear();
      if (send->declared_from_max_message) send->declared_length.reset();
      if (send->mask != cases::MaskMode::Fixed) send->mask_key = {};
    }
    instance.steps.push_back({step, instance.where, render_step(step)});
  }
  return instance;
}

OracleRequirement requirement_for(const std::string& oracle) {
  // The application oracles enforce the harness's handler contract
  // (harness/subjects/PROTOCOL.md); the RFC section they rest on is the one that ends the
  // connection, §7.1.4, whose closed state the handler must observe once.
  if (oracle.starts_with("app."))
    return {"7.1.4",
            "When the underlying TCP connection is closed, it is said that _The WebSocket Connection is Closed_ "
            "and that the WebSocket connection is in the CLOSED state. (The handler must see it once: read() "
            "returns Fail at most once and last, the cleanup after the read loop runs exactly once, no fd outlives "
            "the connection, whatever the peer sent.)"};
  if (oracle == "handshake")
    return {"4.2.2",
            "If the server chooses to accept the incoming connection, it MUST reply with a valid HTTP response "
            "indicating the following."};
  // health.crash, health.sanitizer, health.protocol and anything else: the
  // subject broke on input it must validate.
  return {"10.7",
          "Incoming data MUST always be validated by both clients and servers. If, at any time, an endpoint is "
          "faced with data that it does not understand or that violates some criteria by which the endpoint "
          "determines safety of input, ... the endpoint MAY drop the TCP connection."};
}

std::string render_found_case(const cases::CaseInstance& instance, const GeneratedSteps& generated,
                              const FindingRecord& record) {
  const auto& worst =
      record.findings.empty() ? oracles::Finding{record.verdict, "unknown", ""} : record.findings.front();
  const auto requirement = requirement_for(worst.oracle);
  std::string out;
  out += fmt::format("# Found by wsharness fuzz: {} ({}).\n", std::string(oracles::verdict_name(record.verdict)),
                     worst.oracle);
  for (const auto& finding : record.findings)
    out += fmt::format("#   {} {}: {}\n", std::string(oracles::verdict_name(finding.verdict)), finding.oracle,
                       comment_safe(finding.reason.substr(0, 400)));
  out += fmt::format("# subject: {}\n", comment_safe(record.subject_command));
  out += fmt::format("# fuzz:    {}\n", comment_safe(record.fuzz_command));
  out += fmt::format("# seeds:   {}\n", comment_safe(join(generated.sources, ", ")));
  for (const auto& mutation : generated.mutations) out += fmt::format("# mutated: {}\n", comment_safe(mutation));
  out += fmt::format(
      "# rerun:   wsharness run --cases <this directory> --filter '{}' --role {} --transport {} "
      "--subject-cmd \"<subject>\"\n",
      instance.result_id, cases::role_name(instance.roles.front()), instance.transports.front());
  out +=
      "# expect:  close = any (a protocol error is a legitimate answer to fuzzed input); robust: graded\n"
      "#          are health, handshake, handler returns, cleanup once, Fail at most once and last, fds\n";
  out += "\n[[case]]\n";
  out += toml_line("id", instance.result_id);
  out += toml_line("title", instance.title);
  out += toml_line("rfc", requirement.rfc);
  out += toml_line("requirement", requirement.requirement);
  out += toml_line("description", fmt::format("{} found {}: {}. {}", std::string(oracles::verdict_name(record.verdict)),
                                              worst.oracle, worst.reason.substr(0, 400), instance.description));
  out += toml_line("roles", one_string(cases::role_name(instance.roles.front())));
  out += toml_line("transports", one_string(instance.transports.front()));
  out += toml_line("timeout_ms", static_cast<std::int64_t>(instance.timeout.count()));
  out += toml_line("drain_ms", static_cast<std::int64_t>(instance.drain.count()));
  // One step a line, each as toml++ writes its inline table.
  out += "steps = [\n";
  for (const auto& step : instance.steps) out += "  " + cases::inline_table_text(step_table(step.step)) + ",\n";
  out += "]\n";
  out += "[case.expect]\n";
  out += toml_line("close", "any");
  out += toml_line("robust", true);
  return out;
}

}  // namespace wsh::netfuzz
