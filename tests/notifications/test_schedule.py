"""Beat plans the e-mail: the reminders daily, the digest on Mondays, the watchdog every few minutes, each
entry naming the task that exists; the beat tasks run on today's date."""

from django.conf import settings

from notifications import tasks


def entry_of(task) -> dict:
    return next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == task.name)


def test_beat_runs_the_reminders_daily_the_digest_on_mondays_and_the_watchdog_often():
    reminders = entry_of(tasks.send_report_reminders)["schedule"]
    assert reminders.hour == {7} and reminders.day_of_week == set(range(7))
    digest = entry_of(tasks.send_weekly_digests)["schedule"]
    assert digest.day_of_week == {1}
    assert entry_of(tasks.watch_messages)["schedule"] <= 600
    gains = entry_of(tasks.send_gains_reminders)["schedule"]  # daily; one message per owner and month
    assert gains.hour == {7} and gains.day_of_week == set(range(7))


def test_the_beat_tasks_run_on_todays_date(db):
    assert tasks.send_report_reminders.apply().get() == 0
    assert tasks.send_weekly_digests.apply().get() == 0
    assert tasks.send_gains_reminders.apply().get() == 0
    assert tasks.watch_messages.apply().get() == {"queued": 0, "failed": 0}
