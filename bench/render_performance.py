#!/usr/bin/env python3
"""Prints the `## Rendering` section of docs/performance.md from the JSON of
`lightbox-cli bench render --out FILE.json` (one file per run)."""
import json
import sys


def main(path, build, commit):
    r = json.load(open(path))
    print("## Rendering\n")
    print(f"`lightbox-cli bench render` ({build}, commit {commit}): frames of {r['size']}x{r['size']} rendered offscreen")
    print("with Mesa llvmpipe under Xvfb (no GPU on this machine), multisampling off on both sides, each frame")
    print("followed by `WaitForCompletion` (glFinish). Median and 95th percentile of "
          f"{r['frames']} frames after warm-up; the peer is")
    print("VTK 9.1's stock image path run in the same process on the same voxels: `vtkImageResliceMapper` +")
    print("`vtkImageSlice` (windows on the CPU to 8 bits and uploads a texture every frame), camera moved for")
    print("scrolling and oblique planes, `SetSlabThickness(20)` + max for the slab.\n")
    print("| series | case | Lightbox median / p95 | VTK stock median / p95 | speed-up |")
    print("|---|---|---|---|---|")
    for c in r["cases"]:
        ours = f"{c['oursMedianMs']:.1f} / {c['oursP95Ms']:.1f} ms"
        if "stockMedianMs" in c:
            stock = f"{c['stockMedianMs']:.1f} / {c['stockP95Ms']:.1f} ms"
            speed = f"**{c['speedup']:.2f}x**"
        elif c["case"].startswith("empty frame"):
            stock, speed = "(the same for both)", "-"
        else:
            stock, speed = "(no 2-D peer)", "-"
        print(f"| {c['series']} | {c['case']} | {ours} | {stock} | {speed} |")
    m = r.get("memory")
    if m:
        print(f"\nMemory, 512x512x{int(m['voxelBytes'] / 512 / 512 / 2)} volume shown in three MPR planes: resident size grew by "
              f"{m['residentIncreaseBytes'] / 1e6:.0f} MB for {m['voxelBytes'] / 1e6:.0f} MB of voxels "
              f"(**{m['ratio']:.2f}x**; target at most 1.2x; the OpenGL driver started before the baseline).")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "dev build", sys.argv[3] if len(sys.argv) > 3 else "?")
