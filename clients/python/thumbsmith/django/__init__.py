"""Django integration: add "thumbsmith.django" to INSTALLED_APPS, then `{% load thumbnail %}`.

A drop-in for django-rest-thumbnails' template tag; settings are documented in
templatetags/thumbnail.py and the README's "Signed URLs" section.
"""
