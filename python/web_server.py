"""web_server: the workbook's pages served by asyncio's own streams, each answered after a delay.

`/page/0` to `/page/9`, each titled "Page N", with two links; anything else is a 404. Standard
library only (aiohttp's `web.Application` does the parsing for real). Run:
`python3 python/web_server.py [PORT [DELAY]]` (port 8080 and 0.5 s by default; port 0 takes any
free port), until Ctrl-C.
"""

import asyncio
import sys

from workbook import say

try:
    PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    DELAY = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
except ValueError:
    sys.exit(print("usage: web_server.py [PORT [DELAY]], e.g. 8080 0.5", file=sys.stderr) or 2)


async def page(reader, writer):
    request_line = (await reader.readline()).decode()
    while (await reader.readline()).strip():  # the headers, up to the empty line
        pass
    method, path, _ = request_line.split(" ", 2)
    say(f"{method} {path}")
    await asyncio.sleep(DELAY)  # the server's work: other requests go on meanwhile
    number = path.removeprefix("/page/")
    if number.isdigit() and int(number) < 10:
        # Like the Rust server's pages: each links to the next page and to one more.
        n = int(number)
        status, title = "200 OK", f"Page {n}"
        linked = ((n + 1) % 10, (n * 3 + 2) % 10)
        links = " ".join(f'<a href="/page/{m}">Page {m}</a>' for m in linked)
    else:
        status, title, links = "404 Not Found", "Not found", ""
    body = f"<html><head><title>{title}</title></head><body>{links}</body></html>\n".encode()
    head = f"HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n"
    writer.write(head.encode() + b"Connection: close\r\n\r\n" + body)
    await writer.drain()
    writer.close()
    say(f"{method} {path} -> {status}")


async def main():
    server = await asyncio.start_server(page, "127.0.0.1", PORT)
    port = server.sockets[0].getsockname()[1]
    say(f"Serving on http://127.0.0.1:{port}  (Ctrl-C stops it)")
    async with server:
        await server.serve_forever()


try:
    asyncio.run(main())
except KeyboardInterrupt:
    pass
except OSError as error:  # the port is taken, say
    sys.exit(print(f"cannot listen on port {PORT}: {error.strerror}", file=sys.stderr) or 1)
