"""queue_workers: ten 1 s jobs in an asyncio.Queue, shared by three workers.

Run: `python3 python/queue_workers.py` (about 4 s).
"""

import asyncio

from workbook import say


async def worker(number, queue):
    while True:
        try:
            job = queue.get_nowait()
        except asyncio.QueueEmpty:
            return
        say(f"worker {number} starts job {job}")
        await asyncio.sleep(1)


async def main(workers):
    queue = asyncio.Queue()
    for job in range(1, 11):
        queue.put_nowait(job)
    await asyncio.gather(*(worker(number, queue) for number in range(1, workers + 1)))
    say("all done")


asyncio.run(main(3))
