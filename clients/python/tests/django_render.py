"""Renders templates through a real Django template engine with the thumbsmith.django app
installed, for test/node/client-python.test.ts. Run with a python that has Django (Debian's
/usr/bin/python3 with python3-django).

stdin: JSON list of {"settings": {...}, "template": "...", "context": {...}}; a context value
{"fieldfile": name} becomes a real django FieldFile with that name.
stdout: JSON list of {"output": rendered} or {"error": type, "message": str}.
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

try:
    import django
except ImportError:
    sys.exit("Django is not installed for this python: apt-get install python3-django")
from django.conf import settings  # noqa: E402

settings.configure(
    INSTALLED_APPS=["thumbsmith.django"],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
    SECRET_KEY="unused-unless-a-case-overrides-it",
)
django.setup()

from django.db.models import FileField  # noqa: E402
from django.db.models.fields.files import FieldFile  # noqa: E402
from django.template import engines  # noqa: E402
from django.test.utils import override_settings  # noqa: E402


def context_value(value):
    if isinstance(value, dict) and "fieldfile" in value:
        return FieldFile(None, FileField(), value["fieldfile"])
    return value


def render(case):
    context = {name: context_value(value) for name, value in case.get("context", {}).items()}
    try:
        with override_settings(**case.get("settings", {})):
            return {"output": engines["django"].from_string(case["template"]).render(context)}
    except Exception as error:  # the caller checks the type, so every kind must come back
        return {"error": type(error).__name__, "message": str(error)}


def main():
    json.dump([render(case) for case in json.load(sys.stdin)], sys.stdout)


if __name__ == "__main__":
    main()
