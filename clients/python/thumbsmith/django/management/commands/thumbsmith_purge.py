"""manage.py thumbsmith_purge [key ...] [--field app_label.Model.field [--prefix P]]

Deletes every stored thumbnail and info document of those sources, and their edge-cache copies:
run it after replacing files in place when the bucket sends no event notifications.
"""
from thumbsmith import purge

from ._admin import AdminCommand


class Command(AdminCommand):
    help = "Purge the thumbnails of source keys (or of a FileField's files) from thumbsmith."
    action = staticmethod(purge)
    verb = "purge"
