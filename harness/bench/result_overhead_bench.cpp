// Where a result's own time goes, beyond the waits its case asks for
// (the goal for that overhead is a median of 5 ms): starting and
// reaping a subject process, its hello and ready lines, and the TLS context
// the harness makes for every wss:// connection. Each benchmark is one of
// those steps alone, so the figures add up to a result's fixed cost.

#include <benchmark/benchmark.h>

#include <chrono>

#include "launch/subject.hpp"
#include "net/tls_endpoint.hpp"
#include "net/tls_material.hpp"

namespace {

using namespace std::chrono_literals;
using wsh::launch::Clock;

// fork + exec of a program that exits at once, and its reaping: the
// launcher's own cost (the spawner thread, pipes, the exit watcher and the
// output reader threads), with next to nothing of the program's.
void BM_SubjectStartAndReap(benchmark::State& state) {
  wsh::launch::LaunchSpec spec;
  spec.argv = {"/bin/true"};
  for (auto _ : state) {
    auto subject = wsh::launch::Subject::start(spec);
    benchmark::DoNotOptimize(subject->wait_for_exit(Clock::now() + 5s));
    subject->stop(1000ms);
  }
}
BENCHMARK(BM_SubjectStartAndReap)->Unit(benchmark::kMillisecond)->UseRealTime();

// A real subject (faulty, the smallest) up to its ready line and stopped
// again: what every server result pays before its first byte and after its
// last.
void BM_FaultyServerReadyAndStop(benchmark::State& state) {
  wsh::launch::LaunchSpec spec;
  spec.argv = {WSH_BENCH_FAULTY_PATH, "server", "--port", "0"};
  for (auto _ : state) {
    auto subject = wsh::launch::Subject::start(spec);
    if (!subject->await_ready(Clock::now() + 5s)) state.SkipWithError("the faulty subject did not become ready");
    subject->stop(2000ms);
  }
}
BENCHMARK(BM_FaultyServerReadyAndStop)->Unit(benchmark::kMillisecond)->UseRealTime();

// The TLS contexts made per wss:// connection: the harness as client (it
// loads the run's CA) and as server (certificate and key).
const wsh::net::TlsMaterial& material() {
  static const wsh::net::ScopedPki pki;
  return pki.material();
}

void BM_TlsClientContext(benchmark::State& state) {
  const auto& tls = material();
  for (auto _ : state) benchmark::DoNotOptimize(wsh::net::TlsEndpoint::client(tls.ca_cert, "127.0.0.1"));
}
BENCHMARK(BM_TlsClientContext)->Unit(benchmark::kMicrosecond);

void BM_TlsServerContext(benchmark::State& state) {
  const auto& tls = material();
  for (auto _ : state) benchmark::DoNotOptimize(wsh::net::TlsEndpoint::server(tls.server_cert, tls.server_key));
}
BENCHMARK(BM_TlsServerContext)->Unit(benchmark::kMicrosecond);

}  // namespace
