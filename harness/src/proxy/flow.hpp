#pragma once
// The two directions of a relayed connection, named by where the bytes go:
// ToServer carries what the client subject sends, ToClient what the server
// subject sends. A case names them `to_server` / `to_client`.

#include <string_view>

namespace wsh::proxy {

enum class Flow { ToServer, ToClient };

inline std::string_view flow_name(Flow flow) { return flow == Flow::ToServer ? "to_server" : "to_client"; }
inline Flow opposite(Flow flow) { return flow == Flow::ToServer ? Flow::ToClient : Flow::ToServer; }

}  // namespace wsh::proxy
