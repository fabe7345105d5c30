// Base64, SHA-1 and the handshake keys built from them.

#include "wire/handshake_key.hpp"

#include <gtest/gtest.h>

#include <set>

#include "wire/base64.hpp"
#include "wire/sha1.hpp"

namespace wsh::wire {
namespace {

TEST(Base64, EncodesTheRfc4648TestVectors) {
  EXPECT_EQ(base64_encode(to_bytes("")), "");
  EXPECT_EQ(base64_encode(to_bytes("f")), "Zg==");
  EXPECT_EQ(base64_encode(to_bytes("fo")), "Zm8=");
  EXPECT_EQ(base64_encode(to_bytes("foo")), "Zm9v");
  EXPECT_EQ(base64_encode(to_bytes("foob")), "Zm9vYg==");
  EXPECT_EQ(base64_encode(to_bytes("fooba")), "Zm9vYmE=");
  EXPECT_EQ(base64_encode(to_bytes("foobar")), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(Bytes{0xFB, 0xFF}), "+/8=");
}

TEST(Base64, DecodesTheRfc4648TestVectors) {
  for (const std::string_view text : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    EXPECT_EQ(base64_decode(base64_encode(to_bytes(text))), to_bytes(text)) << text;
  }
  EXPECT_EQ(base64_decode("+/8="), (Bytes{0xFB, 0xFF}));
}

TEST(Base64, DecodingIsStrict) {
  EXPECT_EQ(base64_decode("Zg="), std::nullopt);  // length not a multiple of 4
  EXPECT_EQ(base64_decode("Zg"), std::nullopt);
  EXPECT_EQ(base64_decode("Z==="), std::nullopt);  // too much padding
  EXPECT_EQ(base64_decode("Zg=a"), std::nullopt);  // padding in the middle
  EXPECT_EQ(base64_decode("Zh=="), std::nullopt);  // non-zero unused bits
  EXPECT_EQ(base64_decode("Zm9 "), std::nullopt);  // whitespace
  EXPECT_EQ(base64_decode("Zm9-"), std::nullopt);  // URL-safe alphabet
}

TEST(Sha1, MatchesTheFips180Example) {
  const Sha1Digest digest = sha1(to_bytes("abc"));
  EXPECT_EQ(to_hex(digest), "a9 99 3e 36 47 06 81 6a ba 3e 25 71 78 50 c2 6c 9c d0 d8 9d");
}

TEST(HandshakeKey, AcceptKeyOfTheRfcSample) {
  EXPECT_EQ(compute_accept_key("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST(HandshakeKey, ClientKeysAreSixteenBytesAndDeterministic) {
  std::set<std::string> keys;
  for (std::uint64_t seed = 0; seed < 100; ++seed) {
    const std::string key = make_client_key(seed);
    EXPECT_EQ(key, make_client_key(seed));
    const auto nonce = base64_decode(key);
    ASSERT_TRUE(nonce);
    EXPECT_EQ(nonce->size(), 16u);
    keys.insert(key);
  }
  EXPECT_EQ(keys.size(), 100u);
}

}  // namespace
}  // namespace wsh::wire
