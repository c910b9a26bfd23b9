"""scale_asyncio: the `scale` benchmark's jobs in Python's asyncio, for comparison.

N tasks that each sleep 1 s, all at once; prints what it measured as `examples/scale.rs` does.
Standard library only. Run: `python3 examples/scale_asyncio.py 100000` (`cargo measure scale`
runs it beside the Rust runtimes).
"""

import asyncio
import resource
import sys
import time


def resident_bytes(field):
    """A line of /proc/self/status (VmRSS: now, VmHWM: the peak) in bytes; 0 without /proc."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


async def job():
    await asyncio.sleep(1)


async def main(n):
    base = resident_bytes("VmRSS")
    began = time.perf_counter()
    await asyncio.gather(*(job() for _ in range(n)))
    wall = time.perf_counter() - began
    # ru_maxrss is the peak resident memory, in KiB on Linux.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print("runtime: python asyncio")
    print(f"jobs: {n}")
    print(f"wall time: {wall:.3f} s")
    print(f"memory before the jobs: {base} bytes")
    print(f"peak memory: {peak} bytes")
    print(f"bytes per job: {max(peak - base, 0) // n}")


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("usage: scale_asyncio.py N (a whole number of jobs, at least 1)")
    asyncio.run(main(int(sys.argv[1])))
