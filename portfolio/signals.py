"""What the portfolio tells whoever listens (the e-mail notifications), without knowing who that is."""

from django.dispatch import Signal

# Sent once a portfolio decision has been committed; keyword argument: decision_id.
decision_recorded = Signal()
