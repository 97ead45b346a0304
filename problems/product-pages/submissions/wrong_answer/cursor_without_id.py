"""Product pages whose cursor holds the last product's sort value but not its id: a page that ends
inside a run of equal prices makes the next page skip the rest of the run."""
import base64
import binascii
import json
import math
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

products = []


def encode(key):
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


def decode(cursor):
    """The key a cursor holds, or None when the service could not have given it."""
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
    except (binascii.Error, ValueError, UnicodeError):
        return None
    ok = isinstance(key, list) and len(key) == 2 and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in key)
    return key if ok else None


class BadRequest(Exception):
    pass


def number(value):
    try:
        n = float(value)
    except ValueError:
        raise BadRequest()
    if not math.isfinite(n):
        raise BadRequest()
    return n


def page(query):
    """The page a query asks for: (items, next cursor)."""
    one = {k: v[-1] for k, v in query.items()}
    try:
        limit = int(one.get("limit", "10"))
    except ValueError:
        raise BadRequest()
    sort = one.get("sort", "id")
    if not 1 <= limit <= 100 or sort not in ("id", "price", "-price"):
        raise BadRequest()
    low = number(one["min_price"]) if "min_price" in one else -math.inf
    high = number(one["max_price"]) if "max_price" in one else math.inf
    # Each product's key: (sort value, id); for -price the price is negated, so one order serves.
    sign = -1 if sort == "-price" else 1
    key = (lambda p: [p["id"], p["id"]]) if sort == "id" else (lambda p: [sign * p["price"], p["id"]])
    after = None
    if "cursor" in one:
        after = decode(one["cursor"])
        if after is None:
            raise BadRequest()
    chosen = [p for p in products
              if ("category" not in one or p["category"] == one["category"]) and low <= p["price"] <= high
              and (after is None or key(p)[0] > after[0])]
    chosen.sort(key=key)
    items = chosen[:limit]
    return items, encode(key(items[-1])) if len(chosen) > limit else None


class Handler(BaseHTTPRequestHandler):
    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path != "/products":
            return self.reply(404, {"error": "not found"})
        try:
            items, cursor = page(parse_qs(url.query, keep_blank_values=True))
        except BadRequest:
            return self.reply(400, {"error": "limit 1-100, sort id|price|-price, numeric prices, a cursor of ours"})
        self.reply(200, {"items": items, "next_cursor": cursor})

    def do_POST(self):
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
        except ValueError:
            return self.reply(400, {"error": "a JSON object"})
        if not isinstance(body, dict):
            return self.reply(400, {"error": "a JSON object"})
        name, price, category = body.get("name"), body.get("price"), body.get("category")
        if not (isinstance(name, str) and name and isinstance(category, str) and category
                and isinstance(price, (int, float)) and not isinstance(price, bool) and price >= 0):
            return self.reply(422, {"error": "name, category: text; price: a number >= 0"})
        product = {"id": len(products) + 1, "name": name, "price": price, "category": category}
        products.append(product)
        self.reply(201, product)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
