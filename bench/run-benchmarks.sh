#!/usr/bin/env bash
# Builds the release preset, writes a synthetic 1,000-slice CT, runs the
# series-load benchmark on the real 140-slice CT and on the synthetic one, and
# rewrites docs/performance.md with the measured ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release --target lightbox-cli lightbox-bench-series
cli=build/release/app/cli/lightbox-cli
bench=build/release/bench/lightbox-bench-series
real=../shared/data/dicom/dcm_qa_ct/In/Philips/S21570/S2020
synth=build/release/bench-data
if [ ! -f "$synth/truth.json" ]; then
  rm -rf "$synth"
  "$cli" synth --out "$synth" --only ct-current --slices 1000 --matrix 512
fi
synth_series=$(dirname "$(find "$synth" -name '*.dcm' | sort | head -1)")
results=()
if [ -d "$real" ]; then "$bench" "$real" --repeat "${REPEAT:-7}" --json > build/release/bench-real.json; results+=(build/release/bench-real.json); fi
"$bench" "$synth_series" --repeat "${REPEAT:-5}" --json > build/release/bench-synth.json; results+=(build/release/bench-synth.json)
# Archive benchmarks (a few minutes; LIGHTBOX_BENCH_QUICK=1 skips them and keeps earlier results).
if [ -z "${LIGHTBOX_BENCH_QUICK:-}" ]; then
  cmake --build --preset release --target lightbox-bench-archive
  python3 bench/ingest_benchmark.py "$cli" build/release/bench-ingest.json
  build/release/bench/lightbox-bench-archive --work build/release/bench-archive-work > build/release/bench-archive.json
  python3 bench/retrieve_benchmark.py "$cli" build/release/bench-retrieve.json
fi
# Display QC (seconds): a 12-bit LUT and a full acceptance evaluation, dcmdspfn as the peer.
cmake --build --preset release --target lightbox-bench-qc
build/release/bench/lightbox-bench-qc --markdown > build/release/bench-qc.md
results+=(--qc-markdown build/release/bench-qc.md)
[ -f build/release/bench-ingest.json ] && results+=(--ingest build/release/bench-ingest.json)
[ -f build/release/bench-archive.json ] && results+=(--archive build/release/bench-archive.json)
python3 bench/write_performance.py "${results[@]}" > docs/performance.md
# Presentation states (issue 7): a self-contained section appended to the page.
if [ -x build/release/bench/lightbox-bench-pstate ] || cmake --build --preset release --target lightbox-bench-pstate; then
  # --gui: the reading GUI's bitmap shutter and activated overlay, in viewports (needs X: a virtual display).
  { echo; bash scripts/with-xvfb.sh build/release/bench/lightbox-bench-pstate --repeat "${REPEAT_PSTATE:-101}" --markdown --gui; } >> docs/performance.md
fi
if [ -f build/release/bench-retrieve.json ]; then python3 bench/retrieve_benchmark.py --markdown build/release/bench-retrieve.json >> docs/performance.md; fi
cat docs/performance.md
