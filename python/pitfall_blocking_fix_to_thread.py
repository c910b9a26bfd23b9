"""pitfall_blocking_fix_to_thread: the blocking call on a thread, with asyncio.to_thread.

Request A looks something up with a blocking call of 1.2 s; B and C call a service, 0.6 s and 1 s.
Run: `python3 python/pitfall_blocking_fix_to_thread.py` (about 1.2 s). The twin of
`cargo run --example pitfall_blocking_fix_spawn_blocking`.
"""

import asyncio
import time

from workbook import say, summary, waiting


async def lookup(request, millis):
    bar = waiting(request, millis / 1000)
    say(f"{request}: looking it up, {millis} ms")
    # A thread of the loop's pool makes the blocking call; this task awaits it.
    await asyncio.to_thread(time.sleep, millis / 1000)
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
