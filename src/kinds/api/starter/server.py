# Listens on $PORT and answers every request with 501 Not Implemented: a start. The standard
# library's http.server is here; Flask and FastAPI (with uvicorn) are installed too.
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def not_implemented(self):
        body = json.dumps({"error": "not implemented"}).encode()
        self.send_response(501)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = not_implemented


ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
