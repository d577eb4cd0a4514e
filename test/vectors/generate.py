#!/usr/bin/python3
"""Writes signatures.json next to this file.

The vectors must check the clients, so nothing here imports them: the MACs come from Python's
hmac and are cross-checked against the `openssl` CLI, the legacy MACs also against Django's own
salted_hmac, and the percent-encoding against Node's encodeURIComponent. Run with Debian's
python (it has Django): /usr/bin/python3 test/vectors/generate.py
"""

import hashlib
import hmac
import json
import os
import subprocess
import sys
from urllib.parse import quote

from django.conf import settings
from django.utils.crypto import salted_hmac

settings.configure()

HERE = os.path.dirname(os.path.abspath(__file__))
SECRET = "s3cr3t"
DJANGO_SECRET = "django-insecure-k%9z,(q)+x8@=m#v!w3&t^p$e*o_l-r0b"


def encode_path(source):
    return "/".join(quote(seg, safe="-_.!~*'()") for seg in source.split("/"))


def openssl_hmac(digest, key_args, message):
    out = subprocess.run(
        ["openssl", "dgst", f"-{digest}", "-mac", "HMAC", "-macopt", key_args],
        input=message.encode(), capture_output=True, check=True,
    ).stdout.decode()
    return out.split("=")[-1].strip()


def sign(case):
    source, size, method, ext, secret = (case[k] for k in ("source", "size", "method", "ext", "secret"))
    if case["legacy"]:
        message = f"{source}-{size}-{method}-{ext}"
        key = hashlib.sha1((source + secret).encode()).digest()
        signature = hmac.new(key, message.encode(), hashlib.sha1).hexdigest()
        assert signature == salted_hmac(source, message, secret=secret).hexdigest(), case
        assert signature == openssl_hmac("sha1", f"hexkey:{key.hex()}", message), case
    else:
        message = f"{source}/{size}/{method}{ext}"
        signature = hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()[:32]
        assert signature == openssl_hmac("sha256", f"hexkey:{secret.encode().hex()}", message)[:32], case
    base = case["baseUrl"] if case["baseUrl"].endswith("/") else case["baseUrl"] + "/"
    path = f"{encode_path(source)}/{size}/{method}/{signature}{ext}"
    return {**case, "message": message, "signature": signature, "path": path, "url": base + path}


def v(name, source, size="100x100", method="crop", ext=".jpg", secret=SECRET, base="/", legacy=False):
    return {"name": name, "source": source, "size": size, "method": method, "ext": ext,
            "secret": secret, "legacy": legacy, "baseUrl": base}


VALID = [
    v("basic", "animals/kitten.jpg"),
    v("absolute base url", "animals/kitten.jpg", base="https://thumbs.example.com/"),
    v("base path", "animals/kitten.jpg", base="/thumbs/"),
    v("base url without trailing slash", "animals/kitten.jpg", base="https://cdn.example.com/t"),
    v("single segment key", "kitten.jpg", size="64x64"),
    v("deeply nested key", "a/b/c/d/e/f/g.jpg", size="320x240"),
    v("width only, zero height", "animals/kitten.jpg", size="100x0"),
    v("width only, empty height", "animals/kitten.jpg", size="100x"),
    v("height only, empty width", "animals/kitten.jpg", size="x100"),
    v("height only, zero width", "animals/kitten.jpg", size="0x100"),
    v("leading zeros are signed as written", "animals/kitten.jpg", size="0100x050"),
    v("maximum size", "animals/kitten.jpg", size="4096x4096"),
    v("minimum size", "animals/kitten.jpg", size="1x1"),
    v("method scale", "animals/kitten.jpg", method="scale"),
    v("method smart", "animals/kitten.jpg", method="smart", size="200x150"),
    v("ext .jpeg", "animals/kitten.jpg", ext=".jpeg"),
    v("ext .png", "animals/kitten.jpg", ext=".png"),
    v("ext .webp", "animals/kitten.jpg", ext=".webp", method="scale", size="x240"),
    v("ext .avif", "animals/kitten.jpg", ext=".avif", method="smart"),
    v("cyrillic key", "фото/кот.jpg"),
    v("cjk key with space", "日本/画像 1.png", size="150x0"),
    v("astral emoji key", "😀/smile 😀.png", method="scale"),
    v("NFD is not normalised", "cafe\u0301.jpg"),
    v("NFC is not normalised", "caf\u00e9.jpg"),
    v("spaces", "my photos/summer day.jpg"),
    v("plus signs", "a+b/c+d.jpg"),
    v("ampersand", "tom&jerry/1&2.jpg"),
    v("percent signs are literal", "100%/done%20.jpg"),
    v("hash", "#tags/photo#1.jpg"),
    v("question mark", "what?/why?.jpg"),
    v("characters encodeURIComponent keeps", "it's (1)!~*_-.jpg"),
    v("reserved characters", "a:b;c=d,e@f$g[h]{i}|j^k`l\"m<n>.jpg"),
    v("dot-prefixed segments", ".hidden/..dots.../x.jpg"),
    v("1024-byte key", "é" * 511 + "/a"),
    v("uppercase key and extension in key", "Photos/IMG_0001.JPG", size="800x600"),
    v("long secret (over the HMAC block size)", "animals/kitten.jpg", secret="k" * 100),
    v("unicode secret", "animals/kitten.jpg", secret="ключ 🔑"),
    v("rotation: old key k1", "animals/kitten.jpg", secret="k1"),
    v("rotation: new key k2", "animals/kitten.jpg", secret="k2"),
    v("legacy basic", "animals/kitten.jpg", secret=DJANGO_SECRET, legacy=True),
    v("legacy with absolute base url", "uploads/2019/01/photo.jpg", size="200x200", method="scale",
      secret=DJANGO_SECRET, legacy=True, base="https://media.example.com/thumbs/"),
    v("legacy width only", "animals/kitten.jpg", size="100x0", method="smart", ext=".webp",
      secret=DJANGO_SECRET, legacy=True),
    v("legacy unicode and percent", "фото/100% кот.png", size="x50", ext=".png",
      secret=DJANGO_SECRET, legacy=True),
    v("legacy other secret", "a+b/c&d.jpg", size="64x", ext=".jpeg", secret="legacy-key", legacy=True),
    v("legacy avif", "animals/kitten.jpg", ext=".avif", secret=DJANGO_SECRET, legacy=True),
]


def bad(name, field, **override):
    case = {"name": name, "field": field, "source": "animals/kitten.jpg", "size": "100x100",
            "method": "crop", "ext": ".jpg", "secret": SECRET, "legacy": False}
    case.update(override)
    return case


INVALID = [
    *(bad(f"size {s!r}", "size", size=s) for s in [
        "", "x", "0x0", "0x", "x0", "00x000", "100", "100x100x100", "100X100", "4097x100", "100x4097",
        "99999x1", "-1x100", "+100x100", " 100x100", "100x100 ", "100x100\n", "1.5x100", "1e3x100",
        "\u0663x100", "00000000100x1",
    ]),
    *(bad(f"legacy size {s!r}", "size", size=s, legacy=True, secret=DJANGO_SECRET) for s in ["0x0", "100"]),
    *(bad(f"method {m!r}", "method", method=m) for m in ["", "Crop", "CROP", "resize", "fit", "crop ", "toString"]),
    *(bad(f"ext {e!r}", "ext", ext=e) for e in [
        "", "jpg", ".JPG", ".Jpg", ".gif", ".tiff", ".jpg.", "..jpg", ".jpg ", "constructor", "__proto__",
    ]),
    *(bad(f"source {s!r}", "source", source=s) for s in [
        "", "/", "/leading.jpg", "trailing/", "a//b.jpg", ".", "..", "./a.jpg", "a/./b.jpg", "a/../b.jpg",
        "a/..", "back\\slash.jpg", "tab\there.jpg", "new\nline.jpg", "nul\u0000.jpg", "del\u007f.jpg",
        "c1\u0085.jpg", "c1\u009f.jpg", "é" * 512 + "a", "a" * 1025,
    ]),
    bad("legacy source '..'", "source", source="a/../b.jpg", legacy=True, secret=DJANGO_SECRET),
]


def check_encoding_against_node(sources):
    script = ("let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.stringify("
              "JSON.parse(s).map(x=>x.split('/').map(encodeURIComponent).join('/')))))")
    out = subprocess.run(["node", "-e", script], input=json.dumps(sources).encode(),
                         capture_output=True, check=True).stdout
    assert json.loads(out) == [encode_path(s) for s in sources]


def main():
    valid = [sign(c) for c in VALID]
    check_encoding_against_node([c["source"] for c in VALID])
    assert len(valid) >= 30
    doc = {
        "description": "Signed thumbnail URL vectors; see the README section Signed URLs. Generated by generate.py.",
        "valid": valid,
        "invalid": INVALID,
    }
    # No lone surrogates in here (many JSON parsers reject them); the client tests cover that case.
    with open(os.path.join(HERE, "signatures.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=True)
        f.write("\n")
    print(f"{len(valid)} valid, {len(INVALID)} invalid", file=sys.stderr)


if __name__ == "__main__":
    main()
