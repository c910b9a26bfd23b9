"""sleep_sync: each job prints as it starts and as it ends; each ends before the next starts.

"First" takes 2 s and "Second" 1 s; both print a line as they start and as they finish.
Run: `python3 python/sleep_sync.py` (about 3 s). The twin of `cargo run --example sleep_sync`.
"""

import time

from workbook import say, summary, waiting


def job(name, seconds):
    bar = waiting(name, seconds)
    say(f"{name} starts, it will take {seconds} s")
    time.sleep(seconds)
    say(f"{name} ends, it took {bar.elapsed()}")
    bar.end()


def main():
    job("First", 2)
    job("Second", 1)
    summary()


main()
