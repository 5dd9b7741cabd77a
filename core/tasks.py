"""Celery tasks every app's jobs share."""

from celery import shared_task

from .export_jobs import export_jobs_watch


@shared_task(ignore_result=True)
def watch_export_jobs() -> int:
    """Beat, every minute: export jobs left «being made» by a dead worker are marked failed («Prøv igjen»)."""
    return export_jobs_watch()
