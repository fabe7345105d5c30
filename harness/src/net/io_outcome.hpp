#pragma once
// What a read or a write on an established connection came to. These are
// outcomes, not errors: how a connection ended (FIN vs RST, or nothing before
// the deadline) is exactly what the oracles judge.

#include <cstddef>
#include <string>
#include <string_view>

namespace wsh::net {

enum class ReadStatus {
  Data,     // n > 0 bytes arrived
  Eof,      // the peer closed its write side cleanly (FIN): recv returned 0
  Reset,    // the peer reset the connection (RST): ECONNRESET
  Timeout,  // nothing arrived before the deadline
  Error,    // anything else; `error` says what
};

struct ReadOutcome {
  ReadStatus status = ReadStatus::Error;
  std::size_t n = 0;
  std::string error;
};

enum class WriteStatus {
  Ok,       // every byte was handed to the kernel
  Reset,    // ECONNRESET: the peer had reset the connection
  Broken,   // EPIPE: the connection can no longer be written (after FIN/RST)
  Timeout,  // the deadline passed with bytes left (the peer stopped reading)
  Error,    // anything else; `error` says what
};

struct WriteOutcome {
  WriteStatus status = WriteStatus::Error;
  std::size_t written = 0;  // bytes accepted before the outcome
  std::string error;

  bool ok() const { return status == WriteStatus::Ok; }
};

std::string_view to_string(ReadStatus status);
std::string_view to_string(WriteStatus status);

}  // namespace wsh::net
