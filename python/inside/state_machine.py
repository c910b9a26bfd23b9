# A coroutine is a state machine too: each `await` that has to wait hands control back, with
# `send` the loop resumes it, and its locals wait in its frame (an object on the heap) meanwhile.
import types


@types.coroutine
def pause():
    yield "paused"  # what an await on a pending future gives to the event loop


async def job(name):
    greeting = f"hello from {name}"  # a local that lives across the await
    await pause()
    print(greeting)


coroutine = job("First")  # like calling an async fn: nothing has run yet
print("first send ->", coroutine.send(None))  # runs up to the await
print("locals kept in the frame:", coroutine.cr_frame.f_locals)
try:
    coroutine.send(None)  # runs from the await to the end
except StopIteration:
    print("second send -> finished (StopIteration)")
