"""baton: two counters on one event loop take turns, because each hands the loop back after every
number, like runners passing a baton.

Counters A and B each count 0 to 9 and await `asyncio.sleep(0)` after each number. A's numbers
are in the left column, B's in the right one: they alternate.
Run: `python3 python/baton.py` (instant). The twin of `cargo run --example baton`.
"""

import asyncio


async def count(name, column):
    for number in range(10):
        print(" " * column + f"{name} {number}")
        # Hand the loop back: Python's yield_now. The other counter goes on before this one.
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(count("A", 0), count("B", 8))


asyncio.run(main())
