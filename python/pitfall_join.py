"""pitfall_join: gather does not make CPU work parallel; processes do.

Run: `python3 python/pitfall_join.py` (about a second on two cores).
"""

import asyncio
from concurrent.futures import ProcessPoolExecutor


def count_primes(below):
    return sum(all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(2, below))


async def main():
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as pool:
        a, b = await asyncio.gather(
            loop.run_in_executor(pool, count_primes, 50_000),
            loop.run_in_executor(pool, count_primes, 50_000),
        )
    print(a, b)


if __name__ == "__main__":
    asyncio.run(main())
