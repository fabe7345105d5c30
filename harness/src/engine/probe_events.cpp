#include "engine/probe_events.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include "launch/event_parser.hpp"

namespace wsh::engine {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(2);
// A line longer than this is not an event of the protocol; it is dropped
// rather than buffered without bound.
constexpr std::size_t kMaxLine = 64 * 1024;

// The connection a line belongs to, read without parsing the whole line, so
// other connections' lines cost a substring search only.
bool mentions_conn(const std::string& line, const std::string& conn) {
  return line.find(fmt::format("\"conn\":\"{}\"", conn)) != std::string::npos;
}

}  // namespace

ProbeEventReader::ProbeEventReader(std::filesystem::path file, launch::ConnId conn)
    : file_(std::move(file)), conn_(std::move(conn)) {
  struct stat status {};
  if (::stat(file_.c_str(), &status) == 0) offset_ = static_cast<std::uint64_t>(status.st_size);
  poller_ = std::thread([this] {
    while (!stopping_.load()) {
      poll();
      std::this_thread::sleep_for(kPollInterval);
    }
  });
}

ProbeEventReader::~ProbeEventReader() {
  stopping_.store(true);
  poller_.join();
}

std::vector<launch::SubjectEvent> ProbeEventReader::events() const {
  std::lock_guard lock(mutex_);
  return events_;
}

std::vector<std::string> ProbeEventReader::problems() const {
  std::lock_guard lock(mutex_);
  return problems_;
}

std::size_t ProbeEventReader::poll() {
  std::lock_guard lock(mutex_);
  const int fd = ::open(file_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  std::string appended;
  char buffer[16384];
  while (true) {
    const auto n = ::pread(fd, buffer, sizeof buffer, static_cast<off_t>(offset_));
    if (n <= 0) break;
    appended.append(buffer, static_cast<std::size_t>(n));
    offset_ += static_cast<std::uint64_t>(n);
  }
  ::close(fd);
  const auto now = launch::Clock::now();
  std::size_t arrived = 0;
  partial_ += appended;
  std::size_t begin = 0;
  for (auto end = partial_.find('\n'); end != std::string::npos; end = partial_.find('\n', begin)) {
    std::string line = partial_.substr(begin, end - begin);
    begin = end + 1;
    if (!mentions_conn(line, conn_)) continue;
    auto parsed = launch::parse_event_line(line);
    if (auto* problem = std::get_if<launch::ParseProblem>(&parsed)) {
      problems_.push_back(problem->what);
      continue;
    }
    auto& event = std::get<launch::SubjectEvent>(parsed);
    if (event.conn != conn_) continue;
    event.at = now;
    event.line_number = events_.size() + 1;
    events_.push_back(std::move(event));
    ++arrived;
  }
  partial_.erase(0, begin);
  if (partial_.size() > kMaxLine) partial_.clear();
  return arrived;
}

bool ProbeEventReader::wait_for(launch::EventKind kind, launch::Clock::time_point deadline) {
  std::size_t seen = 0;
  while (true) {
    poll();
    const auto arrived = events();
    for (; seen < arrived.size(); ++seen)
      if (arrived[seen].kind == kind) return true;
    if (launch::Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(kPollInterval);
  }
}

}  // namespace wsh::engine
