"""count_sync: two counters, one after the other.

"apple" counts 0 to 9, a pause of 0.1 s before each number; then "peach" counts 0 to 9, a pause
of 0.2 s before each number.
Run: `python3 python/count_sync.py` (about 3 s). The twin of `cargo run --example count_sync`.
"""

import time

from workbook import say, summary, waiting


def count(name, pause, start):
    """Says `name` and the numbers 0 to 9, number n when n + 1 pauses have passed since `start`.
    Pausing until a point on that schedule, rather than for `pause` each time, keeps the small
    delays of every wake-up from adding up over the count."""
    bar = waiting(name, pause * 10)
    for number in range(10):
        due = start + pause * (number + 1)
        time.sleep(max(0, due - time.monotonic()))
        say(f"{name} {number}")
    bar.end()


def main():
    say("apple pauses 0.1 s, peach 0.2 s")
    count("apple", 0.1, time.monotonic())
    count("peach", 0.2, time.monotonic())
    summary()


main()
