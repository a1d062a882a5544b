"""Small helpers shared by the Python benchmarks (ports of the peers they start)."""
import socket
import time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nothing listens on port %d" % port)


def option(name, default):
    """The value after `name` on the command line, of default's type; default when absent."""
    import sys
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def count_files(d):
    import os
    return sum(len(fs) for _, _, fs in os.walk(d))


def run_timed(cmd, env):
    """Runs one command; its wall seconds and CPU seconds (user + system). Raises with its output when it fails."""
    import resource
    import subprocess
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    r = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.time() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise RuntimeError("%s failed: %s" % (cmd[0], (r.stdout + r.stderr).decode(errors="replace")[-800:]))
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


class RetrievePeer:
    """One Orthanc (default SQLite configuration, DICOMweb plugin when asked) holding one synthetic CT study of
    `count` instances, and a storescp listening as MOVESCP for movescu: what the retrieve benchmarks fetch from.
    Use as a context manager; the processes are stopped at the end (folders are the caller's)."""

    def __init__(self, cli, work, count, matrix, env, dicomweb=False):
        self.procs = []
        try:
            self._start(cli, work, count, matrix, env, dicomweb)
        except BaseException:
            self.__exit__()
            raise

    def _start(self, cli, work, count, matrix, env, dicomweb):
        import json
        import os
        import subprocess
        import urllib.request
        src = os.path.join(work, "src")
        subprocess.run([cli, "synth", "--out", src, "--only", "ct-current", "--slices", str(count), "--matrix", str(matrix)],
                       check=True, stdout=subprocess.DEVNULL)
        self.files = sorted(os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs if f.endswith(".dcm"))
        self.bytes = sum(os.path.getsize(f) for f in self.files)
        self.http, self.dicom, self.local, self.movescp = free_port(), free_port(), free_port(), free_port()
        cfg = {"Name": "BENCH", "StorageDirectory": os.path.join(work, "orthanc", "storage"),
               "IndexDirectory": os.path.join(work, "orthanc", "index"), "HttpPort": self.http, "DicomPort": self.dicom,
               "DicomAet": "ORTHANC", "RemoteAccessAllowed": False, "AuthenticationEnabled": False,
               "DicomModalities": {"lightbox": ["LIGHTBOX", "127.0.0.1", self.local], "getscu": ["GETSCU", "127.0.0.1", 1],
                                   "movescp": ["MOVESCP", "127.0.0.1", self.movescp]}}
        if dicomweb:
            cfg["Plugins"] = ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"]
            cfg["DicomWeb"] = {"Enable": True, "Root": "/dicom-web/"}
        os.makedirs(os.path.join(work, "orthanc"))
        with open(os.path.join(work, "orthanc", "orthanc.json"), "w") as f:
            json.dump(cfg, f)
        self.orthanc = subprocess.Popen(["Orthanc", os.path.join(work, "orthanc", "orthanc.json")], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(self.orthanc)
        wait_port(self.http, 60)
        wait_port(self.dicom, 60)
        for f in self.files:
            with open(f, "rb") as fh:
                urllib.request.urlopen(urllib.request.Request("http://127.0.0.1:%d/instances" % self.http, data=fh.read())).read()
        dump = subprocess.run([cli, "dump", self.files[0]], stdout=subprocess.PIPE, check=True).stdout.decode()
        self.study = next(l for l in dump.splitlines() if l.lower().startswith("(0020,000d)")).split()[-1].strip("[]")
        self.moved = os.path.join(work, "moved")
        os.makedirs(self.moved)
        self.storescp = subprocess.Popen(["storescp", "-aet", "MOVESCP", "-od", self.moved, str(self.movescp)], env=env,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(self.storescp)
        wait_port(self.movescp, 60)
        self.dicomweb_url = "http://127.0.0.1:%d/dicom-web" % self.http
        self.node = ["--aet", "ORTHANC", "--host", "127.0.0.1", "--port", str(self.dicom), "--local-aet", "LIGHTBOX",
                     "--local-port", str(self.local)] + (["--url", self.dicomweb_url] if dicomweb else [])

    def getscu(self, out_dir):
        return ["getscu", "-S", "-aet", "GETSCU", "-aec", "ORTHANC", "-od", out_dir, "127.0.0.1", str(self.dicom),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + self.study]

    def movescu(self):
        """movescu to the storescp, which writes into self.moved."""
        return ["movescu", "-S", "-aet", "GETSCU", "-aec", "ORTHANC", "-aem", "MOVESCP", "127.0.0.1", str(self.dicom),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + self.study]

    def lightbox(self, cli, root, method, extra=()):
        return [cli, "pacs"] + self.node + ["retrieve", "--study", self.study, "--into", root, "--method", method] + list(extra)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for p in self.procs:
            p.terminate()
            p.wait()
