"""loop_async: the loop makes each job a task, then waits for the tasks in turn.

Jobs 0 to 3 each take 1 s. All four start, then all four end: about 1 s in all.
Run: `python3 python/loop_async.py`. The twin of `cargo run --example loop_async`.
"""

import asyncio

from workbook import say, summary, waiting


async def job(number):
    bar = waiting(f"job {number}", 1)
    say(f"Start {number}")
    await asyncio.sleep(1)
    say(f"End {number}")
    bar.end()


async def main():
    tasks = []
    for number in range(4):
        # A task runs on its own: the event loop starts it as soon as main awaits.
        tasks.append(asyncio.create_task(job(number)))
    for task in tasks:
        await task
    summary()


asyncio.run(main())
