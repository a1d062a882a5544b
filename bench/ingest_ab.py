#!/usr/bin/env python3
"""Interleaved A/B of ingest builds (and storescp, the floor): each round sends
the same files once to every server, in turn, over loopback with DCMTK's
storescu; prints the median and best wall time and the server's CPU (user +
system, from /proc) per object. Folders are removed only at the end: on ext4
without a journal, creating a file scans past the inodes of its group deleted
in the last minutes, so a deletion between runs slows whichever run follows.
Each send starts with the page cache flushed (os.sync()): storescp does not
flush its files, and their writeback would otherwise land in the next run.

With --flushes, one more untimed round runs each server under `strace -f -c`
and prints its flush calls (fdatasync, fsync) per object: how many flushes
concurrent associations share.

usage: ingest_ab.py [--flushes] SOURCE_DIR ROUNDS OBJECTS ASSOCIATIONS SERVER... (a lightbox-cli path, or "storescp")
"""
import os
import shutil
import signal
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


def run_once(server, target, files, streams, env, strace_out=None):
    """Sends the files to a fresh server; returns (wall seconds, server CPU seconds)."""
    port = free_port()
    if server == "storescp":
        os.makedirs(target)
        cmd = ["storescp", "-aet", "LIGHTBOX", "-od", target, str(port)]
    else:
        cmd = [server, "archive", "--root", target, "serve", "--aet", "LIGHTBOX", "--port", str(port)]
    if strace_out:
        cmd = ["strace", "-f", "-c", "-o", strace_out, "-e", "trace=fdatasync,fsync"] + cmd
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_port(port)
    os.sync()  # the previous server's unflushed files are not this one's to wait for
    before = cpu_seconds(p.pid)
    start = time.time()
    senders = [subprocess.Popen(["storescu", "-aet", "BENCH", "-aec", "LIGHTBOX", "127.0.0.1", str(port)]
                                + files[i::streams], env=env, stdout=subprocess.DEVNULL)
               for i in range(streams)]
    for s in senders:
        if s.wait() != 0:
            raise RuntimeError("storescu failed against " + server)
    wall = time.time() - start
    cpu = cpu_seconds(p.pid) - before
    if strace_out:  # the server is strace's child: stop it, strace then writes its summary
        for child in open("/proc/%d/task/%d/children" % (p.pid, p.pid)).read().split():
            os.kill(int(child), signal.SIGTERM)
    else:
        p.terminate()
    p.wait()
    return wall, cpu


def flush_calls(strace_summary):
    calls = 0
    for line in open(strace_summary):
        fields = line.split()
        if fields and fields[-1] in ("fdatasync", "fsync"):
            calls += int(fields[3])
    return calls


def main():
    args = sys.argv[1:]
    flushes = "--flushes" in args
    if flushes:
        args.remove("--flushes")
    source, rounds, count, streams = args[0], int(args[1]), int(args[2]), int(args[3])
    servers = args[4:]
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(source) for f in fs if f.endswith(".dcm"))[:count]
    env = dict(os.environ, TCP_NODELAY="1")
    wall = {s: [] for s in servers}
    cpu = {s: [] for s in servers}
    flush_count = {}
    work = tempfile.mkdtemp(prefix="lightbox-ingest-ab-")
    try:
        for r in range(rounds):
            for n, server in enumerate(servers):
                wall_s, cpu_s = run_once(server, os.path.join(work, "%d-%d" % (r, n)), files, streams, env)
                wall[server].append(wall_s)
                cpu[server].append(cpu_s)
        if flushes:
            for n, server in enumerate(servers):
                summary = os.path.join(work, "strace-%d.txt" % n)
                run_once(server, os.path.join(work, "strace-%d" % n), files, streams, env, summary)
                flush_count[server] = flush_calls(summary)
    finally:
        shutil.rmtree(work)
    for s in servers:
        print("%-40s median %.2f s  best %.2f s  CPU %.3f ms/object  runs %s" % (
            s, statistics.median(wall[s]), min(wall[s]), 1000 * statistics.median(cpu[s]) / len(files),
            " ".join("%.2f" % x for x in wall[s])))
        if s in flush_count:
            print("%-40s flushes (fdatasync + fsync, strace round) %.2f per object" % (s, flush_count[s] / len(files)))


if __name__ == "__main__":
    main()
