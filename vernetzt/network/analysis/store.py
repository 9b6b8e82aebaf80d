"""The analysis result on Django's cache framework, keyed by the data it was computed from.

The key's version is the network revision (cooperations, ``network/revision.py``), the
directory revision (organisations, their terms, needs and offers, ``directory/cache.py``) and
the day (needs count while current). A page asks ``current()``: a result of this version is
fresh; otherwise the last result of any version is shown with its age while one background
task (``network.tasks.recompute_analysis``) computes the new one. One task per version:
``cache.add`` lets only the first request enqueue it.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from vernetzt.core import tasks as platform_tasks
from vernetzt.directory import cache as directory_cache
from vernetzt.network.revision import network_revision

RESULT_KEY = "network:analysis:result"
LAST_KEY = "network:analysis:last"
PENDING_KEY = "network:analysis:pending"
KEEP_SECONDS = 7 * 24 * 60 * 60
PENDING_SECONDS = 15 * 60  # a task not finished by then may be started again


def version():
    return f"{network_revision()}-{directory_cache.revision()}-{timezone.localdate().isoformat()}"


@dataclass(frozen=True)
class Analysis:
    result: dict | None  # None: nothing computed yet
    computed_at: object = None
    fresh: bool = False
    task_id: str = ""

    @property
    def progress(self):
        if not self.task_id:
            return None
        return platform_tasks.progress_of(self.task_id)

    @property
    def recomputing(self):
        return not self.fresh and bool(self.task_id)


def compute_and_store(*, progress=None):
    """Compute the analysis now and keep it under the version it was read at."""
    from vernetzt.network.analysis import data as network_data
    from vernetzt.network.analysis import metrics

    key_version = version()
    started = time.perf_counter()
    loaded = network_data.load()
    load_seconds = time.perf_counter() - started
    result = metrics.compute(loaded, progress=progress)
    result["timings"] = {"load": round(load_seconds, 3), **result["timings"]}
    stored = {"result": result, "computed_at": timezone.now(), "version": key_version}
    cache.set(RESULT_KEY, stored, KEEP_SECONDS, version=key_version)
    cache.set(LAST_KEY, stored, KEEP_SECONDS)
    return stored


def current():
    """The fresh result, or the last one while a task recomputes it (enqueued here)."""
    key_version = version()
    stored = cache.get(RESULT_KEY, version=key_version)
    if stored is not None:
        return Analysis(stored["result"], stored["computed_at"], fresh=True)
    task_id = _ensure_task(key_version)
    stored = cache.get(RESULT_KEY, version=key_version)  # an immediate backend has finished
    if stored is not None:
        return Analysis(stored["result"], stored["computed_at"], fresh=True)
    last = cache.get(LAST_KEY)
    if last is None:
        return Analysis(None, task_id=task_id)
    return Analysis(last["result"], last["computed_at"], fresh=False, task_id=task_id)


def _ensure_task(key_version):
    from vernetzt.network.tasks import recompute_analysis

    pending = cache.get(PENDING_KEY, version=key_version)
    if pending:
        return pending
    if not cache.add(PENDING_KEY, "starting", PENDING_SECONDS, version=key_version):
        return cache.get(PENDING_KEY, version=key_version) or ""
    result = recompute_analysis.enqueue()
    task_id = str(result.id)
    cache.set(PENDING_KEY, task_id, PENDING_SECONDS, version=key_version)
    return task_id
