#!/usr/bin/env bash
# Debian packages the test suite and evaluations use beyond PyPI:
#   libxml-parser-perl  ROUGE-1.5.5 (tilse's timeline metrics) needs Perl's XML::Parser
#   chromium            browser tests of the web app (Playwright drives it; never downloaded)
#   postgresql          the store's tests against a real PostgreSQL server
# Installs what is missing when run as root with apt-get; otherwise says what is missing, and
# the tests that need it skip themselves.
set -uo pipefail

missing=()
perl -MXML::Parser -e1 2>/dev/null || missing+=(libxml-parser-perl)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/lib/postgresql ] || missing+=(postgresql)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "system-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || echo "system-deps: could not install ${missing[*]}; tests that need them will skip" >&2
else
    echo "system-deps: missing ${missing[*]} (install with apt-get as root); tests that need them will skip" >&2
fi
exit 0
