"""Corrections after publishing: a corrected version is a new report of the same scope and period that
points to the published one it corrects, says what is corrected and why, and lists what differs; the old
version stays readable and says it has been replaced."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from portfolio.reports import selectors, services, tasks, versions
from portfolio.reports.models import Report, ReportStatus
from tests.reports.conftest import normalise, pdf_text
from tests.reports.test_report_pages import make_report

pytestmark = pytest.mark.django_db

PUBLISHED_AT = timezone.make_aware(datetime.datetime(2026, 9, 10, 12, 0))
REASON = "Planlagt gevinst for Lavere husleie var ført med feil beløp for 2027."


def published(world, scope_object=None, at=PUBLISHED_AT, **fields) -> Report:
    return make_report(
        world,
        scope_object,
        status=ReportStatus.DONE,
        progress=100,
        published_at=at,
        published_by=world["executive"],
        **fields,
    )


def publish_row(report: Report, at: datetime.datetime) -> None:
    """Marks a finished report published, as report_publish does (without its checks)."""
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.DONE, published_at=at)


# --- The service -----------------------------------------------------------------------------------------


def test_a_correction_is_a_new_report_of_the_same_scope_and_period_that_points_to_the_published_one(
    report_world,
):
    original = published(report_world)
    correction, created = services.report_order_correction(
        user=report_world["executive"], report=original, reason=f"  {REASON}  "
    )
    assert created
    assert correction.pk != original.pk
    assert (correction.scope_key, correction.period_key) == (original.scope_key, original.period_key)
    assert correction.corrects == original
    assert correction.correction_reason == REASON
    assert correction.status == ReportStatus.QUEUED
    assert versions.version_number(correction) == 2
    assert versions.version_number(original) == 1


def test_only_a_published_report_can_be_corrected(report_world):
    draft = make_report(report_world, status=ReportStatus.DONE, progress=100)
    with pytest.raises(ValidationError) as refused:
        services.report_order_correction(user=report_world["executive"], report=draft, reason=REASON)
    assert refused.value.code == "not_published"
    assert "Bare en publisert rapport kan rettes" in refused.value.messages[0]
    assert Report.objects.count() == 1


def test_the_reason_is_required_and_refused_on_its_field_in_norwegian(report_world):
    original = published(report_world)
    with pytest.raises(ValidationError) as refused:
        services.report_order_correction(user=report_world["executive"], report=original, reason="   ")
    assert refused.value.message_dict == {
        "correction_reason": ["Skriv hva som er rettet og hvorfor; leserne ser det først."]
    }
    assert Report.objects.count() == 1


@pytest.mark.parametrize("who", ["programme_leader", "politician"])
def test_those_who_may_not_publish_may_not_correct(report_world, who):
    original = published(report_world)
    with pytest.raises(PermissionDenied):
        services.report_order_correction(user=report_world[who], report=original, reason=REASON)
    assert Report.objects.count() == 1


def test_a_second_correction_while_one_is_pending_hands_back_the_pending_one(report_world):
    original = published(report_world)
    first, created = services.report_order_correction(
        user=report_world["executive"], report=original, reason=REASON
    )
    # Made, not yet published: still pending.
    Report.objects.filter(pk=first.pk).update(status=ReportStatus.DONE, progress=100)
    second, created_again = services.report_order_correction(
        user=report_world["executive"], report=original, reason="Noe annet"
    )
    assert (second.pk, created, created_again) == (first.pk, True, False)
    assert Report.objects.filter(corrects=original).count() == 1


def test_a_replaced_version_cannot_be_corrected_and_the_message_names_the_version_to_correct(report_world):
    original = published(report_world)
    correction, _created = services.report_order_correction(
        user=report_world["executive"], report=original, reason=REASON
    )
    publish_row(correction, PUBLISHED_AT + datetime.timedelta(days=20))
    with pytest.raises(ValidationError) as refused:
        services.report_order_correction(user=report_world["executive"], report=original, reason=REASON)
    assert refused.value.code == "replaced"
    assert refused.value.messages == [
        "Denne versjonen er allerede erstattet av versjon 2, publisert 30. september 2026. "
        "Rett den versjonen i stedet."
    ]
    # The newest version is corrected in its turn: version 3.
    third, created = services.report_order_correction(
        user=report_world["executive"], report=Report.objects.get(pk=correction.pk), reason="Igjen"
    )
    assert created and third.corrects_id == correction.pk
    assert versions.version_number(third) == 3


def test_two_corrections_of_one_version_cannot_both_be_published(report_world):
    original = published(report_world)
    first, _created = services.report_order_correction(
        user=report_world["executive"], report=original, reason=REASON
    )
    # A second correction made by hand beside the first (the service hands back the first).
    second = Report.objects.create(
        scope=original.scope,
        programme=original.programme,
        scope_key=original.scope_key,
        period_key=original.period_key,
        period_label=original.period_label,
        title=original.title,
        status=ReportStatus.DONE,
        corrects=original,
        correction_reason="Annet",
    )
    Report.objects.filter(pk=first.pk).update(status=ReportStatus.DONE, progress=100)
    services.report_publish(user=report_world["executive"], report=first)
    with pytest.raises(ValidationError) as refused:
        services.report_publish(user=report_world["executive"], report=second)
    assert refused.value.code == "replaced"


# --- Versions in the archive, on the report's page and on the front page ----------------------------------


def test_publishing_a_correction_marks_the_old_version_replaced_and_makes_the_correction_the_latest(
    client, report_world
):
    original = published(report_world)
    client.force_login(report_world["executive"])
    response = client.post(reverse("reports:correct", args=[original.pk]), {"correction_reason": REASON})
    correction = Report.objects.get(corrects=original)
    assert response.status_code == 302
    assert response["Location"] == correction.get_absolute_url()
    page = normalise(client.get(correction.get_absolute_url()).content.decode())
    assert "Rettet versjon (versjon 2) av rapporten publisert 10. september 2026." in page
    assert original.get_absolute_url() in page
    assert REASON in page
    # Not replaced while the correction is a draft.
    assert "erstattet" not in client.get(original.get_absolute_url()).content.decode()

    Report.objects.filter(pk=correction.pk).update(status=ReportStatus.DONE, progress=100)
    confirm = normalise(client.get(reverse("reports:publish", args=[correction.pk])).content.decode())
    assert (
        "Dette er versjon 2. Når den publiseres, erstatter den versjon 1 (publisert 10. september 2026)"
        in confirm
    )
    client.post(reverse("reports:publish", args=[correction.pk]), {"confirm": "1"})
    correction.refresh_from_db()
    assert correction.is_published
    day = timezone.localdate(correction.published_at)
    date = f"{day.day}. {['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'][day.month - 1]} {day.year}"

    client.force_login(report_world["politician"])
    old_page = normalise(client.get(original.get_absolute_url()).content.decode())
    assert f"Denne rapporten er erstattet av versjon 2, publisert {date}." in old_page
    assert correction.get_absolute_url() in old_page
    # The old PDF stays where it was (no file in this test: the link is still offered as for any report).
    assert "Lag rettet versjon" not in old_page
    archive = normalise(client.get(reverse("reports:archive")).content.decode())
    assert f"Erstattet av versjon 2 (publisert {date})" in archive
    assert "versjon 2" in archive
    assert [r.pk for r in client.get(reverse("reports:archive")).context["reports"]] == [
        correction.pk,
        original.pk,
    ]
    latest = selectors.latest_report(
        user=report_world["politician"], programme_id=report_world["programme"].pk
    )
    assert latest == correction


def test_the_publisher_is_offered_a_corrected_version_only_of_the_newest_published_version(
    client, report_world
):
    original = published(report_world)
    url = reverse("reports:correct", args=[original.pk])
    client.force_login(report_world["politician"])
    assert url not in client.get(original.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 403
    client.force_login(report_world["executive"])
    assert url in client.get(original.get_absolute_url()).content.decode()
    correction, _created = services.report_order_correction(
        user=report_world["executive"], report=original, reason=REASON
    )
    # Pending: the page leads to it instead of offering another.
    page = client.get(original.get_absolute_url()).content.decode()
    assert url not in page and correction.get_absolute_url() in page
    publish_row(correction, PUBLISHED_AT + datetime.timedelta(days=1))
    assert url not in client.get(original.get_absolute_url()).content.decode()
    refused = client.get(url, follow=True)
    assert "Denne versjonen er allerede erstattet av versjon 2" in refused.content.decode()


def test_an_empty_reason_shows_the_form_again_with_a_norwegian_error_and_orders_nothing(client, report_world):
    original = published(report_world)
    client.force_login(report_world["executive"])
    response = client.post(reverse("reports:correct", args=[original.pk]), {"correction_reason": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "Skriv hva som er rettet og hvorfor; leserne ser det først." in html
    assert Report.objects.count() == 1


def test_a_reason_too_long_is_refused_with_what_was_typed_kept(client, report_world):
    original = published(report_world)
    client.force_login(report_world["executive"])
    typed = "Feil tall. " * 400
    response = client.post(reverse("reports:correct", args=[original.pk]), {"correction_reason": typed})
    assert response.status_code == 400
    assert "Feil tall. Feil tall." in response.content.decode()
    assert Report.objects.count() == 1


@pytest.mark.parametrize("count", [1, 4])
def test_the_archive_reads_the_same_number_of_queries_with_any_number_of_corrections(
    client, report_world, django_assert_num_queries, count
):
    for index in range(count):
        original = published(report_world, period_key=f"20{10 + index}-T1")
        correction, _created = services.report_order_correction(
            user=report_world["executive"], report=original, reason=REASON
        )
        publish_row(correction, PUBLISHED_AT + datetime.timedelta(days=1))
    client.force_login(report_world["politician"])
    # session, user, groups (roles), filter periods, the reports, the correction links
    with django_assert_num_queries(6):
        response = client.get(reverse("reports:archive"))
    assert response.content.decode().count("Erstattet av versjon 2") == count


# --- The corrected version's PDF --------------------------------------------------------------------------


def test_the_corrected_pdf_says_why_and_lists_what_differs_and_the_old_pdf_stays(
    client, report_world, media_root
):
    from benefits.models import BenefitPlanYear
    from programmes.models import StatusReport

    areas = report_world["projects"][2]
    original = make_report(report_world, areas)
    assert tasks.generate_report.apply(args=[original.pk]).get() == "done"
    publish_row(original, PUBLISHED_AT)
    original.refresh_from_db()
    old_pdf = original.file.read()

    # The mistake: the 2027 rent saving was 1 250 000, and the cost was yellow, not red.
    BenefitPlanYear.objects.filter(benefit__title="Lavere husleie", year=2027).update(
        planned=Decimal(1_250_000)
    )
    StatusReport.objects.filter(project=areas, period_key="2026-T2").update(cost="yellow")

    correction, _created = services.report_order_correction(
        user=report_world["executive"], report=original, reason=REASON
    )
    assert tasks.generate_report.apply(args=[correction.pk]).get() == "done"
    correction.refresh_from_db()

    corrects = correction.snapshot["report"]["corrects"]
    assert corrects == {
        "report_id": original.pk,
        "title": original.title,
        "published_on": "2026-09-10",
        "version": 1,
        "reason": REASON,
    }
    listed = [normalise(item["text"]) for item in correction.snapshot["corrections"]]
    assert "Prosjekt Arealeffektivisering › Status › Kostnad: Rød → Gul" in listed
    assert "Prosjekt Arealeffektivisering › Gevinster › Planlagt: 2 250 000 kr → 2 000 000 kr" in listed
    assert not any("Digital" in line for line in listed)  # only the report's own project

    text = pdf_text(correction.file.read())
    assert "Rettet versjon (versjon 2) av rapporten publisert 10. september 2026." in text
    assert REASON in text
    assert "Hvor Før Etter" in text
    assert "Arealeffektivisering › Status › Kostnad Rød Gul" in text
    assert "2 250 000 kr 2 000 000 kr" in text
    # The original is untouched, its PDF still there, and it says nothing of a correction.
    original.refresh_from_db()
    assert original.file.read() == old_pdf
    assert "Rettet versjon" not in pdf_text(old_pdf)
    client.force_login(report_world["politician"])
    assert client.get(reverse("reports:download", args=[original.pk])).status_code == 200


def test_a_correction_with_nothing_changed_says_so_in_its_pdf(report_world, media_root):
    areas = report_world["projects"][2]
    original = make_report(report_world, areas)
    tasks.generate_report.apply(args=[original.pk])
    publish_row(original, PUBLISHED_AT)
    correction, _created = services.report_order_correction(
        user=report_world["executive"], report=Report.objects.get(pk=original.pk), reason=REASON
    )
    tasks.generate_report.apply(args=[correction.pk])
    correction.refresh_from_db()
    assert correction.snapshot["corrections"] == []
    assert "Ingen tall eller tekster er endret." in pdf_text(correction.file.read())


@pytest.mark.parametrize("who", ["programme_leader", "politician"])
def test_a_post_by_those_who_may_not_publish_is_refused_and_orders_nothing(client, report_world, who):
    original = published(report_world)
    client.force_login(report_world[who])
    response = client.post(reverse("reports:correct", args=[original.pk]), {"correction_reason": REASON})
    assert response.status_code == 403
    assert Report.objects.count() == 1
