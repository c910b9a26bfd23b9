"""loop_sync: four jobs made in a loop, one after the other.

Jobs 0 to 3 each take 1 s: about 4 s in all.
Run: `python3 python/loop_sync.py`. The twin of `cargo run --example loop_sync`.
"""

import time

from workbook import say, summary, waiting


def job(number):
    bar = waiting(f"job {number}", 1)
    say(f"Start {number}")
    time.sleep(1)
    say(f"End {number}")
    bar.end()


def main():
    for number in range(4):
        job(number)
    summary()


main()
