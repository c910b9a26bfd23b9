"""http_many: ten pages fetched at once on one event loop, at most PARALLEL requests in flight.

A client with the standard library only: `get` speaks just enough HTTP/1.1 for these pages (httpx
or aiohttp do it for real: `await client.get(url)`). Start the workbook's server first
(`cargo run --example web_server`), then run `python3 python/http_many.py [BASE_URL]` (0.5 s).
"""

import asyncio
import re
import sys
from urllib.parse import urlsplit

from workbook import say

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
PARALLEL = 10
PATHS = [f"/page/{n}" for n in range(10)]


async def get(url):
    """GETs `url` on a connection of its own: its status and its body."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port or 80)
    request = f"GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n"
    writer.write(request.encode())
    response = await reader.read()  # until the server closes the connection
    writer.close()
    await writer.wait_closed()
    head, _, body = response.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode()


async def fetch(limit, path):
    async with limit:  # at most PARALLEL requests in flight
        status, body = await get(BASE + path)
        if status != 200:
            raise OSError(f"status {status}")
        return re.search(r"<title>(.*?)</title>", body).group(1)


async def main():
    say(f"fetching {len(PATHS)} pages, at most {PARALLEL} at a time")
    limit = asyncio.Semaphore(PARALLEL)
    results = await asyncio.gather(*(fetch(limit, path) for path in PATHS), return_exceptions=True)
    for path, result in zip(PATHS, results):
        say(f"{path}: {result}")


asyncio.run(main())
