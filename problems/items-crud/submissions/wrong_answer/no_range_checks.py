"""Items CRUD that checks types but not ranges: a negative price or quantity, an empty name are kept."""
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

items = {}
next_id = 1
lock = threading.Lock()


def valid(body):
    """The item's fields from a request body, or None when a rule is broken."""
    name, price, quantity = body.get("name"), body.get("price"), body.get("quantity", 0)
    number = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
    if not isinstance(name, str):
        return None
    if not number(price):
        return None
    if not isinstance(quantity, int) or isinstance(quantity, bool):
        return None
    return {"name": name, "price": price, "quantity": quantity}


class Handler(BaseHTTPRequestHandler):
    def reply(self, status, body=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def item_id(self):
        parts = self.path.split("?")[0].strip("/").split("/")
        if len(parts) == 2 and parts[0] == "items" and parts[1].isdigit():
            return int(parts[1])
        return None

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def do_GET(self):
        if self.path.split("?")[0] == "/items":
            with lock:
                return self.reply(200, [items[k] for k in sorted(items)])
        with lock:
            item = items.get(self.item_id())
        self.reply(200, item) if item else self.reply(404, {"error": "no such item"})

    def do_POST(self):
        if self.path.split("?")[0] != "/items":
            return self.reply(404, {"error": "not found"})
        self.write_item(None)

    def do_PUT(self):
        item_id = self.item_id()
        with lock:
            known = item_id in items
        if not known:
            return self.reply(404, {"error": "no such item"})
        self.write_item(item_id)

    def write_item(self, item_id):
        global next_id
        body = self.body()
        if body is None:
            return self.reply(400, {"error": "the body must be a JSON object"})
        fields = valid(body)
        if fields is None:
            return self.reply(422, {"error": "name (1-100 characters), price >= 0, quantity >= 0"})
        with lock:
            if item_id is None:
                item_id, next_id = next_id, next_id + 1
                status = 201
            elif item_id not in items:
                return self.reply(404, {"error": "no such item"})
            else:
                status = 200
            items[item_id] = {"id": item_id, **fields}
            item = items[item_id]
        self.reply(status, item)

    def do_DELETE(self):
        with lock:
            item = items.pop(self.item_id(), None)
        self.reply(204) if item else self.reply(404, {"error": "no such item"})

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
