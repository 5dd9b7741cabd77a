"""Norwegian alphabetical order (… x, y, z, æ, ø, å) for the names people look things up by, on PostgreSQL.

A PostgreSQL cluster made with the C or C.UTF-8 locale (the usual default in containers) sorts by code
point, which puts «Å» before «Æ» and «Ø». The migrations give the name columns the ICU collation
`nb-NO-x-icu`, so every ORDER BY on them, Lower() included, is Norwegian without each query asking for it.
The collation is deterministic: equality, uniqueness and LIKE behave as before. SQLite, and a PostgreSQL
without ICU, keep their own order.

A later `AlterField` on one of these columns rewrites its type without the collation: run
`norwegian_order` for it again in the same migration.
"""

from __future__ import annotations

from django.db import migrations

NORWEGIAN = "nb-NO-x-icu"


def _has_collation(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = %s", [NORWEGIAN])
        return cursor.fetchone() is not None


def norwegian_order(*fields: tuple[str, str, str]) -> migrations.RunPython:
    """A migration operation that sorts the given (app label, model, field) columns the Norwegian way."""

    def set_collation(apps, schema_editor, collation: str) -> None:
        connection = schema_editor.connection
        if connection.vendor != "postgresql" or not _has_collation(connection):
            return
        quote = schema_editor.quote_name
        for app_label, model_name, field_name in fields:
            model = apps.get_model(app_label, model_name)
            field = model._meta.get_field(field_name)
            schema_editor.execute(
                f"ALTER TABLE {quote(model._meta.db_table)} ALTER COLUMN {quote(field.column)} "
                f"TYPE {field.db_type(connection)} COLLATE {quote(collation)}"
            )

    return migrations.RunPython(
        lambda apps, schema_editor: set_collation(apps, schema_editor, NORWEGIAN),
        lambda apps, schema_editor: set_collation(apps, schema_editor, "default"),
    )
