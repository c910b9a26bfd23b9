"""ticker: a loop that sleeps 0.5 s after each tick, beside a blocking call that stops the loop.

Run: `python3 python/ticker.py` (about 3.2 s).
"""

import asyncio
import time

from workbook import say


async def ticker():
    for tick in range(1, 7):
        say(f"tick {tick}")
        await asyncio.sleep(0.5)  # the next period starts after this tick's work


async def other_work():
    await asyncio.sleep(0.7)
    time.sleep(1.0)  # a blocking call: the event loop stops


async def main():
    await asyncio.gather(ticker(), other_work())


asyncio.run(main())
