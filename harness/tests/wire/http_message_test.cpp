// Header fields and the HTTP request/response parser of the handshake.

#include "wire/http_message.hpp"

#include <gtest/gtest.h>

#include <variant>

namespace wsh::wire {
namespace {

template <typename Message>
HandshakeErrorKind error_kind(const std::variant<Message, HandshakeError>& parsed) {
  EXPECT_TRUE(std::holds_alternative<HandshakeError>(parsed));
  return std::get<HandshakeError>(parsed).kind;
}

TEST(HttpHeaders, FindsNamesIgnoringCase) {
  HttpHeaders headers;
  headers.add("Sec-WebSocket-Key", "abc");
  headers.add("X-Twice", "1");
  headers.add("x-twice", "2");
  EXPECT_EQ(headers.find("sec-websocket-key"), "abc");
  EXPECT_EQ(headers.find("X-TWICE"), "1");
  EXPECT_EQ(headers.count("x-twice"), 2u);
  EXPECT_EQ(headers.find("Missing"), std::nullopt);
}

TEST(HttpHeaders, ContainsTokenSplitsListsAcrossFields) {
  HttpHeaders headers;
  headers.add("Connection", "keep-alive, Upgrade");
  headers.add("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits,  ,x-other");
  EXPECT_TRUE(headers.contains_token("connection", "upgrade"));
  EXPECT_TRUE(headers.contains_token("Connection", "KEEP-ALIVE"));
  EXPECT_FALSE(headers.contains_token("Connection", "Upgrad"));
  EXPECT_TRUE(headers.contains_token("Sec-WebSocket-Extensions", "permessage-deflate"));
  EXPECT_EQ(headers.list_elements("Sec-WebSocket-Extensions").size(), 2u);
}

TEST(HttpMessage, FindsTheEndOfTheHeaderBlock) {
  EXPECT_EQ(find_header_end("GET / HTTP/1.1\r\n\r\nframes"), 18u);
  EXPECT_EQ(find_header_end("GET / HTTP/1.1\r\nHost: x\r\n"), std::nullopt);
}

TEST(HttpMessage, ParsesARequestAndIgnoresWhatFollows) {
  const auto parsed =
      parse_request("GET /chat?room=1 HTTP/1.1\r\nHost: example\r\nX-Spaces:   padded value \t\r\n\r\n\x81\x00");
  ASSERT_TRUE(std::holds_alternative<HttpRequest>(parsed));
  const HttpRequest& request = std::get<HttpRequest>(parsed);
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.target, "/chat?room=1");
  EXPECT_EQ(request.version, "HTTP/1.1");
  EXPECT_EQ(request.headers.find("host"), "example");
  EXPECT_EQ(request.headers.find("X-Spaces"), "padded value");
}

TEST(HttpMessage, ParsesAResponse) {
  const auto parsed = parse_response("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(parsed));
  const HttpResponse& response = std::get<HttpResponse>(parsed);
  EXPECT_EQ(response.status, 101);
  EXPECT_EQ(response.reason, "Switching Protocols");
  EXPECT_EQ(response.headers.find("upgrade"), "websocket");

  const auto no_reason = parse_response("HTTP/1.1 426\r\n\r\n");
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(no_reason));
  EXPECT_EQ(std::get<HttpResponse>(no_reason).status, 426);
}

TEST(HttpMessage, IncompleteBlock) {
  EXPECT_EQ(error_kind(parse_request("GET / HTTP/1.1\r\nHost: x\r\n")), HandshakeErrorKind::Incomplete);
}

TEST(HttpMessage, BlockOverTheSizeLimit) {
  std::string huge = "GET / HTTP/1.1\r\nX-Big: " + std::string(kMaxHeaderBlockSize, 'a');
  EXPECT_TRUE(header_block_too_large(huge));
  EXPECT_EQ(error_kind(parse_request(huge)), HandshakeErrorKind::TooLarge);
  huge += "\r\n\r\n";  // complete, but still too big
  EXPECT_EQ(error_kind(parse_request(huge)), HandshakeErrorKind::TooLarge);
  EXPECT_FALSE(header_block_too_large("GET / HTTP/1.1\r\n"));
}

TEST(HttpMessage, MalformedStartLines) {
  EXPECT_EQ(error_kind(parse_request("GET /\r\n\r\n")), HandshakeErrorKind::MalformedStartLine);
  EXPECT_EQ(error_kind(parse_request("GET  / HTTP/1.1\r\n\r\n")), HandshakeErrorKind::MalformedStartLine);
  EXPECT_EQ(error_kind(parse_request("GET / HTTP/1\r\n\r\n")), HandshakeErrorKind::MalformedStartLine);
  EXPECT_EQ(error_kind(parse_response("HTTP/1.1 1O1 OK\r\n\r\n")), HandshakeErrorKind::MalformedStartLine);
  EXPECT_EQ(error_kind(parse_response("HTTP/1.1 101OK\r\n\r\n")), HandshakeErrorKind::MalformedStartLine);
  EXPECT_EQ(error_kind(parse_response("HTTX/1.1 101 OK\r\n\r\n")), HandshakeErrorKind::MalformedStartLine);
}

TEST(HttpMessage, MalformedHeaderLines) {
  EXPECT_EQ(error_kind(parse_request("GET / HTTP/1.1\r\nNoColon\r\n\r\n")), HandshakeErrorKind::MalformedHeader);
  EXPECT_EQ(error_kind(parse_request("GET / HTTP/1.1\r\nName : v\r\n\r\n")), HandshakeErrorKind::MalformedHeader);
  EXPECT_EQ(error_kind(parse_request("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n")),
            HandshakeErrorKind::MalformedHeader);
  EXPECT_EQ(error_kind(parse_response("HTTP/1.1 101 OK\r\nA: b\nB: c\r\n\r\n")), HandshakeErrorKind::MalformedHeader);
}

}  // namespace
}  // namespace wsh::wire
