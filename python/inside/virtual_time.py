# asyncio has no paused clock of its own (test libraries such as looptime add one). The idea fits in
# a few lines: a loop whose clock is a number, and whose selector, asked to sleep, moves it instead.
import asyncio
import selectors
import time


class VirtualSelector(selectors.DefaultSelector):
    loop = None

    def select(self, timeout=None):
        if timeout:  # the loop would sleep until its next timer: jump there instead
            self.loop.virtual_now += timeout
        return super().select(0)


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        selector = VirtualSelector()
        super().__init__(selector)
        selector.loop = self
        self.virtual_now = 0.0

    def time(self):
        return self.virtual_now


async def laundry():
    await asyncio.sleep(30 * 60)  # the washer
    await asyncio.sleep(30 * 60)  # the dryer


real_start = time.monotonic()
loop = VirtualLoop()
loop.run_until_complete(laundry())
print(f"virtual time: {loop.time() / 3600:.2f} h")
print(f"real time under a second: {time.monotonic() - real_start < 1}")
loop.close()
