"""loop_async_mistake: plain coroutines kept in a list and awaited one by one: still one at a time.

Jobs 0 to 3 each take 1 s: about 4 s in all, as in `loop_sync.py`.
Run: `python3 python/loop_async_mistake.py`. The twin of `cargo run --example loop_async_mistake`.
"""

import asyncio

from workbook import say, summary, waiting


async def job(number):
    bar = waiting(f"job {number}", 1)
    say(f"Start {number}")
    await asyncio.sleep(1)
    say(f"End {number}")
    bar.end()


async def main():
    coroutines = []
    for number in range(4):
        # Calling an async function only makes a coroutine: nothing has started yet.
        coroutines.append(job(number))
    for coroutine in coroutines:
        # Each job starts here, and the next one only after this one has ended.
        await coroutine
    summary()


asyncio.run(main())
