"""Runs the thumbsmith_purge and thumbsmith_warm management commands of the thumbsmith.django app
against a stub service (an HTTP server in this process that records what it is sent), for
test/node/client-python.test.ts. Needs a python with Django (Debian's python3-django).

stdin: JSON list of {"args": [...], "options": {...}, "settings": {...}, "env": {...}}; the model
thumbsmith.Photo (a FileField "image" on a FileSystemStorage) has rows and files named by "rows"
and "files" at the top of the list's first case.
stdout: JSON list of {"stdout", "requests": [{"path", "authorization", "body"}]} or {"error", "message"}.
"""

import http.server
import io
import json
import os
import sys
import tempfile
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

try:
    import django
except ImportError:
    sys.exit("Django is not installed for this python: apt-get install python3-django")
from django.conf import settings  # noqa: E402

media = tempfile.mkdtemp()
settings.configure(
    INSTALLED_APPS=["thumbsmith.django"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    SECRET_KEY="unused",
    MEDIA_ROOT=media,
)
django.setup()

from django.core.files.storage import FileSystemStorage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.test.utils import override_settings  # noqa: E402


class Photo(models.Model):
    image = models.FileField(storage=FileSystemStorage(location=media), blank=True)

    class Meta:
        app_label = "thumbsmith"


TOKEN = "stub-admin-token-0123"
requests = []


class Stub(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        requests.append({"path": self.path, "authorization": self.headers.get("Authorization"), "body": body})
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            status, answer = 401, {"error": {"code": "UNAUTHORIZED", "message": "A valid admin token is required."}}
        elif self.path.endswith("/_purge"):
            status, answer = 200, {"sources": [{"source": s, "deleted": 1} for s in body["sources"]], "deleted": len(body["sources"]), "edge": "zone"}
        else:
            status, answer = 202, {"queued": len(body["sources"]), "presets": 2}
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def main():
    cases = json.load(sys.stdin)
    server = http.server.HTTPServer(("127.0.0.1", 0), Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/thumbs/"
    with connection.schema_editor() as editor:
        editor.create_model(Photo)
    setup = cases[0] if cases else {}
    for name in setup.get("rows", []):
        Photo.objects.create(image=name)
    for name in setup.get("files", []):
        os.makedirs(os.path.dirname(os.path.join(media, name)), exist_ok=True)
        open(os.path.join(media, name), "wb").close()
    results = []
    for case in cases:
        requests.clear()
        out = io.StringIO()
        values = {"THUMBSMITH_BASE_URL": base, "THUMBSMITH_ADMIN_TOKEN": TOKEN, **case.get("settings", {})}
        try:
            with override_settings(**values):
                call_command(*case["args"], stdout=out, **case.get("options", {}))
            results.append({"stdout": out.getvalue(), "requests": list(requests)})
        except Exception as error:  # the caller checks the type, so every kind must come back
            results.append({"error": type(error).__name__, "message": str(error), "requests": list(requests)})
    server.shutdown()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
