"""pitfall_select: wait_for cancels the reader when the timeout wins; the words it held are lost.

Run: `python3 python/pitfall_select.py` (about 3.3 s).
"""

import asyncio

from workbook import say

WORDS = ["one", "two", "three", "four", "five", "six"]


async def send_words(queue):
    await asyncio.sleep(0.3)
    for word in WORDS:
        await queue.put(word)
        await asyncio.sleep(0.6)
    await queue.put(None)  # the end


async def read_message(queue):
    words = []  # lost if this coroutine is cancelled half-way
    while len(words) < 3:
        word = await queue.get()
        if word is None:
            return None
        words.append(word)
    return words


async def main():
    say("a word every 0.6 s from 0.3 s; a tick every 1.2 s")
    queue = asyncio.Queue()
    sender = asyncio.create_task(send_words(queue))
    while True:
        try:
            # wait_for cancels read_message when the timeout wins, like select! dropping it
            message = await asyncio.wait_for(read_message(queue), timeout=1.2)
        except asyncio.TimeoutError:
            say("tick")
            continue
        if message is None:
            break
        say(f"message: {' '.join(message)}")
    await sender


asyncio.run(main())
