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
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchsupport import free_port, wait_port  # noqa: E402


def option(name, default):
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def cpu_seconds(pid):
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(cmd, env):
    """Wall seconds and CPU seconds (user + system) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    r = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.time() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise RuntimeError("%s failed: %s" % (cmd[0], (r.stdout + r.stderr).decode(errors="replace")[-800:]))
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def count_files(d):
    return sum(len(fs) for _, _, fs in os.walk(d))


def main():
    args = [a for a in sys.argv[1:]]
    rounds, count = int(args[0]), int(args[1])
    builds = [a.split("=", 1) for a in args[2:] if "=" in a and not a.startswith("--")]
    methods = option("--methods", "get,move").split(",")
    matrix = option("--matrix", 512)
    extra = option("--extra", "").split()
    env = dict(os.environ, TCP_NODELAY="1")
    work = tempfile.mkdtemp(prefix="lightbox-retrieve-ab-")
    procs = []
    try:
        src = os.path.join(work, "src")
        subprocess.run([builds[0][1], "synth", "--out", src, "--only", "ct-current", "--slices", str(count), "--matrix",
                        str(matrix)], check=True, stdout=subprocess.DEVNULL)
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs if f.endswith(".dcm"))
        http, dicom, local, movescp = free_port(), free_port(), free_port(), free_port()
        cfg = {"Name": "AB", "StorageDirectory": os.path.join(work, "orthanc", "storage"),
               "IndexDirectory": os.path.join(work, "orthanc", "index"), "HttpPort": http, "DicomPort": dicom,
               "DicomAet": "ORTHANC", "RemoteAccessAllowed": False, "AuthenticationEnabled": False,
               "DicomModalities": {"lightbox": ["LIGHTBOX", "127.0.0.1", local], "getscu": ["GETSCU", "127.0.0.1", 1],
                                   "movescp": ["MOVESCP", "127.0.0.1", movescp]}}
        os.makedirs(os.path.join(work, "orthanc"))
        with open(os.path.join(work, "orthanc", "orthanc.json"), "w") as f:
            json.dump(cfg, f)
        orthanc = subprocess.Popen(["Orthanc", os.path.join(work, "orthanc", "orthanc.json")], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(orthanc)
        wait_port(http, 60)
        wait_port(dicom, 60)
        for f in files:
            with open(f, "rb") as fh:
                urllib.request.urlopen(urllib.request.Request("http://127.0.0.1:%d/instances" % http, data=fh.read())).read()
        dump = subprocess.run([builds[0][1], "dump", files[0]], stdout=subprocess.PIPE, check=True).stdout.decode()
        study = next(l for l in dump.splitlines() if l.lower().startswith("(0020,000d)")).split()[-1].strip("[]")
        moved = os.path.join(work, "moved")
        os.makedirs(moved)
        storescp = subprocess.Popen(["storescp", "-aet", "MOVESCP", "-od", moved, str(movescp)], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(storescp)
        wait_port(movescp, 60)
        node = ["--aet", "ORTHANC", "--host", "127.0.0.1", "--port", str(dicom), "--local-aet", "LIGHTBOX",
                "--local-port", str(local)]
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
                        w, c = run(["getscu", "-S", "-aet", "GETSCU", "-aec", "ORTHANC", "-od", d, "127.0.0.1", str(dicom),
                                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study], env)
                        assert count_files(d) == count
                    elif cli is None:
                        os.rename(moved, moved + "-%d" % n)
                        os.makedirs(moved)
                        w, c = run(["movescu", "-S", "-aet", "GETSCU", "-aec", "ORTHANC", "-aem", "MOVESCP", "127.0.0.1",
                                    str(dicom), "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study], env)
                        assert count_files(moved) == count, count_files(moved)
                        c += cpu_seconds(storescp.pid) - receiver  # movescu's CPU plus its receiver's
                    else:
                        root = os.path.join(work, "archive-%d" % n)
                        w, c = run([cli, "pacs"] + node + ["retrieve", "--study", study, "--into", root, "--method", method]
                                   + extra, env)
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
    finally:
        for p in procs:
            p.terminate()
            p.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
