#!/usr/bin/env bash
# thumbsmith-sign.sh <source> <size> <method> <ext> [--base URL] [--legacy]
#
# Prints a signed thumbsmith URL using only bash, od and openssl. The key is THUMBS_SECRET (its
# first comma-separated key) or, with --legacy, LEGACY_SECRET_KEY. Exit status 2 on invalid input
# or a missing secret. The core, for a key and a source that needs no percent-encoding:
#
#   printf '%s' "$source/$size/$method$ext" | openssl dgst -sha256 -hmac "$key" | awk '{print substr($NF, 1, 32)}'
set -euo pipefail
# Byte-wise string handling: lengths, ranges and od all work on UTF-8 bytes.
export LC_ALL=C

fail() { printf 'thumbsmith-sign: %s\n' "$1" >&2; exit 2; }
usage="usage: thumbsmith-sign.sh <source> <size> <method> <ext> [--base URL] [--legacy]"

base=/ legacy=0 positional=()
while (($#)); do
  case $1 in
    --base) (($# >= 2)) || fail "--base needs a value"; base=$2; shift 2 ;;
    --legacy) legacy=1; shift ;;
    --) shift; positional+=("$@"); break ;;
    -?*) fail "unknown option $1; $usage" ;;
    *) positional+=("$1"); shift ;;
  esac
done
((${#positional[@]} == 4)) || fail "$usage"
source=${positional[0]} size=${positional[1]} method=${positional[2]} ext=${positional[3]}

# The server's rules (src/url.ts), so that a URL printed here is one it accepts.
[[ $size =~ ^([0-9]*)x([0-9]*)$ && ${#size} -le 11 ]] || fail "size: expected WxH, Wx or xH with integers up to 4096, got '$size'"
w=$((10#${BASH_REMATCH[1]:-0})) h=$((10#${BASH_REMATCH[2]:-0}))
((w + h > 0 && w <= 4096 && h <= 4096)) || fail "size: expected WxH, Wx or xH with integers up to 4096, got '$size'"
[[ $method =~ ^(crop|scale|smart)$ ]] || fail "method: expected one of crop, scale, smart, got '$method'"
[[ $ext =~ ^\.(jpg|jpeg|png|webp|avif)$ ]] || fail "ext: expected one of .jpg, .jpeg, .png, .webp, .avif, got '$ext'"
# iconv rejects malformed UTF-8 and encoded surrogates, which the server could not decode.
printf '%s' "$source" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 || fail "source: expected UTF-8"
[[ /$source/ != *//* && /$source/ != */./* && /$source/ != */../* ]] || fail "source: expected no empty, '.' or '..' path segments"
[[ $source != *\\* ]] || fail "source: expected no backslashes"
[[ $source != *[[:cntrl:]]* && $source != *$'\xc2'[$'\x80'-$'\x9f']* ]] || fail "source: expected no control characters"
((${#source} <= 1024)) || fail "source: expected at most 1024 bytes of UTF-8"
[[ ! $base =~ [[:space:]?#] ]] || fail "base: expected no whitespace, '?' or '#', got '$base'"

# encodeURIComponent per segment: keep A-Z a-z 0-9 - _ . ! ~ * ' ( ) and '/', %XX every other byte.
path=
for byte in $(printf '%s' "$source" | od -An -v -tx1); do
  printf -v char '%b' "\\x$byte"
  if [[ $char == [-A-Za-z0-9_.\!~*\'\(\)/] ]]; then path+=$char; else path+=%${byte^^}; fi
done

if ((legacy)); then
  secret=${LEGACY_SECRET_KEY:-}
  [[ -n $secret ]] || fail "LEGACY_SECRET_KEY is not set"
  # Django's salted_hmac(source, message, secret): HMAC-SHA1 keyed with SHA1(source + secret).
  key=$(printf '%s%s' "$source" "$secret" | openssl dgst -sha1 | awk '{print $NF}')
  sig=$(printf '%s' "$source-$size-$method-$ext" | openssl dgst -sha1 -mac HMAC -macopt "hexkey:$key" | awk '{print $NF}')
else
  # The first non-blank comma-separated key, trimmed, as the server reads THUMBS_SECRET.
  secret=
  IFS=, read -ra keys <<<"${THUMBS_SECRET:-}"
  for key in "${keys[@]}"; do
    [[ $key =~ ^[[:space:]]*(.*[^[:space:]])[[:space:]]*$ ]] && { secret=${BASH_REMATCH[1]}; break; }
  done
  [[ -n $secret ]] || fail "THUMBS_SECRET is not set"
  sig=$(printf '%s' "$source/$size/$method$ext" | openssl dgst -sha256 -hmac "$secret" | awk '{print substr($NF, 1, 32)}')
fi
printf '%s%s/%s/%s/%s%s\n' "${base%/}" "/$path" "$size" "$method" "$sig" "$ext"
