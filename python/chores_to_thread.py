"""chores_to_thread: the potatoes are cleaned on a thread of their own, with asyncio.to_thread,
so the event loop notices every machine as soon as it is done.

The dishwasher runs 3 s; the washing machine 3 s, then the dryer 3 s (not before the washer is
done); water boils in 4 s; and 10 potatoes are cleaned by hand, 0.7 s of real CPU work each.
Run: `python3 python/chores_to_thread.py` (about 7 s).
The twin of `cargo run --example chores_spawn_blocking`.
"""

import asyncio

from workbook import cpu_work, say, summary, waiting, working

POTATOES = 10
ONE_POTATO = 0.7


async def machine(name, seconds):
    """A machine works on its own: all we do is wait for it."""
    bar = waiting(name, seconds)
    say(f"{name} starts, it needs {seconds} s")
    await asyncio.sleep(seconds)
    say(f"{name} is done, noticed after {bar.elapsed()}")
    bar.end()


async def laundry():
    await machine("washer", 3)
    # The dryer cannot start before the washer is done.
    await machine("dryer", 3)


def clean_by_hand():
    for potato in range(1, POTATOES + 1):
        cpu_work(ONE_POTATO)
        say(f"potato {potato} is clean")


async def clean_potatoes():
    """Cleaning potatoes is work for our own hands: the CPU is busy the whole time. So it is handed
    to a thread of the loop's pool, and this task only waits for it to be done."""
    bar = working("potatoes")
    say(f"potatoes: {POTATOES} to clean by hand")
    await asyncio.to_thread(clean_by_hand)
    bar.end()


async def main():
    # gather starts the chores in the order written, one task each.
    await asyncio.gather(machine("dishwasher", 3), laundry(), machine("water", 4), clean_potatoes())
    summary()


asyncio.run(main())
