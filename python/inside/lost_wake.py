# The lost wake in asyncio: a Future that nobody ever sets. Awaiting it waits for ever; here a
# timeout of 0.3 s gives up, as main does in future_lost_wake.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    never_set = loop.create_future()  # no call_later, no callback: nothing will set it
    try:
        await asyncio.wait_for(never_set, timeout=0.3)
    except TimeoutError:
        print("gave up after 0.3 s: nobody set the future's result")


asyncio.run(main())
