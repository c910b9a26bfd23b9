# In Python every coroutine is an object on the heap behind a reference, so an `async def` method
# works through any base class or protocol: the "boxed future" is always there, and always paid.
import asyncio
from typing import Protocol


class Machine(Protocol):
    async def run(self) -> str: ...


class Dishwasher:
    async def run(self) -> str:
        await asyncio.sleep(0.2)
        return "clean dishes"


class Kettle:
    async def run(self) -> str:
        await asyncio.sleep(0.1)
        return "hot water"


async def main():
    machines: list[Machine] = [Dishwasher(), Kettle()]
    print(await asyncio.gather(*(machine.run() for machine in machines)))
    # An "async closure" in Python is a lambda that returns a coroutine, or a nested async def.
    write_down = lambda name: asyncio.sleep(0.05, result=f"{name} written down")  # noqa: E731
    print(await write_down("kettle"))


asyncio.run(main())
