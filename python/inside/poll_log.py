# asyncio's nearest thing to a poll log: in debug mode the loop times every step of every task
# (one step is one poll) and logs each that holds the thread longer than slow_callback_duration.
import asyncio
import logging
import time

logging.basicConfig(format="%(message)s")


def clean_potato():  # real CPU work, 0.15 s, no await
    until = time.monotonic() + 0.15
    while time.monotonic() < until:
        pass


async def potatoes():
    for _ in range(3):
        clean_potato()
        await asyncio.sleep(0)  # yield: one step ends here


async def main():
    asyncio.get_running_loop().slow_callback_duration = 0.1
    await potatoes()


asyncio.run(main(), debug=True)  # debug mode: each slow step is logged on stderr
