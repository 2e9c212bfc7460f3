# SPDX-License-Identifier: GPL-3.0-or-later
"""Page-cache state of the benchmark's files, for both sides alike.

On the benchmark's VM the page cache does not keep all of the 3.6 GB binary
and the 8.6 GB text file, so before each timed load the file is read through
(warm), and the fraction of it in the page cache is recorded before and after.
"""
import ctypes
import mmap
import os

_libc = ctypes.CDLL(None, use_errno=True)
_libc.mmap.restype = ctypes.c_void_p
_libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                       ctypes.c_long]
_libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
_libc.mincore.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p]


def fraction(path):
    """The fraction of path's pages in the page cache (mincore), or None."""
    size = os.path.getsize(path)
    if size == 0:
        return None
    pages = (size + mmap.PAGESIZE - 1) // mmap.PAGESIZE
    fd = os.open(path, os.O_RDONLY)
    try:
        addr = _libc.mmap(None, size, mmap.PROT_READ, mmap.MAP_SHARED, fd, 0)
        if addr in (None, ctypes.c_void_p(-1).value):
            return None
        try:
            vec = (ctypes.c_ubyte * pages)()
            if _libc.mincore(addr, size, vec) != 0:
                return None
            return sum(1 for b in bytes(vec) if b & 1) / pages
        finally:
            _libc.munmap(addr, size)
    finally:
        os.close(fd)


def warm(path):
    """Reads path through; returns {"before": f, "at_start": f} fractions."""
    before = fraction(path)
    with open(path, "rb", buffering=0) as f:
        buf = bytearray(4 << 20)
        while f.readinto(buf):
            pass
    return {"page_cache_before_warming": before, "page_cache_at_start": fraction(path)}
