"""chores_async_yield: the chores gathered on one event loop, and the potatoes hand control back
to the loop after each potato, so a machine that is done is noticed while the potatoes go on.

The dishwasher runs 3 s; the washing machine 3 s, then the dryer 3 s (not before the washer is
done); water boils in 4 s; and 10 potatoes are cleaned by hand, 0.7 s of real CPU work each.
Run: `python3 python/chores_async_yield.py` (about 8 s).
The twin of `cargo run --example chores_async_yield`.
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


async def clean_potatoes():
    """Cleaning potatoes is work for our own hands: the CPU is busy the whole time."""
    bar = working("potatoes")
    say(f"potatoes: {POTATOES} to clean by hand")
    for potato in range(1, POTATOES + 1):
        cpu_work(ONE_POTATO)
        say(f"potato {potato} is clean")
        # Let the event loop look at the other chores before the next potato.
        await asyncio.sleep(0)
    bar.end()


async def main():
    # gather starts the chores in the order written, one task each.
    await asyncio.gather(machine("dishwasher", 3), laundry(), machine("water", 4), clean_potatoes())
    summary()


asyncio.run(main())
