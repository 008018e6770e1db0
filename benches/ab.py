#!/usr/bin/env python3
"""A/B timing of whole commands, interleaved, for a noisy machine.

    benches/ab.py N WARMFILE -- CMD1 ARGS... -- CMD2 ARGS... [-- ...]

Reads WARMFILE once (into the page cache), then runs CMD1, CMD2, ... in turn, N
rounds, stdout to /dev/null, and prints per command the minimum and median wall time
and the median CPU time (user + system of the child). Interleaving puts every
command under the same drift of the host, which on the 2-core VM moved pass-through
to /dev/null between 99 and 160 ms within one hour; compare commands of one run only.
RM="f1 f2" deletes those files before every run (outputs written to new files).
A non-zero exit is reported on stderr and the run still counts.
"""
import os, sys, time, subprocess, statistics, resource
args = sys.argv[1:]
n = int(args[0]); warm = args[1]
cmds = []; cur = None
for a in args[2:]:
    if a == '--':
        cur = []; cmds.append(cur)
    else:
        cur.append(a)
if warm and os.path.exists(warm):
    subprocess.run(['cat', warm], stdout=subprocess.DEVNULL)
res = [[] for _ in cmds]
for i in range(n):
    for k, c in enumerate(cmds):
        for f in os.environ.get('RM', '').split():
            try: os.unlink(f)
            except FileNotFoundError: pass
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run(c, stdout=subprocess.DEVNULL)
        t = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        if p.returncode != 0:
            print('exit', p.returncode, c, file=sys.stderr)
        res[k].append((t, cpu))
for k, c in enumerate(cmds):
    w = [x[0] for x in res[k]]; u = [x[1] for x in res[k]]
    print(f"min {min(w)*1000:7.1f} ms  median {statistics.median(w)*1000:7.1f} ms  cpu med {statistics.median(u)*1000:7.1f} ms  {' '.join(c)[:90]}")
