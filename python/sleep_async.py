"""sleep_async: both jobs start at once; each ends when its own wait is over.

"First" takes 2 s and "Second" 1 s; both print a line as they start and as they finish.
Run: `python3 python/sleep_async.py` (about 2 s). The twin of `cargo run --example sleep_async`.
"""

import asyncio

from workbook import say, summary, waiting


async def job(name, seconds):
    bar = waiting(name, seconds)
    say(f"{name} starts, it will take {seconds} s")
    await asyncio.sleep(seconds)
    say(f"{name} ends, it took {bar.elapsed()}")
    bar.end()


async def main():
    await asyncio.gather(job("First", 2), job("Second", 1))
    summary()


asyncio.run(main())
