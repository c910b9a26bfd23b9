"""baton_tasks: the two counters made tasks. asyncio runs ready tasks first in, first out, so they
alternate as with gather.

Tasks A and B each count 0 to 9 and await `asyncio.sleep(0)` after each number.
Run: `python3 python/baton_tasks.py` (instant). The twin of `cargo run --example baton_tasks`.
"""

import asyncio


async def count(name, column):
    for number in range(10):
        print(" " * column + f"{name} {number}")
        # Hand the loop back. This task goes to the end of the queue of ready tasks.
        await asyncio.sleep(0)


async def main():
    a = asyncio.create_task(count("A", 0))
    b = asyncio.create_task(count("B", 8))
    await a
    await b


asyncio.run(main())
