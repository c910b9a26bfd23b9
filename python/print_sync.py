"""print_sync: two jobs, one after the other. The waits add up.

"First" waits 2 s, then prints its name; "Second" waits 1 s, then prints its name.
Run: `python3 python/print_sync.py` (about 3 s). The twin of `cargo run --example print_sync`.
"""

import time

from workbook import say, summary, waiting


def job(name, seconds):
    bar = waiting(name, seconds)
    time.sleep(seconds)
    say(name)
    bar.end()


def main():
    job("First", 2)
    job("Second", 1)
    summary()


main()
