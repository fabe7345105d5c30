#pragma once
// A small RunSummary for the report tests: one result with a close
// handshake on the wire, subject events and a stderr tail. Tests put
// their own strings into it (hostile ones, large ones).

#include <filesystem>
#include <string>

#include "report/run_summary.hpp"

namespace wsh::report::testing {

// A result whose transcript is: text frame to the subject, its echo, a
// close frame each way, then the subject's FIN; events open, read text,
// read fail, cleanup.
results::CaseResult sample_result(std::string close_reason = "bye", std::string payload_text = "hello");

RunSummary sample_run(std::size_t results = 1);

// The whole file, or fails the test.
std::string read_file(const std::filesystem::path& path);

// A fresh, empty directory under the system temp directory, removed by the
// destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The text between <script type="application/json" id="wsh-data"> and the
// next </script> of an index.html, or empty.
std::string embedded_data(const std::string& index_html);

// How often `needle` occurs in `text`.
std::size_t count(const std::string& text, std::string_view needle);

}  // namespace wsh::report::testing
