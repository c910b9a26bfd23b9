"""load_test: REQUESTS requests over CONNECTIONS coroutines at once; throughput and percentiles.

Standard library only (`get` is the one of `http_many.py`, a connection per request; aiohttp keeps
connections open and goes faster). Start the server first, without its delay
(`cargo run --example web_server -- --delay 0`), then run `python3 python/load_test.py [BASE_URL]`.
"""

import asyncio
import sys
import time
from urllib.parse import urlsplit

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
REQUESTS, CONNECTIONS = 200, 20


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


async def connection(claimed, latencies):
    while claimed[0] < REQUESTS:
        claimed[0] += 1  # one event loop: no lock needed
        began = time.perf_counter()
        status, _ = await get(BASE + "/page/1")
        if status == 200:
            latencies.append(time.perf_counter() - began)


async def main():
    claimed, latencies = [0], []
    began = time.perf_counter()
    await asyncio.gather(*(connection(claimed, latencies) for _ in range(CONNECTIONS)))
    took = time.perf_counter() - began
    latencies.sort()

    def pick(p):
        return latencies[max(1, -(-len(latencies) * p // 100)) - 1] * 1000

    print(f"{len(latencies)} of {REQUESTS} requests answered over {CONNECTIONS} connections")
    print(f"{len(latencies) / took:.0f} requests/s, "
          f"p50 {pick(50):.1f} ms, p90 {pick(90):.1f} ms, p99 {pick(99):.1f} ms")


try:
    asyncio.run(main())
except OSError as error:
    sys.exit(print(f"cannot reach {BASE}: {error.strerror or error}", file=sys.stderr) or 1)
