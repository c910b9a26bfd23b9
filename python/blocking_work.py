"""blocking_work: a blocking call on a thread, CPU work in other processes; the loop stays free.

Run: `python3 python/blocking_work.py` (about 1.5 s).
"""

import asyncio
import time
from concurrent.futures import ProcessPoolExecutor

from workbook import cpu_work, say


def blocking_call():
    time.sleep(1.5)  # a sync library call
    return "42 rows"


def crunch(piece):
    cpu_work(0.45)  # CPU work: the GIL lets one thread of a process compute at a time
    return 1


async def heartbeat():
    while True:
        await asyncio.sleep(0.6)
        say("heartbeat: the event loop is free")


async def main():
    say("a blocking call of 1.5 s on a thread, 4 pieces of 0.45 s on 2 processes")
    loop = asyncio.get_running_loop()
    beats = asyncio.create_task(heartbeat())
    with ProcessPoolExecutor(2) as pool:
        cpu = [loop.run_in_executor(pool, crunch, n) for n in range(4)]
        rows, *pieces = await asyncio.gather(asyncio.to_thread(blocking_call), *cpu)
    beats.cancel()
    say(f"{rows}, {sum(pieces)} pieces")


if __name__ == "__main__":
    asyncio.run(main())
