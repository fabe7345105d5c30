#include "chat_command.hpp"

#include <gtest/gtest.h>

namespace wsh::subject {
namespace {

TEST(ChatCommand, PlainTextIsEcho) {
  EXPECT_TRUE(std::holds_alternative<Echo>(parse_chat_command("hello")));
  EXPECT_TRUE(std::holds_alternative<Echo>(parse_chat_command("")));
}

TEST(ChatCommand, CloseKeepsReasonWithSpaces) {
  const auto command = std::get<CloseCommand>(parse_chat_command("/close 1001 going away now"));
  EXPECT_EQ(command.code, 1001);
  EXPECT_EQ(command.reason, "going away now");
}

TEST(ChatCommand, ClosePassesReservedCodesThrough) {
  EXPECT_EQ(std::get<CloseCommand>(parse_chat_command("/close 1005")).code, 1005);
  EXPECT_EQ(std::get<CloseCommand>(parse_chat_command("/close 0 x")).code, 0);
  EXPECT_EQ(std::get<CloseCommand>(parse_chat_command("/close 65535")).code, 65535);
}

TEST(ChatCommand, CloseWithBadCodeIsEcho) {
  EXPECT_TRUE(std::holds_alternative<Echo>(parse_chat_command("/close 65536 x")));
  EXPECT_TRUE(std::holds_alternative<Echo>(parse_chat_command("/close abc")));
  EXPECT_TRUE(std::holds_alternative<Echo>(parse_chat_command("/close")));
}

TEST(ChatCommand, SimpleVerbsTakeNoArguments) {
  EXPECT_TRUE(std::holds_alternative<Quit>(parse_chat_command("/quit")));
  EXPECT_TRUE(std::holds_alternative<Shutdown>(parse_chat_command("/shutdown")));
  EXPECT_TRUE(std::holds_alternative<Leave>(parse_chat_command("/leave")));
  EXPECT_TRUE(std::holds_alternative<Echo>(parse_chat_command("/quit now")));
}

TEST(ChatCommand, SpamNeedsCountAndSize) {
  const auto spam = std::get<Spam>(parse_chat_command("/spam 10 4096"));
  EXPECT_EQ(spam.count, 10u);
  EXPECT_EQ(spam.size, 4096u);
  EXPECT_TRUE(std::holds_alternative<Echo>(parse_chat_command("/spam 10")));
}

TEST(ChatCommand, CloseAsyncParsesLikeClose) {
  const auto command = std::get<CloseAsync>(parse_chat_command("/close-async 1001 bye"));
  EXPECT_EQ(command.code, 1001);
  EXPECT_EQ(command.reason, "bye");
}

TEST(SpamMessage, HasRequestedSizeAndIndexPrefix) {
  const auto message = spam_message(42, 100);
  EXPECT_EQ(message.size(), 100u);
  EXPECT_TRUE(message.starts_with("spam 42 "));
  EXPECT_NE(spam_message(1, 100), spam_message(2, 100));
}

}  // namespace
}  // namespace wsh::subject
