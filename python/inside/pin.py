# Python never pins: a coroutine is an object on the heap, and every name, list or task that holds
# it holds a reference to that one object. Moving it around moves only references.
import asyncio


async def first_letter(word):
    letters = list(word)
    first = letters[0]  # refers into the coroutine's own frame, across the await
    await asyncio.sleep(0.1)
    return first


async def main():
    coroutine = first_letter("pinned")
    in_a_list = [coroutine]  # a second reference; the coroutine itself stays where it is
    print(in_a_list[0] is coroutine)  # the same object
    print(await in_a_list.pop())


asyncio.run(main())
