"""Celery tasks every app shares: the jobs' watchdog and the uploads' cleanup."""

from celery import shared_task

from .jobs import jobs_watch
from .uploads import uploads_clean


@shared_task(ignore_result=True)
def watch_jobs() -> int:
    """Beat, every minute: import and export jobs left «being made» by a dead worker are marked failed
    («Prøv igjen»)."""
    return jobs_watch()


@shared_task(ignore_result=True)
def clean_uploads() -> int:
    """Beat, every hour: uploads never confirmed are deleted with their files after UPLOAD_KEEP_HOURS."""
    return uploads_clean().uploads
