#!/usr/bin/env python3
"""Benchmark: how fast Ctrl-C stops `nbhd render` of the national LSOA21 IMD 2025 decile map (4000 x 4000 PNG).

SIGINT at moments spread over loading (seconds after nbhd starts) and over the export (seconds after the
temporary output appears, i.e. when rasterising starts); then the time from the signal to the exit of the
process, as wall time and as the CPU time nbhd used in it (user + sys of all its threads: on a shared, loaded
machine the wall time stretches with the load, the CPU time does not). Every run must end with exit 2 and
"cancelled" (or 130, killed by SIGINT's default action before nbhd installed its handler: nothing written yet),
no temporary, and the previous map.png untouched.

usage: bench/bench_cancel.py [BUILD_DIR]      env: DATA (shared data dir)
"""
import os
import signal
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "build")
DATA = os.environ.get("DATA", os.path.join(HERE, "..", "..", "shared", "data"))
NBHD = os.path.join(BUILD, "app", "nbhd")
TICK = os.sysconf("SC_CLK_TCK")


def cpu_of(pid):
    """user + sys seconds of a running process (all threads), from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def run(out, phase, delay):
    mp = os.path.join(out, "map.png")
    with open(mp, "w") as f:
        f.write("previous map\n")
    err = open(os.path.join(out, "err"), "w")
    args = [NBHD, "render", f"{DATA}/england/lsoa21.gpkg", "--indicators", f"{DATA}/england/imd2025_lsoa21.csv",
            "--column", "IMD_decile", "--method", "categorical", "--width", "4000", "--height", "4000", "-o", mp,
            "--force"]
    pid = os.fork()
    if pid == 0:
        os.dup2(err.fileno(), 2)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # as a terminal's Ctrl-C finds it
        os.execv(NBHD, args)
    t_start = time.monotonic()
    if phase == "export":
        while not any(".tmp-" in n for n in os.listdir(out)):
            if os.waitpid(pid, os.WNOHANG)[0]:
                return f"{phase:6} +{delay:.2f} s: finished before the export started"
            time.sleep(0.002)
    time.sleep(delay)
    t_sig = time.monotonic()
    try:
        cpu_sig = cpu_of(pid)
        os.kill(pid, signal.SIGINT)
    except (FileNotFoundError, ProcessLookupError):
        cpu_sig = None
    _, status, ru = os.wait4(pid, 0)
    t_exit = time.monotonic()
    rc = os.waitstatus_to_exitcode(status)
    rc = 128 - rc if rc < 0 else rc
    with open(os.path.join(out, "err")) as f:
        last = (f.read().strip().splitlines() or [""])[-1]
    left = [n for n in os.listdir(out) if ".tmp-" in n]
    with open(mp) as f:
        same = f.read() == "previous map\n"
    ok = (rc == 130 or (rc == 2 and "cancelled" in last)) and not left and same
    cpu = "" if cpu_sig is None else f", {ru.ru_utime + ru.ru_stime - cpu_sig:6.3f} s CPU"
    verdict = f"ok (exit {rc})" if ok else f"NOT CANCELLED CLEANLY (exit {rc}, {len(left)} temporaries: {last})"
    return (f"{phase:6} +{delay:.2f} s (signal {t_sig - t_start:5.2f} s after start)"
            f": exit after {t_exit - t_sig:6.3f} s wall{cpu}  {verdict}"), ok


def main():
    if not os.access(NBHD, os.X_OK):
        sys.exit(f"build nbhd first ({NBHD})")
    bad = False
    with tempfile.TemporaryDirectory(prefix="nbhd_bench_cancel.") as out:
        for phase, delays in (("load", (0.2, 0.5, 1, 1.5, 2, 3)), ("export", (0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2))):
            for d in delays:
                r = run(out, phase, d)
                line, ok = r if isinstance(r, tuple) else (r, True)
                bad |= not ok
                print(line, flush=True)
    sys.exit(1 if bad else 0)


main()
