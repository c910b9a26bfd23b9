"""gather_async: the same jobs awaited all at once. They end in the order of their lengths, yet the
results come back in the order they were asked for.

Jobs A, B and C take 3 s, 1 s and 2 s; each returns a result.
Run: `python3 python/gather_async.py` (about 3 s). The twin of `cargo run --example gather_async`.
"""

import asyncio

from workbook import say, summary, waiting


async def job(name, seconds):
    bar = waiting(name, seconds)
    say(f"{name} starts, it will take {seconds} s")
    await asyncio.sleep(seconds)
    say(f"{name} ends")
    bar.end()
    return f"result of {name}"


async def main():
    jobs = [("A", 3), ("B", 1), ("C", 2)]
    results = await asyncio.gather(*(job(name, seconds) for name, seconds in jobs))
    say(f"Results: {results}")
    summary()


asyncio.run(main())
