"""pitfall_unawaited: a coroutine that is never awaited never runs (Python warns on stderr).

Run: `python3 python/pitfall_unawaited.py` (about 2 s).
"""

import asyncio


async def job(name, seconds):
    await asyncio.sleep(seconds)
    print(name)


async def main():
    await job("First", 2)
    job("Second", 1)  # never awaited: it never runs


asyncio.run(main())
