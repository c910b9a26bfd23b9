"""gather_sync: three jobs that return a result, asked for in a loop, one after the other.

Jobs A, B and C take 3 s, 1 s and 2 s; each returns a result.
Run: `python3 python/gather_sync.py` (about 6 s). The twin of `cargo run --example gather_sync`.
"""

import time

from workbook import say, summary, waiting


def job(name, seconds):
    bar = waiting(name, seconds)
    say(f"{name} starts, it will take {seconds} s")
    time.sleep(seconds)
    say(f"{name} ends")
    bar.end()
    return f"result of {name}"


def main():
    jobs = [("A", 3), ("B", 1), ("C", 2)]
    results = [job(name, seconds) for name, seconds in jobs]
    say(f"Results: {results}")
    summary()


main()
