"""memo_cache: callers of the same key await one shared task, so each key is computed once.

Run: `python3 python/memo_cache.py` (about 1.6 s).
"""

import asyncio

TIMES = {"Oslo": 0.8, "Lima": 1.2, "Pune": 1.6}
computations = 0
cache = {}


async def forecast(city):
    global computations
    computations += 1
    await asyncio.sleep(TIMES[city])
    return {"Oslo": 4, "Lima": 19, "Pune": 31}[city]


async def cached_forecast(city):
    if city not in cache:  # the first caller starts it; the others await the same task
        cache[city] = asyncio.ensure_future(forecast(city))
    return await cache[city]


async def main():
    cities = ["Oslo", "Lima", "Oslo", "Pune", "Oslo", "Lima"]
    print(await asyncio.gather(*(cached_forecast(c) for c in cities)))
    print(f"{computations} computations")


asyncio.run(main())
