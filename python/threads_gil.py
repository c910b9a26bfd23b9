"""threads_gil: CPU work on two Python threads is no faster than on one: the GIL lets one compute.

Each line gives the time the potatoes took and the CPU time the process used meanwhile: with the
GIL, two threads never keep more than one core busy at a time.
Run: `python3 python/threads_gil.py` (a second or two; the times depend on the machine).
"""

import threading
import time


def clean(potatoes):
    for _ in range(potatoes):
        state = 1
        for _ in range(100_000):
            state = (state * 6364136223846793005 + 1) % 2**64


def on_threads(threads, potatoes_each):
    began, cpu_began = time.perf_counter(), time.process_time()
    workers = [threading.Thread(target=clean, args=(potatoes_each,)) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    took, cpu = time.perf_counter() - began, time.process_time() - cpu_began
    print(f"{threads} thread{'s' if threads > 1 else ''}: 10 potatoes in {took:.2f} s, "
          f"the CPU busy for {cpu:.2f} s")


on_threads(1, 10)
on_threads(2, 5)
