"""mixing_runtimes: a future of one event loop awaited in another fails at once.

Run: `python3 python/mixing_runtimes.py` (instant).
"""

import asyncio

other_loop = asyncio.new_event_loop()
future = other_loop.create_future()  # belongs to another event loop


async def main():
    await future


try:
    asyncio.run(main())
except RuntimeError as error:
    # "Task <...> got Future <Future pending> attached to a different loop"
    print("RuntimeError: ...", str(error).rpartition(" got ")[2])
