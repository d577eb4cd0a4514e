"""python -m thumbsmith sign <source> <size> <method> <ext> [--base URL] [--legacy]

The same command line as the Node `thumbsmith` CLI: THUMBS_SECRET (first key) or, with --legacy,
LEGACY_SECRET_KEY; exit status 2 for invalid input or a missing secret.
"""

import argparse
import os
import sys

from . import first_key, thumbnail_url


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
    args = parser.parse_args(argv)  # exits 2 on bad usage

    if args.legacy:
        secret = os.environ.get("LEGACY_SECRET_KEY", "")
    else:
        secret = first_key(os.environ.get("THUMBS_SECRET", ""))
    if not secret:
        parser.exit(2, f"{parser.prog}: {'LEGACY_SECRET_KEY' if args.legacy else 'THUMBS_SECRET'} is not set\n")
    try:
        print(thumbnail_url(args.source, args.size, args.method, args.ext, secret, args.base, args.legacy))
    except ValueError as error:
        parser.exit(2, f"{parser.prog}: {error}\n")


if __name__ == "__main__":
    sys.exit(main())
