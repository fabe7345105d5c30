// The generated program: its docstring says what the result is and how to
// run it, its data holds the recorded bytes, it compiles, and hostile text
// from the subject or the report cannot change what it does.

#include <gtest/gtest.h>

#include "python_run.hpp"
#include "repro/python_program.hpp"
#include "repro/repro_plan.hpp"
#include "sample_result.hpp"

namespace wsh::repro {
namespace {

using testing::python_available;
using testing::run_python;
using testing::scratch_dir;
using testing::write_text;

const Provenance kProvenance{"0.9.0", "2026-12-03T10:00:00Z", "2026-12-03T11:00:00Z"};
// The hostile string of python_literal_test, plus a line that would be code
// if it escaped its literal.
const std::string kHostileReason = std::string("x\"\"\"\nimport os; os._exit(7) #'''\\\" \\") + std::string(1, '\0') +
                                   "\x1b]0;title\x07 \xe2\x80\xae \x80\xfe\xff \xc0\xaf";

std::string program_for(const nlohmann::json& result) { return python_program(plan_repro(result), kProvenance); }

bool ascii_only(const std::string& text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x7F || (byte < 0x20 && byte != '\n')) return false;
  }
  return true;
}

TEST(PythonProgram, DocstringSaysWhatAndHowToRun) {
  const auto program = program_for(testing::echoed_1005_result());
  EXPECT_EQ(program.rfind("#!/usr/bin/env python3\n", 0), 0u);
  const auto doc_start = program.find("\"\"\"Reproduces wsharness result close.peer.code.invalid[code=1005]\n");
  ASSERT_NE(doc_start, std::string::npos) << program;
  const auto doc_end = program.find("\"\"\"", doc_start + 3);
  const auto doc = program.substr(doc_start, doc_end - doc_start);
  for (const char* expected :
       {"(subject faulty-bug, in the server role, over ws)",
        "RFC 6455 section 7.4.1:", "If an endpoint receives a Close frame with a status code",
        "Verdict: FAIL: expected close code 1002; got close frame with code 1005",
        "Recorded by wsharness 0.9.0 with seed 42, run started 2026-12-03T10:00:00Z; "
        "program written 2026-12-03T11:00:00Z",
        "/opt/wsh-subject-faulty --bug echo-invalid-code server --port 0", "python3 repro.py ws://127.0.0.1:N/",
        "(default URL: ws://127.0.0.1:40123/, the recorded one)", "Exit status: 1 the verdict's cause reproduced",
        "app.cleanup-once (FAIL): cleanup never ran"})
    EXPECT_NE(doc.find(expected), std::string::npos) << expected << "\n" << doc;
}

TEST(PythonProgram, HoldsTheRecordedBytesAndChecks) {
  const auto program = program_for(testing::echoed_1005_result());
  // The harness's close 1005, masked with its recorded key, and its reply.
  EXPECT_NE(program.find("\"do\": \"send\", \"at_us\": 1600, \"after_frames\": 0"), std::string::npos) << program;
  EXPECT_NE(program.find("\"data\": bytes.fromhex(\"88 82 11 22 33 44 12 cf\")"), std::string::npos) << program;
  EXPECT_NE(program.find("\"do\": \"send\", \"at_us\": 2200, \"after_frames\": 1"), std::string::npos) << program;
  EXPECT_NE(program.find("\"do\": \"close\", \"at_us\": 2700, \"after_frames\": 1, \"after_end\": True"),
            std::string::npos)
      << program;
  EXPECT_NE(program.find("{\"kind\": \"close_code\", \"oracle\": \"outcome.close-code\""), std::string::npos);
  EXPECT_NE(program.find("\"code\": 1005"), std::string::npos);
  EXPECT_NE(program.find("RECORDED_FRAMES = [(\"close\", 1005)]"), std::string::npos);
  EXPECT_NE(program.find("if __name__ == \"__main__\":"), std::string::npos);
}

TEST(PythonProgram, Compiles) {
  if (!python_available()) GTEST_SKIP() << "no python3";
  const auto dir = scratch_dir("compiles");
  write_text(dir / "repro.py", program_for(testing::echoed_1005_result()));
  const auto run = run_python({"-m", "py_compile", (dir / "repro.py").string()});
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

TEST(PythonProgram, SaysItCannotRunWhenNothingListens) {
  if (!python_available()) GTEST_SKIP() << "no python3";
  const auto dir = scratch_dir("no-subject");
  write_text(dir / "repro.py", program_for(testing::echoed_1005_result()));
  // Port 1 on loopback: nothing listens there, the connection is refused.
  const auto run = run_python({(dir / "repro.py").string(), "ws://127.0.0.1:1/"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("cannot connect to 127.0.0.1:1"), std::string::npos) << run.output;
}

TEST(PythonProgram, HostileTextStaysInertAndExact) {
  const auto program = program_for(testing::hostile_result(kHostileReason));
  EXPECT_TRUE(ascii_only(program));
  if (!python_available()) GTEST_SKIP() << "no python3";
  const auto dir = scratch_dir("hostile");
  write_text(dir / "repro.py", program);
  const auto compiled = run_python({"-m", "py_compile", (dir / "repro.py").string()});
  ASSERT_EQ(compiled.exit_code, 0) << compiled.output;
  const auto help = run_python({(dir / "repro.py").string(), "--help"});
  // Exit 0, not 7: the line that would be code stayed text.
  EXPECT_EQ(help.exit_code, 0) << help.output;
  EXPECT_NE(help.output.find("Verdict: FAIL: x\"\"\"\nimport os; os._exit(7) #'''\\\" \\\\x00\\x1b]0;title\\x07 "
                             "\\u202e \\x80\\xfe\\xff \\xc0\\xaf"),
            std::string::npos)
      << help.output;
  // Loaded as a module (main() not run), the reason is the recorded bytes.
  write_text(dir / "load.py",
             "import importlib.util, sys\n"
             "spec = importlib.util.spec_from_file_location('repro', sys.argv[1])\n"
             "module = importlib.util.module_from_spec(spec)\n"
             "spec.loader.exec_module(module)\n"
             "sys.stdout.write(module.REASON.encode('utf-8', 'surrogateescape').hex())\n");
  const auto loaded = run_python({(dir / "load.py").string(), (dir / "repro.py").string()});
  ASSERT_EQ(loaded.exit_code, 0) << loaded.output;
  std::string expected;
  for (const char c : wire::to_hex(wire::to_bytes(kHostileReason)))
    if (c != ' ') expected += c;
  EXPECT_EQ(loaded.output, expected);
}

}  // namespace
}  // namespace wsh::repro
