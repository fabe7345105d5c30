#pragma once
// The faulty subject's bug switches (docs/ARCHITECTURE.md, "Oracles that must be able to
// fail"). With none set the subject behaves as RFC 6455 and the subject
// protocol demand; each switch breaks exactly one behaviour, so that exactly
// one oracle of the harness can be shown to notice.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::subject::faulty {

enum class Bug : std::uint8_t {
  DoubleCleanup,     // cleanup runs (and is emitted) twice
  NoCleanup,         // cleanup never runs
  ReadAfterFail,     // one more `read` (text) event after `read fail`
  NeverAnswerClose,  // a peer's close frame gets no reply and TCP stays open
  Send1005,          // "/close 1005 ..." puts 1005 on the wire (§7.4.1 forbids it)
  EchoInvalidCode,   // a received invalid close code is echoed instead of failing with 1002
  CrashOnClose,      // abort() when a close frame is received or sent
  HangOnClose,       // the handler blocks forever when a close frame is received
  LeakFd,            // the socket's fd is dup()ed and never closed
  SlowCleanup,       // cleanup runs 2.5 s late
  RaceSend,          // /spam writes frames without the write mutex
  CrashOnLeave,      // abort() on /leave
  MaskServerFrames,  // a server masks what it sends (§5.1 forbids it)
  NoCloseReplyTcp,   // a server answers close but never closes TCP (§7.1.1)
  InvalidUtf8Echo,   // echoed text carries an invalid UTF-8 byte (§8.1)
  // Multi-connection bugs: invisible to a case with one connection.
  ShutdownMissesOne,    // graceful shutdown forgets the newest connection when several are open
  LeakFdEvery10th,      // the process's 10th, 20th, ... connection to end keeps its socket's fd
  CleanupBeforeFail,    // cleanup runs (and is emitted) before read() returns Fail
  BadClosePayload,      // the subject's close frame carries a 1-byte payload (§5.5.1)
  OversizePong,         // a ping is answered with a 126-byte pong (§5.5: control frames <= 125)
  DataAfterClose,       // a text frame follows the subject's close frame (§5.5.1)
  DropInsteadOfClose,   // a protocol error drops TCP with no close frame (§7.1.7 NON-STRICT)
  LoseMessage,          // the second data frame the subject sends is silently dropped
  FakeSanitizerReport,  // an AddressSanitizer-format report on stderr, exit 1, on a close frame
  GarbageStdout,        // a line that is not JSON on stdout when a connection opens
  SpamReorder,          // /spam sends its messages 0 and 1 in swapped order
  // One per oracle that no switch above proves alone.
  ReadFailUnreported,      // the read loop ends on a Fail the handler never reports (app.read-fail-once)
  ReadFailTwice,           // the handler reports read() Fail twice, as a loop that retries once
  LingerAfterShutdown,     // after /shutdown the process stays up until a signal ends it (health.exit)
  IgnoreProtocolError,     // a protocol error is swallowed: no close frame, TCP left open (§7.1.7)
  InvalidUtf8CloseReason,  // the subject's own close reason carries a 0xFF byte (§5.5.1, §8.1)
  // Defects seen in cpp-httplib's source, one per case that looks for them.
  ShortWrite,             // a data frame write cut short by a stalled peer counts as sent (ws:// only)
  CloseReplyLimit,        // waiting for the close reply, a frame over 125 bytes makes it reset TCP
  CloseReasonCut,         // a close reason over 123 bytes is cut at byte 123, even mid-character
  TimeoutEndsConnection,  // with --emulate read-timeout: the timed-out read also closes with 1001
  HeaderSplitFails,       // a frame header that one read does not hold whole fails the connection (1002)
  // The opening handshake's own oracle.
  WrongAccept,  // a server answers 101 with a Sec-WebSocket-Accept computed from another key (§4.2.2)
};

// The switch's command-line name, e.g. "double-cleanup".
std::string_view bug_name(Bug bug);
// The switch named `name`, or nullopt for a name no switch has.
std::optional<Bug> parse_bug(std::string_view name);
// Every switch's name, in declaration order.
std::vector<std::string> all_bug_names();

// The switches one run was started with.
class BugSet {
 public:
  BugSet() = default;
  void add(Bug bug);
  bool has(Bug bug) const { return (bits_ & bit(bug)) != 0; }
  bool empty() const { return bits_ == 0; }
  // The names of the switches set, in declaration order (reported in hello).
  std::vector<std::string> names() const;

 private:
  static std::uint64_t bit(Bug bug) { return std::uint64_t{1} << static_cast<unsigned>(bug); }
  std::uint64_t bits_ = 0;
};

// Parses the values of every --bug flag. Returns the problem when a name is
// unknown: the name given and the list of known names, for the usage error.
struct BugParse {
  BugSet bugs;
  std::optional<std::string> error;
};
BugParse parse_bugs(const std::vector<std::string>& names);

// What the crash-on-* switches do: say why on stderr, then abort().
[[noreturn]] void crash(std::string_view why);
// What fake-sanitizer-report does: print a report in AddressSanitizer's
// format to stderr and exit 1 as ASan does. It proves the harness's
// detector (health.sanitizer); there is no real memory error.
[[noreturn]] void fake_sanitizer_report(std::string_view why);
// What hang-on-close does: say why on stderr, then block the calling thread
// for good, as a handler stuck on a lock that is never released.
[[noreturn]] void hang_forever(std::string_view why);

}  // namespace wsh::subject::faulty
