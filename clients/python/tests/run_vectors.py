"""Feeds the signature vectors to thumbsmith.thumbnail_url and prints what it did, as JSON, for
test/node/client-python.test.ts to compare: {"valid": [url | {"error"}...], "invalid": [...]}.

usage: python3 run_vectors.py path/to/signatures.json
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from thumbsmith import thumbnail_url  # noqa: E402


def attempt(case):
    try:
        return thumbnail_url(case["source"], case["size"], case["method"], case["ext"], case["secret"],
                             base_url=case.get("baseUrl", "/"), legacy=case["legacy"])
    except Exception as error:  # the caller checks the type, so every kind must come back
        return {"error": type(error).__name__, "message": str(error)}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        vectors = json.load(f)
    json.dump({key: [attempt(case) for case in vectors[key]] for key in ("valid", "invalid")}, sys.stdout)


if __name__ == "__main__":
    main()
