"""Celery tasks every app's jobs share."""

from celery import shared_task

from .jobs import jobs_watch


@shared_task(ignore_result=True)
def watch_jobs() -> int:
    """Beat, every minute: import and export jobs left «being made» by a dead worker are marked failed
    («Prøv igjen»)."""
    return jobs_watch()
