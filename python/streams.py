"""streams: lookups at most 3 at a time with a semaphore, handed back as they finish.

Run: `python3 python/streams.py` (about 2.4 s).
"""

import asyncio

from workbook import say

TIMES = {1: 1.6, 2: 1.2, 7: 1.6, 8: 0.8}


async def look_up(order, limit):
    async with limit:  # at most 3 lookups at a time
        await asyncio.sleep(TIMES.get(order, 0.4))
        say(f"order {order}: looked up")
        return order, order * 250


async def main():
    say("orders 1 to 8 but 3 and 6, looked up 3 at a time")
    limit = asyncio.Semaphore(3)
    orders = [n for n in range(1, 9) if n not in (3, 6)]
    jobs = [asyncio.create_task(look_up(order, limit)) for order in orders]
    for done in asyncio.as_completed(jobs):  # as they finish
        order, price = await done
        say(f"  handed back: order {order}")


asyncio.run(main())
