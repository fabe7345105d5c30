#pragma once
// Which end of a connection an endpoint is. It decides the masking rule
// (RFC 6455 §5.1): a client masks every frame it sends, a server none.

namespace wsh::wire {

enum class Role { Client, Server };

constexpr Role peer_of(Role role) { return role == Role::Client ? Role::Server : Role::Client; }

constexpr const char* role_name(Role role) { return role == Role::Client ? "client" : "server"; }

}  // namespace wsh::wire
