"""crawler: crawls the workbook's server from /page/0, three requests at a time, each page once.

Standard library only (`get` is the one of `http_many.py`; aiohttp or httpx do it for real).
Start the server first (`cargo run --example web_server`), then run
`python3 python/crawler.py [BASE_URL]`. It prints the graph of links.
"""

import asyncio
import re
import sys
from urllib.parse import urlsplit

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
START = "/page/0"


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


async def fetch_links(path):
    try:
        status, body = await asyncio.wait_for(get(BASE + path), timeout=2)
        if status != 200:
            return f"failed: status {status}"
        return re.findall(r'href="(/[^"]*)"', body)
    except (OSError, asyncio.TimeoutError) as e:
        return f"failed: {e!r}"


async def main():
    seen, to_fetch, in_flight, graph = {START}, [START], set(), {}
    while to_fetch or in_flight:
        while to_fetch and len(in_flight) < 3:
            path = to_fetch.pop(0)
            task = asyncio.create_task(fetch_links(path))
            task.path = path
            in_flight.add(task)
        done, in_flight = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            graph[task.path] = links = task.result()
            for link in links if isinstance(links, list) else []:
                if link not in seen:
                    seen.add(link)
                    to_fetch.append(link)
    for path in sorted(graph):
        print(path, "->", graph[path])


asyncio.run(main())
