"""Signed thumbsmith thumbnail URLs from Python (standard library only).

    >>> thumbnail_url("animals/kitten.jpg", "100x100", "crop", ".jpg", secret="s3cr3t")
    '/animals/kitten.jpg/100x100/crop/ac096847c297af8aac047434786f0a3c.jpg'

Validation matches the server's, so invalid input raises ValueError here rather than giving a URL
that answers 400. The spec is the "Signed URLs" section of the thumbsmith README.
"""

import hashlib
import hmac
import json
import re
import urllib.error
import urllib.request
from urllib.parse import quote

__all__ = ["thumbnail_url", "info_url", "purge", "warm", "AdminError", "first_key", "MAX_DIMENSION", "METHODS", "EXTENSIONS"]

MAX_DIMENSION = 4096
METHODS = ("crop", "scale", "smart")
EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".avif")

_MAX_KEY_BYTES = 1024
# [0-9], not \d: Python's \d also matches non-ASCII digits, which the server rejects.
_SIZE = re.compile(r"([0-9]*)x([0-9]*)")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_BAD_BASE = re.compile(r"[\s?#]")
# What JavaScript's encodeURIComponent leaves alone besides letters and digits.
_URI_COMPONENT_SAFE = "-_.!~*'()"


def _require_str(name, value):
    if not isinstance(value, str):
        raise TypeError(f"{name}: expected a str, got {type(value).__name__}")
    return value


def _check_source(source):
    _require_str("source", source)
    try:
        size = len(source.encode("utf-8"))
    except UnicodeEncodeError:
        raise ValueError("source: expected well-formed Unicode (no lone surrogates)") from None
    if any(part in ("", ".", "..") for part in source.split("/")):
        raise ValueError("source: expected no empty, '.' or '..' path segments")
    if "\\" in source:
        raise ValueError("source: expected no backslashes")
    if _CONTROL.search(source):
        raise ValueError("source: expected no control characters")
    if size > _MAX_KEY_BYTES:
        raise ValueError(f"source: expected at most {_MAX_KEY_BYTES} bytes of UTF-8")


def _check_size(size):
    _require_str("size", size)
    match = _SIZE.fullmatch(size)
    if match and len(size) <= 11:
        width, height = (int(g) if g else 0 for g in match.groups())
        if (width or height) and width <= MAX_DIMENSION and height <= MAX_DIMENSION:
            return
    raise ValueError(f"size: expected WxH, Wx or xH with integers up to {MAX_DIMENSION}, got {size!r}")


def _check_choice(name, value, choices):
    if _require_str(name, value) not in choices:
        raise ValueError(f"{name}: expected one of {', '.join(choices)}, got {value!r}")


def encode_source(source):
    """The URL path of a source key: each segment percent-encoded like encodeURIComponent."""
    return "/".join(quote(segment, safe=_URI_COMPONENT_SAFE) for segment in source.split("/"))


def sign_v1(secret, source, size, method, ext):
    message = f"{source}/{size}/{method}{ext}".encode("utf-8")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()[:32]


def sign_legacy(secret, source, size, method, ext):
    """django.utils.crypto.salted_hmac(source, message, secret=secret), as django-rest-thumbnails signed."""
    key = hashlib.sha1((source + secret).encode("utf-8")).digest()
    message = f"{source}-{size}-{method}-{ext}".encode("utf-8")
    return hmac.new(key, message, hashlib.sha1).hexdigest()


def first_key(thumbs_secret):
    """The key that signs, from a THUMBS_SECRET value: the first non-blank comma-separated one,
    trimmed, as the server reads it; "" if there is none."""
    return next((key.strip() for key in thumbs_secret.split(",") if key.strip()), "")


def _check_signing(secret, base_url, legacy):
    if not _require_str("secret", secret):
        raise ValueError("secret: expected a non-empty str")
    # The server splits THUMBS_SECRET on commas, so a v1 key holding one could never verify.
    if not legacy and "," in secret:
        raise ValueError("secret: expected one key, not the comma-separated THUMBS_SECRET list (sign with its first key)")
    if _BAD_BASE.search(_require_str("base_url", base_url)):
        raise ValueError(f"base_url: expected no whitespace, '?' or '#', got {base_url!r}")
    return base_url if base_url.endswith("/") else base_url + "/"


def info_url(source, secret, base_url="/", legacy=False):
    """The signed URL of a source's info document: its displayed width and height, format, bytes,
    hasAlpha, dominantColor and thumbhash (README "Info and placeholders"). The signature covers
    "{source}/info.json"; arguments and errors as thumbnail_url."""
    _check_source(source)
    base = _check_signing(secret, base_url, legacy)
    message = f"{source}/info.json".encode("utf-8")
    if legacy:
        key = hashlib.sha1((source + secret).encode("utf-8")).digest()
        signature = hmac.new(key, message, hashlib.sha1).hexdigest()
    else:
        signature = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()[:32]
    return f"{base}{encode_source(source)}/info/{signature}.json"


class AdminError(Exception):
    """The service refused an admin request (`status`, `code` from its JSON error) or was unreachable (status 0)."""

    def __init__(self, status, code, message):
        super().__init__(f"HTTP {status} {code}: {message}" if status else message)
        self.status = status
        self.code = code


_ADMIN_BATCH = 1000


def _admin(route, sources, base_url, token, timeout):
    if isinstance(sources, str):
        raise TypeError("sources: expected a list of keys, not one str")
    sources = list(sources)
    for source in sources:
        _check_source(source)
    if not _require_str("token", token):
        raise ValueError("token: expected the service's ADMIN_TOKEN")
    if not re.fullmatch(r"https?://[^\s?#]+", _require_str("base_url", base_url)):
        raise ValueError(f"base_url: expected the service's URL, e.g. https://thumbs.example.com/, got {base_url!r}")
    endpoint = (base_url if base_url.endswith("/") else base_url + "/") + "_" + route
    answers = []
    for start in range(0, len(sources), _ADMIN_BATCH):
        body = json.dumps({"sources": sources[start:start + _ADMIN_BATCH]}).encode("utf-8")
        request = urllib.request.Request(endpoint, data=body, method="POST", headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                answers.append(json.load(response))
        except urllib.error.HTTPError as error:
            try:
                detail = json.load(error)["error"]
                raise AdminError(error.code, detail["code"], detail["message"]) from None
            except (ValueError, KeyError, TypeError):
                raise AdminError(error.code, "", error.reason) from None
        except urllib.error.URLError as error:
            raise AdminError(0, "", f"{endpoint}: {error.reason}") from None
    return answers


def purge(sources, base_url, token, timeout=60):
    """Deletes every stored thumbnail and info document of each source key, and their edge-cache
    copies (POST {base_url}_purge, 1000 keys a request). Returns the service's answers, e.g.
    [{"sources": [{"source": "a.jpg", "deleted": 3}], "deleted": 3, "edge": "zone"}].
    Raises AdminError when the service refuses (401 without a valid token) or cannot be reached."""
    return _admin("purge", sources, base_url, token, timeout)


def warm(sources, base_url, token, timeout=60):
    """Queues each source's PRESETS for generation (POST {base_url}_warm). Returns the answers,
    e.g. [{"queued": 2, "presets": 3}]; raises AdminError as purge does."""
    return _admin("warm", sources, base_url, token, timeout)


def thumbnail_url(source, size, method, ext, secret, base_url="/", legacy=False):
    """The signed URL of one thumbnail.

    source   the object key, unencoded ("photos/summer day.jpg")
    size     "WxH", "Wx" or "xH" (0 or empty follows the aspect ratio); signed exactly as written
    method   "crop", "scale" or "smart"
    ext      ".jpg", ".jpeg", ".png", ".webp" or ".avif"
    secret   v1: one key of the server's THUMBS_SECRET (normally the first);
             legacy: Django's SECRET_KEY (the server's LEGACY_SECRET_KEY)
    base_url origin and/or the server's BASE_PATH; a missing trailing "/" is added
    legacy   sign like django-rest-thumbnails (40 hex digits)

    Raises ValueError for input the server would reject (the message starts with the argument's
    name) and TypeError for arguments that are not str.
    """
    _check_source(source)
    _check_size(size)
    _check_choice("method", method, METHODS)
    _check_choice("ext", ext, EXTENSIONS)
    base = _check_signing(secret, base_url, legacy)
    sign = sign_legacy if legacy else sign_v1
    signature = sign(secret, source, size, method, ext)
    return f"{base}{encode_source(source)}/{size}/{method}/{signature}{ext}"
