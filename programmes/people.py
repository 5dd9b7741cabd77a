"""People's names live in core; re-exported here for the callers that import them from programmes."""

from core.people import person_name

__all__ = ["person_name"]
