#!/usr/bin/env python3
"""A local emulator of the Marketing Cloud endpoints sfmc-sms talks to, for tests and the demo.

    POST /v2/token                              client credentials (JSON body)
    GET  /messaging/v1/sms/messages/{key}       send status, bearer token required
    GET  /messaging/v1/email/messages/{key}     the same for email
    POST /messaging/v1/{sms|email}/messages/{key}   a send to one recipient (see messaging.py)
    GET  /messaging/v1/{sms|email}/messages/?type=notSent...   the NotSent list (see messaging.py)
    GET  /messaging/v1/{sms|email}/definitions/{key}/queue     queue metrics
    /platform/v1/ens-*                          the Event Notification Service (see ens.py):
                                                callbacks, subscriptions, the handshake, and
                                                signed delivery to a callback on request

It listens on 127.0.0.1 only, on free ports (HTTP, and HTTPS with a throwaway CA made at
start with the `openssl` command), prints one JSON line on stdout when ready:

    {"http": "http://127.0.0.1:PORT", "https": "https://127.0.0.1:PORT", "ca": "/tmp/.../ca.pem",
     "token": "...", "client_id": "...", "client_secret": "..."}

and stops by itself after --lifetime seconds, or as soon as the process that started it is
gone. Python standard library only.

Replies can be scripted per message key (--script FILE, JSON):

    {"messages": {"KEY": [REPLY, REPLY, ...]}, "token": [REPLY, ...]}

"receiver": [REPLY, ...] scripts the built-in callback (/__emulator/receiver), "not_sent":
[REPLY, ...] the NotSent pages and "sends": {"KEY": [REPLY, ...]} the sends of a key (a REPLY
{"pass": true} serves the page or the send as usual), and
"queues": {"sms": {"KEY": {"count": 1, "ageSeconds": 2}}} adds definitions; where a REPLY is {"status": 429, "headers": {"Retry-After": "5"}, "body": "text" or
"json": {...}, "delay": 0.5}. Replies are used in order; the last one repeats. Every request
is appended to --record FILE as one JSON line: method, target exactly as sent, headers, body,
and the client's port (the same port means the same, reused, connection). What the emulator
itself posts to callbacks (ENS probes and deliveries, each try) goes to --deliveries FILE.
"""
import argparse
import http.server
import json
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import ens
import messaging

DOCS = "https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm"

# The reference page's three examples. The Sent body is served as published (its trailing
# comma included); the NotSent one with the closing brace the page lost, as a real server
# would send it. The Queued example names no message key: its requestId serves as one.
SEED = {
    "bcX0qaEp0USGciEnUJTW0w": """{
  "requestId": "77431635-1b6b-44db-a16d-420361a43dc1",
  "eventCategoryType": "TransactionalSendEvents.SMSSent",
  "timestamp": "2018-08-03T13:41:18.55",
  "compositeId": "1F3631D4-5497-E811-80E4-1402EC6B9540.214435.228431.1.231481617",
  "info": {
    "messageKey": "bcX0qaEp0USGciEnUJTW0w",
    "contactKey": "Astro25",
  }
}""",
    "fcdbb2f9-438b-4d52-a380-2eade2f46396": """{
  "requestId": "fcdbb2f9-438b-4d52-a380-2eade2f46396",
  "eventCategoryType": "TransactionalSendEvents.SMSQueued",
  "timestamp": "2018-08-16T10:44:41.2196"
}""",
    "9a-zUvWf3UKxLpwwIrqTmQ": """{
  "requestId": "30486456-ed41-46ba-96eb-06c4ff3b95d9",
  "eventCategoryType": "TransactionalSendEvents.SMSNotSent",
  "timestamp": "2018-07-24T06:26:58.463",
  "compositeId": "56941A9F-3A8F-E811-80E0-1402EC6B9529.4647028.622338.1.318768528",
  "info": {
    "messageKey": "9a-zUvWf3UKxLpwwIrqTmQ",
    "contactKey": "ec25a8c8-6d4e-42f0-84c3-4ea23564cbe5",
    "statusCode": 16,
    "statusMessage": "InvalidAttributeValue"
  }
}""",
}

MAX_BODY = 64 * 1024  # a request body larger than this is refused
MAX_CONTROL_BODY = 16 * 1024 * 1024


class State:
    def __init__(self, args):
        self.lock = threading.Lock()
        self.script = {"messages": {}, "token": [], "receiver": [], "not_sent": [], "queues": {}, "sends": {}}
        if args.script:
            with open(args.script, encoding="utf-8") as f:
                loaded = json.load(f)
            for kind in self.script:
                self.script[kind] = loaded.get(kind, self.script[kind])
        self.used = {}  # how many scripted replies each key has used
        self.record = args.record
        self.client_id = args.client_id
        self.client_secret = args.client_secret
        # Each token belongs to a tenant (its client id): ENS state is kept per tenant.
        self.tokens = {args.token: args.client_id}
        self.ens = ens.Ens(args.ens_answer_timeout, args.deliveries,
                           dict(h.split("=", 1) for h in args.callback_host))
        self.issued = 0
        self.expires_in = args.expires_in
        self.messaging = messaging.Messaging(args.not_sent, args.not_sent_growth)

    def next_reply(self, kind, key):
        if kind in ("token", "receiver", "not_sent"):
            replies = self.script[kind]
        else:
            replies = self.script["sends" if kind == "send" else "messages"].get(key)
        if not replies:
            return None
        with self.lock:
            n = self.used.get((kind, key), 0)
            self.used[(kind, key)] = n + 1
        return replies[min(n, len(replies) - 1)]

    def log(self, entry):
        if not self.record:
            return
        with self.lock, open(self.record, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")

    def issue_token(self):
        with self.lock:
            self.issued += 1
            token = f"emulated-token-{self.issued}-{os.urandom(6).hex()}"
            self.tokens[token] = self.client_id
        return token


def make_handler(state, rest_base):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 5  # the API closes idle persistent connections after 5 seconds
        server_version = "sfmc-emulator"
        sys_version = ""
        # Each response goes out in one send with Nagle off: split in two, the client's
        # delayed ACK would hold the second part for about 40 ms.
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def reply(self, status, body, headers=None):
            data = body.encode("utf-8") if isinstance(body, str) else body
            self.send_response(status)
            names = {k.lower() for k in (headers or {})}
            if "content-type" not in names:
                self.send_header("Content-Type", "application/json; charset=utf-8")
            for name, value in (headers or {}).items():
                self.send_header(name, str(value))
            self.send_header("Content-Length", str(len(data)))
            self._headers_buffer.append(b"\r\n" + data)
            self.flush_headers()

        def scripted(self, reply):
            if reply.get("delay"):
                time.sleep(float(reply["delay"]))
            body = reply.get("body")
            if body is None:
                body = json.dumps(reply["json"]) if "json" in reply else ""
            self.reply(int(reply.get("status", 200)), body, reply.get("headers"))

        def read_body(self):
            length = int(self.headers.get("Content-Length") or 0)
            # The control routes take batches of events to deliver: larger bodies.
            if length > (MAX_CONTROL_BODY if self.path.startswith("/__emulator/") else MAX_BODY):
                raise ValueError("request body too large")
            return self.rfile.read(length)

        def record(self, body=b""):
            state.log({
                "method": self.command,
                "client_port": self.client_address[1],
                "target": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": body.decode("utf-8", "replace"),
            })

        def tenant(self):
            """The tenant of the request's bearer token, or None (answered 401)."""
            auth = self.headers.get("Authorization", "")
            tenant = state.tokens.get(auth[len("Bearer "):]) if auth.startswith("Bearer ") else None
            if tenant is None:
                self.reply(401, json.dumps({"message": "Not Authorized", "errorcode": 0, "documentation": DOCS}))
            return tenant

        def answer(self, outcome):
            status, value = outcome
            self.reply(status, "" if value is None else json.dumps(value))

        def ens_route(self, body=b""):
            """The ENS management routes and the emulator's own control routes; False for others."""
            path = self.path.split("?", 1)[0]
            if path.startswith("/platform/v1/"):
                tenant = self.tenant()
                if tenant is not None:
                    self.answer(state.ens.handle(tenant, self.command, path, body))
                return True
            if self.command != "POST" or not path.startswith("/__emulator/"):
                return False
            if path.startswith("/__emulator/receiver"):
                scripted = state.next_reply("receiver", "")
                self.scripted(scripted or {"status": 200, "body": "", "headers": {"Content-Type": "text/plain"}})
                return True
            try:
                doc = json.loads(body)
            except ValueError:
                doc = None
            if path == "/__emulator/ens/hosts":
                self.answer(state.ens.set_hosts(doc))
            elif path == "/__emulator/not-sent" and isinstance(doc, dict) and doc.get("channel") in ("sms", "email"):
                self.answer((200, {"appended": state.messaging.append(doc["channel"], int(doc.get("count", 1)))}))
            elif path == "/__emulator/ens/deliver":
                # The control route acts for the first tenant unless told otherwise.
                tenant = (doc or {}).get("tenant", state.client_id) if isinstance(doc, dict) else state.client_id
                self.answer(state.ens.deliver(tenant, doc))
            else:
                self.reply(404, json.dumps({"message": "Not Found"}))
            return True

        def do_PUT(self):
            self.do_POST()

        def do_DELETE(self):
            self.record()
            if not self.ens_route():
                self.reply(405, json.dumps({"message": "Method Not Allowed"}))

        def do_GET(self):
            self.record()
            if self.ens_route():
                return
            # As strict as a real server: the query is not part of the key, a '%' that is
            # not an escape is a bad request, and a key is exactly one segment.
            path, _, query = self.path.partition("?")
            if re.search(r"%(?![0-9A-Fa-f]{2})", path):
                return self.reply(400, json.dumps({"message": "Bad Request", "errorcode": 10001, "documentation": DOCS}))
            not_found = json.dumps({"message": "Not Found", "errorcode": 30003, "documentation": DOCS})
            route = re.fullmatch(r"/messaging/v1/(sms|email)/(messages|definitions)/([^/]*)(/queue)?", path)
            # An empty key is no route; an empty key with a query is the NotSent list.
            if not route or (route[2] == "definitions") != bool(route[4]) or (route[3] == "" and (route[2] != "messages" or not query)):
                return self.reply(404, not_found)
            channel, kind, segment = route[1], route[2], route[3]
            if self.tenant() is None:
                return
            key = urllib.parse.unquote_to_bytes(segment).decode("utf-8", "replace")
            if kind == "definitions":
                return self.answer(state.messaging.queue(channel, key, state.script["queues"]))
            if segment == "":
                scripted = state.next_reply("not_sent", "")
                if scripted is not None and not scripted.get("pass"):
                    return self.scripted(scripted)
                return self.answer(state.messaging.page(channel, query))
            scripted = state.next_reply("message", key)
            if scripted is not None:
                return self.scripted(scripted)
            if channel == "email":
                found = messaging.EMAIL_SEED.get(key)
                return self.reply(200, json.dumps(found)) if found else self.reply(404, not_found)
            sent = state.messaging.sent_status(channel, key)
            if sent is not None:
                return self.reply(200, json.dumps(sent))
            if key not in SEED:
                return self.reply(404, not_found)
            return self.reply(200, SEED[key])

        def do_POST(self):
            try:
                body = self.read_body()
            except ValueError:
                self.record()
                self.close_connection = True
                return self.reply(413, json.dumps({"message": "Payload Too Large"}))
            self.record(body)
            if self.ens_route(body):
                return
            send = re.fullmatch(r"/messaging/v1/(sms|email)/messages/([^/?]+)", self.path)
            if send and self.command == "POST":
                if self.tenant() is None:
                    return
                key = urllib.parse.unquote_to_bytes(send[2]).decode("utf-8", "replace")
                scripted = state.next_reply("send", key)
                if scripted is not None and not scripted.get("pass"):
                    return self.scripted(scripted)
                return self.answer(state.messaging.send(send[1], key, body))
            if self.path != "/v2/token" or self.command != "POST":
                return self.reply(404, json.dumps({"message": "Not Found", "errorcode": 30003, "documentation": DOCS}))
            scripted = state.next_reply("token", "")
            if scripted is not None:
                return self.scripted(scripted)
            try:
                grant = json.loads(body)
            except ValueError:
                grant = None
            if not isinstance(grant, dict) or grant.get("grant_type") != "client_credentials":
                return self.reply(400, json.dumps({
                    "error": "unsupported_grant_type",
                    "error_description": "Use \"client_credentials\" as the value for the \"grant_type\" parameter.",
                    "error_uri": "https://developer.salesforce.com/docs"}))
            if grant.get("client_id") != state.client_id or grant.get("client_secret") != state.client_secret:
                return self.reply(401, json.dumps({
                    "error": "invalid_client",
                    "error_description": "Invalid client ID. Use the client ID in Marketing Cloud Installed Packages.",
                    "error_uri": "https://developer.salesforce.com/docs"}))
            token = state.issue_token()
            return self.reply(200, json.dumps({
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": state.expires_in,
                "scope": grant.get("scope") or "sms_read tracking_events_read",
                "rest_instance_url": rest_base + "/",
                "soap_instance_url": rest_base + "/",  # no SOAP here: the same base stands in
            }))

    return Handler


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass  # a client that hung up (a timeout test) is not news


def make_certificates(folder):
    """A throwaway CA and a certificate for 127.0.0.1, ::1 and localhost signed by it."""
    ca_key, ca = os.path.join(folder, "ca.key"), os.path.join(folder, "ca.pem")
    key, csr, cert = (os.path.join(folder, n) for n in ("server.key", "server.csr", "server.pem"))
    ext = os.path.join(folder, "server.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n")

    def run(*cmd):
        subprocess.run(["openssl", *cmd], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    run("req", "-x509", *ec, "-keyout", ca_key, "-out", ca, "-days", "2", "-subj", "/CN=sfmc-emulator test CA")
    run("req", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=localhost")
    run("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", cert, "-days", "2",
        "-extfile", ext)
    return ca, cert, key


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--script", help="JSON file of scripted replies")
    parser.add_argument("--record", help="append each request to this file, one JSON line each")
    parser.add_argument("--lifetime", type=float, default=120, help="stop after this many seconds (default 120)")
    parser.add_argument("--token", default="emulator-access-token", help="an access token accepted from the start")
    parser.add_argument("--client-id", default="emulator-client-id")
    parser.add_argument("--client-secret", default="emulator-client-secret")
    parser.add_argument("--expires-in", type=int, default=1080)
    parser.add_argument("--no-https", action="store_true", help="serve plain HTTP only")
    parser.add_argument("--not-sent", type=int, default=0, metavar="N",
                        help="NotSent entries in each channel's log besides the documented one (default 0)")
    parser.add_argument("--not-sent-growth", type=int, default=0, metavar="K",
                        help="append K NotSent entries after each page served, as if messages kept failing")
    parser.add_argument("--deliveries", help="append each ENS probe and delivery try to this file, one JSON line each")
    parser.add_argument("--ens-answer-timeout", type=float, default=3.0,
                        help="seconds a callback has to answer a batch or a probe (default 3, as ENS)")
    parser.add_argument("--callback-host", action="append", default=[], metavar="HOST=URL",
                        help="post to callbacks on HOST at this loopback base URL instead "
                             "('receiver': the emulator's own, /__emulator/receiver)")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="sfmc-emulator-")
    state = State(args)
    servers = []
    http_server = Server(("127.0.0.1", 0), None)
    http_base = f"http://127.0.0.1:{http_server.server_address[1]}"
    http_server.RequestHandlerClass = make_handler(state, http_base)
    servers.append(http_server)
    ready = {"http": http_base, "token": args.token, "client_id": args.client_id, "client_secret": args.client_secret}
    if not args.no_https:
        ca, cert, key = make_certificates(folder)
        https_server = Server(("127.0.0.1", 0), None)
        https_base = f"https://127.0.0.1:{https_server.server_address[1]}"
        https_server.RequestHandlerClass = make_handler(state, https_base)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        https_server.socket = context.wrap_socket(https_server.socket, server_side=True)
        servers.append(https_server)
        ready.update({"https": https_base, "ca": ca})

    # --callback-host HOST=receiver: the emulator's own callback stands for HOST.
    for host, base in state.ens.hosts.items():
        if base == "receiver":
            state.ens.hosts[host] = http_base + "/__emulator/receiver"
    for server in servers:
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    print(json.dumps(ready), flush=True)

    def stop(*_):
        shutil.rmtree(folder, ignore_errors=True)
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)  # tests stop it so: the throwaway CA goes too

    # Bounded: stop after the lifetime, or when the parent that started us is gone.
    parent = os.getppid()
    deadline = time.monotonic() + args.lifetime
    try:
        while time.monotonic() < deadline and os.getppid() == parent:
            time.sleep(0.1)
    except KeyboardInterrupt:
        pass
    stop()


if __name__ == "__main__":
    main()
