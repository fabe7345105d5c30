// The loader's promise: every malformed case file is reported with its file,
// line and column and what was expected, and nothing half-loaded survives.

#include <gtest/gtest.h>

#include "cases/case_loader.hpp"

namespace wsh::cases {
namespace {

struct BrokenFile {
  const char* name;
  const char* text;
  const char* expected;  // the whole first error, "file:line:col: message"
};

// A valid case header to build broken variants on (lines 2-7).
#define HEADER            \
  "[[case]]\n"            \
  "id = \"area.topic\"\n" \
  "title = \"t\"\n"       \
  "rfc = \"7.1.1\"\n"     \
  "requirement = \"r\"\n" \
  "roles = [\"server\"]\n"

// The same header for a pair case.
#define PAIR_HEADER       \
  "[[case]]\n"            \
  "id = \"area.topic\"\n" \
  "title = \"t\"\n"       \
  "rfc = \"7.1.1\"\n"     \
  "requirement = \"r\"\n" \
  "roles = [\"pair\"]\n"

const BrokenFile kBrokenFiles[] = {
    {"not_toml", "[[case]\n", "broken.toml:1:8: not valid TOML: "},
    {"unknown_top_key", "cases = 1\n", "broken.toml:1:1: unknown key 'cases'"},
    {"missing_id",
     "[[case]]\ntitle = \"t\"\nrfc = \"1\"\nrequirement = \"r\"\nroles = [\"server\"]\nsteps = [{ sleep = 1 }]\n",
     "broken.toml:1:1: missing 'id' of case (a string)"},
    {"bad_id", "[[case]]\nid = \"Has Spaces\"\n", "broken.toml:2:6: 'id' must be dotted lower-case words"},
    {"unknown_case_key", HEADER "steps = [{ sleep = 1 }]\nsetps = 1\n", "broken.toml:8:1: unknown key 'setps' in case"},
    {"wrong_type", HEADER "steps = [{ sleep = 1 }]\ntimeout_ms = \"5s\"\n",
     "broken.toml:8:14: 'timeout_ms' of case must be an integer"},
    {"bad_role",
     "[[case]]\nid = \"a.b\"\ntitle = \"t\"\nrfc = \"1\"\nrequirement = \"r\"\nroles = [\"proxy\"]\nsteps = [{ sleep = "
     "1 }]\n",
     "broken.toml:6:9: 'roles' takes server, client or pair, not 'proxy'"},
    {"no_steps", HEADER, "broken.toml:1:1: missing 'steps' of case (an array)"},
    {"empty_steps", HEADER "steps = []\n", "broken.toml:7:9: 'steps' must not be empty"},
    {"step_without_verb", HEADER "steps = [{ within_ms = 5 }]\n", "broken.toml:7:10: a step needs one verb"},
    {"step_two_verbs", HEADER "steps = [{ sleep = 5, chat = \"x\" }]\n",
     "broken.toml:7:10: a step has one verb, this one has 2"},
    {"unknown_step_key", HEADER "steps = [{ send = \"text\", paylod = \"x\" }]\n",
     "broken.toml:7:27: unknown key 'paylod' in step 'send'"},
    {"bad_opcode", HEADER "steps = [{ send = \"texts\" }]\n",
     "broken.toml:7:19: 'send' must be continuation, text, binary, close"},
    {"opcode_out_of_range", HEADER "steps = [{ send = 16 }]\n",
     "broken.toml:7:19: 'send' must be between 0 and 15, not 16"},
    {"bad_hex", HEADER "steps = [{ send_raw = \"8g\" }]\n", "broken.toml:7:23: 'send_raw' must be hex bytes"},
    {"code_out_of_range", HEADER "steps = [{ send = \"close\", code = 70000 }]\n",
     "broken.toml:7:35: 'code' of step 'send' must be between 0 and 65535, not 70000"},
    {"code_on_text", HEADER "steps = [{ send = \"text\", code = 1000 }]\n",
     "broken.toml:7:10: 'code', 'reason' and 'reason_hex' are for close frames"},
    {"two_payloads", HEADER "steps = [{ send = \"text\", payload = \"a\", payload_hex = \"61\" }]\n",
     "broken.toml:7:10: give only one of 'payload', 'payload_hex' and 'payload_size'"},
    {"bad_mask", HEADER "steps = [{ send = \"text\", mask = \"01 02\" }]\n", "broken.toml:7:34: 'mask' must be"},
    {"bad_wait_event", HEADER "steps = [{ wait_event = \"closed\" }]\n",
     "broken.toml:7:25: 'wait_event' must be one of"},
    {"bad_tcp_close", HEADER "steps = [{ expect_tcp_close = \"fn\" }]\n",
     "broken.toml:7:31: 'expect_tcp_close' must be"},
    {"unknown_param", HEADER "steps = [{ send = \"close\", code = \"${cod}\" }]\n",
     "broken.toml:7:35: 'code' of step 'send' uses '${cod}', which is not a matrix parameter of this case"},
    {"empty_matrix", HEADER "matrix = { code = [] }\nsteps = [{ sleep = 1 }]\n",
     "broken.toml:7:19: matrix parameter 'code' is empty: the case would expand to nothing"},
    {"matrix_not_array", HEADER "matrix = { code = 5 }\nsteps = [{ sleep = 1 }]\n",
     "broken.toml:7:19: matrix parameter 'code' must be an array of values"},
    {"bad_expect_close", HEADER "steps = [{ sleep = 1 }]\n[case.expect]\nclose = \"tidy\"\n",
     "broken.toml:9:9: 'close' of expect must be \"clean\", \"fail\" or \"any\""},
    {"unknown_expect_key", HEADER "steps = [{ sleep = 1 }]\n[case.expect]\ncodez = [1]\n",
     "broken.toml:9:1: unknown key 'codez' in expect"},
    {"bad_autobahn", HEADER "autobahn = [\"7.2.1\"]\nsteps = [{ sleep = 1 }]\n",
     "broken.toml:7:12: '7.2.1' is not an Autobahn section-7 case"},
    {"bad_size_expression", HEADER "steps = [{ send = \"text\", payload_size = \"max_message*2\" }]\n",
     "broken.toml:7:42: 'payload_size' must be a number of bytes or \"max_message\""},
    {"bad_declared_length", HEADER "steps = [{ send = \"text\", payload = \"\", declared_length = \"max\" }]\n",
     "broken.toml:7:59: 'declared_length' must be a number of bytes or \"max_message\""},
    {"size_by_limit_in_fleet",
     HEADER "connections = 3\nsteps = [{ send = \"text\", payload_size = \"max_message\" }]\n",
     "broken.toml:8:10: a payload sized by the subject's max_message is for single-connection cases"},
    {"bad_feature", HEADER "requires = [\"gpu\"]\nsteps = [{ sleep = 1 }]\n",
     "broken.toml:7:12: 'requires' takes tls, threads, leave, heartbeat or read-timeout, not 'gpu'"},
    {"unknown_subject_key", HEADER "subject = { close_timeout = 5 }\nsteps = [{ sleep = 1 }]\n",
     "broken.toml:7:13: unknown key 'close_timeout' in subject"},
    {"pair_and_server",
     "[[case]]\nid = \"a.b\"\ntitle = \"t\"\nrfc = \"1\"\nrequirement = \"r\"\nroles = [\"pair\", \"server\"]\nsteps = "
     "[{ sleep = 1 }]\n",
     "broken.toml:6:9: a pair case has roles = [\"pair\"] only"},
    {"direction_outside_pair", HEADER "steps = [{ fault = \"rst\", direction = \"to_server\" }]\n",
     "broken.toml:7:39: 'direction' is only for pair cases"},
    {"to_outside_pair", HEADER "steps = [{ chat = \"/quit\", to = \"server\" }]\n",
     "broken.toml:7:33: 'to' is only for pair cases"},
    {"pair_chat_without_to", PAIR_HEADER "steps = [{ chat = \"/quit\" }]\n",
     "broken.toml:7:10: a pair case names the subject: add to = \"server\" or \"client\""},
    {"pair_fault_without_direction", PAIR_HEADER "steps = [{ fault = \"rst\" }]\n",
     "broken.toml:7:10: a fault in a pair case needs direction = \"to_server\", \"to_client\" or \"both\""},
    {"pair_bad_direction", PAIR_HEADER "steps = [{ fault = \"rst\", direction = \"up\" }]\n",
     "broken.toml:7:39: 'direction' must be \"to_server\", \"to_client\" or \"both\", not 'up'"},
    {"pair_bad_side", PAIR_HEADER "steps = [{ wait_frame = \"close\", from = \"proxy\" }]\n",
     "broken.toml:7:41: 'from' must be \"server\" or \"client\", not 'proxy'"},
    {"pair_handshake", PAIR_HEADER "steps = [{ handshake = true }]\n",
     "broken.toml:7:10: a pair case has no handshake step"},
    {"connections_on_client",
     "[[case]]\nid = \"a.b\"\ntitle = \"t\"\nrfc = \"1\"\nrequirement = \"r\"\nroles = [\"server\", "
     "\"client\"]\nconnections = 3\nsteps = [{ sleep = 1 }]\n",
     "broken.toml:7:15: 'connections' is for server cases only"},
    {"too_many_at_once", HEADER "connections = 300\nsteps = [{ sleep = 1 }]\n",
     "broken.toml:7:15: 'connections' (with concurrency = \"all\") must be between 1 and 256, not 300"},
    {"no_connections", HEADER "connections = 0\nconcurrency = \"sequential\"\nsteps = [{ sleep = 1 }]\n",
     "broken.toml:7:15: 'connections' (with concurrency = \"sequential\") must be between 1 and 1000, not 0"},
    {"concurrency_alone", HEADER "concurrency = \"all\"\nsteps = [{ sleep = 1 }]\n",
     "broken.toml:7:15: 'concurrency' needs 'connections'"},
    {"bad_concurrency", HEADER "connections = 2\nconcurrency = \"parallel\"\nsteps = [{ sleep = 1 }]\n",
     "broken.toml:8:15: 'concurrency' must be \"all\" or \"sequential\", not 'parallel'"},
    {"on_without_connections", HEADER "steps = [{ chat = \"/quit\", on = \"first\" }]\n",
     "broken.toml:7:33: 'on' is only for cases that run many connections at once"},
    {"on_in_churn",
     HEADER "connections = 2\nconcurrency = \"sequential\"\nsteps = [{ chat = \"/quit\", on = \"first\" }]\n",
     "broken.toml:9:33: 'on' is only for cases that run many connections at once"},
    {"bad_on", HEADER "connections = 2\nsteps = [{ chat = \"/quit\", on = \"last\" }]\n",
     "broken.toml:8:33: 'on' must be \"every\" or \"first\", not 'last'"},
    {"bad_exit", HEADER "steps = [{ sleep = 1 }]\n[case.expect]\nexit = 300\n",
     "broken.toml:9:8: 'exit' of expect (the subject's exit code) must be between 0 and 255, not 300"},
    {"repeat_zero", HEADER "repeat = 0\nsteps = [{ sleep = 1 }]\n",
     "broken.toml:7:10: 'repeat' of case must be between 1 and 1000, not 0"},
    {"repeat_too_many", HEADER "repeat = 1001\nsteps = [{ sleep = 1 }]\n",
     "broken.toml:7:10: 'repeat' of case must be between 1 and 1000, not 1001"},
    {"spam_size_too_small", HEADER "steps = [{ sleep = 1 }]\n[case.expect]\nspam_size = 8\n",
     "broken.toml:9:13: 'spam_size' of expect must be between 16 and 100000000, not 8"},
    {"spam_count_alone", HEADER "steps = [{ sleep = 1 }]\n[case.expect]\nspam_count = 5\n",
     "broken.toml:9:14: 'spam_count' of expect needs 'spam_size' beside it"},
};

class BrokenCaseFile : public ::testing::TestWithParam<BrokenFile> {};

TEST_P(BrokenCaseFile, IsRejectedWithFileLineColumnAndReason) {
  const auto& broken = GetParam();
  const auto catalogue = load_case_text(broken.text, "broken.toml", {});
  ASSERT_FALSE(catalogue.ok()) << "accepted: " << broken.text;
  EXPECT_TRUE(catalogue.cases.empty());
  std::string all;
  bool found = false;
  for (const auto& error : catalogue.errors) {
    all += error.to_string() + "\n";
    found = found || error.to_string().starts_with(broken.expected);
  }
  EXPECT_TRUE(found) << "got:\n" << all << "expected: " << broken.expected;
}

std::string broken_file_name(const ::testing::TestParamInfo<BrokenFile>& param_info) { return param_info.param.name; }

INSTANTIATE_TEST_SUITE_P(Loader, BrokenCaseFile, ::testing::ValuesIn(kBrokenFiles), broken_file_name);

TEST(CaseLoader, DuplicateIdsAcrossCasesAreReported) {
  const auto catalogue =
      load_case_text(HEADER "steps = [{ sleep = 1 }]\n" HEADER "steps = [{ sleep = 1 }]\n", "dup.toml", {});
  ASSERT_EQ(catalogue.errors.size(), 1u);
  EXPECT_TRUE(catalogue.errors[0].message.starts_with("duplicate case id 'area.topic' (also at dup.toml:1:1)"))
      << catalogue.errors[0].message;
}

TEST(CaseLoader, CollectsErrorsFromEveryCase) {
  const auto catalogue =
      load_case_text(HEADER "steps = [{ sleep = -1 }]\n" HEADER "steps = [{ sleep = \"x\" }]\n", "two.toml", {});
  EXPECT_EQ(catalogue.errors.size(), 2u);
}

}  // namespace
}  // namespace wsh::cases
