"""chat_server: a chat room on TCP; each line a client sends goes to the others, and to the log.

Standard library only. Run: `python3 python/chat_server.py [PORT]` (7878 by default; 0 takes any
free port), then `nc 127.0.0.1 7878` in two other terminals. It runs until Ctrl-C.
"""

import asyncio
import sys

try:
    PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 7878
except ValueError:
    sys.exit(print("usage: chat_server.py [PORT], e.g. 7878", file=sys.stderr) or 2)
room = {}  # writer -> name


async def client(reader, writer):
    writer.write(b"Welcome! What is your name?\n")
    name = (await reader.readline()).decode().strip() or "guest"
    await say(f"* {name} joined", writer)
    room[writer] = name
    while line := await reader.readline():
        await say(f"{name}: {line.decode().rstrip()}", writer)
    del room[writer]
    await say(f"* {name} left", writer)


async def say(line, sender):
    print(line, flush=True)  # the room's log
    for writer in list(room):
        if writer is not sender:
            writer.write(f"{line}\n".encode())
            await writer.drain()  # waits while this client's buffer is full!


async def main():
    server = await asyncio.start_server(client, "127.0.0.1", PORT)
    print(f"Chat room on 127.0.0.1:{server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


try:
    asyncio.run(main())
except KeyboardInterrupt:
    pass
except OSError as error:  # the port is taken, say
    sys.exit(print(f"cannot listen on port {PORT}: {error.strerror}", file=sys.stderr) or 1)
