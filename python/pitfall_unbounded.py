"""pitfall_unbounded: 10,000 requests, at most 1,000 inside at once, thanks to a semaphore.

Run: `python3 python/pitfall_unbounded.py` (about 0.2 s).
"""

import asyncio


async def request(item, limit):
    async with limit:  # at most 1,000 inside at once
        await asyncio.sleep(0.01)


async def main():
    limit = asyncio.Semaphore(1000)
    await asyncio.gather(*(request(i, limit) for i in range(10_000)))
    print("10000 requests done")


asyncio.run(main())
