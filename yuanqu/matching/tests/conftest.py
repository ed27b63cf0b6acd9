import pytest

from yuanqu.matching import index, thesaurus


@pytest.fixture(autouse=True)
def matching_index_dir(settings, tmp_path):
    """Each test gets its own index directory and a fresh per-process index and thesaurus cache."""
    settings.MATCHING_INDEX_DIR = tmp_path / "matching"
    index._index = None
    thesaurus.clear_cache()
    yield settings.MATCHING_INDEX_DIR
    index._index = None
    thesaurus.clear_cache()
