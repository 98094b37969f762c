#!/usr/bin/env bash
# Regenerates the DAG picture shown in the README (docs/images/tour.svg) with
# `slipway graph` and Debian's graphviz.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
mkdir -p docs/images
build/slipway graph examples/tour/tour.slip | dot -Tsvg > docs/images/tour.svg.tmp
mv docs/images/tour.svg.tmp docs/images/tour.svg
echo "wrote docs/images/tour.svg"
