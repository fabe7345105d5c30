#pragma once
// A pair case's steps, played through the fault proxy: frames injected
// toward one subject, faults per direction, waits for a subject's frames,
// events or TCP end. The harness is not an endpoint here, so nothing is
// answered on its behalf: the two subjects talk to each other.

#include <chrono>
#include <optional>
#include <random>
#include <string>

#include "base/clock.hpp"
#include "cases/case_model.hpp"
#include "launch/subject.hpp"
#include "proxy/fault_proxy.hpp"

namespace wsh::engine {

struct PairSubject {
  launch::Subject* subject = nullptr;
  launch::ConnId conn;           // the connection as this subject names it
  std::size_t event_cursor = 0;  // wait_event searches from here
  std::size_t frame_cursor = 0;  // wait_frame: frames of this subject already matched
};

class PairSteps {
 public:
  PairSteps(proxy::FaultProxy& proxy, PairSubject& server, PairSubject& client, std::mt19937_64& random);

  // Applies a fault step to its direction(s). Faults at the head of a case
  // go in before the relays start, so they shape the first byte.
  bool apply_fault(const cases::FaultStep& fault, Deadline deadline, std::string& failure);

  // Runs one step; on failure records why (and whether a deadline passed)
  // and returns false.
  bool run(const cases::LocatedStep& step, Deadline case_deadline);

  const std::optional<std::string>& failure() const { return failure_; }
  bool timed_out() const { return timed_out_; }
  std::chrono::milliseconds waited() const { return waited_; }

 private:
  bool run_step(const cases::Step& step, Deadline case_deadline, std::string& failure, bool& timed_out);
  bool inject(const cases::SendStep& send, Deadline deadline, std::string& failure);
  bool wait_frame(const cases::WaitFrameStep& wait, Deadline deadline, std::string& failure);
  bool wait_event(const cases::WaitEventStep& wait, Deadline deadline, std::string& failure, bool& timed_out);
  bool expect_tcp_close(const cases::ExpectTcpCloseStep& expect, Deadline deadline, std::string& failure);
  PairSubject& side(cases::PairSide which) { return which == cases::PairSide::Server ? server_ : client_; }

  proxy::FaultProxy& proxy_;
  PairSubject& server_;
  PairSubject& client_;
  std::mt19937_64& random_;
  std::optional<std::string> failure_;
  bool timed_out_ = false;
  std::chrono::milliseconds waited_{0};
};

}  // namespace wsh::engine
