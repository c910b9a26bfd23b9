"""task_group: a TaskGroup waits for every job; a failure cancels the others, which tidy up.

Run: `python3 python/task_group.py` (about 2.2 s).
"""

import asyncio

from workbook import say


async def job(number, fail):
    try:
        await asyncio.sleep(0.6 * number)
        if fail:
            raise OSError("the disk is full")
        say(f"job {number} done")
    except asyncio.CancelledError:
        await asyncio.sleep(0.2 * number)  # tidy up, then let the cancellation go on
        say(f"job {number} cancelled, tidied up")
        raise


async def main():
    say("five jobs of 0.6 s, 1.2 s, ... 3.0 s; job 2 fails")
    try:
        async with asyncio.TaskGroup() as group:  # waits for every job
            for number in range(1, 6):
                group.create_task(job(number, fail=number == 2))
    except* OSError as failed:
        say(f"the group failed: {failed.exceptions[0]}")


asyncio.run(main())
