"""futures_and_tasks: a coroutine is inert until awaited; a task starts at once, like tokio::spawn.

Run: `python3 python/futures_and_tasks.py` (about 6 s).
"""

import asyncio

from workbook import say


async def answer():
    say("start to answer")
    await asyncio.sleep(2)
    say("the answer is ready")
    return 42


async def main():
    coroutine = answer()  # a coroutine object: inert, like a Rust future
    say("coroutine made")
    await asyncio.sleep(1)
    say("before await")
    say(f"result: {await coroutine}")  # 3 s in: the answer only started at the await

    task = asyncio.create_task(answer())  # like tokio::spawn
    say("task created")
    await asyncio.sleep(1)
    say("before await")
    say(f"result: {await task}")  # 2 s later, not 3

    asyncio.create_task(answer())  # keep no reference, return before it ends
    await asyncio.sleep(1)
    say("main returns")


asyncio.run(main())
