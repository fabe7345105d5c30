#!/usr/bin/env python3
"""End-to-end tests of `wsharness run --url` (black-box mode), run by ctest.

Each test starts its server by hand, as a user would: a subject with
`server --port 0`, reading its ready event for the port, or the chat-probe
example, reading its "listening on" line. Every process started here is
ended here, by its own process group; every wait has a deadline.

  url_mode_test.py bad-input     WSHARNESS BEAST [--sanitized]
  url_mode_test.py subject       WSHARNESS SUBJECT NAME [--tls]
  url_mode_test.py faulty        WSHARNESS FAULTY
  url_mode_test.py probe         WSHARNESS CHAT_PROBE CHAT_PROBE_DOUBLE_CLEANUP
"""

import atexit
import base64
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

SERVER_START_DEADLINE = 10.0  # seconds for a server to say where it listens
RUN_DEADLINE = 600.0  # a whole `wsharness run --url`
# The bound on answering bad input, for an optimised build. A
# sanitized build starts several times slower: on a loaded CI machine it
# took 2.23 s over a pure flag check, no network involved. There the bound
# only proves that no answer waits out the 5 s subject-startup deadline;
# each message check below proves which check answered.
BAD_INPUT_BOUND = 2.0
SANITIZED_BAD_INPUT_BOUND = 4.5


SCRATCH_DIRS = []


def fail(message):
    print("FAIL: " + message, flush=True)
    for directory in SCRATCH_DIRS:
        print("kept for a look: " + directory, flush=True)
    SCRATCH_DIRS.clear()
    sys.exit(1)


def scratch_dir(prefix):
    """A temporary directory, removed when the test passes, kept when it fails."""
    directory = tempfile.mkdtemp(prefix=prefix)
    SCRATCH_DIRS.append(directory)
    return directory


@atexit.register
def remove_scratch_dirs():
    for directory in SCRATCH_DIRS:
        shutil.rmtree(directory, ignore_errors=True)


class Server:
    """A server process in its own process group, its stdout drained."""

    def __init__(self, argv, env=None, ready=None):
        self.process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        env=env, start_new_session=True)
        self.port = None
        self.lines = []
        found = threading.Event()

        def drain():
            for raw in self.process.stdout:
                line = raw.decode("utf-8", "replace").strip()
                self.lines.append(line)
                if self.port is None:
                    port = ready(line)
                    if port:
                        self.port = port
                        found.set()
            found.set()

        self.reader = threading.Thread(target=drain, daemon=True)
        self.reader.start()
        if not found.wait(SERVER_START_DEADLINE) or self.port is None:
            self.stop()
            fail("%s did not say where it listens: %r" % (argv[0], self.lines[-5:]))

    def stop(self):
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=3)
            except ProcessLookupError:
                pass
        self.reader.join(timeout=3)

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.stop()


def subject_ready(line):
    try:
        event = json.loads(line)
    except ValueError:
        return None
    return event.get("port") if event.get("event") == "ready" else None


def example_ready(line):
    prefix = "listening on 127.0.0.1:"
    return int(line[len(prefix):]) if line.startswith(prefix) else None


def start_subject(path, *extra):
    return Server([path, "server", "--port", "0", *extra], ready=subject_ready)


def run(wsharness, args, timeout=RUN_DEADLINE):
    started = time.monotonic()
    done = subprocess.run([wsharness, "run", *args], capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout + done.stderr, time.monotonic() - started


def load_report(report_dir):
    with open(os.path.join(report_dir, "index.json"), encoding="utf-8") as index_file:
        index = json.load(index_file)
    details = []
    for result in index["results"]:
        with open(os.path.join(report_dir, result["detail"]), encoding="utf-8") as detail_file:
            details.append(json.load(detail_file))
    return index, details


def tally(index):
    counts = {}
    for result in index["results"]:
        counts[result["verdict"]] = counts.get(result["verdict"], 0) + 1
    return counts


# ---- bad input ---------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TinyTcpServer:
    """Accepts on loopback and answers each connection with `answer`."""

    def __init__(self, answer):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.stopping = False
        self.thread = threading.Thread(target=self.loop, args=(answer,), daemon=True)
        self.thread.start()

    def loop(self, answer):
        while not self.stopping:
            try:
                connection, _ = self.listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            with connection:
                connection.settimeout(2)
                try:
                    answer(connection)
                except OSError:
                    pass

    def stop(self):
        self.stopping = True
        self.thread.join(timeout=3)
        self.listener.close()


def read_request(connection):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(4096)
        if not chunk:
            break
        data += chunk
    return data.decode("latin-1")


def answer_http(status):
    def answer(connection):
        read_request(connection)
        body = b"hello"
        connection.sendall(("HTTP/1.1 %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" %
                            (status, len(body))).encode() + body)
    return answer


def close_at_once(connection):
    pass  # closed by the caller's `with`


def upgrade_then_close(connection):
    request = read_request(connection)
    key = ""
    for line in request.split("\r\n"):
        if line.lower().startswith("sec-websocket-key:"):
            key = line.split(":", 1)[1].strip()
    accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest())
    connection.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                       b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n")


def snapshot(directory):
    """Every file under `directory` with its content, and the parent's entries."""
    files = {}
    for root, _, names in os.walk(directory):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                files[path] = handle.read()
    return files, sorted(os.listdir(os.path.dirname(directory)))


def test_bad_input(wsharness, beast, bound):
    scratch = scratch_dir("wsh-url-bad-")
    report_dir = os.path.join(scratch, "report")
    os.makedirs(report_dir)
    with open(os.path.join(report_dir, "index.json"), "w", encoding="utf-8") as sentinel:
        sentinel.write('{"a good report": "that bad input must not overwrite"}\n')
    before = snapshot(report_dir)
    servers = {name: TinyTcpServer(answer) for name, answer in [
        ("http-404", answer_http("404 Not Found")), ("http-200", answer_http("200 OK")),
        ("closes-at-once", close_at_once), ("closes-after-upgrade", upgrade_then_close)]}
    nobody = free_port()
    cases = [
        ("malformed URL", ["--url", "http://127.0.0.1:9001/"], "--url"),
        ("malformed URL (no host)", ["--url", "ws://:9001/"], "--url"),
        ("a host name", ["--url", "ws://example.com:9001/"], "--url"),
        ("unreachable", ["--url", "ws://127.0.0.1:%d/" % nobody], "cannot connect"),
        ("HTTP 404", ["--url", "ws://127.0.0.1:%d/" % servers["http-404"].port], "not a WebSocket endpoint"),
        ("HTTP 200", ["--url", "ws://127.0.0.1:%d/" % servers["http-200"].port], "not a WebSocket endpoint"),
        ("closes at once", ["--url", "ws://127.0.0.1:%d/" % servers["closes-at-once"].port],
         "closed the connection at once"),
        ("closes after the upgrade", ["--url", "ws://127.0.0.1:%d/" % servers["closes-after-upgrade"].port],
         "closed the connection at once after the opening handshake"),
        ("non-loopback host", ["--url", "ws://192.0.2.1:9001/"], "--allow-remote"),
        ("wss without a CA", ["--url", "wss://127.0.0.1:%d/" % nobody], "--tls-ca"),
    ]
    problems = []
    try:
        with start_subject(beast) as server:
            cases.append(("probe events nobody writes",
                          ["--url", "ws://127.0.0.1:%d/" % server.port, "--probe-events",
                           os.path.join(scratch, "nobody-writes-here.jsonl")], "--probe-events"))
            for name, args, wanted in cases:
                code, output, elapsed = run(wsharness, args + ["--report-dir", report_dir, "--quiet"], timeout=30)
                print("%-28s exit %d in %.2f s: %s" % (name, code, elapsed, output.strip().splitlines()[-1:]))
                if code != 2:
                    problems.append("%s: exit %d, expected 2" % (name, code))
                if elapsed >= bound:
                    problems.append("%s: answered in %.2f s, not under %.1f s" % (name, elapsed, bound))
                if wanted not in output:
                    problems.append("%s: the message does not say %r: %s" % (name, wanted, output.strip()))
                if snapshot(report_dir) != before:
                    problems.append("%s: the report directory changed" % name)
            # The control: good input does write the report, so the check
            # above can see a report being written.
            code, output, _ = run(wsharness, ["--url", "ws://127.0.0.1:%d/" % server.port, "--filter",
                                              "close.clean.peer-initiated", "--report-dir", report_dir, "--quiet"])
            if code != 0 or snapshot(report_dir) == before:
                problems.append("control: a good --url run (exit %d) did not write its report: %s" % (code, output))
    finally:
        for server in servers.values():
            server.stop()
    if problems:
        fail("\n  ".join(["bad input:"] + problems))
    print("bad input: every case answered with exit 2, in time, naming its flag, report untouched")


# ---- a subject by URL ----------------------------------------------------------


def make_certificate(directory):
    """A self-signed certificate for 127.0.0.1: its own CA."""
    cert, key = os.path.join(directory, "server.pem"), os.path.join(directory, "server.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
                   check=True, capture_output=True, timeout=60)
    return cert, key


def test_subject(wsharness, path, name, tls):
    scratch = scratch_dir("wsh-url-%s-" % name)
    extra, scheme, trust = [], "ws", []
    if tls:
        cert, key = make_certificate(scratch)
        extra, scheme, trust = ["--tls-cert", cert, "--tls-key", key], "wss", ["--tls-ca", cert]
    problems = []
    with start_subject(path, *extra) as server:
        url = "%s://127.0.0.1:%d/" % (scheme, server.port)
        if tls:
            # The certificate is checked: a CA that did not sign it is refused
            # before the run; --insecure skips the check.
            other_dir = tempfile.mkdtemp(prefix="wsh-url-other-ca-", dir=scratch)
            other_ca, _ = make_certificate(other_dir)
            code, output, _ = run(wsharness, ["--url", url, "--tls-ca", other_ca, "--quiet",
                                              "--report-dir", os.path.join(scratch, "wrong-ca")])
            if code != 2 or "--tls-ca" not in output or "certificate verify failed" not in output:
                problems.append("a wrong --tls-ca was not refused before the run: exit %d: %s" % (code, output))
            code, output, _ = run(wsharness, ["--url", url, "--insecure", "--quiet", "--filter",
                                              "close.clean.peer-initiated", "--report-dir",
                                              os.path.join(scratch, "insecure")])
            if code != 0:
                problems.append("--insecure: exit %d: %s" % (code, output))
        # Without --speaks-protocol: the chat-command cases are SKIP, with the reason.
        report_plain = os.path.join(scratch, "plain")
        code, output, _ = run(wsharness, ["--url", url, "--agent", name, "--report-dir", report_plain, "--quiet",
                                          "--filter", "close.*"] + trust)
        if code not in (0, 1):
            fail("wsharness run --url %s: exit %d\n%s" % (url, code, output))
        index, _ = load_report(report_plain)
        protocol_skips = [r for r in index["results"] if r["reason"] == "needs the subject protocol"]
        if not protocol_skips:
            problems.append("without --speaks-protocol no case was SKIP for 'needs the subject protocol'")
        for result in protocol_skips:
            if result["verdict"] != "SKIP":
                problems.append("%s: %s, not SKIP" % (result["id"], result["verdict"]))

        # With it: the whole catalogue the server role allows.
        report_dir = os.path.join(scratch, "full")
        code, output, _ = run(wsharness, ["--url", url, "--agent", name, "--speaks-protocol",
                                          "--report-dir", report_dir, "--quiet"] + trust)
        if code not in (0, 1):
            fail("wsharness run --url %s --speaks-protocol: exit %d\n%s" % (url, code, output))
        index, details = load_report(report_dir)
    if any(r["reason"] == "needs the subject protocol" for r in index["results"]):
        problems.append("with --speaks-protocol a case is still SKIP for 'needs the subject protocol'")
    if [s["name"] for s in index["subjects"]] != [name]:
        problems.append("the report's subject is %r, not the agent %r" % (index["subjects"], name))
    if index["harness"].get("urls") != [url] or index["harness"].get("allow_remote") is not False:
        problems.append("the harness section does not name the URL, loopback only: %r" % index["harness"])
    for result, detail in zip(index["results"], details):
        if result.get("observed") != "wire-only":
            problems.append("%s: observed %r, not wire-only" % (result["id"], result.get("observed")))
        if result["role"] != "server" or result["transport"] != scheme:
            problems.append("%s: ran as %s over %s" % (result["id"], result["role"], result["transport"]))
        if result["verdict"] == "SKIP":
            continue
        unobserved = detail.get("not_observed", {})
        if unobserved.get("app.cleanup-once") != "not-observed" or unobserved.get("health.crash") != "not-observed":
            problems.append("%s: the application and health oracles are not marked not-observed" % result["id"])
        for finding in detail["findings"]:
            if finding["oracle"].startswith(("app.", "health.")):
                problems.append("%s: an application finding in wire-only mode: %r" % (result["id"], finding))
        if result["verdict"] == "ERROR":
            problems.append("%s: ERROR by URL: %s" % (result["id"], result["reason"]))
    print("%s by URL (%s): %s" % (name, scheme, json.dumps(tally(index), sort_keys=True)))
    print("%s by URL outcomes: %s" % (name, json.dumps(index["harness"]["outcomes"], sort_keys=True)))
    if problems:
        fail("\n  ".join(["%s by URL:" % name] + problems))


# ---- the faulty subject's switches, by URL --------------------------------------

# Each bug switch of wsh-subject-faulty, by the server-role case that shows it,
# and what black-box mode sees of it: the oracle that catches it on the wire,
# or None when its effect is in the application or the process only (the
# result then passes on the wire, its application "not observed"), or "SKIP"
# when the case cannot run by URL at all (the reason says why).
ON_THE_WIRE = [
    ("never-answer-close", "close.clean.peer-initiated", "outcome.no-close-frame"),
    ("hang-on-close", "close.clean.peer-initiated", "outcome.no-close-frame"),
    ("crash-on-close", "close.clean.peer-initiated", "outcome.no-close-frame"),
    ("fake-sanitizer-report", "close.clean.peer-initiated", "outcome.no-close-frame"),
    ("send-1005", "close.subject.reserved-status[code=1005]", "wire.reserved-code"),
    ("echo-invalid-code", "close.peer.code.invalid[code=1004]", "outcome.close-code"),
    ("mask-server-frames", "close.clean.peer-initiated", "wire.frame"),
    ("no-close-reply-tcp", "close.clean.peer-initiated", "outcome.server-tcp-close"),
    ("invalid-utf8-echo", "close.clean.peer-initiated", "wire.message"),
    ("bad-close-payload", "close.clean.peer-initiated", "wire.close-payload"),
    ("oversize-pong", "frames.ping.answered", "wire.control-length"),
    ("data-after-close", "close.clean.subject-initiated", "wire.after-close"),
    ("drop-instead-of-close", "close.peer.code.invalid[code=1005]", "outcome.drop"),
    ("ignore-protocol-error", "close.peer.code.invalid[code=1005]", "outcome.not-failed"),
    ("invalid-utf8-close-reason", "close.clean.subject-initiated", "wire.close-reason-utf8"),
    ("close-reason-cut", "close.subject.reason-cut", "wire.close-reason-utf8"),
    ("close-reply-limit", "close.subject.reply-after-data[size=200]", "step"),
]
APPLICATION_ONLY = [
    ("double-cleanup", "close.clean.peer-initiated"),
    ("no-cleanup", "close.clean.peer-initiated"),
    ("read-after-fail", "close.clean.peer-initiated"),
    ("cleanup-before-fail", "close.clean.peer-initiated"),
    ("read-fail-unreported", "close.clean.peer-initiated"),
    ("read-fail-twice", "close.clean.peer-initiated"),
    ("leak-fd", "close.clean.peer-initiated"),
    ("slow-cleanup", "close.clean.peer-initiated"),
    ("garbage-stdout", "close.clean.peer-initiated"),
    ("crash-on-leave", "lifecycle.leave"),
]
NOT_RUNNABLE_BY_URL = [
    ("linger-after-shutdown", "lifecycle.shutdown", "needs the subject process"),
    ("shutdown-misses-one", "lifecycle.shutdown.clients[clients=3]", "needs the subject process"),
    ("leak-fd-every-10th", "lifecycle.churn.peer-close", "needs the subject process"),
    ("timeout-ends-connection", "lifecycle.read-timeout", "needs the subject process"),
    ("short-write", "faults.stall.large-echo", "needs the subject process"),
    # On the wire, but the peer acts on the subject's spam_done event.
    ("spam-reorder", "threads.spam[count=200,size=16]", "needs the application's events"),
    ("lose-message", "threads.spam[count=200,size=16]", "needs the application's events"),
    ("race-send", "threads.spam.peer-sends", "needs the application's events"),
]


def by_url(wsharness, faulty, bug, case, scratch):
    argv = ["--bug", bug] if bug else []
    with start_subject(faulty, *argv) as server:
        report_dir = os.path.join(scratch, "%s-%s" % (bug or "clean", abs(hash(case))))
        code, output, _ = run(wsharness, ["--url", "ws://127.0.0.1:%d/" % server.port, "--agent", "faulty",
                                          "--speaks-protocol", "--filter", case, "--report-dir", report_dir,
                                          "--quiet", "--jobs", "1"])
    if code not in (0, 1):
        fail("--bug %s, %s: exit %d\n%s" % (bug, case, code, output))
    index, details = load_report(report_dir)
    if len(details) != 1:
        fail("--bug %s, %s: %d results, expected 1" % (bug, case, len(details)))
    return details[0]


def test_faulty(wsharness, faulty):
    scratch = scratch_dir("wsh-url-faulty-")
    problems = []
    cases = sorted({case for _, case, *_ in ON_THE_WIRE + APPLICATION_ONLY})
    clean = {}
    for case in cases:  # the clean subject passes every case used below
        detail = by_url(wsharness, faulty, None, case, scratch)
        clean[case] = detail["verdict"]
        print("clean                     %-45s %s" % (case, detail["verdict"]))
        if detail["verdict"] not in ("PASS", "INFORMATIONAL"):
            problems.append("clean faulty, %s: %s (%s)" % (case, detail["verdict"], detail["reason"]))
    for bug, case, oracle in ON_THE_WIRE:
        detail = by_url(wsharness, faulty, bug, case, scratch)
        oracles = [finding["oracle"] for finding in detail["findings"]]
        print("%-25s %-45s %s %s" % (bug, case, detail["verdict"], oracles))
        if detail["verdict"] == clean[case] or oracle not in oracles:
            problems.append("--bug %s not caught by URL on %s: %s %r" % (bug, case, detail["verdict"], oracles))
    for bug, case in APPLICATION_ONLY:
        detail = by_url(wsharness, faulty, bug, case, scratch)
        print("%-25s %-45s %s (application not observed)" % (bug, case, detail["verdict"]))
        if detail["verdict"] != clean[case] or detail.get("observed") != "wire-only":
            problems.append("--bug %s is application-only, yet by URL %s: %s" % (bug, case, detail["verdict"]))
    for bug, case, reason in NOT_RUNNABLE_BY_URL:
        detail = by_url(wsharness, faulty, bug, case, scratch)
        print("%-25s %-45s %s: %s" % (bug, case, detail["verdict"], detail["reason"]))
        if detail["verdict"] != "SKIP" or reason not in detail["reason"]:
            problems.append("--bug %s, %s: %s, expected SKIP for %r" % (bug, case, detail["verdict"], reason))
    if problems:
        fail("\n  ".join(["faulty by URL:"] + problems))


# ---- the probe example ---------------------------------------------------------


def probe_run(wsharness, example, scratch, name):
    events = os.path.join(scratch, name + ".jsonl")
    env = dict(os.environ, WSHARNESS_EVENTS=events)
    with Server([example, "--port", "0"], env=env, ready=example_ready) as server:
        report_dir = os.path.join(scratch, name)
        code, output, _ = run(wsharness, ["--url", "ws://127.0.0.1:%d/chat" % server.port, "--agent", name,
                                          "--probe-events", events, "--filter", "close.clean.peer-initiated",
                                          "--filter", "close.peer.*", "--filter", "faults.rst.*",
                                          "--report-dir", report_dir, "--quiet"])
    if code not in (0, 1):
        fail("%s: exit %d\n%s" % (name, code, output))
    return load_report(report_dir)


def test_probe(wsharness, example, double_cleanup):
    scratch = scratch_dir("wsh-url-probe-")
    problems = []
    index, details = probe_run(wsharness, example, scratch, "chat-probe")
    for result, detail in zip(index["results"], details):
        if result["observed"] != "probe":
            problems.append("chat-probe %s: observed %r, not probe" % (result["id"], result["observed"]))
        app = [f for f in detail["findings"] if f["oracle"].startswith("app.")]
        if result["verdict"] != "SKIP" and app:
            problems.append("chat-probe %s: application findings %r" % (result["id"], app))
        if result["verdict"] != "SKIP" and not any(e.get("event") == "cleanup" for e in detail["events"]):
            problems.append("chat-probe %s: no cleanup event was read" % result["id"])
    print("chat-probe by URL with probe events: %s" % json.dumps(tally(index), sort_keys=True))
    index, details = probe_run(wsharness, double_cleanup, scratch, "chat-probe-double-cleanup")
    caught = 0
    for result, detail in zip(index["results"], details):
        if result["verdict"] == "SKIP":
            continue
        # An informational case reports its findings without failing on them.
        if any(f["oracle"] == "app.cleanup-once" for f in detail["findings"]) and \
                result["verdict"] in ("FAIL", "INFORMATIONAL"):
            caught += 1
        else:
            problems.append("double cleanup not caught on %s: %s %s" % (result["id"], result["verdict"],
                                                                        result["reason"]))
    print("chat-probe-double-cleanup: app.cleanup-once FAIL on %d results" % caught)
    if caught == 0:
        problems.append("the double-cleanup variant was caught nowhere")
    if problems:
        fail("\n  ".join(["probe:"] + problems))


def main(argv):
    if len(argv) < 3:
        fail(__doc__)
    command, wsharness = argv[1], argv[2]
    if command == "bad-input":
        test_bad_input(wsharness, argv[3],
                       SANITIZED_BAD_INPUT_BOUND if "--sanitized" in argv[4:] else BAD_INPUT_BOUND)
    elif command == "subject":
        test_subject(wsharness, argv[3], argv[4], "--tls" in argv[5:])
    elif command == "faulty":
        test_faulty(wsharness, argv[3])
    elif command == "probe":
        test_probe(wsharness, argv[3], argv[4])
    else:
        fail("unknown test " + command)
    print("PASS")


if __name__ == "__main__":
    main(sys.argv)
