"""chores_sync: machines to wait for and potatoes to clean, one chore at a time.

The dishwasher runs 3 s; the washing machine 3 s, then the dryer 3 s (not before the washer is
done); water boils in 4 s; and 10 potatoes are cleaned by hand, 0.7 s of real CPU work each.
Run: `python3 python/chores_sync.py` (about 20 s). The twin of `cargo run --example chores_sync`.
"""

import time

from workbook import cpu_work, say, summary, waiting, working

POTATOES = 10
ONE_POTATO = 0.7


def machine(name, seconds):
    """A machine works on its own: all we do is wait for it."""
    bar = waiting(name, seconds)
    say(f"{name} starts, it needs {seconds} s")
    time.sleep(seconds)
    say(f"{name} is done, noticed after {bar.elapsed()}")
    bar.end()


def laundry():
    machine("washer", 3)
    # The dryer cannot start before the washer is done.
    machine("dryer", 3)


def clean_potatoes():
    """Cleaning potatoes is work for our own hands: the CPU is busy the whole time."""
    bar = working("potatoes")
    say(f"potatoes: {POTATOES} to clean by hand")
    for potato in range(1, POTATOES + 1):
        cpu_work(ONE_POTATO)
        say(f"potato {potato} is clean")
    bar.end()


def main():
    machine("dishwasher", 3)
    laundry()
    machine("water", 4)
    clean_potatoes()
    summary()


main()
