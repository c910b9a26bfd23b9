"""pitfall_block_on: asyncio.run inside a running event loop fails, like block_on inside a runtime.

Run: `python3 python/pitfall_block_on.py` (instant).
"""

import asyncio


async def fetch_price(item):
    await asyncio.sleep(1)
    return len(item) * 100


def fetch_price_blocking(item):
    return asyncio.run(fetch_price(item))


async def main():
    try:
        print(fetch_price_blocking("tea"))
    except RuntimeError as error:  # the coroutine was never run: Python warns about it
        print("RuntimeError:", error)


asyncio.run(main())
