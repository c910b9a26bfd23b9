"""dropped_handle: dropping the handle of an asyncio task does not cancel it; keep a reference.

Run: `python3 python/dropped_handle.py` (about 0.6 s).
"""

import asyncio

background = set()


async def job():
    await asyncio.sleep(0.3)
    print("job: finished")


async def main():
    task = asyncio.create_task(job())
    background.add(task)  # keep it alive ...
    task.add_done_callback(background.discard)  # ... until it is done
    del task  # dropping our handle does not cancel it
    await asyncio.sleep(0.6)


asyncio.run(main())
