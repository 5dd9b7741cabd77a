"""Portfolio pages, one module per page family: the ranked board with capacity, a project's prioritisation,
what-if scenarios and the suggested portfolio, criteria, and the read-only overview with its Excel export."""
