"""baton_no_yield: the two counters without the `sleep(0)`: A counts to the end before B starts.

Run: `python3 python/baton_no_yield.py` (instant). The twin of `cargo run --example baton_no_yield`.
"""

import asyncio


async def count(name, column):
    for number in range(10):
        print(" " * column + f"{name} {number}")
        # No await here: nothing else runs on this event loop until the count is over.


async def main():
    await asyncio.gather(count("A", 0), count("B", 8))


asyncio.run(main())
