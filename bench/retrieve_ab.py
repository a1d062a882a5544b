#!/usr/bin/env python3
"""Interleaved A/B of DIMSE retrieve builds against DCMTK's getscu / movescu
(to storescp), from one Orthanc holding one synthetic CT study: each round
runs every peer and every build once, in turn; prints per method the median
wall time, the median CPU (user + system) per instance of the retrieving
process (movescu: plus storescp's), and Orthanc's CPU per instance in the same runs (on a small machine
the peers compete for the same cores). Folders are removed only at the end
(see ingest_ab.py on ext4 without a journal).

usage: retrieve_ab.py ROUNDS INSTANCES LABEL=LIGHTBOX_CLI... [--methods get,move] [--matrix 512]
       [--extra "ARGS"] (extra words for every lightbox retrieve, e.g. "--parallel 2")
"""
import os
import shutil
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchsupport import RetrievePeer, count_files, option, run_timed  # noqa: E402


def cpu_seconds(pid):
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    args = [a for a in sys.argv[1:]]
    rounds, count = int(args[0]), int(args[1])
    builds = [a.split("=", 1) for a in args[2:] if "=" in a and not a.startswith("--")]
    methods = option("--methods", "get,move").split(",")
    matrix = option("--matrix", 512)
    extra = option("--extra", "").split()
    env = dict(os.environ, TCP_NODELAY="1")
    work = tempfile.mkdtemp(prefix="lightbox-retrieve-ab-")
    try:
        with RetrievePeer(builds[0][1], work, count, matrix, env) as peer_set:
            run_rounds(peer_set, work, rounds, count, builds, methods, extra, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_rounds(peer_set, work, rounds, count, builds, methods, extra, env):
    orthanc, storescp, moved = peer_set.orthanc, peer_set.storescp, peer_set.moved
    peers = {"get": "getscu", "move": "movescu"}
    keys = [(m, peers[m]) for m in methods] + [(m, label) for m in methods for label, _ in builds]
    wall = {k: [] for k in keys}
    cpu = {k: [] for k in keys}
    pacs_cpu = {k: [] for k in keys}
    n = 0
    for r in range(rounds + 1):  # round 0 warms the caches and is dropped
        for method in methods:
            order = [(peers[method], None)] + builds
            if r % 2:
                order = order[::-1]  # alternate who goes first
            for label, cli in order:
                n += 1
                before = cpu_seconds(orthanc.pid)
                receiver = cpu_seconds(storescp.pid)
                if cli is None and method == "get":
                    d = os.path.join(work, "out-%d" % n)
                    os.makedirs(d)
                    w, c = run_timed(peer_set.getscu(d), env)
                    assert count_files(d) == count
                elif cli is None:
                    os.rename(moved, moved + "-%d" % n)
                    os.makedirs(moved)
                    w, c = run_timed(peer_set.movescu(), env)
                    assert count_files(moved) == count, count_files(moved)
                    c += cpu_seconds(storescp.pid) - receiver  # movescu's CPU plus its receiver's
                else:
                    w, c = run_timed(peer_set.lightbox(cli, os.path.join(work, "archive-%d" % n), method, extra), env)
                o = cpu_seconds(orthanc.pid) - before
                if r > 0:
                    wall[(method, label)].append(w)
                    cpu[(method, label)].append(c)
                    pacs_cpu[(method, label)].append(o)
    print("%-6s %-12s %9s %9s %14s %16s" % ("method", "who", "wall s", "vs peer", "CPU ms/inst", "Orthanc ms/inst"))
    for method in methods:
        peer = statistics.median(wall[(method, peers[method])])
        for m, label in keys:
            if m != method:
                continue
            med = statistics.median(wall[(m, label)])
            print("%-6s %-12s %9.3f %8.2fx %14.2f %16.2f" % (
                m, label, med, med / peer, 1000 * statistics.median(cpu[(m, label)]) / count,
                1000 * statistics.median(pacs_cpu[(m, label)]) / count))
    print("load average %.1f %.1f %.1f" % os.getloadavg())


if __name__ == "__main__":
    main()
