#pragma once
// The in-memory form of a case file (cases/README.md describes the format).
// A CaseSpec is one [[case]] table as written; expanding its matrix gives one
// CaseInstance per parameter combination, with every "${param}" substituted and
// every step parsed into a typed Step.

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/bytes.hpp"
#include "base/clock.hpp"
#include "base/fault_params.hpp"

namespace wsh::cases {

using wsh::Bytes;
using wsh::Millis;
using CloseCode = std::uint16_t;

// Where something was written, for every error and every report line.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  std::string to_string() const;  // "cases/close/x.toml:12:5"
};

enum class Role { Server, Client, Pair };
std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

// ---- steps ---------------------------------------------------------------

// The pair topology has two subjects; its steps say which one they act on
// (`to`, `from`, `subject`) or which way a fault goes (`direction`). Other
// topologies have one subject and reject these keys.
enum class PairSide { Server, Client };
enum class PairDirection { ToServer, ToClient, Both };
std::string_view pair_side_name(PairSide side);

// Auto: as the role demands (§5.3); Wrong: the opposite of what it demands.
enum class MaskMode { Auto, None, Random, Fixed, Wrong };
enum class LengthMode { Minimal, Force16, Force64 };

struct HandshakeStep {
  std::vector<std::pair<std::string, std::string>> headers;  // extra request/response headers
  std::vector<std::string> omit;                             // upgrade, connection, key, version
  std::optional<int> version;                                // Sec-WebSocket-Version to send
  bool operator==(const HandshakeStep&) const = default;
};

struct SendStep {
  std::uint8_t opcode = 0x1;
  Bytes payload;  // for close: the whole close payload (code + reason) as built
  bool fin = true;
  std::uint8_t rsv = 0;
  MaskMode mask = MaskMode::Auto;
  std::array<std::uint8_t, 4> mask_key{};  // MaskMode::Fixed
  LengthMode length = LengthMode::Minimal;
  std::optional<std::uint64_t> declared_length;
  int repeat = 1;
  bool one_write = false;
  // payload_size = "max_message+N": `payload` is empty until
  // bind_max_message() makes it max_message + N filler bytes.
  std::optional<std::int64_t> size_from_max_message;
  // declared_length = "max_message+N": the header announces max_message + N
  // bytes whatever follows (a fail-fast case sends the header alone).
  std::optional<std::int64_t> declared_from_max_message;
  // frame_size = N: the whole frame on the wire is N bytes (header, mask key
  // and payload), the payload being filler of whatever length the header
  // leaves for the role's masking (§5.3) and `length`. Read-boundary cases
  // place the next frame's header at a chosen offset with it.
  std::optional<std::uint64_t> frame_size;
  std::optional<PairSide> to;  // pair: the subject the frame is injected toward
  bool operator==(const SendStep&) const = default;
};

struct SendRawStep {
  Bytes bytes;
  std::optional<PairSide> to;  // pair
  bool operator==(const SendRawStep&) const = default;
};

using wsh::FaultParam;
using wsh::FaultParams;

struct FaultStep {
  std::string name;
  FaultParams params;
  std::optional<PairDirection> direction;  // pair: which way(s) the proxy applies it
  bool operator==(const FaultStep&) const = default;
};

struct WaitFrameStep {
  std::optional<std::uint8_t> opcode;
  std::vector<CloseCode> codes;                       // for close frames: one of these (empty: any)
  std::optional<Bytes> payload;                       // exact payload (for data frames)
  std::optional<std::int64_t> size_from_max_message;  // as SendStep's
  Millis within{1000};
  std::optional<PairSide> from;  // pair: the subject that sends it
  bool operator==(const WaitFrameStep&) const = default;
};

struct WaitEventStep {
  std::string event;                  // open, read, close_called, cleanup, spam_done
  std::optional<std::string> result;  // for read: text | binary | fail
  Millis within{1000};
  std::optional<PairSide> subject;  // pair: whose event
  bool operator==(const WaitEventStep&) const = default;
};

enum class TcpCloseKind { Any, Fin, Rst };
struct ExpectTcpCloseStep {
  TcpCloseKind kind = TcpCloseKind::Any;
  Millis within{1000};
  std::optional<PairSide> from;  // pair: this subject ended its connection; unset: both connections ended
  bool operator==(const ExpectTcpCloseStep&) const = default;
};

struct ExpectSilenceStep {
  Millis duration{200};
  bool operator==(const ExpectSilenceStep&) const = default;
};

struct SleepStep {
  Millis duration{0};
  bool operator==(const SleepStep&) const = default;
};

using Step = std::variant<HandshakeStep, SendStep, SendRawStep, FaultStep, WaitFrameStep, WaitEventStep,
                          ExpectTcpCloseStep, ExpectSilenceStep, SleepStep>;

// Which connections of a multi-connection case run a step (`on`): every one,
// or only the first (one client sends /shutdown; all see the 1001).
enum class StepScope { Every, First };

struct LocatedStep {
  Step step;
  SourceLocation where;
  std::string text;  // the step as written, for transcripts and reports
  StepScope on = StepScope::Every;
};

// ---- expectations --------------------------------------------------------

enum class CloseExpectation { Clean, Fail, Any };
enum class AppExpectation { Normal, Leave, None };

struct Expectation {
  CloseExpectation close = CloseExpectation::Clean;
  std::vector<CloseCode> codes;                      // empty: any valid code
  std::optional<std::vector<std::string>> messages;  // exact data messages received
  std::optional<std::size_t> message_count;          // how many data messages, whatever they say
  // The subject's /spam messages (data messages starting "spam "), checked
  // whole and in order against the protocol's message i of this size; with
  // spam_count, all of them must arrive (PROTOCOL.md, "/spam").
  std::optional<std::size_t> spam_size;
  std::optional<std::size_t> spam_count;
  bool informational = false;
  AppExpectation app = AppExpectation::Normal;
  // The subject process must end by itself with this exit code before the
  // harness stops it (after /shutdown: exit 0). Unset: not checked.
  std::optional<int> exit_code;
  // The peer sends arbitrary input (a fuzzer's): only what must hold whatever
  // the peer sends is graded -- health, the opening handshake, and the
  // application in its robust form (handler returns, cleanup exactly once,
  // read() Fail at most once and last, fds back). `close`, `codes`,
  // `messages`, the wire oracles and send steps onto a connection the
  // subject already ended are not graded: failing the connection is a
  // legitimate answer to a protocol error.
  bool robust = false;
};

// ---- cases ---------------------------------------------------------------

struct SubjectTuning {
  std::optional<int> close_timeout_ms;
  std::optional<int> read_timeout_ms;
  std::optional<int> ping_interval_ms;
};

// A parameter value as written in the matrix, rendered for ids and reports.
struct Param {
  std::string name;
  std::string value;
};

// A server-role case over several connections to one subject process
// (`connections`, `concurrency`; cases/README.md, "Multi-connection cases").
enum class Concurrency {
  All,         // open and handshake every connection, then run the steps on all at once
  Sequential,  // the whole script on one connection after another (churn)
};
struct Fleet {
  int connections = 1;
  Concurrency concurrency = Concurrency::All;
};
std::string_view concurrency_name(Concurrency concurrency);

// What a case cites as the requirement it checks, the same for each of its
// results: a CaseInstance holds it, and every result of the instance
// (results/case_result.hpp) carries a copy into the reports.
struct CaseCitation {
  std::string title;
  std::string rfc;
  std::string requirement;
  std::string area;                   // first segment of the id: "close"
  std::vector<std::string> autobahn;  // resolved: "7.9.4"
};

// One runnable case: a CaseSpec with its parameters bound.
struct CaseInstance : CaseCitation {
  std::string case_id;    // "close.peer.code.invalid"
  std::string result_id;  // "close.peer.code.invalid[code=1005]"
  std::vector<Param> params;
  std::string description;
  std::vector<Role> roles;
  // "ws", "wss": where the case means something. A TCP-byte fault such as
  // corrupt tests WebSocket over ws:// but only the TLS record MAC over wss://.
  std::vector<std::string> transports = {"ws", "wss"};
  std::vector<std::string> requires_features;
  SubjectTuning subject;
  Millis timeout{5000};
  Millis drain{1500};
  // A race is caught only some of the time: the engine runs the case up to
  // `repeat` times, each against a fresh subject process, and stops at the
  // first run that is worse than PASS (case-level; a send step's `repeat`
  // is something else).
  int repeat = 1;
  bool reply_close = true;
  bool auto_pong = true;
  std::vector<LocatedStep> steps;
  Expectation expect;
  SourceLocation where;
  // Set when the case names `connections`: it runs over a fleet of
  // connections to one server subject, judged connection by connection.
  std::optional<Fleet> fleet;
};

}  // namespace wsh::cases
