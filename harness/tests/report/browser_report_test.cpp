// End-to-end test of the HTML report in a real browser (ctest label
// "browser"): runs a small catalogue against Beast, opens index.html and a
// result page in headless Chromium, and checks the DOM after the scripts
// ran: one matrix cell per result, the verdict counts, a filter from the URL
// hash, one ladder arrow per frame, no script errors. Saves screenshots into
// the build folder for a person to look at. Exits 77 (ctest SKIP) when no
// Chromium is installed: a missing browser is not a broken report.
//
// Usage: wsh-report-browser-test WSHARNESS WORK_DIR (the screenshots go into
// WORK_DIR's parent, the test's build folder)

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kSkip = 77;
int failures = 0;

void check(bool ok, const std::string& what) {
  std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
  if (!ok) ++failures;
}

std::string quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Output {
  int status = -1;
  std::string out;
};

// Runs a shell command, returns its exit status and stdout. Every command
// here is wrapped in timeout(1), so nothing can hang the test.
Output run(const std::string& command) {
  Output result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 65536> buffer{};
  std::size_t got = 0;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), got);
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string find_chromium() {
  for (const auto* name : {"chromium", "chromium-browser", "google-chrome"}) {
    const auto found = run(fmt::format("command -v {} 2>/dev/null", name));
    if (found.status == 0 && !found.out.empty()) return found.out.substr(0, found.out.find('\n'));
  }
  return {};
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t found = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++found;
  return found;
}

class Browser {
 public:
  Browser(std::string binary, fs::path work) : binary_(std::move(binary)), work_(std::move(work)) {}

  // The DOM after the page's scripts ran. Console messages go to a log
  // file, checked by console_errors().
  std::string dump_dom(const std::string& url) {
    const auto result = run(fmt::format("timeout 60 {} {} --dump-dom {} 2>>{}", quote(binary_), flags(), quote(url),
                                        quote((work_ / "chromium.log").string())));
    if (result.status != 0) std::printf("chromium exited with %d for %s\n", result.status, url.c_str());
    return result.out;
  }

  bool screenshot(const std::string& url, const fs::path& png) {
    fs::remove(png);
    run(fmt::format("timeout 60 {} {} --hide-scrollbars --window-size=1400,1000 --screenshot={} {} >/dev/null 2>>{}",
                    quote(binary_), flags(), quote(png.string()), quote(url),
                    quote((work_ / "chromium.log").string())));
    return fs::exists(png) && fs::file_size(png) > 0;
  }

  // Lines where the page's JavaScript reported an error to the console.
  std::string console_errors() const {
    std::string errors;
    std::istringstream log(read_file(work_ / "chromium.log"));
    for (std::string line; std::getline(log, line);)
      if (line.find("CONSOLE") != std::string::npos &&
          (line.find("Uncaught") != std::string::npos || line.find("Error") != std::string::npos))
        errors += line + "\n";
    return errors;
  }

 private:
  std::string flags() const {
    return fmt::format(
        "--headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --allow-file-access-from-files "
        "--enable-logging=stderr --v=0 --user-data-dir={}",
        quote((work_ / "chromium-profile").string()));
  }
  std::string binary_;
  fs::path work_;
};

std::map<std::string, std::size_t> verdict_counts(const json& index) {
  std::map<std::string, std::size_t> counts;
  for (const auto& result : index["results"]) ++counts[result["verdict"].get<std::string>()];
  return counts;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s WSHARNESS WORK_DIR\n", argv[0]);
    return 2;
  }
  const std::string wsharness = argv[1];
  const fs::path work = fs::absolute(argv[2]);
  const auto chromium = find_chromium();
  if (chromium.empty()) {
    std::printf(
        "SKIP: no chromium on PATH (Debian: apt-get install chromium); the HTML report was not checked in a browser\n");
    return kSkip;
  }
  fs::remove_all(work);
  fs::create_directories(work);
  const fs::path report = work / "report";

  // 1. A small real run against Beast, judged by a baseline made here so
  // that every outcome shows: a race that does not reproduce, a strict entry
  // that passes (XPASS), a finding with no entry (unexpected), and known
  // departures as expected. The catalogue is the source tree's, copied.
  const fs::path cases = work / "cases";
  fs::copy(WSH_TEST_CASES_DIR, cases, fs::copy_options::recursive);
  fs::remove_all(cases / "expectations");
  fs::create_directories(cases / "expectations");
  std::ofstream(cases / "expectations" / "beast.toml") << R"([[result]]
id = "close.clean.peer-initiated"
intermittent = ["TIMEOUT"]
rate = 0.9
reason = "not a race: shows NOT-REPRODUCED"

[[result]]
id = "close.clean.quit"
verdict = "FAIL"
reason = "passes: shows XPASS"

[[result]]
id = "close.subject.reserved-status[code=1006]"
verdict = "FAIL"
reason = "a known departure"
)";
  const auto ran =
      run(fmt::format("timeout 120 {} run --subject beast --role all --transport ws --filter 'close.clean.*' "
                      "--filter 'close.subject.reserved-status[code={{1005,1006}}]' --cases {} "
                      "--jobs 2 --seed 7 --quiet --report-dir {} 2>&1",
                      quote(wsharness), quote(cases.string()), quote(report.string())));
  const auto index = json::parse(read_file(report / "index.json"));
  const std::size_t results = index["results"].size();
  check(results > 0, fmt::format("the run has {} results", results));
  const auto counts = verdict_counts(index);

  Browser browser(chromium, work);
  const std::string index_url = "file://" + (report / "index.html").string();

  // 2. index.html: scripts ran without error, one cell per result, counts.
  const auto dom = browser.dump_dom(index_url);
  check(dom.find("data-ready=\"yes\"") != std::string::npos, "index.html: the script finished rendering");
  check(dom.find("data-script-errors") == std::string::npos, "index.html: no script error");
  check(count(dom, "<td class=\"cell ") == results,
        fmt::format("index.html: {} matrix cells for {} results", count(dom, "<td class=\"cell "), results));
  for (const auto& [verdict, expected] : counts) {
    // Plain search, not std::regex: g++ 12's -O1 ASan build warns
    // (maybe-uninitialized) inside libstdc++'s regex, which -Werror rejects.
    const std::string marker = "data-verdict=\"" + verdict + "\" data-count=\"";
    const auto at = dom.find(marker);
    const auto digits_at = at == std::string::npos ? at : at + marker.size();
    const auto digits_end = at == std::string::npos ? at : dom.find_first_not_of("0123456789", digits_at);
    const bool found = at != std::string::npos && digits_end != std::string::npos && digits_end > digits_at;
    const std::string shown = found ? dom.substr(digits_at, digits_end - digits_at) : std::string("nothing");
    check(found && std::stoul(shown) == expected,
          fmt::format("index.html: count of {} shows {} (index.json: {})", verdict, shown, expected));
  }

  // The outcome counters read the same per-result outcome as index.json's
  // totals (the CLI and JUnit read it too): a multi-verdict baseline must not
  // make the page and the exit code disagree.
  const auto& outcomes = index["harness"]["outcomes"];
  for (const auto& [name, css] : std::map<std::string, std::string>{
           {"unexpected", "unexpected-count"}, {"xpass", "xpass-count"}, {"not-reproduced", "not-reproduced-count"}}) {
    const auto wanted = outcomes.value(name, std::size_t{0});
    const std::string marker = "class=\"count " + css;
    const auto at = dom.find(marker);
    const auto count_at = at == std::string::npos ? at : dom.find("data-count=\"", at);
    const auto digits_at = count_at == std::string::npos ? count_at : count_at + 12;
    const auto digits_end = digits_at == std::string::npos ? digits_at : dom.find('"', digits_at);
    const std::string shown =
        digits_end == std::string::npos ? std::string("nothing") : dom.substr(digits_at, digits_end - digits_at);
    check(shown == std::to_string(wanted) && wanted > 0,
          fmt::format("index.html: {} shows {} (index.json: {})", name, shown, wanted));
  }

  // 3. A filter read from the URL hash: only that verdict's cells remain.
  const auto& [verdict, expected] =
      *std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  const auto filtered = browser.dump_dom(index_url + "#verdict=" + verdict);
  const auto cells = count(filtered, "<td class=\"cell ");
  check(cells == expected && count(filtered, "data-verdict=\"" + verdict + "\" data-n=") == expected,
        fmt::format("index.html#verdict={}: {} cells shown, {} expected", verdict, cells, expected));
  const auto by_role = browser.dump_dom(index_url + "#role=client");
  std::size_t client_results = 0;
  for (const auto& result : index["results"]) client_results += result["role"] == "client";
  check(count(by_role, "<td class=\"cell ") == client_results,
        fmt::format("index.html#role=client: {} cells shown, {} expected", count(by_role, "<td class=\"cell "),
                    client_results));

  // 4. A result page: the ladder has one arrow per frame of the transcript
  // (the result with the most frames among those the ladder draws whole).
  std::size_t chosen = 0, frames = 0;
  for (std::size_t i = 0; i < results; ++i) {
    const auto detail = json::parse(read_file(report / fmt::format("results/{}.json", i)));
    std::size_t n = 0;
    for (const auto& record : detail["transcript"]) n += record["kind"] == "frame";
    if (n > frames && detail["transcript"].size() + detail["events"].size() <= 120) chosen = i, frames = n;
  }
  const std::string result_url = "file://" + (report / fmt::format("results/{}.html", chosen)).string();
  const auto page = browser.dump_dom(result_url);
  check(frames > 0 && count(page, "data-kind=\"frame\"") == frames,
        fmt::format("results/{}.html: {} ladder arrows for {} frames", chosen, count(page, "data-kind=\"frame\""),
                    frames));
  check(page.find("wsharness replay results/" + std::to_string(chosen) + ".json") != std::string::npos,
        "result page shows the replay command");

  // 5. Screenshots for a person to look at; and no console errors anywhere.
  const fs::path shots = work.parent_path();
  check(browser.screenshot(index_url, shots / "report-index.png"),
        "screenshot " + (shots / "report-index.png").string());
  check(browser.screenshot(result_url, shots / "report-result.png"),
        "screenshot " + (shots / "report-result.png").string());
  const auto errors = browser.console_errors();
  check(errors.empty(), "no script errors on the console" + (errors.empty() ? "" : ":\n" + errors));

  std::printf("%s\n", failures == 0 ? "all browser checks passed" : "some browser checks FAILED");
  return failures == 0 ? 0 : 1;
}
