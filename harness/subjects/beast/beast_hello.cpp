#include "beast_hello.hpp"

#include <boost/beast/version.hpp>
#include <boost/version.hpp>

#include "message_limit.hpp"

namespace wsh::subject::beast_subject {

std::string boost_version_string(long boost_version) {
  return std::to_string(boost_version / 100000) + "." + std::to_string(boost_version / 100 % 1000) + "." +
         std::to_string(boost_version % 100);
}

std::string beast_version_string(long boost_version, int beast_version) {
  return boost_version_string(boost_version) + "+beast." + std::to_string(beast_version);
}

Hello make_hello(const TimeoutPolicy& timeouts) {
  Hello hello;
  hello.impl = "beast";
  hello.version = beast_version_string(BOOST_VERSION, BOOST_BEAST_VERSION);
  hello.roles = {"server", "client"};
  hello.features = {"tls", "threads", "leave", "heartbeat"};
  report_timeouts(timeouts, hello);
  hello.max_message = kMaxMessageBytes;
  return hello;
}

}  // namespace wsh::subject::beast_subject
