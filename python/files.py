"""files: 300 files written and read back on threads with asyncio.to_thread.

Run: `python3 python/files.py` (under a second).
"""

import asyncio
import os
import tempfile

FILES, FILE_SIZE = 300, 110_000


def write(path, content):
    with open(path, "wb") as f:
        f.write(content)


def size_of(path):
    with open(path, "rb") as f:
        return len(f.read())


async def main():
    content = b"x" * FILE_SIZE
    with tempfile.TemporaryDirectory() as directory:  # removed at the end, even on an error
        paths = [os.path.join(directory, f"file-{n:03}") for n in range(1, FILES + 1)]
        await asyncio.gather(*(asyncio.to_thread(write, p, content) for p in paths))
        sizes = await asyncio.gather(*(asyncio.to_thread(size_of, p) for p in paths))
        print(f"read back {sum(s == FILE_SIZE for s in sizes)} files of the right size")


asyncio.run(main())
