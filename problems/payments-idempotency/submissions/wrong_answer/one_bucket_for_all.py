"""Idempotent payments with one token bucket for everyone: a greedy client locks out the others."""
import json
import math
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BURST, PER_SECOND = 5, 1.0
CURRENCIES = {"EUR", "USD", "GBP"}
lock = threading.Lock()
payments = []
by_key = {}    # (client, key) -> (body, payment)
buckets = {}   # client -> (tokens, when)


def take_token(client):
    """Whether `client` may send now; else the seconds until it may."""
    tokens, when = buckets.get(client, (BURST, time.monotonic()))
    now = time.monotonic()
    tokens = min(BURST, tokens + (now - when) * PER_SECOND)
    if tokens < 1:
        buckets[client] = (tokens, now)
        return math.ceil((1 - tokens) / PER_SECOND)
    buckets[client] = (tokens - 1, now)
    return 0


class Handler(BaseHTTPRequestHandler):
    def reply(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            if self.path == "/payments":
                return self.reply(200, payments)
            number = self.path.removeprefix("/payments/")
            found = [p for p in payments if str(p["id"]) == number]
        self.reply(200, found[0]) if found else self.reply(404, {"error": "no such payment"})

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        client, key = self.headers.get("X-Client-Id", ""), self.headers.get("Idempotency-Key")
        with lock:
            wait = take_token("everyone")
            if wait:
                return self.reply(429, {"error": "too many payments"}, [("Retry-After", str(wait))])
            if not key:
                return self.reply(400, {"error": "an Idempotency-Key header"})
            try:
                body = json.loads(raw)
            except ValueError:
                return self.reply(400, {"error": "a JSON object"})
            amount, currency = (body.get("amount"), body.get("currency")) if isinstance(body, dict) else (None, None)
            if not isinstance(amount, int) or isinstance(amount, bool) or not 1 <= amount <= 1_000_000 or currency not in CURRENCIES:
                return self.reply(422, {"error": "amount: 1-1000000 cents; currency: EUR, USD or GBP"})
            seen = by_key.get((client, key))
            if seen:
                first_body, payment = seen
                return self.reply(200, payment) if first_body == body else self.reply(409, {"error": "this key was used for another payment"})
            payment = {"id": len(payments) + 1, "amount": amount, "currency": currency}
            payments.append(payment)
            by_key[(client, key)] = (body, payment)
        self.reply(201, payment)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
