#!/usr/bin/env python3
"""Opening a study: time from "open study" to the first image of the current
study on screen and to the prior in place, measured in-app (`lightbox
--timing`), for the synthetic CT chest (current + prior) at 140 and 1,000
slices from the local archive.

"Prior in place" is what the radiologist sees: the prior's viewport shows the
slice that corresponds to the current's (by the shared Frame of Reference or
the pair's registration - the synthetic ct-prior has another frame of
reference, so the registration, from the archive's cache) in the protocol's
preset, and that frame is on screen (the app's "prior in place" mark). Builds
without that mark are credited with the later of "first prior image on screen"
and "prior registered" (the registration reaching the sync: a lower bound, the
frame after it is not counted). Every opening is timed with the registration
in the cache: one untimed opening per build and size fills it first (the first
opening of a pair registers, about ten seconds; docs/performance.md, "Prior in
place through registration").

There is no peer GUI to time here, so the reference is our own offscreen
`lightbox-cli render --series DIR` of the same current series in the same run
(read headers, decode the whole series, render one GPU image, write a PNG).

To compare a change, give the `lightbox` of another build (an earlier commit,
copied aside) with --compare LABEL=PATH[,VAR=VALUE...] (environment variables
for that run, e.g. LIGHTBOX_OPEN_HEADERS_FIRST=1 for builds that have it):
every opening then runs once per build in turn, interleaved, so that the load
of a shared machine falls on all of them alike.

Usage (under an X display; scripts/with-xvfb.sh provides one):
  bench/open_study_benchmark.py --build build/release [--slices 140 1000] [--runs 3] [--work DIR]
                                [--compare LABEL=PATH[,VAR=VALUE...]]...
Prints a Markdown table for docs/performance.md; each run's marks on stderr.
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
    "paint": "window's first paint begins",
    "index": "current study's index read",
    "headers": "current study's headers read",
    "layout": "protocol chosen, viewports laid out",
    "middle": "middle slice of the current series decoded",
    "first": "first image of the current study on screen",
    "loaded": "current series loaded",
    "prior_headers": "most relevant prior's headers read",
    "prior": "first prior image on screen",
    "registered": "prior registered",
    "in_place": "prior in place (its synced slice on screen)",
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


def parse_compare(text, env):
    """LABEL=PATH[,VAR=VALUE...] -> (label, path, environment)."""
    label, rest = text.split("=", 1)
    parts = rest.split(",")
    extra = dict(p.split("=", 1) for p in parts[1:])
    return label, parts[0], dict(env, **extra)


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
    ap.add_argument("--compare", action="append", default=[], metavar="LABEL=PATH[,VAR=VALUE...]",
                    help="another build's lightbox, run interleaved with this one")
    a = ap.parse_args()
    cli = os.path.join(a.build, "app/cli/lightbox-cli")
    gui = os.path.join(a.build, "app/gui/lightbox")
    work = a.work or tempfile.mkdtemp(prefix="lightbox-open-")
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = os.path.join(work, "config")  # no remote nodes: local priors only
    builds = [("this build", gui, env)] + [parse_compare(c, env) for c in a.compare]
    rows = []
    for slices in a.slices:
        archive, uids = prepare(cli, work, slices)
        for label, exe, build_env in builds:  # untimed: the pair's registration into the cache
            warm = open_once(exe, archive, uids["ct-current"], os.path.join(work, "open.png"), build_env)
            print("  warm-up (%s): %s" % (label, json.dumps(warm)), file=sys.stderr)
        opened = {label: [] for label, _, _ in builds}
        rendered = []
        for i in range(a.runs):
            for label, exe, build_env in builds:
                opened[label].append(open_once(exe, archive, uids["ct-current"], os.path.join(work, "open.png"), build_env))
            rendered.append(render_once(cli, uids["ct-current-dir"], os.path.join(work, "render.png")))
        for mode, runs in opened.items():
            for t in runs:
                if "in_place" not in t and "prior" in t and "registered" in t:
                    t["in_place"] = max(t["prior"], t["registered"])
                    t["in_place_bound"] = True
            med = lambda key: statistics.median([t[key] for t in runs if key in t] or [float("nan")])
            row = {k: med(k) for k in EVENTS}
            row["mode"] = mode
            row["slices"] = slices
            row["render"] = statistics.median(rendered)
            row["first_range"] = "%d-%d" % (min(t["first"] for t in runs), max(t["first"] for t in runs))
            row["prior_after_local"] = statistics.median(
                [t["in_place"] - t["prior_headers"] for t in runs if "in_place" in t and "prior_headers" in t] or [float("nan")])
            places = [t["in_place"] for t in runs if "in_place" in t]
            row["in_place_range"] = "%d-%d" % (min(places), max(places)) if places else "-"
            row["in_place_bound"] = any(t.get("in_place_bound") for t in runs)
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
            for t in runs:
                print("  run (%s): %s" % (mode, json.dumps(t)), file=sys.stderr)
    print("| slices (256x256) | build | index read | laid out | middle slice decoded | window's first paint | "
          "first image (current) | headers read | current volume loaded | prior's headers read | first prior image | "
          "prior in place (from the click) | prior in place after its headers | all viewports | "
          "`lightbox-cli render --series` (peer) | first image / peer |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    fmt = lambda v: "-" if v != v else "%.0f ms" % v
    for r in rows:
        bound = " (bound)" if r["in_place_bound"] else ""
        print("| %d | %s | %s | %s | %s | %s | **%s** (%s) | %s | %s | %s | %s | **%s** (%s)%s | %s | %s | %.0f ms | %.2f |" % (
            r["slices"], r["mode"], fmt(r["index"]), fmt(r["layout"]), fmt(r["middle"]), fmt(r["paint"]), fmt(r["first"]),
            r["first_range"], fmt(r["headers"]), fmt(r["loaded"]), fmt(r["prior_headers"]), fmt(r["prior"]),
            fmt(r["in_place"]), r["in_place_range"], bound, fmt(r["prior_after_local"]), fmt(r["all"]), r["render"],
            r["first"] / r["render"]))


if __name__ == "__main__":
    main()
