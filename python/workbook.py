"""workbook: what the Python twins share, the Python side of the Rust `workbook` crate.

A clock that stamps each printed line (`[ 2.0s] First`), bars for a timeline, and the timeline
itself, drawn by `summary()` when a program ends; and `cpu_work`, real CPU work until a deadline.
Like the Rust crate it only prints, times and draws: it never creates tasks, gathers or sleeps
for a program. Every time shown is measured, then rounded *down* to a tenth of a second, so that a
twin prints the same text as its Rust program, line for line.
"""

import os
import threading
import time

# The widest a timeline may be, label included, so it fits an 80-column terminal.
MAX_WIDTH = 80

WORKING, WAITING, NOTICED_LATE = "█", "░", "▒"
LEGEND = {WORKING: "working", WAITING: "waiting", NOTICED_LATE: "done, not yet noticed"}

_start = None
_finished = []
_bars_begun = 0


def _now_ns():
    """Nanoseconds since the clock started: the first time anything here was called."""
    global _start
    now = time.monotonic_ns()
    if _start is None:
        _start = now
    return now - _start


def _tenths(ns):
    return ns // 100_000_000


def _seconds(tenths):
    return f"{tenths // 10}.{tenths % 10} s"


def _print(text):
    """Prints `text`; if stdout was closed (`| head`), ends the program at once and quietly, as a
    Unix tool does, instead of with a traceback from every task."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        os._exit(1)


def say(line):
    """Prints `line` behind the time since the program started: `[ 2.0s] First`."""
    tenths = _tenths(_now_ns())
    _print(f"[{tenths // 10:>2}.{tenths % 10}s] {line}")


class Bar:
    """One job's bar on the timeline, from `waiting`, `waiting_for` or `working` until `end`."""

    def __init__(self, job, kind, due_seconds=None):
        global _bars_begun
        self.job = job
        self.kind = kind
        self.due_seconds = due_seconds
        self.order = _bars_begun
        _bars_begun += 1
        self.began = _now_ns()

    def elapsed(self):
        """How long ago this bar began, as printed (`3.5 s`): the difference of the two stamps."""
        return _seconds(_tenths(_now_ns()) - _tenths(self.began))

    def end(self):
        """Ends the bar now. The timeline shows it from where it began to here."""
        _finished.append((self, _tenths(self.began), _tenths(_now_ns())))


def waiting(job, due_seconds):
    """The bar of a job that waits for something outside the program (a timer, a machine) that is
    due `due_seconds` from now: drawn `░` until then, and `▒` from then until `end`."""
    return Bar(job, WAITING, due_seconds)


def waiting_for(job):
    """The bar of a job that waits for something whose moment the program cannot know in advance
    (an answer, a lock, another task): drawn `░` until `end`."""
    return Bar(job, WAITING)


def working(job):
    """The bar of a job that keeps the CPU busy with its own work: drawn `█`."""
    return Bar(job, WORKING)


def summary():
    """Prints the total time since the program started and the timeline of every ended bar."""
    total = _tenths(_now_ns())
    _print(f"\nTotal: {_seconds(total)}\n{timeline(_finished, total)}".rstrip("\n"))


def timeline(finished, total):
    """Draws the bars on one time axis; bars of the same job share a row, in the order its first
    bar began. Columns per second are chosen so the whole run fits 80 columns."""
    if not finished:
        return ""
    rows = {}
    for bar, begin, end in sorted(finished, key=lambda f: f[0].order):
        rows.setdefault(bar.job, []).append((bar, begin, end))
    label = max(len(job) for job in rows) + 2
    room = MAX_WIDTH - label - 4
    total_tenths = max(total, 1)
    per_second = next((c for c in (10, 5, 4, 2, 1) if -(-total_tenths * c // 10) <= room), 1)

    def column(tenths):
        return tenths * per_second // 10

    width = column(total) + 1
    tick_every = next((t for t in (1, 2, 5, 10, 20, 50) if t * per_second >= 5), 50)

    axis = ""
    second = 0
    while second * per_second <= width:
        at = second * per_second
        mark = f"{second}s"
        if len(axis) <= at and at + len(mark) <= room + 2:
            axis += " " * (at - len(axis)) + mark
        second += tick_every
    out = [" " * label + axis.rstrip()]
    used = set()
    for job, bars in rows.items():
        cells = []
        for bar, begin, end in bars:
            start = column(begin)
            stop = max(column(end), start + 1)
            cells += [" "] * (start - len(cells))
            if bar.kind == WORKING or bar.due_seconds is None:
                kinds = [bar.kind] * (stop - start)
            else:
                # Where the wait was due: known by construction (its length), not measured.
                due_tenths = begin + round(bar.due_seconds * 1000) // 100
                due = min(max(column(due_tenths), start + 1), stop)
                kinds = [WAITING] * (due - start) + [NOTICED_LATE] * (stop - due)
            cells[start:stop] = kinds
            used.update(kinds)
        out.append(f"{job:<{label}}" + "".join(cells))
    if len(used) > 1:
        legend = "  ".join(f"{kind} {LEGEND[kind]}" for kind in LEGEND if kind in used)
        out.append(" " * label + legend)
    return "\n".join(out) + "\n"


_previous = threading.local()

# Two pieces of work this close, not counting the time the thread waited for a core, are back to
# back: a loop that prints a line between pieces leaves a few microseconds.
_BACK_TO_BACK_NS = 500_000


def _time_held_back_ns():
    """How long this thread has waited, ready to run, for the operating system to give it a core
    (Linux's /proc/thread-self/schedstat; 0 where the kernel does not tell)."""
    try:
        with open("/proc/thread-self/schedstat") as figures:
            return int(figures.read().split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def cpu_work(seconds):
    """Keeps one CPU core busy with real arithmetic for `seconds`, and returns the result.

    Only pieces done truly back to back keep to a steady schedule, as in the Rust `cpu_work`: if
    the next one begins microseconds after the previous one ended, not counting the time the
    operating system kept the thread waiting for a core, it starts when the previous one was due to
    end, so that ten pieces of 0.7 s end at 7.0 s. A piece after a wait lasts its whole `seconds`.
    The CPU is busy all along.
    """
    now = time.monotonic_ns()
    held_back = _time_held_back_ns()
    previous = getattr(_previous, "piece", None)
    begin = now
    if previous is not None:
        due, ended, held_back_then = previous
        if now - ended - (held_back - held_back_then) < _BACK_TO_BACK_NS:
            begin = due
    until = begin + round(seconds * 1e9)
    state = 0x9E3779B97F4A7C15
    while time.monotonic_ns() < until:
        for _ in range(1_000):
            # xorshift, kept to 64 bits: cheap, real arithmetic.
            state ^= (state << 13) & 0xFFFFFFFFFFFFFFFF
            state ^= state >> 7
            state ^= (state << 17) & 0xFFFFFFFFFFFFFFFF
    _previous.piece = (until, time.monotonic_ns(), _time_held_back_ns())
    return state
