"""The `thumbnail` template library, compatible with django-rest-thumbnails' tag:

    {% load thumbnail %}
    {% thumbnail object.image "100x100" "crop" ".jpg" as thumb %}
    {% if thumb %}<img src="{{ thumb.url }}">{% endif %}

    {% thumbnail_placeholder photo.info %}
    <img src="{{ thumb.url }}" {% thumbnail_placeholder photo.info %} alt="">

`thumbnail_placeholder` renders the attributes of an info document the site stored (the JSON of
`{BASE}{source}/info/{signature}.json`, as a dict or a str): width and height as displayed, a
background of the image's dominant colour while it loads, and data-thumbhash for a script that
paints the ThumbHash. An empty value renders nothing.

Settings, read at render time:
    THUMBSMITH_SECRET     the server's THUMBS_SECRET (one key, or the comma-separated list: the
                          first key signs)
    THUMBSMITH_BASE_URL   URL prefix; default THUMBNAILS_PROXY_BASE_URL if set, else "/"
    THUMBSMITH_SIGNATURE  "v1" (default) or "legacy": sign with SECRET_KEY exactly as
                          django-rest-thumbnails did, for a server with LEGACY_SECRET_KEY
"""

import json
import re

from django import template
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.html import conditional_escape, format_html

from thumbsmith import first_key, thumbnail_url

register = template.Library()


class Thumbnail:
    """What the tag returns; `url` is the signed URL, and so is str(thumb)."""

    def __init__(self, source, size, method, extension, url):
        self.source = source
        self.size = size
        self.method = method
        self.extension = extension
        self.url = url

    def __str__(self):
        return self.url

    def __repr__(self):
        return f"<Thumbnail {self.url}>"


def _signing():
    scheme = getattr(settings, "THUMBSMITH_SIGNATURE", "v1")
    if scheme == "legacy":
        return settings.SECRET_KEY, True
    if scheme != "v1":
        raise ImproperlyConfigured(f'THUMBSMITH_SIGNATURE must be "v1" or "legacy", not {scheme!r}')
    secret = first_key(getattr(settings, "THUMBSMITH_SECRET", None) or "")
    if not secret:
        raise ImproperlyConfigured('THUMBSMITH_SECRET is not set (or set THUMBSMITH_SIGNATURE = "legacy")')
    return secret, False


def _base_url():
    default = getattr(settings, "THUMBNAILS_PROXY_BASE_URL", None) or "/"
    return getattr(settings, "THUMBSMITH_BASE_URL", None) or default


def thumbnail(source, size, method, extension):
    """A Thumbnail for `source` (a FieldFile, whose .name is the key, or the key itself); None when
    it is empty. Raises ValueError for a size, method, extension or key the server would reject."""
    source = getattr(source, "name", source)
    if not source:
        return None
    secret, legacy = _signing()
    url = thumbnail_url(source, size, method, extension, secret, _base_url(), legacy)
    return Thumbnail(source, size, method, extension, url)


class ThumbnailNode(template.Node):
    def __init__(self, arguments, target):
        self.arguments = arguments
        self.target = target

    def render(self, context):
        thumb = thumbnail(*(argument.resolve(context) for argument in self.arguments))
        if self.target is not None:
            context[self.target] = thumb
            return ""
        # Not simple_tag: it would print an empty source's None as "None" (src="None").
        return "" if thumb is None else conditional_escape(thumb.url) if context.autoescape else thumb.url


@register.tag(name="thumbnail")
def do_thumbnail(parser, token):
    """{% thumbnail source size method extension [as name] %}"""
    bits = token.split_contents()
    target = None
    if len(bits) == 7 and bits[5] == "as":
        target = bits[6]
        bits = bits[:5]
    if len(bits) != 5:
        raise template.TemplateSyntaxError(f"{bits[0]!r} takes source, size, method and extension, then optionally 'as name'")
    return ThumbnailNode([parser.compile_filter(bit) for bit in bits[1:]], target)


_COLOUR = re.compile(r"#[0-9a-f]{6}")
_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")


@register.simple_tag
def thumbnail_placeholder(info):
    """` width="…" height="…" style="background-color:#rrggbb" data-thumbhash="…"` from an info
    document (dict or JSON str); "" when it is empty. Only values of the document's own shapes are
    written (integers, a #rrggbb colour, base64), so a tampered document cannot inject markup or CSS;
    one that does not parse raises ValueError."""
    if not info:
        return ""
    if isinstance(info, (str, bytes)):
        info = json.loads(info)
    if not isinstance(info, dict):
        raise ValueError(f"info: expected an info document (dict or JSON), got {type(info).__name__}")
    width, height = info.get("width"), info.get("height")
    if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in (width, height)):
        raise ValueError("info: expected positive integer width and height")
    html = format_html(' width="{}" height="{}"', width, height)
    colour = info.get("dominantColor")
    if isinstance(colour, str) and _COLOUR.fullmatch(colour):
        html += format_html(' style="background-color:{}"', colour)
    thumbhash = info.get("thumbhash")
    if isinstance(thumbhash, str) and _BASE64.fullmatch(thumbhash):
        html += format_html(' data-thumbhash="{}"', thumbhash)
    return html
