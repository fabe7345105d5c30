#!/usr/bin/env python3
"""End-to-end tests of `wsharness serve` (Autobahn's fuzzingserver URL scheme).

  serve_end_to_end.py driver WSHARNESS SCRATCH DRIVER AGENT BASELINE [--bug NAME] [--expect-caught ORACLE]
      Starts serve (the agent judged against BASELINE, a subject baseline),
      runs the client driver (getCaseCount, runCase 1..N, updateReports) and
      checks the report: one result per served case, all wire-only; with
      --expect-caught, that some result is unexpected through ORACLE (a
      faulty bug switch seen on the wire), without it that none is unexpected.
  serve_end_to_end.py self-test
      The negative controls of the driver test's report check: fabricated
      reports, each with one flaw, each caught.
  serve_end_to_end.py bad-input WSHARNESS SCRATCH
      Unknown path, unknown case number, a request that is not WebSocket:
      each answered with a clear HTTP error in under 2 s, logged, nothing
      hangs, no report written; serve still answers afterwards.

Every wait has a deadline; serve is stopped with SIGTERM and killed if it
lingers. Standard library only.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

SERVE_START_DEADLINE = 20.0
DRIVER_DEADLINE = 240.0


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


class Serve:
    def __init__(self, wsharness, report_dir, log_path, extra=()):
        self.log_path = log_path
        self.log = open(log_path, "w+")
        self.process = subprocess.Popen(
            [wsharness, "serve", "--port", "0", "--report-dir", report_dir, "--seed", "1"] + list(extra),
            stdout=self.log, stderr=self.log, start_new_session=True)
        deadline = time.monotonic() + SERVE_START_DEADLINE
        self.port = None
        while time.monotonic() < deadline and self.port is None:
            if self.process.poll() is not None:
                fail("serve exited early:\n" + self.text())
            match = re.search(r"listening on ws://127\.0\.0\.1:(\d+)/ with (\d+) case", self.text())
            if match:
                self.port, self.count = int(match.group(1)), int(match.group(2))
            time.sleep(0.05)
        if self.port is None:
            self.stop()
            fail("serve did not say where it listens within %.0f s:\n%s" % (SERVE_START_DEADLINE, self.text()))

    def text(self):
        with open(self.log_path) as log:
            return log.read()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
                fail("serve did not exit within 10 s of SIGTERM")
        return self.process.returncode


def http_exchange(port, request, deadline=2.0):
    """Sends raw bytes, returns (everything received until EOF, seconds taken)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=deadline) as sock:
        sock.settimeout(deadline)
        sock.sendall(request)
        data = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    return data, time.monotonic() - started


def upgrade(target):
    return ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n" % target).encode()


def first_text_message(data):
    """The first frame after the 101 response, as text (a server's frames are unmasked)."""
    if not data.startswith(b"HTTP/1.1 101"):
        fail("no 101 response: %r" % data[:300])
    frame = data[data.index(b"\r\n\r\n") + 4:]
    if len(frame) < 2 or frame[0] != 0x81:
        fail("no text frame after the 101: %r" % frame[:40])
    length, at = frame[1] & 0x7F, 2
    if length == 126:
        length, at = int.from_bytes(frame[2:4], "big"), 4
    return frame[at:at + length].decode()


def seconds_to_close_after_reply(port, target, deadline=5.0):
    """Upgrades to `target`, answers serve's close frame with a masked close,
    and returns how long serve then takes to close TCP (§7.1.1: the server
    closes first, once the client's close has arrived)."""
    with socket.create_connection(("127.0.0.1", port), timeout=deadline) as sock:
        sock.settimeout(deadline)
        sock.sendall(upgrade(target))
        data = b""
        while b"\r\n\r\n" not in data:
            data += sock.recv(65536) or fail("%s: EOF before the 101" % target)
        frames = data[data.index(b"\r\n\r\n") + 4:]
        while True:  # unmasked server frames, payloads under 126 bytes here
            while len(frames) < 2 or len(frames) < 2 + (frames[1] & 0x7F):
                frames += sock.recv(65536) or fail("%s: EOF before serve's close frame" % target)
            opcode, length = frames[0] & 0x0F, frames[1] & 0x7F
            if length >= 126:
                fail("%s: a frame longer than this test reads" % target)
            if opcode == 0x8:
                break
            frames = frames[2 + length:]
        sock.sendall(b"\x88\x82\x00\x00\x00\x00\x03\xe8")  # close 1000, zero mask
        replied = time.monotonic()
        while sock.recv(65536):
            pass
        return time.monotonic() - replied


def check_statuses(serve, report_dir, agent):
    """getCaseStatus agrees with the report: case N is the report's result N-1 (one agent)."""
    index_path = os.path.join(report_dir, "index.json")
    if not os.path.exists(index_path):
        return "no report"
    with open(index_path) as f:
        results = json.load(f)["results"]
    behaviors = {"PASS": "OK", "FAIL": "FAILED", "SKIP": "UNIMPLEMENTED", "INFORMATIONAL": "INFORMATIONAL"}
    seen = set()
    for number, result in enumerate(results, start=1):
        if result["verdict"] in seen or result["verdict"] not in behaviors:
            continue
        seen.add(result["verdict"])
        target = "/getCaseStatus?case=%d&agent=%s" % (number, agent)
        data, _ = http_exchange(serve.port, upgrade(target), deadline=5.0)
        status = json.loads(first_text_message(data))
        if status.get("behavior") != behaviors[result["verdict"]]:
            fail("%s: %r for a %s result" % (target, status, result["verdict"]))
    return ", ".join(sorted(seen))


def report_problems(index, served, agent):
    """What is wrong with serve's index.json for one agent's whole run of
    `served` cases: a result missing, an incomplete mark, a result observed
    other than on the wire (a served client has no event protocol), a
    result for another agent."""
    problems = []
    results = index["results"]
    if len(results) != served:
        problems.append("%d result(s) for %d served case(s)" % (len(results), served))
    if index.get("harness", {}).get("incomplete"):
        problems.append("the report is marked incomplete although /updateReports wrote it")
    for result in results:
        if result.get("observed") != "wire-only":
            problems.append("result %s is observed %r, not wire-only" % (result["id"], result.get("observed")))
        if result["subject"] != agent:
            problems.append("result %s is for %r, not the agent %r" % (result["id"], result["subject"], agent))
    return problems


def run_self_test():
    """The negative controls of report_problems: each flaw in a fabricated
    report is named, and the flawless one passes."""
    def result(number, **changes):
        base = {"id": "case.%d" % number, "observed": "wire-only", "subject": "agent"}
        base.update(changes)
        return base
    good = {"harness": {}, "results": [result(1), result(2)]}
    flawed = {
        "a result missing": ({"harness": {}, "results": [result(1)]}, "1 result(s) for 2 served case(s)"),
        "marked incomplete": ({"harness": {"incomplete": True}, "results": [result(1), result(2)]},
                              "marked incomplete"),
        "observed through events": ({"harness": {}, "results": [result(1), result(2, observed="events")]},
                                    "result case.2 is observed 'events', not wire-only"),
        "another agent": ({"harness": {}, "results": [result(1, subject="other"), result(2)]},
                          "result case.1 is for 'other', not the agent 'agent'"),
    }
    if report_problems(good, 2, "agent"):
        fail("self-test: a flawless report has problems: %r" % report_problems(good, 2, "agent"))
    for name, (index, wanted) in flawed.items():
        found = report_problems(index, 2, "agent")
        if not any(wanted in problem for problem in found):
            fail("self-test: %s is not caught (found %r)" % (name, found))
        print("self-test: %s caught: %s" % (name, "; ".join(found)))
    print("PASS")


def run_driver(args):
    wsharness, scratch, driver, agent, baseline = args[:5]
    rest = args[5:]
    bugs, expect_caught = [], None
    while rest:
        if rest[0] == "--bug":
            bugs += ["--bug", rest[1]]
        elif rest[0] == "--expect-caught":
            expect_caught = rest[1]
        else:
            fail("unknown argument " + rest[0])
        rest = rest[2:]
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    report_dir = os.path.join(scratch, "report")
    serve = Serve(wsharness, report_dir, os.path.join(scratch, "serve.log"),
                  ["--agent-baseline", "%s=%s" % (agent, baseline)])
    try:
        started = time.monotonic()
        driven = subprocess.run([driver, "ws://127.0.0.1:%d" % serve.port, agent] + bugs,
                                capture_output=True, text=True, timeout=DRIVER_DEADLINE)
        took = time.monotonic() - started
        statuses = check_statuses(serve, report_dir, agent)
    finally:
        code = serve.stop()
    if driven.returncode != 0:
        fail("the driver exited %d:\n%s" % (driven.returncode, driven.stderr[-3000:]))
    if code != 0:
        fail("serve exited %d:\n%s" % (code, serve.text()[-3000:]))
    index_path = os.path.join(report_dir, "index.json")
    if not os.path.exists(index_path):
        fail("no report after /updateReports:\n" + serve.text()[-3000:])
    with open(index_path) as f:
        index = json.load(f)
    results = index["results"]
    problems = report_problems(index, serve.count, agent)
    if problems:
        fail("\n  ".join(["the served report:"] + problems))
    counts = {}
    for result in results:
        counts[result["verdict"]] = counts.get(result["verdict"], 0) + 1
    print("%s through serve: %d results in %.1f s: %s" % (agent, len(results), took,
          ", ".join("%s %d" % item for item in sorted(counts.items()))))
    print("getCaseStatus agrees with the report for %s" % statuses)
    caught, unexpected = [], []
    for result in results:
        if result["verdict"] in ("FAIL", "ERROR", "TIMEOUT", "NON-STRICT"):
            with open(os.path.join(report_dir, result["detail"])) as f:
                detail = json.load(f)
            oracles = sorted({finding["oracle"] for finding in detail.get("findings", [])
                              if finding.get("verdict") != "PASS"})
            caught.append((result["id"], result["verdict"], result["outcome"], oracles))
        if result["outcome"] in ("unexpected", "xpass"):
            unexpected.append(result["id"])
    for line in caught:
        print("  %s %s (%s) %s" % line)
    if expect_caught:
        if not any(expect_caught in oracles and outcome == "unexpected" for _, _, outcome, oracles in caught):
            fail("no result was caught, unexpected, by %s" % expect_caught)
    elif unexpected:
        fail("%d result(s) differ from the baseline: %s" % (len(unexpected), ", ".join(unexpected)))
    print("PASS")


def run_bad_input(args):
    wsharness, scratch = args[:2]
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    report_dir = os.path.join(scratch, "report")
    serve = Serve(wsharness, report_dir, os.path.join(scratch, "serve.log"))
    try:
        checks = [
            ("unknown path", upgrade("/nope"), b"404", b"unknown path '/nope'"),
            ("unknown case", upgrade("/runCase?case=%d&agent=x" % (serve.count + 1)), b"404",
             b"no case %d" % (serve.count + 1)),
            ("case 0", upgrade("/runCase?case=0&agent=x"), b"400", b"not a case number"),
            ("no agent", upgrade("/runCase?case=1"), b"400", b"needs agent"),
            ("not WebSocket", b"GET /getCaseCount HTTP/1.1\r\nHost: x\r\n\r\n", b"400", b"WebSocket opening handshake"),
            ("not HTTP", b"\x16\x03\x01 hello\r\n\r\n", b"400", b"wsharness serve"),
        ]
        for name, request, status, body in checks:
            data, took = http_exchange(serve.port, request)
            first = data.split(b"\r\n", 1)[0]
            if status not in first or body not in data:
                fail("%s: expected %s with %r, got %r" % (name, status.decode(), body, data[:300]))
            if took >= 2.0:
                fail("%s: answered in %.2f s (>= 2 s)" % (name, took))
            print("%s: %s in %.3f s" % (name, first.decode(errors="replace"), took))
        # A client that connects and says nothing is dropped at serve's
        # request deadline; meanwhile others are answered.
        idle = socket.create_connection(("127.0.0.1", serve.port), timeout=2)
        # This client never answers serve's close frame: serve closes TCP
        # after its 2 s close deadline, so read for longer than that.
        data, took = http_exchange(serve.port, upgrade("/getCaseCount"), deadline=5.0)
        if not data.startswith(b"HTTP/1.1 101") or str(serve.count).encode() not in data:
            fail("getCaseCount after the bad requests: %r" % data[:300])
        idle.close()
        if first_text_message(data) != str(serve.count):
            fail("getCaseCount: %r, expected %d" % (first_text_message(data), serve.count))
        # A client that does answer is let go at once: serve used to wait for
        # the client to close TCP, which cost every Autobahn client 2 s per
        # answered connection (getCaseCount, a skipped case, updateReports).
        took = seconds_to_close_after_reply(serve.port, "/getCaseCount")
        if took >= 1.0:
            fail("getCaseCount: serve closed TCP %.2f s after the client's close frame, not at once" % took)
        print("getCaseCount: TCP closed %.3f s after the client's close frame" % took)
        # getCaseInfo and getCaseStatus answer as Autobahn does, in JSON.
        data, _ = http_exchange(serve.port, upgrade("/getCaseInfo?case=1"), deadline=5.0)
        info = json.loads(first_text_message(data))
        if not info.get("id") or not info.get("description") or "autobahn" not in info:
            fail("getCaseInfo?case=1: %r" % info)
        data, _ = http_exchange(serve.port, upgrade("/getCaseStatus?case=1&agent=nobody"), deadline=5.0)
        status = json.loads(first_text_message(data))
        if status != {"behavior": "UNKNOWN"}:
            fail("getCaseStatus for a case not run: %r" % status)
        print("getCaseInfo?case=1: %s; getCaseStatus: %s" % (info, status))
        log = serve.text()
        if "unknown path '/nope'" not in log:
            fail("the unknown path is not in serve's log:\n" + log)
    finally:
        code = serve.stop()
    if os.path.exists(report_dir):
        fail("a report was written although no case ran")
    if code != 0:
        fail("serve exited %d" % code)
    print("PASS")


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("driver", "bad-input", "self-test"):
        fail(__doc__)
    if sys.argv[1] == "driver":
        run_driver(sys.argv[2:])
    elif sys.argv[1] == "self-test":
        run_self_test()
    else:
        run_bad_input(sys.argv[2:])


if __name__ == "__main__":
    main()
