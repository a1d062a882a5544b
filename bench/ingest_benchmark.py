#!/usr/bin/env python3
"""Ingest rate over loopback, same 1,000 synthetic CT instances, same run:
lightbox-cli archive serve (durable before each acknowledgement: the object's
bytes and what its index row needs, in one flushed record of the object log,
which is the index commit's redo log) against Orthanc (default SQLite configuration) and DCMTK's
storescp writing to disk with no index and no fsync (the floor). DCMTK's
storescu sends, over 1 and over 4 concurrent associations. Each send starts
with the page cache flushed (os.sync()), so that no server pays for the
writeback of the one before it.

usage: ingest_benchmark.py LIGHTBOX_CLI OUT.json [--instances N] [--keep]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchsupport import free_port, wait_port  # noqa: E402


def send(files, port, aet, streams, env):
    chunks = [files[i::streams] for i in range(streams)]
    # What the previous server left unflushed (storescp and Orthanc do not
    # flush their files) is written out first: otherwise the kernel writes it
    # back during the next server's run, and that server's flushes wait for it.
    os.sync()
    start = time.time()
    procs = [subprocess.Popen(["storescu", "-aet", "BENCH", "-aec", aet, "127.0.0.1", str(port)] + c,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in chunks]
    for p in procs:
        _, err = p.communicate()
        if p.returncode != 0:
            raise RuntimeError("storescu failed: " + err.decode(errors="replace")[-500:])
    return time.time() - start


def main():
    cli, out = sys.argv[1], sys.argv[2]
    count = int(sys.argv[sys.argv.index("--instances") + 1]) if "--instances" in sys.argv else 1000
    env = dict(os.environ, TCP_NODELAY="1")  # every DCMTK peer gets Nagle off, as Lightbox sets it in code
    work = tempfile.mkdtemp(prefix="lightbox-ingest-")
    try:
        src = os.path.join(work, "src")
        subprocess.run([cli, "synth", "--out", src, "--only", "ct-current", "--slices", str(count)], check=True,
                       stdout=subprocess.DEVNULL)
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs if f.endswith(".dcm"))
        results = {"instances": len(files), "bytes": sum(os.path.getsize(f) for f in files), "runs": []}
        for streams in (1, 4):
            row = {"associations": streams}
            # storescp: the floor (no index, no fsync).
            port = free_port()
            target = os.path.join(work, "storescp-%d" % streams)
            os.makedirs(target)
            p = subprocess.Popen(["storescp", "-aet", "SCP", "-od", target, str(port)], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait_port(port)
            row["storescp_s"] = send(files, port, "SCP", streams, env)
            p.terminate(); p.wait()
            # Lightbox.
            port = free_port()
            p = subprocess.Popen([cli, "archive", "--root", os.path.join(work, "lightbox-%d" % streams), "serve",
                                  "--aet", "LIGHTBOX", "--port", str(port)], stdout=subprocess.DEVNULL)
            wait_port(port)
            row["lightbox_s"] = send(files, port, "LIGHTBOX", streams, env)
            p.terminate(); p.wait()
            # Orthanc, default configuration apart from ports and folders.
            port, http = free_port(), free_port()
            odir = os.path.join(work, "orthanc-%d" % streams)
            os.makedirs(odir)
            cfg = {"StorageDirectory": odir + "/storage", "IndexDirectory": odir + "/index", "HttpPort": http,
                   "DicomPort": port, "DicomAet": "ORTHANC", "RemoteAccessAllowed": False, "Plugins": []}
            with open(odir + "/orthanc.json", "w") as f:
                json.dump(cfg, f)
            p = subprocess.Popen(["Orthanc", odir + "/orthanc.json"], env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            wait_port(port)
            row["orthanc_s"] = send(files, port, "ORTHANC", streams, env)
            p.terminate(); p.wait()
            for k in ("storescp", "lightbox", "orthanc"):
                row[k + "_per_s"] = len(files) / row[k + "_s"]
            row["lightbox_vs_orthanc"] = row["lightbox_per_s"] / row["orthanc_per_s"]
            row["lightbox_time_vs_storescp"] = row["lightbox_s"] / row["storescp_s"]
            results["runs"].append(row)
            print(json.dumps(row))
        with open(out, "w") as f:
            json.dump(results, f, indent=2)
    finally:
        # --keep: a series of runs removes its folders only at the end (on ext4
        # without a journal, creating a file scans past the inodes of its group
        # deleted in the last minutes: a deletion slows the runs that follow).
        if "--keep" in sys.argv:
            print("kept " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
