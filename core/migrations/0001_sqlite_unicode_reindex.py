"""Rebuilds SQLite's indexes with the Unicode LOWER() of core.sqlite.

An index on Lower("name") (the case-insensitive uniqueness of names) that SQLite built before core.sqlite
replaced LOWER() holds «Økonomi» where the new LOWER() looks for «økonomi». PostgreSQL needs nothing.
"""

from django.db import migrations


def reindex_on_sqlite(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("REINDEX")


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0004_norwegian_order"),
        ("benefits", "0002_norwegian_order"),
        ("scorecards", "0002_norwegian_order"),
    ]

    operations = [migrations.RunPython(reindex_on_sqlite, migrations.RunPython.noop)]
