# Cancellation in asyncio: CancelledError is raised inside the coroutine at the await where it
# waits, so `finally` and `async with` run, and may even await. Rust drops the future instead.
import asyncio


class Oven:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *error):
        await asyncio.sleep(0.01)  # async cleanup: possible here, impossible in Rust's Drop
        print("oven switched off")


async def bake():
    async with Oven():
        try:
            await asyncio.sleep(3)
        except asyncio.CancelledError:
            print("cancelled while baking")
            raise  # swallowing it would keep the task alive
        finally:
            print("finally runs too")


async def main():
    try:
        await asyncio.wait_for(bake(), timeout=0.2)
    except TimeoutError:
        print("timeout: gave up")


asyncio.run(main())
