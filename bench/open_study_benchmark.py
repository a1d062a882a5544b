#!/usr/bin/env python3
"""Opening a study: time from "open study" to the first image of the current
study on screen and to the prior in place, measured in-app (`lightbox
--timing`), for the synthetic CT chest (current + prior) at 140 and 1,000
slices from the local archive.

There is no peer GUI to time here, so the reference is our own offscreen
`lightbox-cli render --series DIR` of the same current series in the same run
(read headers, decode the whole series, render one GPU image, write a PNG).

Usage (under an X display; scripts/with-xvfb.sh provides one):
  bench/open_study_benchmark.py --build build/release [--slices 140 1000] [--runs 3] [--work DIR]
Prints a Markdown table for docs/performance.md.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

EVENTS = {
    "index": "current study's index read",
    "headers": "current study's headers read",
    "layout": "protocol chosen, viewports laid out",
    "first": "first image of the current study on screen",
    "loaded": "current series loaded",
    "prior_headers": "most relevant prior's headers read",
    "prior": "first prior image on screen",
    "all": "all viewports filled",
}


def run(cmd, env=None):
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), r.returncode, r.stderr[-2000:]))
    return r


def prepare(cli, work, slices):
    """Synthetic CT chest current + prior, imported into an archive of their own."""
    synth = os.path.join(work, "synth-%d" % slices)
    archive = os.path.join(work, "archive-%d" % slices)
    uids = {}
    for item in ("ct-current", "ct-prior"):
        out = os.path.join(synth, item)
        if not os.path.exists(os.path.join(out, "truth.json")):
            run([cli, "synth", "--out", out, "--slices", str(slices), "--only", item])
        truth = json.load(open(os.path.join(out, "truth.json")))
        study = truth["patients"][0]["studies"][0]
        uids[item] = study["studyInstanceUid"]
        uids[item + "-dir"] = os.path.join(out, study["series"][0]["folder"])  # relative to the output folder
    if not os.path.exists(archive):
        run([cli, "archive", "--root", archive, "import", synth])
    return archive, uids


def open_once(gui, archive, uid, shot, env):
    r = run([gui, "--archive", archive, "--open", uid, "--screenshot", shot, "--timing"], env)
    times = {}
    for key, text in EVENTS.items():
        m = re.search(r"lightbox timing: %s (\d+) ms" % re.escape(text), r.stderr)
        if m:
            times[key] = int(m.group(1))
    return times


def render_once(cli, series_dir, shot):
    t = time.perf_counter()
    run([cli, "render", "--series", series_dir, "--out", shot])
    return (time.perf_counter() - t) * 1000.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build/release")
    ap.add_argument("--slices", type=int, nargs="+", default=[140, 1000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work")
    a = ap.parse_args()
    cli = os.path.join(a.build, "app/cli/lightbox-cli")
    gui = os.path.join(a.build, "app/gui/lightbox")
    work = a.work or tempfile.mkdtemp(prefix="lightbox-open-")
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = os.path.join(work, "config")  # no remote nodes: local priors only
    rows = []
    for slices in a.slices:
        archive, uids = prepare(cli, work, slices)
        opened, rendered = [], []
        for i in range(a.runs):
            opened.append(open_once(gui, archive, uids["ct-current"], os.path.join(work, "open.png"), env))
            rendered.append(render_once(cli, uids["ct-current-dir"], os.path.join(work, "render.png")))
        med = lambda key: statistics.median([t[key] for t in opened if key in t] or [float("nan")])
        row = {k: med(k) for k in EVENTS}
        row["slices"] = slices
        row["render"] = statistics.median(rendered)
        row["prior_after_local"] = statistics.median(t["prior"] - t["prior_headers"] for t in opened)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
        for t in opened:
            print("  run: " + json.dumps(t), file=sys.stderr)
    print("| slices (256x256) | index read | headers read | laid out | first image (current) | current volume loaded | "
          "prior's headers read | prior in place | prior in place after its headers | all viewports | "
          "`lightbox-cli render --series` (peer) | first image / peer |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.2f |" % (
            r["slices"], r["index"], r["headers"], r["layout"], r["first"], r["loaded"], r["prior_headers"], r["prior"],
            r["prior_after_local"], r["all"], r["render"], r["first"] / r["render"]))


if __name__ == "__main__":
    main()
