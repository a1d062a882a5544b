#!/usr/bin/env python3
"""Prints the table of the `## Rendering` section of docs/performance.md from
the JSON of one or more `lightbox-cli bench render --out FILE.json` runs.

    render_performance.py r1.json [r2.json ...] [--build TEXT] [--commit SHA]

With several runs (the machine is shared: run it two or three times), each
frame time is the median of the runs' medians (and p95s), and the speed-up the
median of the runs' own speed-ups (ours and the peer measured in the same run).
"""
import argparse
import json
import statistics


def merged_cases(runs):
    """(series, case) -> list of that case's entries, one per run, in first-run order."""
    order, by_key = [], {}
    for run in runs:
        for c in run["cases"]:
            key = (c["series"], c["case"])
            if key not in by_key:
                order.append(key)
                by_key[key] = []
            by_key[key].append(c)
    return [(key, by_key[key]) for key in order]


def median_of(entries, field):
    values = [e[field] for e in entries if field in e]
    return statistics.median(values) if values else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", nargs="+", help="JSON files of `lightbox-cli bench render --out`")
    parser.add_argument("--build", default="dev build")
    parser.add_argument("--commit", default="?")
    args = parser.parse_args()
    runs = [json.load(open(path)) for path in args.runs]
    r = runs[0]
    n = len(runs)
    print("## Rendering\n")
    print(f"`lightbox-cli bench render` ({args.build}, commit {args.commit}): frames of {r['size']}x{r['size']} rendered offscreen")
    print("with Mesa llvmpipe under Xvfb (no GPU on this machine), multisampling off on both sides, each frame")
    print("followed by `WaitForCompletion` (glFinish). Median and 95th percentile of "
          f"{r['frames']} frames after warm-up"
          + (f", each the median of {n} runs (the speed-up: the median of the runs' own ratios)" if n > 1 else "")
          + "; the peer is")
    print("VTK 9.1's stock image path run in the same process on the same voxels: `vtkImageResliceMapper` +")
    print("`vtkImageSlice` (windows on the CPU to 8 bits and uploads a texture every frame), camera moved for")
    print("scrolling and oblique planes, `SetSlabThickness(20)` + max for the slab.\n")
    print("| series | case | Lightbox median / p95 | VTK stock median / p95 | speed-up |")
    print("|---|---|---|---|---|")
    for (series, case), entries in merged_cases(runs):
        ours = f"{median_of(entries, 'oursMedianMs'):.1f} / {median_of(entries, 'oursP95Ms'):.1f} ms"
        if median_of(entries, "stockMedianMs") is not None:
            stock = f"{median_of(entries, 'stockMedianMs'):.1f} / {median_of(entries, 'stockP95Ms'):.1f} ms"
            speed = f"**{median_of(entries, 'speedup'):.2f}x**"
            if n > 1:
                speed += " (" + ", ".join(f"{e['speedup']:.2f}" for e in entries) + ")"
        elif case.startswith("empty frame"):
            stock, speed = "(the same for both)", "-"
        else:
            stock, speed = "(no 2-D peer)", "-"
        print(f"| {series} | {case} | {ours} | {stock} | {speed} |")
    memories = [run["memory"] for run in runs if run.get("memory")]
    if memories:
        m = memories[0]
        ratio = statistics.median(x["ratio"] for x in memories)
        grew = statistics.median(x["residentIncreaseBytes"] for x in memories)
        print(f"\nMemory, 512x512x{int(m['voxelBytes'] / 512 / 512 / 2)} volume shown in three MPR planes: resident size grew by "
              f"{grew / 1e6:.0f} MB for {m['voxelBytes'] / 1e6:.0f} MB of voxels "
              f"(**{ratio:.2f}x**; target at most 1.2x; the OpenGL driver started before the baseline).")


if __name__ == "__main__":
    main()
