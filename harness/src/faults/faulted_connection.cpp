#include "faults/faulted_connection.hpp"

namespace wsh::faults {

FaultedConnection::FaultedConnection(net::Connection connection, std::mt19937_64& rng)
    : connection_(std::move(connection)), pipeline_(std::make_unique<FaultPipeline>(connection_.socket_sink(), rng)) {
  connection_.route_outgoing(pipeline_.get());
}

FaultedConnection::~FaultedConnection() = default;
FaultedConnection::FaultedConnection(FaultedConnection&&) noexcept = default;
FaultedConnection& FaultedConnection::operator=(FaultedConnection&&) noexcept = default;

}  // namespace wsh::faults
