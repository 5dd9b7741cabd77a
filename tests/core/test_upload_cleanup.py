"""An upload that is never confirmed does not keep its file for ever: every upload model (core.models.Upload)
older than UPLOAD_KEEP_HOURS is deleted with its file, and a file in an upload folder that no upload holds
any more (its scorecard deleted, a process stopped between the two) goes too, by beat every hour and by the
command `clean_uploads`."""

import datetime
import io
import os

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from core import uploads
from core.models import Upload
from core.tasks import clean_uploads
from scorecards.models import ScorecardUpload
from tests.scorecards.factories import ScorecardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scorecard(owner):
    return ScorecardFactory(owner=owner)


@pytest.fixture
def owner(role_user):
    return role_user(None, username="eier")


def stored(scorecard, user, *, hours_old: float) -> ScorecardUpload:
    upload = ScorecardUpload(scorecard=scorecard, uploaded_by=user, file_name="målekort.xlsx")
    upload.file.save("malekort.xlsx", ContentFile(b"PK\x03\x04 et regneark"))
    ScorecardUpload.objects.filter(pk=upload.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=hours_old)
    )
    return upload


def left_behind(media_root, model, name: str, *, hours_old: float):
    """A file in the model's upload folder that no upload holds, last changed `hours_old` hours ago."""
    path = media_root / uploads.upload_folder(model) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK\x03\x04")
    then = (timezone.now() - datetime.timedelta(hours=hours_old)).timestamp()
    os.utime(path, (then, then))
    return path


def test_an_upload_older_than_the_keep_time_is_deleted_with_its_file_and_a_newer_one_is_kept(
    scorecard, owner, media_root
):
    old = stored(scorecard, owner, hours_old=settings.UPLOAD_KEEP_HOURS + 1)
    new = stored(scorecard, owner, hours_old=settings.UPLOAD_KEEP_HOURS - 1)
    old_file, new_file = media_root / old.file.name, media_root / new.file.name
    assert old_file.exists() and new_file.exists()

    assert clean_uploads() == 1

    assert list(ScorecardUpload.objects.all()) == [new]
    assert not old_file.exists() and new_file.exists()


def test_the_keep_time_is_a_setting(scorecard, owner, media_root, settings):
    settings.UPLOAD_KEEP_HOURS = 2
    stored(scorecard, owner, hours_old=3)
    stored(scorecard, owner, hours_old=1)
    assert uploads.uploads_clean().uploads == 1
    assert ScorecardUpload.objects.count() == 1


def test_a_file_no_upload_holds_is_deleted_once_it_is_as_old_as_an_upload_may_be(
    scorecard, owner, media_root
):
    kept = stored(scorecard, owner, hours_old=1)
    orphan = left_behind(media_root, ScorecardUpload, "glemt.xlsx", hours_old=settings.UPLOAD_KEEP_HOURS + 1)
    # Stored a moment ago by an upload whose row is not committed yet.
    arriving = left_behind(media_root, ScorecardUpload, "på-vei.xlsx", hours_old=0)

    cleaned = uploads.uploads_clean()

    assert (cleaned.uploads, cleaned.files) == (0, 1)
    assert not orphan.exists() and arriving.exists() and (media_root / kept.file.name).exists()


def test_a_deleted_scorecard_leaves_no_file_behind_for_long(scorecard, owner, media_root):
    upload = stored(scorecard, owner, hours_old=0)
    path = media_root / upload.file.name
    scorecard.delete()  # the upload goes with it (CASCADE), its file stays
    assert path.exists()
    then = (timezone.now() - datetime.timedelta(hours=settings.UPLOAD_KEEP_HOURS + 1)).timestamp()
    os.utime(path, (then, then))
    assert uploads.uploads_clean().files == 1
    assert not path.exists()


def test_an_upload_whose_file_is_gone_already_is_deleted_all_the_same(scorecard, owner, media_root):
    upload = stored(scorecard, owner, hours_old=settings.UPLOAD_KEEP_HOURS + 1)
    (media_root / upload.file.name).unlink()
    assert uploads.uploads_clean().uploads == 1
    assert not ScorecardUpload.objects.exists()


def test_every_upload_model_is_cleaned_without_being_listed_anywhere():
    """A new upload model (the gains upload) only derives from core.models.Upload."""
    assert ScorecardUpload in uploads.upload_models()
    assert all(issubclass(model, Upload) and not model._meta.abstract for model in uploads.upload_models())


def test_beat_cleans_the_uploads_every_hour():
    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == clean_uploads.name)
    assert entry["schedule"] <= 3600


def test_the_command_says_in_norwegian_what_it_deleted(scorecard, owner, media_root):
    stored(scorecard, owner, hours_old=settings.UPLOAD_KEEP_HOURS + 1)
    stored(scorecard, owner, hours_old=settings.UPLOAD_KEEP_HOURS + 2)
    left_behind(media_root, ScorecardUpload, "glemt.xlsx", hours_old=settings.UPLOAD_KEEP_HOURS + 1)
    out = io.StringIO()
    call_command("clean_uploads", stdout=out)
    assert out.getvalue().strip() == (
        "Slettet 2 opplastinger eldre enn 24 timer og 1 fil som ingen opplasting hørte til."
    )
    assert not ScorecardUpload.objects.exists()

    out = io.StringIO()
    call_command("clean_uploads", stdout=out)
    assert out.getvalue().strip() == "Ingen opplastinger var eldre enn 24 timer."


def test_the_command_takes_another_keep_time(scorecard, owner, media_root):
    stored(scorecard, owner, hours_old=3)
    out = io.StringIO()
    call_command("clean_uploads", "--hours", "2", stdout=out)
    assert out.getvalue().strip() == "Slettet 1 opplasting eldre enn 2 timer."
    assert not ScorecardUpload.objects.exists()
