"""A webhook subscriber for docker compose: verifies each delivery's Standard Webhooks signature and prints the
article as one line (title, language, tags, sources) on stdout, so `docker compose logs -f subscriber` shows
articles arriving. Python standard library only.

Environment: WEBHOOK_SECRET (whsec_..., the subscription's secret), PORT (default 8080).
"""

import base64
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = os.environ["WEBHOOK_SECRET"]
KEY = base64.b64decode(SECRET.removeprefix("whsec_"))
TOLERANCE_SECONDS = 5 * 60
seen = set()


def authentic(message_id, timestamp, signatures, body):
    """Some v1 signature of id.timestamp.body matches, and the timestamp is recent (defeats replays)."""
    if not (message_id and timestamp and signatures):
        return False
    try:
        if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
            return False
    except ValueError:
        return False
    signed = message_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest()).decode()
    return any(version == "v1" and hmac.compare_digest(expected, signature)
               for version, _, signature in (entry.partition(",") for entry in signatures.split()))


def describe(article):
    tags = ", ".join(f"{tag['label']} ({tag['id']})" for tag in article.get("tags", []))
    sources = ", ".join(f"{source['name']} ({source['role'].lower()})" for source in article.get("sources", []))
    return (f"{article['article']['title']}\n"
            f"    language {article['language']} | feed {article['article']['feedId']} | id {article['id']}\n"
            f"    tags     {tags or 'none'}\n"
            f"    sources  {sources or 'none found'}")


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        message_id = self.headers.get("webhook-id")
        if not authentic(message_id, self.headers.get("webhook-timestamp"),
                         self.headers.get("webhook-signature"), body):
            print(f"rejected a delivery with a bad or stale signature (webhook-id {message_id})", flush=True)
            self.send_response(401)
            self.end_headers()
            return
        if message_id not in seen:  # a redelivery keeps its webhook-id
            seen.add(message_id)
            print(describe(json.loads(body)["data"]), flush=True)
        self.send_response(204)
        self.end_headers()

    def do_GET(self):  # health check
        self.send_response(200)
        self.end_headers()

    def log_message(self, format, *args):
        pass


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8080"))
    print(f"webhook subscriber listening on port {port}", file=sys.stderr, flush=True)
    ThreadingHTTPServer(("", port), Handler).serve_forever()
