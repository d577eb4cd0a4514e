"""python -m thumbsmith sign <source> <size> <method> <ext> [--base URL] [--legacy]
python -m thumbsmith info <source> [--base URL] [--legacy]
python -m thumbsmith purge|warm <source>... --base URL

The same command line as the Node `thumbsmith` CLI: THUMBS_SECRET (first key) or, with --legacy,
LEGACY_SECRET_KEY; ADMIN_TOKEN and THUMBSMITH_URL for purge and warm; exit status 2 for invalid
input or a missing secret or token, 1 when the service refuses or cannot be reached.
"""

import argparse
import os
import sys

import json

from . import AdminError, first_key, info_url, purge, thumbnail_url, warm


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m thumbsmith", description="Print a signed thumbnail URL.")
    commands = parser.add_subparsers(dest="command", required=True)
    sign = commands.add_parser("sign", help="print the signed URL of one thumbnail")
    sign.add_argument("source", help="object key, unencoded")
    sign.add_argument("size", help="WxH, Wx or xH")
    sign.add_argument("method", help="crop | scale | smart")
    sign.add_argument("ext", help=".jpg | .jpeg | .png | .webp | .avif")
    sign.add_argument("--base", default="/", help='URL prefix: origin and/or BASE_PATH (default "/")')
    sign.add_argument("--legacy", action="store_true", help="sign like django-rest-thumbnails with LEGACY_SECRET_KEY")
    info = commands.add_parser("info", help="print the signed URL of a source's info document")
    info.add_argument("source", help="object key, unencoded")
    info.add_argument("--base", default="/", help='URL prefix: origin and/or BASE_PATH (default "/")')
    info.add_argument("--legacy", action="store_true", help="sign like django-rest-thumbnails with LEGACY_SECRET_KEY")
    for name, help_text in (("purge", "delete the stored thumbnails of sources"), ("warm", "queue the PRESETS of sources")):
        admin = commands.add_parser(name, help=help_text)
        admin.add_argument("sources", nargs="+", metavar="source", help="object key, unencoded")
        admin.add_argument("--base", default=os.environ.get("THUMBSMITH_URL", ""), help="the service's URL (default THUMBSMITH_URL)")
    args = parser.parse_args(argv)  # exits 2 on bad usage

    if args.command in ("purge", "warm"):
        token = os.environ.get("ADMIN_TOKEN", "")
        if not token:
            parser.exit(2, f"{parser.prog}: ADMIN_TOKEN is not set\n")
        try:
            for answer in (purge if args.command == "purge" else warm)(args.sources, args.base, token):
                print(json.dumps(answer))
        except ValueError as error:
            parser.exit(2, f"{parser.prog}: {error}\n")
        except AdminError as error:
            parser.exit(1, f"{parser.prog}: {args.command}: {error}\n")
        return

    if args.legacy:
        secret = os.environ.get("LEGACY_SECRET_KEY", "")
    else:
        secret = first_key(os.environ.get("THUMBS_SECRET", ""))
    if not secret:
        parser.exit(2, f"{parser.prog}: {'LEGACY_SECRET_KEY' if args.legacy else 'THUMBS_SECRET'} is not set\n")
    try:
        if args.command == "info":
            print(info_url(args.source, secret, args.base, args.legacy))
        else:
            print(thumbnail_url(args.source, args.size, args.method, args.ext, secret, args.base, args.legacy))
    except ValueError as error:
        parser.exit(2, f"{parser.prog}: {error}\n")


if __name__ == "__main__":
    sys.exit(main())
