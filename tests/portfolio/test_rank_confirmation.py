"""Re-ranking the board by priority score replaces a hand-made order: it is asked for on a page of its own
that shows the new order (works without JavaScript), and can be undone afterwards from the board; both the
ranking and the undo are in the board's order history."""

import pytest
from django.urls import reverse

from portfolio import services
from portfolio.models import Board, BoardOrderChange, OrderChangeKind, PortfolioEntry

pytestmark = pytest.mark.django_db

RANK = reverse("portfolio:rank_by_priority")
BOARD = reverse("portfolio:board")


def ranks(projects) -> list[str]:
    by_pk = dict(PortfolioEntry.objects.values_list("project_id", "rank"))
    return [p.name for p in sorted(projects, key=lambda p: by_pk.get(p.pk) or 0)]


@pytest.fixture
def hand_ordered(make_board, criteria, executive):
    """Three projects scored 2, 5 and 3, put in the order 00, 01, 02 by hand."""
    programme, projects = make_board(3)
    for project, score in zip(projects, (2, 5, 3), strict=True):
        for criterion in criteria:
            services.assessment_set(
                project=project, criterion=criterion, score=score, rationale="Vurdert", user=executive
            )
    services.board_reorder(programme=programme, order=[p.pk for p in projects], version=0, user=executive)
    return programme, projects


def test_the_board_offers_re_ranking_as_a_link_to_a_confirmation_page(hand_ordered, client, executive):
    programme, _projects = hand_ordered
    client.force_login(executive)
    html = client.get(BOARD).content.decode()
    assert f'href="{RANK}?programme={programme.pk}"' in html
    assert f'action="{RANK}"' not in html


def test_the_confirmation_page_shows_the_new_order_and_changes_nothing(hand_ordered, client, executive):
    programme, projects = hand_ordered
    client.force_login(executive)
    response = client.get(RANK, {"programme": programme.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rangere tavlen etter prioritetspoeng?" in html
    assert "3 prosjekter får en annen plass" in html
    assert html.index("Prosjekt 01") < html.index("Prosjekt 02") < html.index("Prosjekt 00")
    assert 'name="confirm" value="1"' in html
    assert ranks(projects) == ["Prosjekt 00", "Prosjekt 01", "Prosjekt 02"]


def test_a_post_without_confirmation_only_shows_the_question(hand_ordered, client, executive):
    programme, projects = hand_ordered
    client.force_login(executive)
    response = client.post(RANK, {"programme": programme.pk, "version": 1})
    assert response.status_code == 200
    assert "Rangere tavlen etter prioritetspoeng?" in response.content.decode()
    assert ranks(projects) == ["Prosjekt 00", "Prosjekt 01", "Prosjekt 02"]


def test_confirmed_re_ranking_can_be_undone_from_the_board(hand_ordered, client, executive):
    programme, projects = hand_ordered
    client.force_login(executive)
    response = client.post(RANK, {"programme": programme.pk, "version": 1, "confirm": "1"}, follow=True)
    assert ranks(projects) == ["Prosjekt 01", "Prosjekt 02", "Prosjekt 00"]
    html = response.content.decode()
    assert "Angre rangeringen" in html
    change = BoardOrderChange.objects.get(kind=OrderChangeKind.RANK)

    response = client.post(
        reverse("portfolio:undo_rank"), {"programme": programme.pk, "change": change.pk}, follow=True
    )
    assert ranks(projects) == ["Prosjekt 00", "Prosjekt 01", "Prosjekt 02"]
    html = response.content.decode()
    assert "Rangeringen er angret" in html
    assert "Angre rangeringen" not in html
    assert list(BoardOrderChange.objects.order_by("version").values_list("kind", flat=True)) == [
        OrderChangeKind.DRAG,
        OrderChangeKind.RANK,
        OrderChangeKind.UNDO,
    ]
    assert Board.objects.get(programme=programme).version == 3


def test_undo_keeps_a_move_made_after_the_re_ranking(hand_ordered, client, executive):
    programme, projects = hand_ordered
    client.force_login(executive)
    client.post(RANK, {"programme": programme.pk, "version": 1, "confirm": "1"})
    ids = [p.pk for p in projects]
    # After ranking: 01, 02, 00. Someone moves 02 to the top.
    services.board_order_save(
        programme=programme, order=[ids[2], ids[1], ids[0]], moved={ids[2]}, version=2, user=executive
    )
    change = BoardOrderChange.objects.get(kind=OrderChangeKind.RANK)
    client.post(reverse("portfolio:undo_rank"), {"programme": programme.pk, "change": change.pk})
    # The undo moves 00 back to the top (the only project the ranking moved, as the fewest moves go);
    # 02, moved since by someone else, keeps its place above 01.
    assert ranks(projects) == ["Prosjekt 00", "Prosjekt 02", "Prosjekt 01"]


def test_confirming_on_a_board_reordered_meanwhile_asks_again(hand_ordered, client, executive):
    programme, projects = hand_ordered
    ids = [p.pk for p in projects]
    services.board_reorder(programme=programme, order=[ids[2], ids[0], ids[1]], version=1, user=executive)
    client.force_login(executive)
    response = client.post(RANK, {"programme": programme.pk, "version": 1, "confirm": "1"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Noen andre endret rekkefølgen mens du så på dette" in html
    assert 'name="version" value="2"' in html
    assert ranks(projects) == ["Prosjekt 02", "Prosjekt 00", "Prosjekt 01"]
