#!/usr/bin/env python3
"""Turns lightbox-bench-series JSON results into docs/performance.md."""
import datetime
import json
import platform
import subprocess
import sys


def cpu_name():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def archive_sections(ingest_path, archive_path):
    if ingest_path:
        r = json.load(open(ingest_path))
        print("\n## Archive ingest over DICOM (C-STORE on loopback)\n")
        print("`bench/ingest_benchmark.py`: the same %d synthetic CT instances (%.0f MB) sent by DCMTK's `storescu`"
              % (r["instances"], r["bytes"] / 1e6))
        print("over 1 and over 4 concurrent associations, in one run, to: `lightbox-cli archive serve` (before every")
        print("acknowledgement the object's data and staged name and the index commit recording it are on disk; the")
        print("move into place is replayed from the index after a crash), Orthanc 1.10")
        print("(default SQLite configuration), and DCMTK's `storescp` writing files with no index and no fsync (the")
        print("floor). TCP_NODELAY is on for every peer.\n")
        print("| associations | storescp (floor) | Lightbox | Orthanc | Lightbox vs Orthanc | Lightbox time vs storescp |")
        print("|---|---|---|---|---|---|")
        for row in r["runs"]:
            print("| %d | %.0f /s | %.0f /s | %.0f /s | **%.2fx** | **%.2fx** |" % (
                row["associations"], row["storescp_per_s"], row["lightbox_per_s"], row["orthanc_per_s"],
                row["lightbox_vs_orthanc"], row["lightbox_time_vs_storescp"]))
        print("\nTargets (issue 3): at least 2x Orthanc's rate, within 1.6x of storescp's time, without giving up")
        print("durability. One fsync of a new file costs about 1.6 ms on this machine's disk: with one association")
        print("every object waits for its own flushes, which bounds the single-stream rate.")
    if archive_path:
        a = json.load(open(archive_path))
        print("\n## Archive queries at 100,000 studies / 10 million instances\n")
        print("`lightbox-bench-archive` (release build): index rows generated directly (%d studies, %d series, %d"
              % (a["index"]["studies"], a["index"]["series"], a["index"]["instances"]))
        print("instances, %.1f GB index, generated in %.0f s); study-level queries, median of several runs.\n"
              % (a["indexBytes"] / 1e9, a["generationSeconds"]))
        print("| query | matching keys | matches | median |")
        print("|---|---|---|---|")
        for q in a["queries"]:
            print("| %s | `%s` | %d | %.2f ms |" % (q["query"], q["match"], q["matches"], q["medianMs"]))
        print("\nStoring 1,000 synthetic CT instances from 4 threads: %.0f objects/s into an empty archive, %.0f/s into"
              % (a["storeEmpty"]["medianObjectsPerSecond"], a["storeFull"]["medianObjectsPerSecond"]))
        print("the full one (ratio %.2f; target: within 20 %%). Target for queries: under 50 ms." % a["storeFullVsEmpty"])


def main(paths):
    ingest = archive = qc = None
    if "--qc-markdown" in paths:
        i = paths.index("--qc-markdown"); qc = paths[i + 1]; del paths[i:i + 2]
    if "--ingest" in paths:
        i = paths.index("--ingest"); ingest = paths[i + 1]; del paths[i:i + 2]
    if "--archive" in paths:
        i = paths.index("--archive"); archive = paths[i + 1]; del paths[i:i + 2]
    runs = [json.load(open(p)) for p in paths]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print("# Performance\n")
    print("Measured by `bench/run-benchmarks.sh` (release build) on %s, %d hardware threads, commit %s, %s."
          % (cpu_name(), runs[0]["threads"], commit or "?", datetime.date.today().isoformat()))
    print("Each figure is the median of several runs after one warm-up, files in the page cache.")
    print("Absolute times depend on the (shared, noisy) machine; the ratios against peers run")
    print("in the same process and the same minute are the result.\n")
    print("## Loading a series into one volume\n")
    print("Peers: ITK 5.2 `ImageSeriesReader` + `GDCMImageIO` with `GDCMSeriesFileNames` (how")
    print("applications usually load a series), and a single-threaded loop of GDCM 3.0")
    print("`gdcm::ImageReader` + `GetBuffer` (the decoding floor on one core). Lightbox: header scan")
    print("and sort (`scanForSeries`) plus `loadVolume` on all cores, native slices read straight")
    print("into the volume. Every run checks that Lightbox's voxels equal ITK's.\n")
    print("| series | files | Lightbox | header scan + sort | first slice (from start / after sort) | Lightbox 1 thread | ITK | GDCM loop | vs ITK | vs GDCM loop | same voxels |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        name = r["directory"].rstrip("/").split("/")[-1]
        label = "real CT " + name if "dcm_qa_ct" in r["directory"] else "synthetic CT " + name
        print("| %s | %d | %.3f s | %.0f ms | %.0f ms / %.1f ms | %.3f s | %.3f s | %.3f s | **%.1fx faster** | **%.2fx its time** | %s |" % (
            label, r["files"], r["lightbox_s"], 1000 * r["lightbox_scan_s"], 1000 * r["lightbox_first_slice_s"],
            1000 * r["lightbox_first_slice_after_scan_s"], r["lightbox_one_thread_s"],
            r["itk_s"], r["gdcm_loop_s"], r["speedup_vs_itk"], r["ratio_to_gdcm_loop"],
            "yes" if r["same_voxels_as_itk"] else "NO"))
    print("\nTargets (issue 2): at least 3x faster than ITK, at most 0.6x the single-threaded GDCM loop,")
    print("first slice ready in under 100 ms. \"First slice\" is given from the start of the directory")
    print("scan (every header read and the stack sorted) and from the start of `loadVolume`.")
    print("\nWhat makes the difference: headers are read once (GDCM, stopping before Pixel Data, in")
    print("parallel); native slices are then read with one `pread` straight into their place in the")
    print("volume and rescaled in place (no intermediate buffer, no zero-filled allocation); all")
    print("cores work on slices; compressed slices go through the codecs, also in parallel.")
    archive_sections(ingest, archive)
    if qc:
        # lightbox-bench-qc --markdown writes its own self-contained section.
        print()
        print(open(qc).read().rstrip())


if __name__ == "__main__":
    main(sys.argv[1:])
