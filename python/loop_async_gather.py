"""loop_async_gather: the loop makes each job a coroutine, and gather runs them all at once.

Jobs 0 to 3 each take 1 s. All four start, then all four end: about 1 s in all.
Run: `python3 python/loop_async_gather.py`. Compare with `loop_async.py` (tasks made one by one);
in Rust, `join_all` does what `gather` does here.
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
    coroutines = []
    for number in range(4):
        # Calling an async function only makes a coroutine: nothing has started yet.
        coroutines.append(job(number))
    # gather makes each coroutine a task, and waits for them all.
    await asyncio.gather(*coroutines)
    summary()


asyncio.run(main())
