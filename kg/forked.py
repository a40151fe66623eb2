"""Bytes made from what the process already holds, in a forked child, while the parent goes on.

A build's exports are independent once the graph is annotated: the HTML page (a tenth of adding
one episode to an archive) is drawn in a child forked from the build, beside the Turtle and the
load file in the parent. The child gets the graph by inheritance (nothing is pickled or copied up
front) and sends back only the bytes. Where there is no safe `fork` (not Linux, or inside a daemon
process that may not have children), or the child fails in any way, `result()` makes the bytes in
the parent instead: the same function, so the same bytes, and its real error if it has one.

>>> job = Forked(lambda: b"page")
>>> job.result()
b'page'
"""
from __future__ import annotations

import multiprocessing as mp
import sys
import traceback
from collections.abc import Callable

_DONE, _FAILED = b"\x00", b"\x01"


class Forked:
    """`make()` run in a forked child; `result()` waits for its bytes (or makes them here)."""

    def __init__(self, make: Callable[[], bytes], fork: bool = True):
        self._make = make
        self._conn = self._child = None
        self.forked = fork and can_fork()
        if self.forked:
            ctx = mp.get_context("fork")
            self._conn, sender = ctx.Pipe(duplex=False)
            self._child = ctx.Process(target=_run, args=(make, sender), name="kg-forked", daemon=True)
            self._child.start()
            sender.close()

    def result(self) -> bytes:
        if self._child is None:
            return self._make()
        try:
            data = self._conn.recv_bytes()
        except (EOFError, OSError):             # the child died (killed, out of memory) before sending
            data = _FAILED
        finally:
            self._conn.close()
            self._child.join()
            self._child = None
        return data[1:] if data[:1] == _DONE else self._make()


def can_fork() -> bool:
    """Linux (fork is the safe, cheap default there), and not a daemon process."""
    return sys.platform.startswith("linux") and not mp.current_process().daemon


def _run(make: Callable[[], bytes], sender) -> None:
    try:
        data = _DONE + make()
    except BaseException:                       # noqa: BLE001 - the parent makes it again, and raises
        data = _FAILED + traceback.format_exc().encode("utf-8", "replace")
    sender.send_bytes(data)
    sender.close()
