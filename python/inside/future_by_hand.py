# A future by hand in asyncio: a Future stays pending until someone sets its result, and
# `call_later` arranges who does it and when: the wake. Times are a tenth of the Rust example's.
import asyncio
import time

start = time.monotonic()


def say(line):
    print(f"[{time.monotonic() - start:4.1f}s] {line}")


async def timer(name, seconds):
    loop = asyncio.get_running_loop()
    future = loop.create_future()  # pending: awaiting it parks this coroutine
    loop.call_later(seconds, future.set_result, None)  # the wake, arranged before waiting
    say(f"{name}: waiting, the loop will set the result in {seconds} s")
    await future
    say(name)


async def main():
    await asyncio.gather(timer("First", 0.2), timer("Second", 0.1))


asyncio.run(main())
