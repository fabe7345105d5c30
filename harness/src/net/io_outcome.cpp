#include "net/io_outcome.hpp"

namespace wsh::net {

std::string_view to_string(ReadStatus status) {
  switch (status) {
    case ReadStatus::Data: return "data";
    case ReadStatus::Eof: return "eof";
    case ReadStatus::Reset: return "reset";
    case ReadStatus::Timeout: return "timeout";
    case ReadStatus::Error: return "error";
  }
  return "error";
}

std::string_view to_string(WriteStatus status) {
  switch (status) {
    case WriteStatus::Ok: return "ok";
    case WriteStatus::Reset: return "reset";
    case WriteStatus::Broken: return "broken";
    case WriteStatus::Timeout: return "timeout";
    case WriteStatus::Error: return "error";
  }
  return "error";
}

}  // namespace wsh::net
