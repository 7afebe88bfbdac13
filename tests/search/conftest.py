import pytest

from tests.search.world import World


@pytest.fixture
def world(db):
    return World()
