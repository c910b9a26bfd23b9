# asyncio's loop, cut down to its bones: a ready deque of callbacks (`call_soon`), a heap of timers
# (`call_later`), and `run_once`, which sleeps until the soonest timer when nothing is ready,
# moves the due timers to the ready deque and runs what is ready. Times are a tenth of the Rust's.
import collections
import heapq
import itertools
import time

start = time.monotonic()
ready = collections.deque()  # asyncio's loop._ready
timers = []  # asyncio's loop._scheduled: a heap of (when, order, callback)
order = itertools.count()


def say(line):
    print(f"[{time.monotonic() - start:4.1f}s] {line}")


def call_soon(callback):
    ready.append(callback)


def call_later(delay, callback):
    heapq.heappush(timers, (time.monotonic() + delay, next(order), callback))


def run_once():
    if not ready and timers:
        time.sleep(max(0.0, timers[0][0] - time.monotonic()))  # the selector's timeout
    while timers and timers[0][0] <= time.monotonic():
        call_soon(heapq.heappop(timers)[2])
    for _ in range(len(ready)):  # only what is ready now; new arrivals wait a turn
        ready.popleft()()


def job(name, seconds):  # a task's steps, written as callbacks
    call_later(seconds, lambda: say(name))


call_soon(lambda: job("First", 0.2))
call_soon(lambda: job("Second", 0.1))
while ready or timers:
    run_once()
