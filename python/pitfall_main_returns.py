"""pitfall_main_returns: tasks still running when main returns are cancelled by asyncio.run.

Run: `python3 python/pitfall_main_returns.py` (about 1.5 s).
"""

import asyncio


async def job(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name} is done")


async def main():
    for name, seconds in [("First", 1), ("Second", 2), ("Third", 3)]:
        asyncio.create_task(job(name, seconds))  # the task is not kept
    await asyncio.sleep(1.5)
    print("main is done and returns")


asyncio.run(main())
