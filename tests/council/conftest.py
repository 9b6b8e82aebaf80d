import shutil

import pytest
from django.utils import translation

from bench.council.data import HUERTGENWALD_ARCHIVE, KARLSRUHE, unpack_huertgenwald

needs_karlsruhe = pytest.mark.skipif(
    not KARLSRUHE.is_dir(), reason=f"shared OParl data not present at {KARLSRUHE}"
)
needs_huertgenwald = pytest.mark.skipif(
    not HUERTGENWALD_ARCHIVE.is_file(), reason=f"Hürtgenwald crawl not present at {HUERTGENWALD_ARCHIVE}"
)


@pytest.fixture(autouse=True)
def english():
    """The import's warnings are stored in the language of the run; these tests read them in
    English, whatever the catalogues hold."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def huertgenwald_dir(tmp_path_factory):
    return unpack_huertgenwald(tmp_path_factory.mktemp("huertgenwald"))


@pytest.fixture
def karlsruhe_copy(tmp_path):
    """A writable copy of the Karlsruhe data, for tests that change an object."""
    return shutil.copytree(KARLSRUHE, tmp_path / "karlsruhe")
