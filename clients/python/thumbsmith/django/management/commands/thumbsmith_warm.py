"""manage.py thumbsmith_warm [key ...] [--field app_label.Model.field [--prefix P]]

Queues the server's PRESETS of those sources: pre-generates the thumbnails of existing files.
"""
from thumbsmith import warm

from ._admin import AdminCommand


class Command(AdminCommand):
    help = "Queue the PRESETS of source keys (or of a FileField's files) on thumbsmith."
    action = staticmethod(warm)
    verb = "warm"
