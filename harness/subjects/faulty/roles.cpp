#include "roles.hpp"

namespace wsh::subject::faulty {

ConnectionConfig connection_config(const ProcessContext& context, wire::Role role, const std::string& conn) {
  ConnectionConfig config;
  config.role = role;
  config.close_timeout = Millis(context.options.close_timeout_ms);
  config.read_timeout = Millis(context.options.read_timeout_ms);
  config.ping_interval = Millis(context.options.ping_interval_ms);
  config.read_timeout_result = context.emulate_read_timeout;
  config.bugs = context.bugs;
  config.name = conn;
  return config;
}

}  // namespace wsh::subject::faulty
