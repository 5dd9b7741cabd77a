"""Two people reorder the board at once: a reorder made on an old view of the board is merged with what was
saved since. Moves of different projects are both kept (this user's on top of the other's order, said in
a message); moves of the same project save nothing and show both orders for the user to choose."""

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import roles
from portfolio import services
from portfolio.models import Board, BoardOrderChange, OrderChangeKind, PortfolioEntry

pytestmark = pytest.mark.django_db

REORDER = reverse("portfolio:reorder")


def ranks(projects) -> list[int]:
    by_pk = dict(PortfolioEntry.objects.values_list("project_id", "rank"))
    return sorted((p.pk for p in projects), key=lambda pk: by_pk.get(pk) or 0)


def drag(order: list[int], pk: int, to: int) -> list[int]:
    order = [p for p in order if p != pk]
    order.insert(to, pk)
    return order


def post_drag(client, programme, order, moved, version, **extra):
    return client.post(
        REORDER,
        {"programme": programme.pk, "order": ",".join(map(str, order)), "moved": moved, "version": version}
        | extra,
        headers={"HX-Request": "true"},
    )


def test_moves_of_different_projects_are_both_kept_and_the_user_is_told(
    make_board, client, executive, role_user
):
    programme, projects = make_board(5)
    ids = [p.pk for p in projects]
    colleague = role_user(roles.EXECUTIVE, username="kari", first_name="Kari", last_name="Nordmann")
    # Kari drags Prosjekt 04 to the top while Eva's board still shows version 0.
    services.board_order_save(
        programme=programme, order=drag(ids, ids[4], 0), moved={ids[4]}, version=0, user=colleague
    )
    client.force_login(executive)
    # Eva drags Prosjekt 00 below Prosjekt 02 on her old view.
    response = post_drag(client, programme, drag(ids, ids[0], 2), ids[0], 0)
    assert response.status_code == 200
    assert ranks(projects) == [ids[4], ids[1], ids[2], ids[0], ids[3]]
    html = response.content.decode()
    assert "Endringene dine er lagret. Kari Nordmann hadde også endret plasseringen av Prosjekt 04" in html
    assert "de endringene er beholdt" in html
    board = Board.objects.get(programme=programme)
    assert board.version == 2
    assert BoardOrderChange.objects.get(board=board, version=2).kind == OrderChangeKind.MERGE


def test_move_button_on_an_old_view_is_applied_on_top_of_the_other_order(make_board, client, executive):
    programme, projects = make_board(4)
    ids = [p.pk for p in projects]
    services.board_order_save(
        programme=programme, order=drag(ids, ids[3], 0), moved={ids[3]}, version=0, user=executive
    )
    client.force_login(executive)
    response = client.post(
        reverse("portfolio:move"), {"programme": programme.pk, "move": f"{ids[0]}:down", "version": 0}
    )
    assert response.status_code == 302
    assert ranks(projects) == [ids[3], ids[1], ids[0], ids[2]]


def test_moves_of_the_same_project_save_nothing_and_the_user_chooses(
    make_board, client, executive, role_user
):
    programme, projects = make_board(4)
    ids = [p.pk for p in projects]
    colleague = role_user(roles.EXECUTIVE, username="kari", first_name="Kari", last_name="Nordmann")
    theirs = drag(ids, ids[2], 0)
    services.board_order_save(programme=programme, order=theirs, moved={ids[2]}, version=0, user=colleague)
    client.force_login(executive)
    mine = drag(ids, ids[2], 3)
    response = post_drag(client, programme, mine, ids[2], 0)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Noen andre lagret mens du redigerte" in html
    assert "Både du og Kari Nordmann har flyttet Prosjekt 02" in html
    assert "Behold min rekkefølge" in html and "Bruk rekkefølgen til Kari Nordmann" in html
    assert 'name="resolve" value="mine" id="resolve-mine" required>' in html  # no default
    assert ranks(projects) == theirs
    # The choice form carries the current version and this user's order.
    assert 'name="version" value="1"' in html
    assert f'name="order" value="{",".join(map(str, mine))}"' in html

    # Saving without a choice is refused; choosing "mine" saves this user's order.
    response = post_drag(client, programme, mine, "", 1, resolving="1")
    assert response.status_code == 422
    assert ranks(projects) == theirs
    response = post_drag(client, programme, mine, "", 1, resolving="1", resolve="mine")
    assert response.status_code == 200
    assert ranks(projects) == mine


def test_choosing_the_other_order_saves_nothing(make_board, client, executive):
    programme, projects = make_board(3)
    ids = [p.pk for p in projects]
    services.board_order_save(
        programme=programme, order=drag(ids, ids[2], 0), moved={ids[2]}, version=0, user=executive
    )
    client.force_login(executive)
    response = post_drag(client, programme, drag(ids, ids[0], 2), "", 1, resolving="1", resolve="theirs")
    assert response.status_code == 200
    assert "Den andre rekkefølgen ble beholdt" in response.content.decode()
    assert ranks(projects) == drag(ids, ids[2], 0)
    assert Board.objects.get(programme=programme).version == 1


def test_a_third_save_during_the_choice_repeats_the_process(make_board, client, executive):
    programme, projects = make_board(4)
    ids = [p.pk for p in projects]
    services.board_order_save(
        programme=programme, order=drag(ids, ids[1], 3), moved={ids[1]}, version=0, user=executive
    )
    client.force_login(executive)
    mine = drag(ids, ids[1], 0)
    assert post_drag(client, programme, mine, ids[1], 0).status_code == 409
    # While the user chooses, someone moves the same project again.
    current = ranks(projects)
    services.board_order_save(
        programme=programme, order=drag(current, ids[1], 2), moved={ids[1]}, version=1, user=executive
    )
    response = post_drag(client, programme, mine, "", 1, resolving="1", resolve="mine")
    # "mine" is the whole order: every project it puts elsewhere than the newest order counts as moved.
    assert response.status_code == 409
    assert 'name="version" value="2"' in response.content.decode()


def test_unknown_history_makes_every_move_a_conflict(make_board, client, executive):
    """A board reordered before its order history was kept: what the other moved cannot be known."""
    programme, projects = make_board(3)
    ids = [p.pk for p in projects]
    services.board_reorder(programme=programme, order=list(reversed(ids)), version=0, user=executive)
    BoardOrderChange.objects.all().delete()
    client.force_login(executive)
    response = post_drag(client, programme, drag(ids, ids[0], 1), ids[0], 0)
    assert response.status_code == 409
    assert ranks(projects) == list(reversed(ids))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    n=st.integers(min_value=2, max_value=7),
    their_moves=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), min_size=1, max_size=3),
    my_move=st.tuples(st.integers(0, 6), st.integers(0, 6)),
)
def test_no_move_is_ever_lost_without_the_user_choosing(
    make_board, client, executive, role_user, n, their_moves, my_move
):
    """Two sessions over HTTP: the colleague drags some projects, this user drags one on the old view. Either
    both sets of moves end up on the board, or nothing of this user's is saved and both orders are shown."""
    # Each example in its own savepoint, rolled back, so the next one starts from an empty database.
    with transaction.atomic():
        check_two_sessions(make_board, client, executive, role_user, n, their_moves, my_move)
        transaction.set_rollback(True)


def check_two_sessions(make_board, client, executive, role_user, n, their_moves, my_move):
    programme, projects = make_board(n)
    ids = [p.pk for p in projects]
    colleague = role_user(roles.EXECUTIVE, username="kari")
    other = client.__class__()
    other.force_login(colleague)
    client.force_login(executive)

    their_order, their_moved = list(ids), set()
    for version, (source, target) in enumerate(their_moves):
        pk = their_order[source % n]
        their_order = drag(their_order, pk, target % n)
        their_moved.add(pk)
        assert post_drag(other, programme, their_order, pk, version).status_code == 200
    pk = ids[my_move[0] % n]
    mine = drag(ids, pk, my_move[1] % n)
    response = post_drag(client, programme, mine, pk, 0)
    saved = ranks(projects)
    if pk in their_moved:
        assert response.status_code == 409
        assert saved == their_order
    else:
        assert response.status_code == 200
        # The colleague's moved projects keep their order among themselves and against the unmoved ones…
        kept = [p for p in saved if p != pk]
        assert kept == [p for p in their_order if p != pk]
        # …and this user's project follows the project it followed in this user's order.
        index = mine.index(pk)
        if index == 0:
            assert saved[0] == pk
        else:
            assert saved[saved.index(mine[index - 1]) + 1] == pk
