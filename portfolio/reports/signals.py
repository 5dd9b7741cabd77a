"""What the PDF reports tell whoever listens (the e-mail notifications), without knowing who that is."""

from django.dispatch import Signal

# Sent once a report has been committed as done or failed; keyword argument: report_id.
report_finished = Signal()
