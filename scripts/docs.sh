#!/usr/bin/env bash
# Builds the API reference (Doxygen) into build/docs/html. Any warning fails, so a public
# name without a doc comment, or a broken reference, cannot land.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
mkdir -p build/docs
rm -f build/docs/warnings.log
if ! doxygen docs/Doxyfile; then
    cat build/docs/warnings.log
    echo "docs: FAILED"
    exit 1
fi
if [[ -s build/docs/warnings.log ]]; then
    cat build/docs/warnings.log
    echo "docs: FAILED"
    exit 1
fi
echo "docs: build/docs/html/index.html, no warning"
