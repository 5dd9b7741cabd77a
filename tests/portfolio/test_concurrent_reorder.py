"""Two people reorder the board at the same moment from the same version: one order is saved, the other
is refused as a conflict; neither is half-written. Needs real row locks, so PostgreSQL only."""

import threading

import pytest
from django.db import connection, connections

from portfolio import services
from portfolio.models import Board, PortfolioEntry
from tests.conftest import skip_or_fail


@pytest.mark.django_db(transaction=True)
def test_simultaneous_reorders_from_the_same_version_save_one_and_refuse_the_other(make_board, executive):
    if connection.vendor != "postgresql":
        skip_or_fail("row locks (select_for_update) need PostgreSQL (set DATABASE_URL)")
    programme, projects = make_board(30)
    ids = [p.pk for p in projects]
    orders = {"forward": ids, "backward": list(reversed(ids))}
    barrier = threading.Barrier(2)
    outcomes = {}

    def reorder(name):
        try:
            barrier.wait()
            services.board_reorder(programme=programme, order=orders[name], version=0, user=executive)
            outcomes[name] = "saved"
        except services.BoardConflict:
            outcomes[name] = "conflict"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reorder, args=(name,)) for name in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    ranks = dict(PortfolioEntry.objects.values_list("project_id", "rank"))
    assert [pk for pk, _rank in sorted(ranks.items(), key=lambda item: item[1])] == orders[winner]
    assert Board.objects.get(programme=programme).version == 1
