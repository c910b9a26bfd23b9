"""count_async: the same two counters, gathered on one event loop. Their numbers interleave as
their clocks say.

"apple" counts 0 to 9, a pause of 0.1 s before each number; "peach" counts 0 to 9, a pause of
0.2 s before each number.
Run: `python3 python/count_async.py` (about 2 s). The twin of `cargo run --example count_async`.
"""

import asyncio

from workbook import say, summary, waiting


async def sleep_until(when):
    """Waits until the event loop's clock says `when`: asyncio.sleep only takes a delay."""
    loop = asyncio.get_running_loop()
    woken = loop.create_future()
    loop.call_at(when, woken.set_result, None)
    await woken


async def count(name, pause_tenths, start):
    """Says `name` and the numbers 0 to 9, number n when n + 1 pauses have passed since `start`.
    Pausing until a point on that schedule, rather than for the pause each time, keeps the small
    delays of every wake-up from adding up over the count. Counting the schedule in tenths makes
    an apple and a peach due at the same instant due at exactly the same time."""
    bar = waiting(name, pause_tenths)  # due after ten pauses of pause_tenths tenths
    for number in range(10):
        await sleep_until(start + pause_tenths * (number + 1) / 10)
        say(f"{name} {number}")
    bar.end()


async def main():
    say("apple pauses 0.1 s, peach 0.2 s")
    # Both counters keep time from the same start. When an apple and a peach are due at the same
    # instant, asyncio wakes the one whose timer was set first; there is no `biased` to ask for.
    start = asyncio.get_running_loop().time()
    await asyncio.gather(count("apple", 1, start), count("peach", 2, start))
    summary()


asyncio.run(main())
