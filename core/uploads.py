"""Uploads kept between the steps of an import (core.models.Upload): stored (`upload_keep`), read
(`upload_content`) and removed with their file (`upload_forget`) the same way by every import. They are not
kept for ever: one never
confirmed is deleted with its file once it is UPLOAD_KEEP_HOURS old, and so is a file in an upload folder that
no upload holds any more (its upload deleted with a scorecard or a user, or a process stopped between deleting
the row and its file). Beat runs this every hour (core.tasks.clean_uploads); so does `manage.py clean_uploads`.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .models import Upload, upload_folder

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Cleaned:
    """What a cleanup deleted: uploads (with their files), and files that no upload held."""

    uploads: int
    files: int
    hours: int


def upload_keep(model: type[Upload], *, user, content: bytes, file_name: str, into: dict, **fields) -> Upload:
    """Stores an uploaded file for the import's next steps, in place of the same person's earlier upload
    into the same thing (`into`: the upload's field naming it, e.g. {"scorecard": scorecard})."""
    for older in model.objects.filter(uploaded_by=user, **into):
        upload_forget(older)
    upload = model(uploaded_by=user, file_name=file_name[:255], **into, **fields)
    suffix = ".csv" if file_name.lower().endswith((".csv", ".txt")) else ".xlsx"
    upload.file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(content), save=False)
    upload.save()
    return upload


def upload_content(upload: Upload) -> bytes:
    with upload.file.open("rb") as stream:
        return stream.read()


def upload_forget(upload: Upload) -> None:
    """Removes an upload and, once the transaction holds, its file."""
    name, storage = upload.file.name, upload.file.storage
    upload.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def upload_models() -> list[type[Upload]]:
    """Every concrete upload model: each app's upload registers itself by deriving from core.models.Upload."""
    return [model for model in apps.get_models() if issubclass(model, Upload)]


def uploads_clean(*, hours: int | None = None, now: datetime.datetime | None = None) -> Cleaned:
    """Deletes every upload older than `hours` (UPLOAD_KEEP_HOURS by default) and its file, and every file in
    an upload folder that no upload holds and that was last changed that long ago (a younger one may belong
    to an upload being stored right now)."""
    hours = settings.UPLOAD_KEEP_HOURS if hours is None else hours
    cutoff = (now or timezone.now()) - datetime.timedelta(hours=hours)
    uploads = files = 0
    for model in upload_models():
        storage = model._meta.get_field("file").storage
        for upload in model.objects.filter(created_at__lt=cutoff).only("pk", "file"):
            # The row goes first: a file left without its row is deleted by the next cleanup.
            if model.objects.filter(pk=upload.pk).delete()[0]:
                uploads += 1
            if upload.file.name:
                _delete(storage, upload.file.name)
        files += _delete_left_behind(model, storage, cutoff)
    return Cleaned(uploads, files, hours)


def _delete_left_behind(model: type[Upload], storage, cutoff: datetime.datetime) -> int:
    folder = upload_folder(model)
    try:
        _folders, names = storage.listdir(folder)
    except FileNotFoundError:  # nothing was ever uploaded
        return 0
    held = set(model.objects.values_list("file", flat=True))
    deleted = 0
    for name in names:
        path = f"{folder}/{name}"
        if path in held:
            continue
        try:
            if storage.get_modified_time(path) >= cutoff:
                continue
        except FileNotFoundError:  # deleted meanwhile
            continue
        deleted += _delete(storage, path)
    return deleted


def _delete(storage, name: str) -> int:
    try:
        storage.delete(name)
    except OSError:
        logger.exception("Could not delete the uploaded file %s", name)
        return 0
    return 1
