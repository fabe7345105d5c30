// Building handshakes, and every validation failure of §4.1 and §4.2.1.

#include "wire/handshake.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <variant>

namespace wsh::wire {
namespace {

const std::string kClientKey = make_client_key(42);

ClientRequestSpec good_request() {
  ClientRequestSpec spec;
  spec.host = "127.0.0.1:9001";
  spec.target = "/chat";
  spec.key = kClientKey;
  return spec;
}

HttpRequest parsed_request(const std::string& text) {
  auto parsed = parse_request(text);
  EXPECT_TRUE(std::holds_alternative<HttpRequest>(parsed)) << text;
  return std::holds_alternative<HttpRequest>(parsed) ? std::get<HttpRequest>(parsed) : HttpRequest{};
}

HttpResponse parsed_response(const std::string& text) {
  auto parsed = parse_response(text);
  EXPECT_TRUE(std::holds_alternative<HttpResponse>(parsed)) << text;
  return std::holds_alternative<HttpResponse>(parsed) ? std::get<HttpResponse>(parsed) : HttpResponse{};
}

std::optional<HandshakeErrorKind> request_error(const ClientRequestSpec& spec) {
  const auto error = validate_client_request(parsed_request(build_client_request(spec)));
  if (error) {
    EXPECT_FALSE(error->reason.empty());
  }
  return error ? std::optional(error->kind) : std::nullopt;
}

std::optional<HandshakeErrorKind> request_error(std::function<void(HttpRequest&)> change) {
  HttpRequest request = parsed_request(build_client_request(good_request()));
  change(request);
  const auto error = validate_client_request(request);
  return error ? std::optional(error->kind) : std::nullopt;
}

TEST(ClientRequest, BuildsTheRequiredFieldsInOrder) {
  EXPECT_EQ(build_client_request(good_request()),
            "GET /chat HTTP/1.1\r\n"
            "Host: 127.0.0.1:9001\r\n"
            "Upgrade: websocket\r\n"
            "Connection: Upgrade\r\n"
            "Sec-WebSocket-Key: " +
                kClientKey +
                "\r\n"
                "Sec-WebSocket-Version: 13\r\n"
                "\r\n");
}

TEST(ClientRequest, AGoodRequestValidates) {
  EXPECT_EQ(request_error(good_request()), std::nullopt);
  ClientRequestSpec lenient = good_request();
  lenient.omit_upgrade = lenient.omit_connection = true;
  lenient.extra.add("upgrade", "WebSocket");
  lenient.extra.add("connection", "keep-alive, upgrade");
  EXPECT_EQ(request_error(lenient), std::nullopt);
}

TEST(ClientRequest, EveryOmissionIsCaught) {
  ClientRequestSpec spec = good_request();
  spec.omit_upgrade = true;
  EXPECT_EQ(request_error(spec), HandshakeErrorKind::BadUpgrade);
  spec = good_request();
  spec.omit_connection = true;
  EXPECT_EQ(request_error(spec), HandshakeErrorKind::BadConnection);
  spec = good_request();
  spec.omit_key = true;
  EXPECT_EQ(request_error(spec), HandshakeErrorKind::BadKey);
  spec = good_request();
  spec.omit_version = true;
  EXPECT_EQ(request_error(spec), HandshakeErrorKind::BadVersion);
}

TEST(ClientRequest, MethodAndHttpVersion) {
  EXPECT_EQ(request_error([](HttpRequest& r) { r.method = "POST"; }), HandshakeErrorKind::BadMethod);
  EXPECT_EQ(request_error([](HttpRequest& r) { r.version = "HTTP/1.0"; }), HandshakeErrorKind::BadHttpVersion);
  EXPECT_EQ(request_error([](HttpRequest& r) { r.version = "HTTP/2.0"; }), std::nullopt);
}

TEST(ClientRequest, MissingHost) {
  EXPECT_EQ(request_error([](HttpRequest& r) { r.headers.fields.erase(r.headers.fields.begin()); }),
            HandshakeErrorKind::MissingHost);
}

TEST(ClientRequest, WrongUpgradeAndConnectionValues) {
  ClientRequestSpec spec = good_request();
  spec.omit_upgrade = true;
  spec.extra.add("Upgrade", "h2c");
  EXPECT_EQ(request_error(spec), HandshakeErrorKind::BadUpgrade);
  spec = good_request();
  spec.omit_connection = true;
  spec.extra.add("Connection", "keep-alive");
  EXPECT_EQ(request_error(spec), HandshakeErrorKind::BadConnection);
}

TEST(ClientRequest, KeyMustDecodeToSixteenBytes) {
  ClientRequestSpec spec = good_request();
  spec.key = "c2hvcnQ=";  // "short"
  EXPECT_EQ(request_error(spec), HandshakeErrorKind::BadKey);
  spec.key = "not base64!";
  EXPECT_EQ(request_error(spec), HandshakeErrorKind::BadKey);
}

TEST(ClientRequest, KeyAndVersionMayAppearOnlyOnce) {
  ClientRequestSpec spec = good_request();
  spec.extra.add("Sec-WebSocket-Key", make_client_key(7));
  EXPECT_EQ(request_error(spec), HandshakeErrorKind::DuplicateKey);
  spec = good_request();
  spec.extra.add("Sec-WebSocket-Version", "13");
  EXPECT_EQ(request_error(spec), HandshakeErrorKind::DuplicateVersion);
}

TEST(ClientRequest, VersionMustBe13) {
  ClientRequestSpec spec = good_request();
  spec.version = 8;
  EXPECT_EQ(request_error(spec), HandshakeErrorKind::BadVersion);
}

std::optional<HandshakeErrorKind> response_error(const ServerResponseSpec& spec, const HandshakeOffer& offer = {}) {
  const auto error = validate_server_response(parsed_response(build_server_response(spec)), kClientKey, offer);
  if (error) {
    EXPECT_FALSE(error->reason.empty());
  }
  return error ? std::optional(error->kind) : std::nullopt;
}

ServerResponseSpec good_response() {
  ServerResponseSpec spec;
  spec.client_key = kClientKey;
  return spec;
}

TEST(ServerResponse, BuildsTheCorrect101) {
  EXPECT_EQ(build_server_response("dGhlIHNhbXBsZSBub25jZQ=="),
            "HTTP/1.1 101 Switching Protocols\r\n"
            "Upgrade: websocket\r\n"
            "Connection: Upgrade\r\n"
            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
            "\r\n");
  EXPECT_EQ(response_error(good_response()), std::nullopt);
}

TEST(ServerResponse, StatusMustBe101) {
  ServerResponseSpec spec = good_response();
  spec.status = 200;
  spec.reason = "OK";
  EXPECT_EQ(response_error(spec), HandshakeErrorKind::BadStatus);
}

TEST(ServerResponse, UpgradeMustBeWebsocket) {
  ServerResponseSpec spec = good_response();
  spec.omit_upgrade = true;
  EXPECT_EQ(response_error(spec), HandshakeErrorKind::BadUpgrade);
  spec.extra.add("Upgrade", "websocket2");
  EXPECT_EQ(response_error(spec), HandshakeErrorKind::BadUpgrade);
  spec.extra.fields.clear();
  spec.extra.add("Upgrade", "WEBSOCKET");
  EXPECT_EQ(response_error(spec), std::nullopt);
}

TEST(ServerResponse, ConnectionMustContainUpgrade) {
  ServerResponseSpec spec = good_response();
  spec.omit_connection = true;
  EXPECT_EQ(response_error(spec), HandshakeErrorKind::BadConnection);
}

TEST(ServerResponse, AcceptMustMatchTheKey) {
  ServerResponseSpec spec = good_response();
  spec.omit_accept = true;
  EXPECT_EQ(response_error(spec), HandshakeErrorKind::BadAccept);
  spec.omit_accept = false;
  spec.accept = compute_accept_key(make_client_key(43));
  EXPECT_EQ(response_error(spec), HandshakeErrorKind::BadAccept);
}

TEST(ServerResponse, AcceptMayAppearOnlyOnce) {
  ServerResponseSpec spec = good_response();
  spec.extra.add("Sec-WebSocket-Accept", compute_accept_key(kClientKey));
  EXPECT_EQ(response_error(spec), HandshakeErrorKind::DuplicateAccept);
}

TEST(ServerResponse, ExtensionsMustHaveBeenOffered) {
  ServerResponseSpec spec = good_response();
  spec.extra.add("Sec-WebSocket-Extensions", "permessage-deflate; server_no_context_takeover");
  EXPECT_EQ(response_error(spec), HandshakeErrorKind::UnrequestedExtension);
  EXPECT_EQ(response_error(spec, HandshakeOffer{{"permessage-deflate"}, {}}), std::nullopt);
}

TEST(ServerResponse, SubprotocolMustHaveBeenOfferedAndBeSingle) {
  ServerResponseSpec spec = good_response();
  spec.extra.add("Sec-WebSocket-Protocol", "chat");
  EXPECT_EQ(response_error(spec), HandshakeErrorKind::UnrequestedSubprotocol);
  const HandshakeOffer offer{{}, {"superchat", "chat"}};
  EXPECT_EQ(response_error(spec, offer), std::nullopt);
  spec.extra.add("Sec-WebSocket-Protocol", "superchat");
  EXPECT_EQ(response_error(spec, offer), HandshakeErrorKind::DuplicateSubprotocol);
}

TEST(HandshakeErrors, EveryKindHasAName) {
  EXPECT_EQ(handshake_error_name(HandshakeErrorKind::Incomplete), "incomplete");
  EXPECT_EQ(handshake_error_name(HandshakeErrorKind::BadAccept), "bad-accept");
  EXPECT_EQ(handshake_error_name(HandshakeErrorKind::DuplicateSubprotocol), "duplicate-subprotocol");
  for (int kind = 0; kind <= static_cast<int>(HandshakeErrorKind::DuplicateSubprotocol); ++kind) {
    EXPECT_NE(handshake_error_name(static_cast<HandshakeErrorKind>(kind)), "unknown");
  }
}

}  // namespace
}  // namespace wsh::wire
