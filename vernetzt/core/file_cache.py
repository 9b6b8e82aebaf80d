"""Django's file-based cache, culled now and then instead of on every write.

``FileBasedCache`` lists its whole folder on every ``set`` to decide whether to cull: with the
folder near ``MAX_ENTRIES`` (5,000 pages) that listing cost 14 ms of CPU per stored page
(56 ms wall) on the benchmark machine, more than half of what rendering an uncached
organisation profile costs. Here the count is taken on one ``set`` in ``CULL_EVERY``
(default 100) per process, so ``MAX_ENTRIES`` becomes a soft limit that a busy site passes by at
most about ``CULL_EVERY`` entries per server process before a third is removed as usual.
"""

import itertools

from django.core.cache.backends.filebased import FileBasedCache


class SometimesCulledFileCache(FileBasedCache):
    def __init__(self, location, params):
        options = dict(params.get("OPTIONS", {}))
        self._cull_every = max(1, int(options.pop("CULL_EVERY", 100)))
        super().__init__(location, {**params, "OPTIONS": options})
        self._writes = itertools.count(1)

    def _cull(self):
        if next(self._writes) % self._cull_every == 0:
            super()._cull()
