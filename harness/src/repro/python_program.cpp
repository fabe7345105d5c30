#include "repro/python_program.hpp"

#include <fmt/format.h>

#include "repro/python_literal.hpp"

namespace wsh::repro {
namespace {

std::string_view action_name(ReplayAction::Kind kind) {
  using Kind = ReplayAction::Kind;
  switch (kind) {
    case Kind::Send: return "send";
    case Kind::Fin: return "fin";
    case Kind::Rst: return "rst";
    case Kind::Close: return "close";
    case Kind::Stall: return "stall";
    case Kind::Unstall: return "unstall";
    case Kind::Chop: return "chop";
    case Kind::Delay: return "delay";
    case Kind::Truncate: return "truncate";
    case Kind::Note: return "note";
  }
  return "note";
}

std::string join(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

// The subject's command line for the user to run: the logged one, with the
// port the harness asked for left to the system.
std::string start_command(const ReproPlan& plan) {
  if (plan.subject_command.empty()) return {};
  return join(plan.subject_command);
}

std::string docstring(const ReproPlan& plan, const Provenance& provenance) {
  std::string doc;
  const auto line = [&](const std::string& text) { doc += docstring_text(text) + "\n"; };
  line(fmt::format("Reproduces wsharness result {}", plan.id));
  line(fmt::format("(subject {}, in the {} role, over {}), without wsharness.", plan.subject, plan.subject_role,
                   plan.transport));
  line("");
  line(fmt::format("Case: {}", plan.title));
  line(fmt::format("RFC 6455 section {}:", plan.rfc));
  for (std::size_t start = 0; start < plan.requirement.size();) {
    const auto end = plan.requirement.find('\n', start);
    line("    " + plan.requirement.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  line("");
  line(fmt::format("Verdict: {}: {}", plan.verdict, plan.reason));
  line(fmt::format("Recorded by wsharness {} with seed {}{}; program written {}.", provenance.harness_version,
                   plan.seed, provenance.run_started.empty() ? "" : ", run started " + provenance.run_started,
                   provenance.written));
  line("");
  line("How to run it:");
  const auto command = start_command(plan);
  if (plan.subject_role == "server") {
    line("  1. Start the subject (the server under test), e.g. as the harness did:");
    line("       " + (command.empty() ? std::string("(the result does not say how)") : command));
    line("     (a subject of the wsharness protocol prints {\"event\":\"ready\",\"port\":N} when it listens;");
    line("     the harness's temporary --tls-cert/--tls-key files are gone: give your own)");
    line(fmt::format("  2. python3 repro.py {}://127.0.0.1:N/", plan.transport));
    line(fmt::format("     (default URL: {}, the recorded one)", plan.default_url));
  } else {
    line("  1. python3 repro.py [PORT]   (listens on 127.0.0.1, port 0 = any; prints the URL)");
    line("  2. Start the client under test against that URL, e.g. as the harness did:");
    line("       " + (command.empty() ? std::string("(the result does not say how)") : command));
    line("     with --url replaced by the printed URL.");
    if (plan.transport == "wss")
      line(
          "  This result ran over wss: the program cannot serve TLS (no certificate in the standard library) "
          "and says SKIP.");
  }
  line("");
  line("What it does: it plays the harness's side of the recorded connection, byte for byte (frames with");
  line("their recorded masking keys) and with the recorded delays. A send that came after frames of the");
  line("subject in the recording waits for those frames first (at most 2 s, or twice the recorded wait).");
  line("It prints every frame the subject sends, decoded, with a timestamp, then what the verdict's cause");
  line("predicts and what this run observed.");
  line("");
  line("Exit status: 1 the verdict's cause reproduced; 0 it did not (or the result passed); 2 the program");
  line("could not run (usage, connection, SKIP); 3 the cause lies in the subject's application or process");
  line("(read results, cleanups, crashes), which a peer on the wire cannot see.");
  if (!plan.inexact.empty()) {
    line("");
    line("Not replayed exactly:");
    for (const auto& item : plan.inexact) line("  - " + item);
  }
  if (!plan.unchecked.empty()) {
    line("");
    line("Findings not visible on the wire (not checked):");
    for (const auto& item : plan.unchecked) line("  - " + item);
  }
  return doc;
}

std::string actions_literal(const ReproPlan& plan) {
  std::string out = "ACTIONS = [\n";
  for (const auto& action : plan.actions) {
    out += fmt::format("    {{\"do\": \"{}\", \"at_us\": {}, \"after_frames\": {}, \"after_end\": {}, \"what\": {}",
                       action_name(action.kind), action.at_us, action.after_frames,
                       action.after_subject_end ? "True" : "False", python_str(action.what));
    if (action.kind == ReplayAction::Kind::Send) out += ",\n     \"data\": " + python_bytes(action.data);
    if (action.kind == ReplayAction::Kind::Close)
      out += fmt::format(", \"marks_end\": {}", action.marks_peer_close ? "True" : "False");
    if (action.kind == ReplayAction::Kind::Chop)
      out += fmt::format(", \"size\": {}, \"delay_ms\": {}", action.size, action.delay_ms);
    if (action.kind == ReplayAction::Kind::Delay) out += fmt::format(", \"ms\": {}", action.delay_ms);
    if (action.kind == ReplayAction::Kind::Truncate)
      out += fmt::format(", \"after\": {}, \"then\": {}", action.size, python_str(action.then));
    out += "},\n";
  }
  return out + "]\n";
}

std::string frames_literal(const ReproPlan& plan) {
  std::string sequence = "[";
  for (std::size_t i = 0; i < plan.subject_frames.size(); ++i) {
    const auto& frame = plan.subject_frames[i];
    sequence += fmt::format("{}({}, {})", i ? ", " : "", python_str(frame.opcode),
                            frame.close_code ? std::to_string(*frame.close_code) : "None");
  }
  return sequence + "]";
}

std::string checks_literal(const ReproPlan& plan) {
  std::string out = "CHECKS = [\n";
  for (const auto& check : plan.checks) {
    out += fmt::format("    {{\"kind\": {}, \"oracle\": {}, \"verdict\": {},\n     \"reason\": {},\n",
                       python_str(check.kind), python_str(check.oracle), python_str(check.verdict),
                       python_str(check.reason));
    out += fmt::format("     \"expected\": {},\n     \"recorded\": {}", python_str(check.expected),
                       python_str(check.recorded));
    if (check.code) out += fmt::format(", \"code\": {}", *check.code);
    if (check.length) out += fmt::format(", \"length\": {}", *check.length);
    if (check.kind == "same_frames")
      out += fmt::format(",\n     \"frames\": {}, \"tcp_end\": {}", frames_literal(plan), python_str(plan.tcp_end));
    out += "},\n";
  }
  return out + "]\n";
}

std::string strings_literal(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ",\n    " : "\n    ") + python_str(items[i]);
  return out + (items.empty() ? "]" : ",\n]");
}

}  // namespace

std::string python_program(const ReproPlan& plan, const Provenance& provenance) {
  std::string out = "#!/usr/bin/env python3\n";
  out += "# Written by `wsharness repro`. Python 3 standard library only. Every string below that came from\n";
  out += "# the subject or the report is an escaped literal; nothing recorded is executed.\n";
  out += "\"\"\"" + docstring(plan, provenance) + "\"\"\"\n\n";
  out += "# ---- the recorded result --------------------------------------------------------\n\n";
  out += "RESULT_ID = " + python_str(plan.id) + "\n";
  out += "SUBJECT_ROLE = " + python_str(plan.subject_role) + "  # the subject's role; this program plays the other\n";
  out += "TRANSPORT = " + python_str(plan.transport) + "\n";
  out += "DEFAULT_URL = " + python_str(plan.default_url) + "\n";
  out += "SUBJECT_COMMAND = " + python_str(start_command(plan)) + "\n";
  out += "VERDICT = " + python_str(plan.verdict) + "\n";
  out += "REASON = " + python_str(plan.reason) + "\n";
  out += "SEED = " + std::to_string(plan.seed) + "\n";
  out += "# The opening handshake as the harness sent it (request: subject = server; response: subject = client).\n";
  out += "REQUEST = " + python_bytes(plan.request) + "\n";
  out += "RESPONSE = " + python_bytes(plan.response) + "\n";
  out += fmt::format("HANDSHAKE_AT_US = {}  # when the handshake completed (us since the case started)\n",
                     plan.handshake_at_us);
  out += "# The harness's side, in order. at_us: when (us since the case started); after_frames: how many\n";
  out += "# subject frames had arrived before it; after_end: whether the subject had ended TCP before it.\n";
  out += actions_literal(plan);
  out += "# The subject's frames in the recording: when each arrived, and what they were.\n";
  out += "RECORDED_FRAME_AT_US = [";
  for (std::size_t i = 0; i < plan.subject_frames.size(); ++i)
    out += (i ? ", " : "") + std::to_string(plan.subject_frames[i].at_us);
  out += "]\n";
  out += "RECORDED_FRAMES = " + frames_literal(plan) + "\n";
  out += "RECORDED_TCP_END = " + python_str(plan.tcp_end) + "\n";
  out += fmt::format("RECORDED_END_US = {}  # the last record: how long the harness kept reading\n", plan.end_us);
  out += "# The verdict's cause, finding by finding, as this program checks it on the wire.\n";
  out += checks_literal(plan);
  out += "UNCHECKED = " + strings_literal(plan.unchecked) + "\n";
  out += "NOT_EXACT = " + strings_literal(plan.inexact) + "\n";
  out += "NOTHING_TO_CHECK = " +
         python_str(plan.verdict == "PASS" || plan.verdict == "INFORMATIONAL"
                        ? "the result is " + plan.verdict + "; the program only shows the exchange"
                        : "every finding of this result lies in the subject's application or process") +
         "\n\n";
  out += replay_runtime();
  out += "\n\nif __name__ == \"__main__\":\n    sys.exit(main(sys.argv[1:]))\n";
  return out;
}

}  // namespace wsh::repro
