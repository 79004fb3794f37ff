#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Every tracked file carries an SPDX-License-Identifier in its first lines:
# MIT under include/public/, GPL-2.0-only everywhere else.  The licence
# texts themselves are exempt, and so are fuzz inputs (byte-exact data
# that a header line would change).
set -u
cd "$(dirname "$0")/.." || exit 1
bad=0 n=0
while IFS= read -r f; do
    case "$f" in
    LICENSE | include/public/COPYING) continue ;;
    tests/fuzz/corpus/* | tests/fuzz/regressions/*) continue ;;
    include/public/*) want=MIT ;;
    *) want=GPL-2.0-only ;;
    esac
    n=$((n + 1))
    if ! head -n 3 "$f" | grep -q "SPDX-License-Identifier: $want\b"; then
        echo "license-check: $f: missing 'SPDX-License-Identifier: $want'"
        bad=$((bad + 1))
    fi
done < <(git ls-files)
if [ "$bad" -ne 0 ]; then
    echo "license-check: $bad of $n files lack the right SPDX line"
    exit 1
fi
echo "license-check: $n files carry the right SPDX line"
