"""The Event Notification Service side of the emulator: callbacks, subscriptions, the
verification handshake and signed delivery, per tenant, in memory. Standard library only.

Management routes (bearer token required), as documented:
    POST/GET/PUT /platform/v1/ens-callbacks, GET/DELETE /platform/v1/ens-callbacks/{id}
    POST /platform/v1/ens-verify, PUT /platform/v1/ens-regenerate
    POST/PUT /platform/v1/ens-subscriptions, GET/DELETE /platform/v1/ens-subscriptions/{id}
    GET /platform/v1/ens-subscriptions-by-cb/{callbackId}

Control routes (the emulator's own, no token):
    POST /__emulator/ens/hosts     {"HOST": "http://127.0.0.1:PORT[/prefix]", ...}
        where a callback URL's host is really reached: the emulator posts to loopback only.
    POST /__emulator/ens/deliver   {"callbackId": ID, "events": [...] | "count": N,
                                    "types": ["SmsDelivered", ...], "keyBytes": "base64"|"text"}
        delivers the events the callback's active subscriptions take, in batches of its
        maxBatchSize, signed with its key, each batch tried up to 3 times (a non-2xx answer or
        one slower than --ens-answer-timeout is a failed try). Answers what happened:
        {"batches": [{"events": N, "attempts": [{"status": 200, "seconds": 0.01}], "acknowledged": true}],
         "dropped": N}
    POST /__emulator/receiver[/...] a callback that answers 200 (or as scripted by the
        script's "receiver" replies), for tests that need one.
"""
import base64
import hashlib
import hmac
import http.client
import json
import os
import re
import ssl
import threading
import time
import urllib.parse
import uuid

TRIES = 3                # ENS tries a batch this many times before deferring it
MAX_SUBSCRIPTIONS = 200  # per callback
LOOPBACK = {"127.0.0.1", "::1", "localhost"}

DELIVERY_CODES = {"SmsTransient": ("3001", "SentToCarrier"), "SmsDelivered": ("4000", "Delivered"),
                  "SmsBounced": ("4500", "Undeliverable")}


def error(status, message, errorcode=10001):
    return status, {"message": message, "errorcode": errorcode,
                    "documentation": "https://developer.salesforce.com/docs/marketing/marketing-cloud/guide/ens-get-started.html"}


def callback_url_problem(url):
    """Why ENS would refuse a callback URL, or None: https://host[/path], no port or query."""
    if not isinstance(url, str):
        return "url must be a string"
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return "url must be https://host[/path]"
    if parts.port is not None or parts.query or parts.fragment or "@" in parts.netloc:
        return "url must not have a port, userinfo, query or fragment"
    return None


def batch_size_problem(size):
    if not isinstance(size, int) or isinstance(size, bool) or not 100 <= size <= 1000:
        return "maxBatchSize must be an integer from 100 to 1000"
    return None


def new_key():
    return base64.b64encode(os.urandom(32)).decode("ascii")


def sign(body, key, key_bytes):
    secret = base64.b64decode(key) if key_bytes == "base64" else key.encode("ascii")
    return base64.b64encode(hmac.new(secret, body, hashlib.sha256).digest()).decode("ascii")


def generated_event(i, event_type):
    """A realistic SMS event of `event_type` (SmsSent, SmsDelivered, ...), the i-th of a run."""
    info = {"messageKey": f"emulated-{uuid.uuid4()}", "to": "15555550100", "subscriberKey": f"subscriber-{i}"}
    if event_type in DELIVERY_CODES:
        code, message = DELIVERY_CODES[event_type]
        info.update(ordinal="0", statusCode=code, statusMessage=message, fromAddress="55555", countryCode="US")
    elif event_type == "SmsNotSent":
        info.update(statusCode="47", reason="Subscriber unsubscribed")
    definition_id = "466651f2-9c28-e911-a261-78e3b50b4f00"
    return {"eventCategoryType": "TransactionalSendEvents." + event_type,
            "timestampUTC": int(time.time() * 1000),
            "compositeId": f"{definition_id}.2001070.44609.4153.{1251508322 + i}",
            "composite": {"jobId": "2001070", "batchId": "4153", "mobileNumber": "15555550100",
                          "subscriberId": str(1251508322 + i), "Tsid": str(i)},
            "definitionKey": "emulated-definition", "definitionId": definition_id,
            "mid": 1447640, "eid": 1447640, "info": info}


def event_field(event, name):
    if name in event:
        return event[name]
    info = event.get("info") or event.get("Info") or {}
    return info.get(name) if isinstance(info, dict) else None


def takes(subscription, event):
    """True when an active subscription takes the event: its type, and every filter name=value."""
    kind = str(event.get("eventCategoryType", "")).lower()
    if kind not in {t.lower() for t in subscription["eventCategoryTypes"]}:
        return False
    for f in subscription["filters"]:
        name, _, value = f.partition("=")
        if str(event_field(event, name)) != value:
            return False
    return True


class Ens:
    def __init__(self, answer_timeout, deliveries_file, hosts):
        self.lock = threading.Lock()
        self.tenants = {}
        self.hosts = dict(hosts)
        self.answer_timeout = answer_timeout
        self.deliveries_file = deliveries_file

    def tenant(self, name):
        return self.tenants.setdefault(name, {"callbacks": {}, "subscriptions": {}})

    # The management routes. Each returns (status, JSON value or None for an empty body).
    def handle(self, tenant_name, method, path, body):
        t = self.tenant(tenant_name)
        try:
            doc = json.loads(body) if body else None
        except ValueError:
            return error(400, "Request body is not valid JSON")
        m = re.fullmatch(r"/platform/v1/(ens-callbacks|ens-subscriptions|ens-subscriptions-by-cb|ens-verify|ens-regenerate)"
                         r"(?:/([^/]+))?/?", path)
        if not m:
            return error(404, "Not Found", 30003)
        route, ident = m.group(1), urllib.parse.unquote(m.group(2)) if m.group(2) else None
        handler = {
            ("ens-callbacks", "POST", False): self.create_callbacks,
            ("ens-callbacks", "GET", False): lambda t, d, i: (200, [self.public(c) for c in t["callbacks"].values()]),
            ("ens-callbacks", "GET", True): self.get_callback,
            ("ens-callbacks", "PUT", False): self.update_callbacks,
            ("ens-callbacks", "DELETE", True): self.delete_callback,
            ("ens-verify", "POST", False): self.verify,
            ("ens-regenerate", "PUT", False): self.regenerate,
            ("ens-subscriptions", "POST", False): self.create_subscriptions,
            ("ens-subscriptions", "PUT", False): self.update_subscriptions,
            ("ens-subscriptions", "GET", True): self.get_subscription,
            ("ens-subscriptions", "DELETE", True): self.delete_subscription,
            ("ens-subscriptions-by-cb", "GET", True): self.subscriptions_of,
        }.get((route, method, ident is not None))
        if handler is None:
            return error(405 if ident is None else 404, "Not Found", 30003)
        return handler(t, doc, ident)

    @staticmethod
    def public(cb):
        return {k: v for k, v in cb.items() if k not in ("signatureKey", "verificationKey")}

    @staticmethod
    def array_of_objects(doc):
        return isinstance(doc, list) and doc and all(isinstance(x, dict) for x in doc)

    def create_callbacks(self, t, doc, _):
        if not self.array_of_objects(doc):
            return error(400, "Request body must be a non-empty array of callbacks")
        made = []
        for spec in doc:
            problem = (None if isinstance(spec.get("callbackName"), str) and spec["callbackName"] else "callbackName is required") \
                or callback_url_problem(spec.get("url")) or batch_size_problem(spec.get("maxBatchSize", 1000))
            if problem:
                return error(400, problem)
            with self.lock:
                if any(c["callbackName"] == spec["callbackName"] for c in t["callbacks"].values()):
                    return 304, None
            cb = {"callbackId": str(uuid.uuid4()), "callbackName": spec["callbackName"], "url": spec["url"],
                  "maxBatchSize": spec.get("maxBatchSize", 1000), "status": "unverified",
                  "statusReason": "awaiting verification", "signatureKey": new_key(), "verificationKey": new_key()}
            # ENS probes the URL while the create call runs (the callback known already, so
            # that a receiver may verify at once): one that does not answer 200 is not made.
            with self.lock:
                t["callbacks"][cb["callbackId"]] = cb
            probe = {"callbackId": cb["callbackId"], "verificationKey": cb["verificationKey"]}
            outcome = self.post(cb["url"], json.dumps(probe).encode("utf-8"), {}, self.answer_timeout)
            self.note({"probe": cb["callbackId"], "url": cb["url"], **outcome})
            if outcome.get("status") != 200:
                with self.lock:
                    t["callbacks"].pop(cb["callbackId"], None)
                return error(400, "Callback URL did not answer the verification request: probeCallbackLiveness failed")
            made.append({k: cb[k] for k in ("callbackName", "callbackId", "url", "signatureKey", "maxBatchSize")})
        return 201, made

    def get_callback(self, t, _, ident):
        cb = t["callbacks"].get(ident)
        return (200, self.public(cb)) if cb else error(404, "Callback not found", 30003)

    def update_callbacks(self, t, doc, _):
        if not self.array_of_objects(doc):
            return error(400, "Request body must be a non-empty array of callbacks")
        changed = []
        with self.lock:
            for spec in doc:
                cb = t["callbacks"].get(spec.get("callbackId"))
                if not cb:
                    return error(404, "Callback not found", 30003)
                problem = batch_size_problem(spec.get("maxBatchSize", cb["maxBatchSize"]))
                if problem:
                    return error(400, problem)
                cb["callbackName"] = spec.get("callbackName", cb["callbackName"])
                cb["maxBatchSize"] = spec.get("maxBatchSize", cb["maxBatchSize"])
                changed.append(self.public(cb))
        return 200, changed

    def delete_callback(self, t, _, ident):
        with self.lock:
            if ident not in t["callbacks"]:
                return error(404, "Callback not found", 30003)
            if any(s["callbackId"] == ident for s in t["subscriptions"].values()):
                return error(409, "Callback is used by subscriptions: delete them first", 30007)
            del t["callbacks"][ident]
        return 200, None

    def verify(self, t, doc, _):
        if not isinstance(doc, dict):
            return error(400, "Request body must be an object")
        with self.lock:
            cb = t["callbacks"].get(doc.get("callbackId"))
            if not cb or not hmac.compare_digest(str(doc.get("verificationKey", "")), cb["verificationKey"]):
                return error(404, "Callback or verification key not found", 30003)
            cb["status"], cb["statusReason"] = "verified", "verified"
        return 200, None

    def regenerate(self, t, doc, _):
        if not self.array_of_objects(doc):
            return error(400, "Request body must be a non-empty array of callback ids")
        out = []
        with self.lock:
            for spec in doc:
                cb = t["callbacks"].get(spec.get("callbackId"))
                if not cb:
                    return error(404, "Callback not found", 30003)
                cb["signatureKey"] = new_key()  # the old key stops signing now
                out.append({"callbackId": cb["callbackId"], "signatureKey": cb["signatureKey"]})
        return 200, out

    def subscription_problem(self, t, spec):
        if not isinstance(spec.get("subscriptionName"), str) or not spec["subscriptionName"]:
            return "subscriptionName is required"
        types = spec.get("eventCategoryTypes")
        if not isinstance(types, list) or not types or not all(isinstance(x, str) for x in types):
            return "eventCategoryTypes must be a non-empty array of strings"
        filters = spec.get("filters", [])
        if not isinstance(filters, list) or not all(isinstance(x, str) and "=" in x for x in filters):
            return "filters must be an array of name=value strings"
        return None

    def create_subscriptions(self, t, doc, _):
        if not self.array_of_objects(doc):
            return error(400, "Request body must be a non-empty array of subscriptions")
        made = []
        with self.lock:
            for spec in doc:
                if spec.get("callbackId") not in t["callbacks"]:
                    return error(404, "Callback not found", 30003)
                problem = self.subscription_problem(t, spec)
                if problem:
                    return error(400, problem)
                mine = [s for s in t["subscriptions"].values() if s["callbackId"] == spec["callbackId"]]
                if any(s["subscriptionName"] == spec["subscriptionName"] for s in mine):
                    return 304, None
                if len(mine) >= MAX_SUBSCRIPTIONS:
                    return error(400, f"A callback may have at most {MAX_SUBSCRIPTIONS} subscriptions")
                sub = {"subscriptionId": str(uuid.uuid4()), "subscriptionName": spec["subscriptionName"],
                       "callbackId": spec["callbackId"], "eventCategoryTypes": spec["eventCategoryTypes"],
                       "filters": spec.get("filters", []), "status": "active", "statusReason": "active"}
                t["subscriptions"][sub["subscriptionId"]] = sub
                made.append(dict(sub))
        return 201, made

    def update_subscriptions(self, t, doc, _):
        if not self.array_of_objects(doc):
            return error(400, "Request body must be a non-empty array of subscriptions")
        changed = []
        with self.lock:
            for spec in doc:
                sub = t["subscriptions"].get(spec.get("subscriptionId"))
                if not sub:
                    return error(404, "Subscription not found", 30003)
                problem = self.subscription_problem(t, spec)
                if problem or spec.get("status", "active") not in ("active", "paused"):
                    return error(400, problem or "status must be active or paused")
                for k in ("subscriptionName", "eventCategoryTypes", "filters", "status", "statusReason"):
                    if k in spec:
                        sub[k] = spec[k]
                changed.append(dict(sub))
        return 200, changed

    def get_subscription(self, t, _, ident):
        sub = t["subscriptions"].get(ident)
        return (200, dict(sub)) if sub else error(404, "Subscription not found", 30003)

    def delete_subscription(self, t, _, ident):
        with self.lock:
            if t["subscriptions"].pop(ident, None) is None:
                return error(404, "Subscription not found", 30003)
        return 200, None

    def subscriptions_of(self, t, _, ident):
        if ident not in t["callbacks"]:
            return error(404, "Callback not found", 30003)
        return 200, [dict(s) for s in t["subscriptions"].values() if s["callbackId"] == ident]

    # Delivery.
    def deliver(self, tenant_name, doc):
        if not isinstance(doc, dict):
            return error(400, "Request body must be an object")
        t = self.tenant(tenant_name)
        cb = t["callbacks"].get(doc.get("callbackId"))
        if not cb:
            return error(404, "Callback not found", 30003)
        if cb["status"] != "verified":
            return error(409, "Callback is not verified: ENS delivers nothing to it", 30008)
        key_bytes = doc.get("keyBytes", "base64")
        # How long an answer may take, for this delivery: 0 makes every answer late, so each
        # batch is delivered three times.
        answer_timeout = float(doc.get("answerTimeout", self.answer_timeout))
        if key_bytes not in ("base64", "text"):
            return error(400, "keyBytes must be base64 or text")
        events = doc.get("events")
        if events is None:
            types = doc.get("types") or ["SmsSent", "SmsDelivered", "SmsTransient", "SmsBounced", "SmsNotSent"]
            events = [generated_event(i, types[i % len(types)]) for i in range(int(doc.get("count", 1)))]
        if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
            return error(400, "events must be an array of objects")
        with self.lock:
            subs = [dict(s) for s in t["subscriptions"].values() if s["callbackId"] == cb["callbackId"]]
        taken = [e for e in events if any(s["status"] == "active" and takes(s, e) for s in subs)]
        batches = []
        size = cb["maxBatchSize"]
        for start in range(0, len(taken), size):
            body = json.dumps(taken[start:start + size], separators=(",", ":")).encode("utf-8")
            signature = sign(body, cb["signatureKey"], key_bytes)
            attempts = []
            for attempt in range(1, TRIES + 1):
                outcome = self.post(cb["url"], body, {"x-sfmc-ens-signature": signature}, answer_timeout)
                attempts.append(outcome)
                self.note({"delivery": cb["callbackId"], "attempt": attempt, "events": len(taken[start:start + size]),
                           **outcome})
                if outcome.get("status") in range(200, 205):
                    break
            batches.append({"events": len(taken[start:start + size]), "attempts": attempts,
                            "acknowledged": attempts[-1].get("status") in range(200, 205)})
        return 200, {"batches": batches, "dropped": len(events) - len(taken)}

    def set_hosts(self, doc):
        if not isinstance(doc, dict) or not all(isinstance(v, str) for v in doc.values()):
            return error(400, "Request body must map hosts to loopback base URLs")
        for base in doc.values():
            if urllib.parse.urlsplit(base).hostname not in LOOPBACK:
                return error(400, "The emulator posts to loopback only")
        with self.lock:
            self.hosts.update(doc)
        return 200, {"hosts": self.hosts}

    def post(self, url, body, headers, answer_timeout):
        """POSTs to a callback through the hosts map, within `answer_timeout`: what came back."""
        parts = urllib.parse.urlsplit(url)
        base = self.hosts.get(parts.hostname or "")
        if not base:
            return {"error": f"host {parts.hostname} is not mapped (the emulator reaches loopback only)"}
        real = urllib.parse.urlsplit(base)
        path = real.path.rstrip("/") + (parts.path or "/")
        if real.scheme == "https":
            # Loopback only, to a test's own receiver: its certificate is not checked.
            conn = http.client.HTTPSConnection(real.hostname, real.port, timeout=answer_timeout + 1,
                                               context=ssl._create_unverified_context())
        else:
            conn = http.client.HTTPConnection(real.hostname, real.port, timeout=answer_timeout + 1)
        started = time.monotonic()
        try:
            conn.request("POST", path, body=body, headers={"Content-Type": "application/json", **headers})
            response = conn.getresponse()
            response.read()
            elapsed = time.monotonic() - started
            if elapsed > answer_timeout:  # as good as no answer
                return {"error": "answered too late", "answered": response.status, "seconds": round(elapsed, 3)}
            return {"status": response.status, "seconds": round(elapsed, 3)}
        except (OSError, http.client.HTTPException) as e:
            return {"error": type(e).__name__, "seconds": round(time.monotonic() - started, 3)}
        finally:
            conn.close()

    def note(self, entry):
        if not self.deliveries_file:
            return
        with self.lock, open(self.deliveries_file, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")
