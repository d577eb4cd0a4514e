"""What thumbsmith_purge and thumbsmith_warm share: which keys, which service, which token.

Keys come from the command line, from every row of a FileField (`--field app_label.Model.field`,
each file's name as the template tag signs it), or from that field's storage listed under a
prefix (`--field … --prefix photos/2024/`: files no row points at any more too).

Settings: THUMBSMITH_BASE_URL (the service's full URL, e.g. "https://thumbs.example.com/") and
THUMBSMITH_ADMIN_TOKEN (default: the ADMIN_TOKEN environment variable).
"""
import json
import os

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import FileField

from thumbsmith import AdminError


def _field(path):
    try:
        app_label, model_name, field_name = path.split(".")
        model = apps.get_model(app_label, model_name)
        field = model._meta.get_field(field_name)
    except (ValueError, LookupError) as error:
        raise CommandError(f"--field: expected app_label.Model.field naming a FileField, got {path!r} ({error})") from None
    if not isinstance(field, FileField):
        raise CommandError(f"--field: {path} is a {type(field).__name__}, not a FileField")
    return model, field


def _listed(storage, prefix):
    """Every file under `prefix` in `storage`, recursively (storages list one level at a time)."""
    directory = prefix.rstrip("/")
    directories, files = storage.listdir(directory)
    base = f"{directory}/" if directory else ""
    keys = [base + name for name in files]
    for name in directories:
        keys.extend(_listed(storage, base + name))
    return keys


def collect_keys(keys, field_path, prefix):
    keys = list(keys)
    if prefix is not None and field_path is None:
        raise CommandError("--prefix lists a FileField's storage: give --field too")
    if field_path is not None:
        model, field = _field(field_path)
        if prefix is not None:
            keys.extend(_listed(field.storage, prefix))
        else:
            names = model._default_manager.exclude(**{field.name: ""}).exclude(**{f"{field.name}__isnull": True})
            keys.extend(names.values_list(field.name, flat=True).distinct())
    # The same key twice would only be purged or warmed twice.
    return list(dict.fromkeys(keys))


class AdminCommand(BaseCommand):
    action = None  # thumbsmith.purge or thumbsmith.warm

    def add_arguments(self, parser):
        parser.add_argument("keys", nargs="*", metavar="key", help="source keys (a FieldFile's name)")
        parser.add_argument("--field", help="app_label.Model.field: every file of this FileField")
        parser.add_argument("--prefix", help="with --field: every file in its storage under this prefix")

    def handle(self, *args, **options):
        keys = collect_keys(options["keys"], options["field"], options["prefix"])
        if not keys:
            raise CommandError("no keys: give keys, or --field (and --prefix)")
        base_url = getattr(settings, "THUMBSMITH_BASE_URL", None) or ""
        token = getattr(settings, "THUMBSMITH_ADMIN_TOKEN", None) or os.environ.get("ADMIN_TOKEN", "")
        if not token:
            raise CommandError("THUMBSMITH_ADMIN_TOKEN is not set (nor ADMIN_TOKEN in the environment)")
        try:
            answers = type(self).action(keys, base_url, token)
        except ValueError as error:
            raise CommandError(str(error)) from None
        except AdminError as error:
            raise CommandError(f"{self.verb}: {error}") from None
        for answer in answers:
            self.stdout.write(json.dumps(answer))
