"""pitfall_blocking_bug: time.sleep in a coroutine blocks the event loop, like std::thread::sleep.

Request A looks something up with a blocking call of 1.2 s; B and C call a service, 0.6 s and 1 s.
Run: `python3 python/pitfall_blocking_bug.py` (about 2.2 s). The twin of
`cargo run --example pitfall_blocking_bug`; the fix is `pitfall_blocking_fix_to_thread.py`.
"""

import asyncio
import time

from workbook import say, summary, waiting


async def lookup(request, millis):
    bar = waiting(request, millis / 1000)
    say(f"{request}: looking it up, {millis} ms")
    time.sleep(millis / 1000)  # blocks the event loop
    say(f"{request}: answered after {bar.elapsed()}")
    bar.end()


async def call_service(request, millis):
    bar = waiting(request, millis / 1000)
    say(f"{request}: calling the service, {millis} ms")
    await asyncio.sleep(millis / 1000)
    say(f"{request}: answered after {bar.elapsed()}")
    bar.end()


async def main():
    # The tasks run on this one thread, first in the order they were created.
    requests = [
        asyncio.create_task(lookup("A", 1200)),
        asyncio.create_task(call_service("B", 600)),
        asyncio.create_task(call_service("C", 1000)),
    ]
    for request in requests:
        await request
    summary()


asyncio.run(main())
