"""gather_as_completed: gather hands results back in the order asked, as_completed as they finish.

Run: `python3 python/gather_as_completed.py` (about 6 s).
"""

import asyncio

from workbook import say


async def job(name, seconds):
    await asyncio.sleep(seconds)
    say(f"{name} ends")
    return f"result of {name}"


async def main():
    jobs = [("A", 3), ("B", 1), ("C", 2)]
    say("A, B and C take 3 s, 1 s and 2 s")

    # In the order asked for, like join_all: A, B, C.
    results = await asyncio.gather(*(job(name, seconds) for name, seconds in jobs))
    say(f"gather: {results}")

    # In the order they finish: B, C, A.
    for next_done in asyncio.as_completed([job(name, seconds) for name, seconds in jobs]):
        say(f"as_completed: {await next_done}")


asyncio.run(main())
