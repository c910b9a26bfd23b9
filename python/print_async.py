"""print_async: the same two jobs, awaited together. The run ends when the longest wait ends.

"First" waits 2 s, then prints its name; "Second" waits 1 s, then prints its name.
Run: `python3 python/print_async.py` (about 2 s). The twin of `cargo run --example print_async`.
"""

import asyncio

from workbook import say, summary, waiting


async def job(name, seconds):
    bar = waiting(name, seconds)
    await asyncio.sleep(seconds)
    say(name)
    bar.end()


async def main():
    await asyncio.gather(job("First", 2), job("Second", 1))
    summary()


asyncio.run(main())
