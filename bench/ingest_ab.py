#!/usr/bin/env python3
"""Interleaved A/B of ingest builds (and storescp, the floor): each round sends
the same files once to every server, in turn, over loopback with DCMTK's
storescu; prints the median and best wall time and the server's CPU (user +
system, from /proc) per object. Folders are removed only at the end: on ext4
without a journal, creating a file scans past the inodes of its group deleted
in the last minutes, so a deletion between runs slows whichever run follows.

usage: ingest_ab.py SOURCE_DIR ROUNDS OBJECTS ASSOCIATIONS SERVER... (a lightbox-cli path, or "storescp")
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchsupport import free_port, wait_port  # noqa: E402


def cpu_seconds(pid):
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    source, rounds, count, streams = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    servers = sys.argv[5:]
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(source) for f in fs if f.endswith(".dcm"))[:count]
    env = dict(os.environ, TCP_NODELAY="1")
    wall = {s: [] for s in servers}
    cpu = {s: [] for s in servers}
    work = tempfile.mkdtemp(prefix="lightbox-ingest-ab-")
    try:
        for r in range(rounds):
            for n, server in enumerate(servers):
                target = os.path.join(work, "%d-%d" % (r, n))
                port = free_port()
                if server == "storescp":
                    os.makedirs(target)
                    cmd = ["storescp", "-aet", "LIGHTBOX", "-od", target, str(port)]
                else:
                    cmd = [server, "archive", "--root", target, "serve", "--aet", "LIGHTBOX", "--port", str(port)]
                p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                wait_port(port)
                before = cpu_seconds(p.pid)
                start = time.time()
                senders = [subprocess.Popen(["storescu", "-aet", "BENCH", "-aec", "LIGHTBOX", "127.0.0.1", str(port)]
                                            + files[i::streams], env=env, stdout=subprocess.DEVNULL)
                           for i in range(streams)]
                for s in senders:
                    if s.wait() != 0:
                        raise RuntimeError("storescu failed against " + server)
                wall[server].append(time.time() - start)
                cpu[server].append(cpu_seconds(p.pid) - before)
                p.terminate()
                p.wait()
    finally:
        shutil.rmtree(work)
    for s in servers:
        print("%-40s median %.2f s  best %.2f s  CPU %.3f ms/object  runs %s" % (
            s, statistics.median(wall[s]), min(wall[s]), 1000 * statistics.median(cpu[s]) / len(files),
            " ".join("%.2f" % x for x in wall[s])))


if __name__ == "__main__":
    main()
