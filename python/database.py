"""database: sqlite3 from asyncio, a blocking call on a thread; a failed transaction rolls back.

Run: `python3 python/database.py` (instant).
"""

import asyncio
import os
import sqlite3
import tempfile


def setup(path):
    db = sqlite3.connect(path, check_same_thread=False)  # used from another thread below
    with db:  # one transaction: all of it or nothing
        db.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, "
                   "balance INTEGER NOT NULL CHECK (balance >= 0))")
        db.executemany("INSERT INTO accounts VALUES (?, 100)", [(i,) for i in range(1, 101)])
    return db


def move_money(db, source, target, amount):
    try:
        with db:  # commits, or rolls back on an exception
            db.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", (amount, target))
            db.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", (amount, source))
    except sqlite3.IntegrityError as e:
        print("a transfer that fails halfway:", e)


async def main():
    with tempfile.TemporaryDirectory() as folder:
        db = setup(os.path.join(folder, "shop.db"))
        await asyncio.to_thread(move_money, db, 2, 1, 500)  # what aiosqlite does for you
        total = db.execute("SELECT sum(balance) FROM accounts").fetchone()[0]
        print("total", total)  # still 10000
        db.close()


asyncio.run(main())
