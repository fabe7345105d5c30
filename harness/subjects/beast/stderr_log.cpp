#include "stderr_log.hpp"

#include <cstdio>
#include <string>

namespace wsh::subject::beast_subject {

void log_line(std::string_view message) {
  std::string line = "wsh-subject-beast: ";
  line.append(message);
  line.push_back('\n');
  // One fwrite of the whole line keeps lines from different threads whole.
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace wsh::subject::beast_subject
