"""The shared file cache counts its entries on one write in ``CULL_EVERY``, then culls as usual."""

from vernetzt.core.file_cache import SometimesCulledFileCache


def make_cache(tmp_path, *, max_entries, cull_every):
    return SometimesCulledFileCache(
        str(tmp_path),
        {"OPTIONS": {"MAX_ENTRIES": max_entries, "CULL_EVERY": cull_every, "CULL_FREQUENCY": 2}},
    )


def entries(tmp_path):
    return len(list(tmp_path.glob("*.djcache")))


def test_entries_over_the_limit_stay_until_the_counted_write(tmp_path):
    cache = make_cache(tmp_path, max_entries=10, cull_every=15)
    for number in range(14):
        cache.set(f"page-{number}", "x")
    assert entries(tmp_path) == 14  # 14 writes: no count taken yet, the soft limit is passed

    cache.set("page-14", "x")  # the 15th write counts 14 entries ≥ 10 and culls half
    assert entries(tmp_path) == 8


def test_values_are_stored_and_read_as_by_djangos_file_cache(tmp_path):
    cache = make_cache(tmp_path, max_entries=100, cull_every=1)
    cache.set("revision", "abc", None)
    cache.set("page", {"body": "ü"}, 60)
    assert cache.get("revision") == "abc"
    assert cache.get("page") == {"body": "ü"}


def test_the_platform_uses_it_when_no_redis_is_named(settings):
    # The test settings use an in-memory cache; the production settings choose this backend.
    from vernetzt import settings as production

    if not production.CACHE_URL:
        backend = production.CACHES["default"]["BACKEND"]
        assert backend == "vernetzt.core.file_cache.SometimesCulledFileCache"
