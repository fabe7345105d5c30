#!/usr/bin/env python3
"""End to end: `wsharness run` records a finding, `wsharness repro` turns the
result into a Python program, and that program, run against a subject started
by hand, must reproduce the finding (exit 1) against the subject that has it
and must not (exit 0) against a control subject that does not.

  repro_roundtrip.py --wsharness W --case ID --role server|client [--transport ws|wss]
                     --recorded-subject "CMD" [--recorded-name N]
                     --buggy "CMD" --control "CMD" --work DIR

Over wss (server role) the subjects started by hand get a self-signed
certificate made with the openssl command; without one the test is skipped
(exit 77).

Every wait has a deadline; every process started here is ended here.
"""

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import time

EXIT_SKIP = 77
RUN_DEADLINE_S = 120
READY_DEADLINE_S = 10
PROGRAM_DEADLINE_S = 60


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def record(args):
    report = os.path.join(args.work, "report")
    shutil.rmtree(report, ignore_errors=True)
    command = [args.wsharness, "run", "--subject-cmd", args.recorded_subject, "--subject-name", args.recorded_name,
               "--role", args.role, "--transport", args.transport, "--filter", args.case, "--report-dir", report,
               "--quiet"]
    print("$ " + " ".join(shlex.quote(word) for word in command))
    done = subprocess.run(command, timeout=RUN_DEADLINE_S, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    print(done.stdout.decode("utf-8", "replace"))
    result_file = os.path.join(report, "results", "0.json")
    if not os.path.exists(result_file):
        fail("wsharness run wrote no result (exit %d)" % done.returncode)
    with open(result_file) as handle:
        result = json.load(handle)
    if result["id"] != args.case or result["verdict"] in ("PASS", "SKIP", "ERROR"):
        fail("the recording is not a finding: %s is %s: %s" % (result["id"], result["verdict"], result["reason"]))
    print("recorded: %s %s: %s" % (result["id"], result["verdict"], result["reason"]))
    return result_file


def write_program(args, result_file):
    program = os.path.join(args.work, "repro.py")
    done = subprocess.run([args.wsharness, "repro", result_file, "--out", program], timeout=30,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    print(done.stdout.decode("utf-8", "replace"))
    if done.returncode != 0 or not os.path.exists(program):
        fail("wsharness repro exited %d" % done.returncode)
    compiled = subprocess.run([sys.executable, "-m", "py_compile", program], timeout=30)
    if compiled.returncode != 0:
        fail("the program does not compile")
    return program


def read_line(process, deadline):
    """One line of the process's stdout before the deadline (select: never blocks past it)."""
    import select
    line = b""
    while not line.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([process.stdout], [], [], remaining)
        if not ready:
            return None
        byte = os.read(process.stdout.fileno(), 1)
        if not byte:
            return None
        line += byte
    return line.decode("utf-8", "replace")


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def make_certificate(work):
    """A throwaway self-signed certificate for 127.0.0.1; None without the openssl command."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "1", "-subj", "/CN=127.0.0.1"], timeout=60, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return ["--tls-cert", cert, "--tls-key", key]


def run_against_server(program, subject_command, tls_flags):
    scheme = "wss" if tls_flags else "ws"
    subject = subprocess.Popen(shlex.split(subject_command) + ["server", "--port", "0"] + (tls_flags or []),
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + READY_DEADLINE_S
        port = None
        while port is None:
            line = read_line(subject, deadline)
            if line is None:
                fail("the subject did not say it was ready: %s" % subject_command)
            event = json.loads(line)
            if event.get("event") == "ready":
                port = event["port"]
        url = "%s://127.0.0.1:%d/" % (scheme, port)
        done = subprocess.run([sys.executable, program, url], timeout=PROGRAM_DEADLINE_S,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        print(done.stdout.decode("utf-8", "replace"))
        return done.returncode
    finally:
        stop(subject)


def run_against_client(program, subject_command, _tls_flags):
    replayer = subprocess.Popen([sys.executable, "-u", program, "0"], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
    subject = None
    try:
        deadline = time.monotonic() + READY_DEADLINE_S
        url = None
        while url is None:
            line = read_line(replayer, deadline)
            if line is None:
                fail("the program did not print the URL to connect to")
            print(line, end="")
            if line.startswith("listening: "):
                url = line.split()[-1]
        subject = subprocess.Popen(shlex.split(subject_command) + ["client", "--url", url],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        output, _ = replayer.communicate(timeout=PROGRAM_DEADLINE_S)
        print(output.decode("utf-8", "replace"))
        return replayer.returncode
    finally:
        stop(replayer)
        if subject is not None:
            stop(subject)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wsharness", required=True)
    parser.add_argument("--case", required=True)
    parser.add_argument("--role", choices=["server", "client"], default="server")
    parser.add_argument("--transport", choices=["ws", "wss"], default="ws")
    parser.add_argument("--recorded-subject", required=True)
    parser.add_argument("--recorded-name", default="recorded")
    parser.add_argument("--buggy", required=True, help="the subject with the finding")
    parser.add_argument("--control", required=True, help="a subject without it")
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    tls_flags = None
    if args.transport == "wss":
        if args.role != "server":
            fail("over wss only the server role replays (the program cannot serve TLS)")
        tls_flags = make_certificate(args.work)
        if tls_flags is None:
            print("SKIP: no openssl command to make the subject's certificate")
            sys.exit(EXIT_SKIP)

    program = write_program(args, record(args))
    against = run_against_server if args.role == "server" else run_against_client
    print("---- against the subject with the finding: %s" % args.buggy)
    buggy = against(program, args.buggy, tls_flags)
    print("---- against the control subject: %s" % args.control)
    control = against(program, args.control, tls_flags)
    if buggy != 1:
        fail("the program exited %d against %s; expected 1 (the cause reproduced)" % (buggy, args.buggy))
    if control != 0:
        fail("the program exited %d against %s; expected 0 (not reproduced)" % (control, args.control))
    print("OK: reproduced against the subject with the finding (exit 1), not against the control (exit 0)")


if __name__ == "__main__":
    main()
