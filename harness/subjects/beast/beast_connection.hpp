#pragma once
// The Beast connection behind both roles, as a template over the stream type
// (ws:// or wss://). Only connection_plain.cpp and connection_tls.cpp include
// this header: each instantiates it for one stream type, so the two heaviest
// instantiations in the project compile in parallel (they are most of the
// Beast subject's build, and the asan build's longest step).

#include "session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "chat_command.hpp"
#include "close_reason_fit.hpp"
#include "connection_registry.hpp"
#include "error_text.hpp"
#include "event_sink.hpp"
#include "message_limit.hpp"
#include "process_events.hpp"
#include "spam_sender.hpp"
#include "stderr_log.hpp"
#include "worker_threads.hpp"

namespace wsh::subject::beast_subject::detail {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using tcp = net::ip::tcp;
using boost::system::error_code;

using PlainStream = websocket::stream<beast::tcp_stream>;
using TlsStream = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

template <typename Stream>
inline constexpr bool kIsTls = std::is_same_v<Stream, TlsStream>;

template <typename... Visitors>
struct Overloaded : Visitors... {
  using Visitors::operator()...;
};
// clang-14 lacks CTAD for aggregates (P1816), so the guide is spelled out.
template <typename... Visitors>
Overloaded(Visitors...) -> Overloaded<Visitors...>;

inline bool is_ip_literal(const std::string& host) {
  error_code error;
  net::ip::make_address(host, error);
  return !error;
}

// The Host header Beast sends: RFC 7230 §5.4 wants the port when it is not
// the scheme's default, and IPv6 literals in brackets.
inline std::string host_header(const WsUrl& url) {
  const std::string host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  return host + ":" + std::to_string(url.port);
}

// One frame the connection will write, in the order the application asked for
// it: Beast allows one write (or close) in flight, so the rest wait here.
struct Outgoing {
  enum class Kind { Text, Binary, Close };

  Kind kind = Kind::Text;
  std::string payload;           // the message, or the close reason
  std::uint16_t close_code = 0;  // Kind::Close: passed through unchanged
  bool resume_reading = false;   // an echo: the handler reads on once it is written
  WriteCompletion on_written;    // a /spam message: its sender waits for this
};

// A connection. Every member is touched only on the connection's strand
// (executor_), except close() and abort(), which hop onto it, and id_, which
// is fixed before any other thread can see the connection.
template <typename Stream>
class Connection final : public OpenConnection, public std::enable_shared_from_this<Connection<Stream>> {
 public:
  Connection(tcp::socket socket, ssl::context* tls, Role role, ConnId id, const SessionEnvironment& env)
      : executor_(socket.get_executor()), role_(role), id_(std::move(id)), env_(env) {
    if constexpr (kIsTls<Stream>) {
      ws_.emplace(std::move(socket), *tls);
    } else {
      static_cast<void>(tls);
      ws_.emplace(std::move(socket));
    }
  }

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  ~Connection() override {
    // Only reachable with writes still queued when the io_context is torn
    // down; their senders must not wait for a completion that cannot come.
    for (auto& pending : outgoing_) {
      if (pending.on_written) pending.on_written(false);
    }
  }

  // Server role: TLS handshake (wss://), then Beast's accept. Runs on the
  // strand, like every later step, so no handler can race the initiation.
  void serve() {
    net::dispatch(executor_, [self = this->shared_from_this()] { self->server_handshake(); });
  }

  // Client role: TCP connect, TLS handshake (wss://), then Beast's handshake.
  void connect(std::vector<tcp::endpoint> endpoints, const WsUrl& url) {
    net::dispatch(executor_, [self = this->shared_from_this(), endpoints = std::move(endpoints), url] {
      self->client_connect(endpoints, url);
    });
  }

  // The application's close(): close_called first, then the close frame goes
  // out after whatever the application queued before it (a send() and a
  // close() from two threads are serialised, as with a blocking API).
  void close(std::uint16_t code, std::string reason) override {
    emit_close_called(id_, code);
    net::dispatch(executor_, [self = this->shared_from_this(), code, reason = std::move(reason)]() mutable {
      Outgoing close_frame;
      close_frame.kind = Outgoing::Kind::Close;
      close_frame.payload = std::move(reason);
      close_frame.close_code = code;
      self->enqueue(std::move(close_frame));
    });
  }

  void abort() override {
    net::dispatch(executor_, [self = this->shared_from_this()] {
      // Closing the socket (not destroying the stream) fails every pending
      // operation with operation_aborted, so the read loop ends normally.
      if (self->ws_) beast::get_lowest_layer(*self->ws_).close();
    });
  }

  // A /spam message from the spam thread; `done` reports whether it was written.
  void send_text(std::string message, WriteCompletion done) {
    net::post(executor_,
              [self = this->shared_from_this(), message = std::move(message), done = std::move(done)]() mutable {
                Outgoing text;
                text.kind = Outgoing::Kind::Text;
                text.payload = std::move(message);
                text.on_written = std::move(done);
                self->enqueue(std::move(text));
              });
  }

 private:
  // --- opening ----------------------------------------------------------

  void server_handshake() {
    if constexpr (kIsTls<Stream>) {
      arm_transport_deadline();
      ws_->next_layer().async_handshake(ssl::stream_base::server,
                                        [self = this->shared_from_this()](const error_code& error) {
                                          if (error) return self->handshake_failed("TLS handshake", error);
                                          self->accept_websocket();
                                        });
    } else {
      accept_websocket();
    }
  }

  void client_connect(const std::vector<tcp::endpoint>& endpoints, const WsUrl& url) {
    url_ = url;
    arm_transport_deadline();
    beast::get_lowest_layer(*ws_).async_connect(
        endpoints, [self = this->shared_from_this()](const error_code& error, const tcp::endpoint&) {
          if (error) return self->handshake_failed("TCP connect", error);
          self->client_tls_handshake();
        });
  }

  // Beast's websocket timer covers neither the TCP connect nor the TLS
  // handshake; tcp_stream's own deadline does, with the same budget.
  void arm_transport_deadline() {
    if (env_.timeouts.handshake) beast::get_lowest_layer(*ws_).expires_after(*env_.timeouts.handshake);
  }

  // Beast's documentation: once the websocket stream's own timeouts are on,
  // the tcp_stream deadline must be off, or it would cut a healthy connection.
  void configure_websocket() {
    beast::get_lowest_layer(*ws_).expires_never();
    websocket::stream_base::timeout timeout;
    timeout.handshake_timeout = env_.timeouts.handshake ? *env_.timeouts.handshake : websocket::stream_base::none();
    timeout.idle_timeout = env_.timeouts.idle ? *env_.timeouts.idle : websocket::stream_base::none();
    timeout.keep_alive_pings = env_.timeouts.keep_alive_pings;
    ws_->set_option(timeout);
    ws_->read_message_max(kMaxMessageBytes);
  }

  void accept_websocket() {
    configure_websocket();
    ws_->async_accept([self = this->shared_from_this()](const error_code& error) {
      if (error) return self->handshake_failed("WebSocket handshake", error);
      self->opened();
    });
  }

  void client_tls_handshake() {
    if constexpr (kIsTls<Stream>) {
      auto& tls = ws_->next_layer();
      // RFC 6066 §3: SNI carries host names only, never an IP literal.
      // SSL_ctrl is what OpenSSL's SSL_set_tlsext_host_name macro expands to,
      // spelled out because the macro's C cast trips -Wold-style-cast.
      if (!is_ip_literal(url_.host) && SSL_ctrl(tls.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
                                                TLSEXT_NAMETYPE_host_name, const_cast<char*>(url_.host.c_str())) != 1) {
        return handshake_failed("TLS SNI",
                                error_code(static_cast<int>(::ERR_get_error()), net::error::get_ssl_category()));
      }
      tls.set_verify_callback(ssl::host_name_verification(url_.host));
      arm_transport_deadline();
      tls.async_handshake(ssl::stream_base::client, [self = this->shared_from_this()](const error_code& error) {
        if (error) return self->handshake_failed("TLS handshake", error);
        self->client_websocket_handshake();
      });
    } else {
      client_websocket_handshake();
    }
  }

  void client_websocket_handshake() {
    configure_websocket();
    ws_->async_handshake(host_header(url_), url_.target, [self = this->shared_from_this()](const error_code& error) {
      if (error) return self->handshake_failed("WebSocket handshake", error);
      self->opened();
    });
  }

  void handshake_failed(const char* step, const error_code& error) {
    const std::string reason = std::string(step) + " failed: " + describe(error);
    if (role_ == Role::Client) {
      env_.events.connect_failed(reason);
    } else {
      log_line("connection from port " + id_ + ": " + reason);
    }
  }

  void opened() {
    emit_open(id_);
    if (role_ == Role::Client) env_.events.connection_opened();
    // After a shutdown began, add() closes this connection at once.
    env_.registry.add(this->shared_from_this());
    read_next();
  }

  // --- the read loop ----------------------------------------------------

  void read_next() {
    if (!ws_ || finished_ || left_) return;
    ws_->async_read(buffer_,
                    [self = this->shared_from_this()](const error_code& error, std::size_t) { self->on_read(error); });
  }

  void on_read(const error_code& error) {
    if (error) {
      log_read_failure(error);
      emit_read(id_, ReadKind::Fail);
      finish();
      return;
    }
    const bool is_text = ws_->got_text();
    emit_read(id_, is_text ? ReadKind::Text : ReadKind::Binary);
    std::string message = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    if (!is_text) return echo(Outgoing::Kind::Binary, std::move(message));
    run_chat_command(std::move(message));
  }

  void log_read_failure(const error_code& error) {
    std::string line = "conn " + id_ + ": read failed: " + describe(error);
    if (error == websocket::error::closed && ws_) {
      const auto& received = ws_->reason();
      line += "; peer's close: code " + std::to_string(received.code) + " reason '" +
              std::string(received.reason.data(), received.reason.size()) + "'";
    }
    log_line(line);
  }

  void run_chat_command(std::string text) {
    std::visit(Overloaded{
                   [&](const Echo&) { echo(Outgoing::Kind::Text, std::move(text)); },
                   [&](const CloseCommand& command) {
                     close(command.code, command.reason);
                     read_next();
                   },
                   [&](const Quit&) {
                     Outgoing goodbye;
                     goodbye.kind = Outgoing::Kind::Text;
                     goodbye.payload = std::string(kGoodbyeText);
                     enqueue(std::move(goodbye));
                     close(kNormalClosure, std::string(kQuitReason));
                     read_next();
                   },
                   [&](const Shutdown&) {
                     // The main thread closes every open connection, this one
                     // included (in the client role, the only one).
                     env_.events.request_shutdown();
                     read_next();
                   },
                   [&](const Leave&) { leave(); },
                   [&](const Spam& spam) {
                     start_spam(spam);
                     read_next();
                   },
                   [&](const CloseAsync& command) {
                     start_close_async(command);
                     read_next();
                   },
               },
               parse_chat_command(text));
  }

  // The handler sends the reply and only then reads on, as the blocking
  // read/send loop of the seed's handler does; this also keeps a peer that
  // never reads from making the subject buffer without bound.
  void echo(Outgoing::Kind kind, std::string message) {
    Outgoing reply;
    reply.kind = kind;
    reply.payload = std::move(message);
    reply.resume_reading = true;
    enqueue(std::move(reply));
  }

  // /leave: leave the loop without close(). Server: the handler returns, and
  // Beast's stream dies with its last reference, so cleanup comes first and the
  // stream goes after it. Client: the client object is destroyed while open,
  // then cleanup runs. Either way the stream is destroyed without a close
  // frame: TCP closes with FIN, or RST when unread bytes are still in the
  // socket's receive buffer. A write still in flight (a /spam message) keeps
  // the stream until it completes: destroying an SSL stream under a pending
  // operation is undefined behaviour in Asio.
  void leave() {
    left_ = true;
    if (role_ == Role::Server) {
      finish();
      if (!writing_) ws_.reset();
    } else {
      if (!writing_) ws_.reset();
      finish();
    }
  }

  // The cleanup after the read loop: exactly once per connection.
  void finish() {
    if (finished_) return;
    finished_ = true;
    env_.registry.remove(this);
    emit_cleanup(id_);
    if (role_ == Role::Client) env_.events.connection_finished();
  }

  // --- threads ------------------------------------------------------------

  void start_spam(const Spam& spam) {
    std::weak_ptr<Connection> weak = this->weak_from_this();
    const bool started = env_.workers.start([weak, conn = id_, spam](std::stop_token stop) {
      const QueueTextMessage queue = [&weak](std::string message, WriteCompletion done) {
        const auto self = weak.lock();
        if (!self) return false;
        self->send_text(std::move(message), std::move(done));
        return true;
      };
      emit_spam_done(conn, send_spam(spam, queue, stop));
    });
    if (!started) emit_spam_done(id_, 0);
  }

  void start_close_async(const CloseAsync& command) {
    std::weak_ptr<Connection> weak = this->weak_from_this();
    const bool started = env_.workers.start([weak, command](std::stop_token) {
      if (const auto self = weak.lock()) self->close(command.code, command.reason);
    });
    if (!started) log_line("conn " + id_ + ": /close-async refused: the process is exiting");
  }

  // --- writing ------------------------------------------------------------

  void enqueue(Outgoing frame) {
    outgoing_.push_back(std::move(frame));
    if (!writing_) write_next();
  }

  void write_next() {
    while (!outgoing_.empty()) {
      Outgoing& next = outgoing_.front();
      if (!ws_ || left_) {
        complete_front(false);
        continue;
      }
      if (next.kind == Outgoing::Kind::Close) {
        // Beast asserts on a second async_close, and one after the stream
        // closed or failed only reports operation_aborted: the close the
        // application asked for has nothing left to do.
        if (close_started_ || !ws_->is_open()) {
          log_line("conn " + id_ + ": close(" + std::to_string(next.close_code) +
                   ") not sent: the connection is already " + (close_started_ ? "closing" : "closed"));
          complete_front(false);
          continue;
        }
        close_started_ = true;
        writing_ = true;
        ws_->async_close(close_reason_for(next), [self = this->shared_from_this()](const error_code& error) {
          self->on_written(error, "close");
        });
        return;
      }
      writing_ = true;
      ws_->text(next.kind == Outgoing::Kind::Text);
      ws_->async_write(net::buffer(next.payload),
                       [self = this->shared_from_this()](const error_code& error, std::size_t) {
                         self->on_written(error, "write");
                       });
      return;
    }
    writing_ = false;
    if (left_) ws_.reset();  // the write that kept a left stream alive is done
  }

  websocket::close_reason close_reason_for(const Outgoing& close_frame) const {
    websocket::close_reason reason;
    // Raw passthrough: Beast writes any code it is given, 1005, 1006 and
    // 65535 included (RFC 6455 §7.4.1 forbids 1005 and 1006 on the wire; the
    // harness is there to see it). The one exception is 0: Beast's
    // close_code::none is 0, and for it Beast sends an empty close payload,
    // dropping the reason.
    reason.code = close_frame.close_code;
    const auto fitted = fit_close_reason(close_frame.payload);
    if (fitted.size() < close_frame.payload.size()) {
      log_line("conn " + id_ + ": close reason cut from " + std::to_string(close_frame.payload.size()) + " to " +
               std::to_string(fitted.size()) + " bytes (Beast's limit)");
    }
    reason.reason.assign(fitted.data(), fitted.size());
    return reason;
  }

  void on_written(const error_code& error, const char* operation) {
    if (error) log_line("conn " + id_ + ": " + operation + " failed: " + describe(error));
    complete_front(!error);
    write_next();
  }

  void complete_front(bool written) {
    Outgoing done = std::move(outgoing_.front());
    outgoing_.pop_front();
    if (done.on_written) done.on_written(written);
    if (done.resume_reading) read_next();
  }

  net::any_io_executor executor_;  // the connection's strand
  Role role_;
  ConnId id_;
  SessionEnvironment env_;
  WsUrl url_;                 // client role
  std::optional<Stream> ws_;  // reset on /leave: the stream destroyed while open
  beast::flat_buffer buffer_;
  std::deque<Outgoing> outgoing_;  // front() is in flight while writing_
  bool writing_ = false;
  bool close_started_ = false;
  bool left_ = false;
  bool finished_ = false;
};

template <typename Stream>
std::shared_ptr<Connection<Stream>> make_connection(tcp::socket socket, ssl::context* tls, Role role, ConnId id,
                                                    const SessionEnvironment& env) {
  return std::make_shared<Connection<Stream>>(std::move(socket), tls, role, std::move(id), env);
}

}  // namespace wsh::subject::beast_subject::detail
