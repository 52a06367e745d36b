"""The emulator's transactional messaging routes beyond the SMS lookup (Python standard library only):

    GET /messaging/v1/{sms|email}/messages/{key}                        the lookup, both channels
    GET /messaging/v1/{sms|email}/messages/?type=notSent&$pageSize=N&lastEventId=ID
                                                                        the NotSent list, oldest first
    GET /messaging/v1/{sms|email}/definitions/{key}/queue              a definition's queue metrics
    POST /messaging/v1/{sms|email}/messages/{key}                      a send to one recipient: 202,
                                                                        then the key looks up as queued

The NotSent log of each channel starts with the documented entry (and, with --not-sent N, N
more) and can grow while a sweep reads it: --not-sent-growth K appends K entries after each
page served, and POST /__emulator/not-sent {"channel": "sms", "count": N} appends N at once.
Event ids rise in uneven steps, as other events fall between them; a page's lastEventID is
the last entry's id when the page is full, else the end of the log scanned (which can be
past the last entry).
"""
import json
import threading
import time
import urllib.parse
import uuid

# The NotSent entry the documentation shows (SMS), and its email twin.
DOCUMENTED = {
    "sms": {"statusCode": 24, "statusMessage": "Error Message",
            "eventCategoryType": "TransactionalSendEvents.SMSNotSent", "timestamp": "2018-12-17T13:05:40.947",
            "definitionKey": "account-reset", "eventID": 35760,
            "info": {"messageKey": "2iQNfGHj2UqTalK9x2gPow", "contactKey": "example1"}},
    "email": {"statusCode": 5, "statusMessage": "Invalid email address",
              "eventCategoryType": "TransactionalSendEvents.EmailNotSent", "timestamp": "2018-12-17T13:05:41.1",
              "definitionKey": "welcome-mail", "eventID": 35761,
              "info": {"messageKey": "mail-2iQNfGHj2UqT", "contactKey": "example1", "to": "ann@example.com"}},
}

# The email lookup's examples: the same shape as the SMS ones.
EMAIL_SEED = {
    "mail-sent-1": {"requestId": "9e7dd2a2-8ef8-4b5b-b5a3-0d3f4b5f6a01",
                    "eventCategoryType": "TransactionalSendEvents.EmailSent", "timestamp": "2018-08-03T13:41:18.55",
                    "info": {"messageKey": "mail-sent-1", "contactKey": "Astro25", "to": "astro@example.com"}},
    "mail-queued-1": {"requestId": "0b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                      "eventCategoryType": "TransactionalSendEvents.EmailQueued", "timestamp": "2018-08-16T10:44:41.2196"},
}

# Queue metrics of the definitions the emulator knows.
QUEUES = {"sms": {"account-reset": (0, 0), "order-updates": (22, 45)},
          "email": {"welcome-mail": (3, 120)}}

NOT_SENT_CODES = [(24, "ListDetectiveExclusion"), (16, "InvalidAttributeValue"), (25, "SubscriberBlackedOut"), (9, "MissingOwnerID")]


class Messaging:
    def __init__(self, initial, growth):
        self.lock = threading.Lock()
        self.growth = growth
        self.logs = {c: [dict(DOCUMENTED[c])] for c in ("sms", "email")}
        self.scanned = {c: DOCUMENTED[c]["eventID"] for c in ("sms", "email")}
        self.sent = {}  # (channel, key) -> the lookup's answer for a message sent here
        for channel in ("sms", "email"):
            self.append(channel, initial)

    def append(self, channel, count):
        """Appends `count` NotSent entries to a channel's log; the number appended."""
        with self.lock:
            log = self.logs[channel]
            for _ in range(count):
                n = len(log)
                code, message = NOT_SENT_CODES[n % len(NOT_SENT_CODES)]
                event_id = log[-1]["eventID"] + 1 + n % 3  # other events fall between
                entry = {"eventID": event_id, "eventCategoryType": "TransactionalSendEvents."
                         + ("SMSNotSent" if channel == "sms" else "EmailNotSent"),
                         "timestamp": f"2018-12-17T13:{6 + n // 60 % 50:02d}:{n % 60:02d}.5",
                         "definitionKey": "order-updates" if channel == "sms" else "welcome-mail",
                         "statusCode": code, "statusMessage": message,
                         "info": {"messageKey": f"{channel}-key-{n}", "contactKey": f"contact-{n}"}}
                if channel == "email":
                    entry["info"]["to"] = f"person{n}@example.com"
                log.append(entry)
            self.scanned[channel] = log[-1]["eventID"] + 2  # the scan went a little past
        return count

    def page(self, channel, query):
        """(status, body) for GET .../messages/?type=notSent..."""
        fields = {k.lower(): v[-1] for k, v in urllib.parse.parse_qs(query, keep_blank_values=True).items()}
        if fields.get("type", "").lower() != "notsent":
            return 400, {"message": "type must be notSent", "errorcode": 10001}
        try:
            size = int(fields.get("$pagesize", "50"))
            after = int(fields["lasteventid"]) if "lasteventid" in fields else None
        except ValueError:
            return 400, {"message": "$pageSize and lastEventId are numbers", "errorcode": 10001}
        if not 1 <= size <= 1000:
            return 400, {"message": "$pageSize is 1 to 1000", "errorcode": 10001}
        with self.lock:
            log = self.logs[channel]
            entries = [e for e in log if after is None or e["eventID"] > after][:size]
            last = entries[-1]["eventID"] if len(entries) == size else self.scanned[channel]
            body = {"lastEventID": last, "messages": entries, "count": len(entries)}
        if self.growth:
            self.append(channel, self.growth)
        return 200, body

    def send(self, channel, key, body):
        """(status, body) for POST .../messages/{key}: the documented send to one recipient
        (definitionKey, recipient.contactKey and recipient.to required; a key used before is refused)."""
        try:
            doc = json.loads(body)
        except ValueError:
            doc = None
        doc = doc if isinstance(doc, dict) else {}
        recipient = doc.get("recipient") if isinstance(doc.get("recipient"), dict) else {}
        missing = [name for name, value in (("definitionKey", doc.get("definitionKey")),
                                            ("recipient.contactKey", recipient.get("contactKey")),
                                            ("recipient.to", recipient.get("to")))
                   if not isinstance(value, str) or not value]
        if missing:
            return 400, {"message": f"{missing[0]} is required", "errorcode": 30001}
        request_id = str(uuid.uuid4())
        with self.lock:
            if (channel, key) in self.sent:
                return 400, {"message": "MessageKey is not unique", "errorcode": 30008}
            category = "SMSQueued" if channel == "sms" else "EmailQueued"
            self.sent[(channel, key)] = {
                "requestId": request_id, "eventCategoryType": "TransactionalSendEvents." + category,
                "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()),
                "info": {"messageKey": key, "contactKey": recipient["contactKey"], "to": recipient["to"]}}
        return 202, {"requestId": request_id, "errorcode": 0, "responses": [{"messageKey": key}]}

    def sent_status(self, channel, key):
        """The lookup's answer for a key this emulator was asked to send, or None."""
        with self.lock:
            return self.sent.get((channel, key))

    @staticmethod
    def queue(channel, key, known):
        """(status, body) for GET .../definitions/{key}/queue."""
        metrics = known.get(channel, {}).get(key) or QUEUES[channel].get(key)
        if metrics is None:
            return 404, {"message": "Definition not found", "errorcode": 30003}
        count, age = metrics if isinstance(metrics, (list, tuple)) else (metrics["count"], metrics["ageSeconds"])
        return 200, {"requestId": str(uuid.uuid4()), "count": count, "ageSeconds": age}
