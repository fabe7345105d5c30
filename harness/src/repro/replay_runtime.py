# ---- the replay engine (the same in every program wsharness repro writes) ----
# It reads the recorded data above (REQUEST, ACTIONS, CHECKS, ...) and never
# evaluates any of it: recorded bytes are only sent, and printed escaped.

import base64
import hashlib
import os
import select
import socket
import ssl
import struct
import sys
import time
import urllib.parse

EXIT_NOT_REPRODUCED = 0
EXIT_REPRODUCED = 1
EXIT_CANNOT_RUN = 2
EXIT_NOT_ON_THE_WIRE = 3

WS_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455 section 1.3
OPCODES = {0: "continuation", 1: "text", 2: "binary", 8: "close", 9: "ping", 10: "pong"}
HANDSHAKE_DEADLINE_S = 5.0
ACCEPT_DEADLINE_S = 30.0
# A send waits for the subject frames that preceded it in the recording at
# most this long (or twice the recorded wait, if longer), then goes anyway.
GATE_MIN_S = 2.0
# After the last action, the program keeps reading as long as the harness did,
# plus this much for a slower machine.
END_SLACK_S = 0.5


def esc(data):
    """Untrusted bytes as printable ASCII: never a raw control byte on the terminal."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    out = []
    for b in data:
        if b == 0x5C:
            out.append("\\\\")
        elif b == 0x27:
            out.append("\\'")
        elif 0x20 <= b < 0x7F:
            out.append(chr(b))
        elif b == 0x0A:
            out.append("\\n")
        elif b == 0x0D:
            out.append("\\r")
        else:
            out.append("\\x%02x" % b)
    return "'" + "".join(out) + "'"


def head_lines(head):
    return [esc(line)[1:-1] for line in head.split(b"\r\n") if line]


class Clock:
    def __init__(self):
        self.start = time.monotonic()

    def stamp(self, at=None):
        return "%10.3f ms" % (((at if at is not None else time.monotonic()) - self.start) * 1000.0)


class Frame:
    def __init__(self, fin, rsv, opcode, masked, payload, at):
        self.fin, self.rsv, self.opcode, self.masked, self.payload, self.at = fin, rsv, opcode, masked, payload, at
        self.code = None
        self.reason = b""
        if opcode == 8 and len(payload) >= 2:
            self.code = struct.unpack("!H", payload[:2])[0]
            self.reason = payload[2:]

    def name(self):
        return OPCODES.get(self.opcode, "opcode-%d" % self.opcode)

    def describe(self):
        text = "%s fin=%d rsv=%d%s len=%d" % (self.name(), self.fin, self.rsv, " masked" if self.masked else "",
                                              len(self.payload))
        if self.opcode == 8:
            if self.code is not None:
                text += " code=%d reason=%s" % (self.code, esc(self.reason))
            elif self.payload:
                text += " body=%s (no code)" % esc(self.payload)
            else:
                text += " (no code)"
        elif self.opcode in (1, 2, 9, 10) and self.payload:
            shown = self.payload[:64]
            text += " payload=%s%s" % (esc(shown), "..." if len(self.payload) > 64 else "")
        return text


class Decoder:
    """RFC 6455 section 5.2 frames from the subject, checked for what a peer must reject."""

    def __init__(self, subject_masks):
        self.subject_masks = subject_masks
        self.buffer = bytearray()
        self.error = None

    def feed(self, data, at):
        frames = []
        if self.error:
            return frames
        self.buffer += data
        while True:
            frame = self._next(at)
            if frame is None:
                return frames
            frames.append(frame)

    def _next(self, at):
        buf = self.buffer
        if len(buf) < 2:
            return None
        fin, rsv, opcode = buf[0] >> 7, (buf[0] >> 4) & 7, buf[0] & 15
        masked, length, offset = buf[1] >> 7, buf[1] & 127, 2
        if length == 126:
            if len(buf) < 4:
                return None
            length, offset = struct.unpack("!H", bytes(buf[2:4]))[0], 4
        elif length == 127:
            if len(buf) < 10:
                return None
            length, offset = struct.unpack("!Q", bytes(buf[2:10]))[0], 10
        if rsv:
            self.error = "RSV bits %d set with no extension negotiated (section 5.2)" % rsv
        elif opcode not in OPCODES:
            self.error = "reserved opcode %d (section 5.2)" % opcode
        elif opcode >= 8 and (not fin or length > 125):
            self.error = "control frame fragmented or longer than 125 bytes (section 5.5)"
        elif bool(masked) != self.subject_masks:
            self.error = ("unmasked frame from a client (section 5.3)" if self.subject_masks
                          else "masked frame from a server (section 5.1)")
        if self.error:
            return None
        key = b""
        if masked:
            if len(buf) < offset + 4:
                return None
            key, offset = bytes(buf[offset:offset + 4]), offset + 4
        if len(buf) < offset + length:
            return None
        payload = bytes(buf[offset:offset + length])
        if masked:
            payload = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
        del buf[:offset + length]
        return Frame(fin, rsv, opcode, bool(masked), payload, at)


def sent_detail(data):
    """The payload of the first frame in bytes this program sends, unmasked and escaped, for the log."""
    if len(data) < 2:
        return ""
    opcode, masked, length, offset = data[0] & 15, data[1] >> 7, data[1] & 127, 2
    if length == 126:
        length, offset = (struct.unpack("!H", data[2:4])[0], 4) if len(data) >= 4 else (0, 2)
    elif length == 127:
        length, offset = (struct.unpack("!Q", data[2:10])[0], 10) if len(data) >= 10 else (0, 2)
    key = data[offset:offset + 4] if masked else b""
    payload = data[offset + len(key):offset + len(key) + min(length, 64)]
    if masked and len(key) == 4:
        payload = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
    if opcode == 8 and len(payload) >= 2:
        return " reason=%s" % esc(payload[2:])
    if opcode in (1, 2, 9, 10) and payload:
        return " payload=%s%s" % (esc(payload), "..." if length > 64 else "")
    return ""


class Connection:
    """The program's side of one connection: what it sent, what it received, how TCP ended."""

    def __init__(self, sock, subject_masks, clock):
        self.sock = sock
        self.clock = clock
        self.decoder = Decoder(subject_masks)
        self.frames = []
        self.message_errors = []
        self.message = None
        self.tcp_end = "still_open"
        self.closed_by_us = False
        self.stalled = False
        self.chop = None
        self.delay_s = 0.0
        self.truncate = None  # [bytes still to send, then], as the harness's truncate fault

    def ended(self):
        return self.tcp_end != "still_open" or self.closed_by_us

    def subject_ended(self):
        return self.tcp_end in ("subject_fin", "subject_reset")

    def on_bytes(self, data):
        now = time.monotonic()
        for frame in self.decoder.feed(data, now):
            self.frames.append(frame)
            print("%s  <- %s" % (self.clock.stamp(now), frame.describe()))
            self._track_message(frame)
        if self.decoder.error and not getattr(self, "_error_shown", False):
            self._error_shown = True
            print("%s  <- undecodable: %s" % (self.clock.stamp(now), self.decoder.error))

    def _track_message(self, frame):
        if frame.opcode in (1, 2):
            if self.message is not None:
                self.message_errors.append("a new data frame inside a fragmented message (section 5.4)")
            self.message = [frame.opcode, bytearray(frame.payload)]
        elif frame.opcode == 0:
            if self.message is None:
                self.message_errors.append("a continuation frame with no message to continue (section 5.4)")
                return
            self.message[1] += frame.payload
        else:
            return
        if frame.fin and self.message is not None:
            if self.message[0] == 1:
                try:
                    bytes(self.message[1]).decode("utf-8")
                except UnicodeDecodeError:
                    self.message_errors.append("a text message that is not valid UTF-8 (section 8.1)")
            self.message = None

    def pump(self, until):
        """Reads what arrives until `until` (monotonic seconds) or the connection ends."""
        while not self.ended():
            remaining = until - time.monotonic()
            if remaining <= 0:
                return
            if self.stalled:
                time.sleep(remaining)
                return
            if not (isinstance(self.sock, ssl.SSLSocket) and self.sock.pending()):
                readable, _, _ = select.select([self.sock], [], [], remaining)
                if not readable:
                    return
            try:
                data = self.sock.recv(65536)
            except ssl.SSLWantReadError:
                continue
            except (ConnectionResetError, BrokenPipeError) as error:
                self._end("subject_reset", "the subject reset TCP (%s)" % error.__class__.__name__)
                return
            except (OSError, ssl.SSLError) as error:
                self._end("subject_reset", "read error: %s" % esc(str(error)))
                return
            if not data:
                self._end("subject_fin", "the subject closed TCP (FIN)")
                return
            self.on_bytes(data)

    def _end(self, how, text):
        if self.tcp_end == "still_open":
            self.tcp_end = how
            print("%s  <- %s" % (self.clock.stamp(), text))

    def send(self, data, what):
        if self.ended():
            print("%s  -> (not sent, the connection has ended) %s" % (self.clock.stamp(), what))
            return
        if self.truncate is not None and self.truncate[1] == "cut":
            print("%s  -> (dropped: the stream was cut by truncate) %s" % (self.clock.stamp(), what))
            return
        if self.delay_s:
            self.pump(time.monotonic() + self.delay_s)
        print("%s  -> %s%s" % (self.clock.stamp(), what, sent_detail(data)))
        cut = False
        if self.truncate is not None:
            if self.truncate[0] < len(data):
                print("%s     truncate: only the first %d of these %d bytes go out" % (self.clock.stamp(),
                                                                                      self.truncate[0], len(data)))
            data = data[:self.truncate[0]]
            self.truncate[0] -= len(data)
            cut = self.truncate[0] == 0
        slices = [data] if data else []
        if self.chop:
            size, pause = self.chop
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            slices = [data[i:i + size] for i in range(0, len(data), size)]
        try:
            for i, piece in enumerate(slices):
                if i and self.chop and self.chop[1]:
                    time.sleep(self.chop[1])
                self.sock.sendall(piece)
        except (OSError, ssl.SSLError) as error:
            print("%s     send failed: %s" % (self.clock.stamp(), esc(str(error))))
            self._end("subject_reset", "the subject's end is gone")
            return
        if cut:
            self.cut_stream()

    def cut_stream(self):
        """The truncate fault's cut: the stream ends with FIN, RST or nothing, and nothing more is sent."""
        then = self.truncate[1]
        self.truncate = [0, "cut"]
        if then == "fin":
            self.fin()
        elif then == "rst":
            self.rst()

    def fin(self):
        print("%s  -> TCP FIN (shutdown of the write side)" % self.clock.stamp())
        try:
            # The plain socket's shutdown: SSLSocket.shutdown would drop the TLS state.
            socket.socket.shutdown(self.sock, socket.SHUT_WR)
        except OSError as error:
            print("           shutdown failed: %s" % esc(str(error)))

    def rst(self):
        print("%s  -> TCP RST (SO_LINGER 0, close)" % self.clock.stamp())
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self._close_socket(notify=False)
        if self.tcp_end == "still_open":
            self.tcp_end = "peer_reset"
            print("%s  -- this program reset TCP" % self.clock.stamp())

    def close(self, why, marks_end=False):
        """Closes TCP (after a TLS close_notify). marks_end: this program closed first by its role's duty
        (the server, section 7.1.1), which the harness records as the connection's end; its own close at the
        end of a case it does not record so."""
        if self.closed_by_us:
            return
        print("%s  -> TCP close (%s)" % (self.clock.stamp(), why))
        self._close_socket(notify=True)
        if marks_end and self.tcp_end == "still_open":
            self.tcp_end = "peer_closed"

    def _close_socket(self, notify):
        self.closed_by_us = True
        if notify and isinstance(self.sock, ssl.SSLSocket):
            try:
                self.sock.settimeout(0.2)
                self.sock.unwrap()
            except (OSError, ssl.SSLError, ValueError):
                pass
        try:
            self.sock.close()
        except OSError:
            pass


def read_head(sock, deadline):
    data = b""
    while b"\r\n\r\n" not in data:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or len(data) > 16384:
            return None, data
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(4096)
        except (OSError, ssl.SSLError):
            return None, data
        if not chunk:
            return None, data
        data += chunk
    end = data.index(b"\r\n\r\n") + 4
    return data[:end], data[end:]


def accept_value(key):
    return base64.b64encode(hashlib.sha1(key + WS_GUID).digest())


def header_value(head, name):
    for line in head.split(b"\r\n")[1:]:
        field, _, value = line.partition(b":")
        if field.strip().lower() == name.lower():
            return value.strip()
    return None


def client_request(url):
    """The recorded request, with the Host header and target of this run's URL."""
    lines = REQUEST.split(b"\r\n")
    method, _, rest = lines[0].partition(b" ")
    _, _, version = rest.rpartition(b" ")
    target = (url.path or "/") + ("?" + url.query if url.query else "")
    lines[0] = b" ".join([method, target.encode("ascii", "replace"), version])
    host = "%s:%d" % (url.hostname, url.port or (443 if url.scheme == "wss" else 80))
    for i, line in enumerate(lines[1:], 1):
        if line.split(b":", 1)[0].strip().lower() == b"host":
            lines[i] = b"Host: " + host.encode("ascii", "replace")
    return b"\r\n".join(lines)


def receive_head(sock, clock, what):
    """Reads the opening handshake's `what` ("request" or "response") and
    shows it; (None, bytes so far) when it is incomplete by the deadline."""
    head, rest = read_head(sock, time.monotonic() + HANDSHAKE_DEADLINE_S)
    if head is None:
        print("%s  <- no complete handshake %s (got %s)" % (clock.stamp(), what, esc(rest[:200])))
        return None, rest
    print("%s  <- opening handshake %s:" % (clock.stamp(), what))
    for line in head_lines(head):
        print("               < %s" % line)
    return head, rest


def connect_as_client(url, clock):
    port = url.port or (443 if url.scheme == "wss" else 80)
    try:
        sock = socket.create_connection((url.hostname, port), timeout=HANDSHAKE_DEADLINE_S)
    except OSError as error:
        print("cannot connect to %s:%d: %s" % (esc(url.hostname)[1:-1], port, esc(str(error))))
        return None, b"", False
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if url.scheme == "wss":
        print("warning: wss without certificate verification (a loopback test subject's throwaway certificate)")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        try:
            sock = context.wrap_socket(sock, server_hostname=url.hostname)
        except (OSError, ssl.SSLError) as error:
            print("TLS handshake failed: %s" % esc(str(error)))
            return None, b"", False
    request = client_request(url)
    print("%s  -> opening handshake request:" % clock.stamp())
    for line in head_lines(request):
        print("               > %s" % line)
    sock.sendall(request)
    head, rest = receive_head(sock, clock, "response")
    if head is None:
        return sock, b"", False
    key = header_value(request, b"Sec-WebSocket-Key") or b""
    status = head.split(b"\r\n", 1)[0].split(b" ")
    ok = len(status) >= 2 and status[1] == b"101" and header_value(head, b"Sec-WebSocket-Accept") == accept_value(key)
    if not ok:
        print("               the response is not a valid 101 upgrade for this key (section 4.2.2)")
    return sock, rest, ok


def serve_as_server(port, clock):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(1)
    url = "ws://127.0.0.1:%d/" % listener.getsockname()[1]
    print("listening: point the client under test at %s" % url)
    if SUBJECT_COMMAND:
        words = SUBJECT_COMMAND.split(" ")
        if "--url" in words[:-1]:
            words[words.index("--url") + 1] = url
        else:
            words += ["client", "--url", url]
        print("  e.g.: %s" % esc(" ".join(words))[1:-1])
    sys.stdout.flush()
    listener.settimeout(ACCEPT_DEADLINE_S)
    try:
        sock, _ = listener.accept()
    except socket.timeout:
        print("no client connected within %.0f s" % ACCEPT_DEADLINE_S)
        return None, b"", False
    finally:
        listener.close()
    clock.start = time.monotonic()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    head, rest = receive_head(sock, clock, "request")
    if head is None:
        return sock, b"", False
    key = header_value(head, b"Sec-WebSocket-Key") or b""
    lines = RESPONSE.split(b"\r\n")
    for i, line in enumerate(lines):
        if line.split(b":", 1)[0].strip().lower() == b"sec-websocket-accept":
            lines[i] = b"Sec-WebSocket-Accept: " + accept_value(key)
    response = b"\r\n".join(lines)
    print("%s  -> opening handshake response:" % clock.stamp())
    for line in head_lines(response):
        print("               > %s" % line)
    sock.sendall(response)
    return sock, rest, True


def wait_for_gate(conn, action, started):
    """Waits for the subject frames (or the TCP end) that came before this action in the recording."""
    limit = started + max(GATE_MIN_S, 2 * action["wait_s"])
    while True:
        frames_ok = len(conn.frames) >= action["after_frames"]
        end_ok = not action["after_end"] or conn.subject_ended()
        if frames_ok and end_ok:
            return True
        if conn.ended():
            return False
        if time.monotonic() >= limit:
            return False
        conn.pump(min(limit, time.monotonic() + 0.01))


def replay(conn, clock, handshake_done):
    previous_at, previous_real = HANDSHAKE_AT_US, handshake_done
    for action in ACTIONS:
        action["wait_s"] = (action["at_us"] - previous_at) / 1e6
        base_at, base_real = previous_at, previous_real
        if not wait_for_gate(conn, action, previous_real):
            print("%s     (the subject had not sent what preceded this step in the recording: %d of %d frame(s)%s;"
                  " going on as recorded)" % (clock.stamp(), len(conn.frames), action["after_frames"],
                                              ", and its TCP end" if action["after_end"] else ""))
        elif action["after_frames"] and RECORDED_FRAME_AT_US[action["after_frames"] - 1] > base_at:
            base_at = RECORDED_FRAME_AT_US[action["after_frames"] - 1]
            base_real = conn.frames[action["after_frames"] - 1].at
        conn.pump(base_real + max(0, action["at_us"] - base_at) / 1e6)
        perform(conn, action)
        previous_at, previous_real = action["at_us"], time.monotonic()
    conn.pump(previous_real + max(0, RECORDED_END_US - previous_at) / 1e6 + END_SLACK_S)
    conn.close("end of the replay")


def perform(conn, action):
    kind = action["do"]
    if kind == "send":
        conn.send(action["data"], action["what"])
    elif kind == "fin":
        conn.fin()
    elif kind == "rst":
        conn.rst()
    elif kind == "close":
        conn.close(action["what"], action["marks_end"])
    elif kind == "stall":
        print("%s  -- stall: the program stops reading" % conn.clock.stamp())
        conn.stalled = True
    elif kind == "unstall":
        print("%s  -- unstall: the program reads again" % conn.clock.stamp())
        conn.stalled = False
    elif kind == "chop":
        print("%s  -- chop: later writes go out in slices of %d byte(s), %d ms apart"
              % (conn.clock.stamp(), action["size"], action["delay_ms"]))
        conn.chop = (action["size"], action["delay_ms"] / 1000.0)
    elif kind == "truncate":
        print("%s  -- truncate: %d more byte(s) go out, then %s" % (conn.clock.stamp(), action["after"],
                                                                 action["then"]))
        # As the harness's fault: the cut comes with the write that reaches the count, even of zero bytes.
        conn.truncate = [action["after"], action["then"]]
    elif kind == "delay":
        print("%s  -- delay: later writes are held %d ms" % (conn.clock.stamp(), action["ms"]))
        conn.delay_s = action["ms"] / 1000.0
    elif kind == "note":
        print("%s  -- %s" % (conn.clock.stamp(), action["what"]))


# ---- what the verdict's cause predicts, checked against this run ------------

def first_close(conn):
    for frame in conn.frames:
        if frame.opcode == 8:
            return frame
    return None


def tcp_story(conn):
    return {"still_open": "the connection stayed open", "subject_fin": "the subject closed TCP",
            "subject_reset": "the subject reset TCP", "peer_closed": "this program closed TCP first",
            "peer_reset": "this program reset TCP"}[conn.tcp_end_seen]


def close_story(conn):
    close = first_close(conn)
    if close is None:
        return "no close frame; %s" % tcp_story(conn)
    return "%s; %s" % (close.describe(), tcp_story(conn))


def frame_sequence(frames):
    return [(f.name(), f.code) for f in frames]


def who_ended(tcp_end):
    """FIN or RST from the subject is one outcome: which one comes can depend on unread bytes (a close
    with data still in the receive buffer is a reset), not on the subject's logic."""
    ends = {"subject_fin": "subject", "subject_reset": "subject", "peer_reset": "peer reset"}
    return ends.get(tcp_end, "not the subject")


def check(kind, spec, conn):
    close = first_close(conn)
    if kind == "close_code":
        return close is not None and close.code == spec["code"], close_story(conn)
    if kind == "close_length":
        return close is not None and len(close.payload) == spec["length"], close_story(conn)
    if kind == "close_reason_not_utf8":
        if close is None:
            return False, close_story(conn)
        try:
            close.reason.decode("utf-8")
            return False, close_story(conn)
        except UnicodeDecodeError:
            return True, close_story(conn) + " (the reason is not UTF-8)"
    if kind == "control_too_long":
        long = [f for f in conn.frames if f.opcode >= 8 and len(f.payload) > 125]
        return bool(long) or "longer than 125" in (conn.decoder.error or ""), \
            "control frames: %s" % [f.describe() for f in conn.frames if f.opcode >= 8]
    if kind == "frame_after_close":
        if close is None:
            return False, close_story(conn)
        # Section 5.5.1: no data frame and no second close after a close; pings and pongs may follow.
        after = [f for f in conn.frames[conn.frames.index(close) + 1:] if f.opcode in (0, 1, 2, 8)]
        return bool(after), "after its close frame: %s" % [f.describe() for f in after]
    if kind == "decode_error":
        return conn.decoder.error is not None, conn.decoder.error or "every frame decoded"
    if kind == "bad_message":
        return bool(conn.message_errors), "; ".join(conn.message_errors) or "every message well formed"
    if kind == "no_close_open":
        return close is None and conn.tcp_end_seen in ("still_open", "peer_closed", "peer_reset"), close_story(conn)
    if kind == "drop":
        return close is None and conn.tcp_end_seen in ("subject_fin", "subject_reset"), close_story(conn)
    if kind == "no_close":
        return close is None, close_story(conn)
    if kind == "server_kept_tcp":
        return close is not None and conn.tcp_end_seen not in ("subject_fin", "subject_reset"), close_story(conn)
    if kind == "handshake_failed":
        return not conn.handshake_ok, "the opening handshake %s" % ("succeeded" if conn.handshake_ok else "failed")
    if kind == "same_frames":
        seen = frame_sequence(conn.frames)
        same = seen == spec["frames"] and who_ended(conn.tcp_end_seen) == who_ended(spec["tcp_end"])
        return same, "frames %s; %s" % (seen, tcp_story(conn))
    return False, "unknown check %s" % kind


def judge(conn):
    print()
    print("verdict recorded by wsharness: %s: %s" % (VERDICT, esc(REASON)[1:-1]))
    if not CHECKS:
        print("nothing to reproduce: %s" % NOTHING_TO_CHECK)
        return EXIT_NOT_ON_THE_WIRE if VERDICT not in ("PASS", "INFORMATIONAL") else EXIT_NOT_REPRODUCED
    reproduced = True
    for spec in CHECKS:
        held, observed = check(spec["kind"], spec, conn)
        reproduced = reproduced and held
        print("cause (%s, %s): %s" % (spec["verdict"], spec["oracle"], esc(spec["reason"])[1:-1]))
        print("  expected: %s" % spec["expected"])
        print("  recorded: %s" % spec["recorded"])
        print("  observed: %s" % observed)
        print("  -> %s" % ("reproduced" if held else "NOT reproduced"))
    for text in UNCHECKED:
        print("not visible on the wire, not checked here: %s" % esc(text)[1:-1])
    print("RESULT: %s" % ("the cause reproduced (exit 1)" if reproduced else "the cause did not reproduce (exit 0)"))
    return EXIT_REPRODUCED if reproduced else EXIT_NOT_REPRODUCED


def main(argv):
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return EXIT_NOT_REPRODUCED
    print("wsharness result %s, replayed (%s role for the subject, %s)" % (esc(RESULT_ID)[1:-1], SUBJECT_ROLE,
                                                                           TRANSPORT))
    for text in NOT_EXACT:
        print("not replayed exactly: %s" % esc(text)[1:-1])
    clock = Clock()
    if SUBJECT_ROLE == "server":
        url = urllib.parse.urlsplit(argv[0] if argv else DEFAULT_URL)
        if url.scheme not in ("ws", "wss") or not url.hostname:
            print("usage: %s [ws://HOST:PORT/PATH]" % sys.argv[0])
            return EXIT_CANNOT_RUN
        sock, rest, ok = connect_as_client(url, clock)
    else:
        if TRANSPORT == "wss":
            print("SKIP: this result ran over wss with the subject as the client; this program cannot act as a TLS"
                  " server without a certificate (the Python standard library cannot make one). Rerun the case over"
                  " ws, or replay it with wsharness replay.")
            return EXIT_CANNOT_RUN
        port = int(argv[0]) if argv else 0
        sock, rest, ok = serve_as_server(port, clock)
    if sock is None:
        return EXIT_CANNOT_RUN
    conn = Connection(sock, SUBJECT_ROLE == "client", clock)
    conn.handshake_ok = ok
    sock.settimeout(None)
    if ok:
        if rest:
            conn.on_bytes(rest)
        replay(conn, clock, time.monotonic())
    else:
        conn.close("the opening handshake failed")
    conn.tcp_end_seen = conn.tcp_end
    return judge(conn)
