"""Updating many rows, each with its own values, in one statement.

Django's ``bulk_update`` writes each field as a ``CASE`` with one branch per row, which
the database walks for every row: a statement whose cost grows with the square of the
rows (thousands of attendances of one import). ``rows_update`` sends the new values as
a small table joined on the primary key, which the database reads in one pass: on
PostgreSQL one array per column (``unnest``, a dozen parameters however many rows), on
SQLite (3.33 and later) a ``VALUES`` list.
"""

from django.db import connections, router

from lms.person_cache import person_cache_changed


def rows_update(*, objs: list, fields: list[str]) -> int:
    """Write ``fields`` of the saved ``objs`` (of one model), each row its own values, in
    one statement (SQLite, limited in parameters, takes as many as it needs); return how
    many rows were changed."""
    if not objs:
        return 0
    model = type(objs[0])
    # Written in SQL of our own: no signal, no queryset to say it.
    person_cache_changed(model)
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    columns = [meta.pk, *(meta.get_field(name) for name in fields)]
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        return _rows_update_arrays(connection, meta, columns, objs)
    # PostgreSQL types the VALUES from their literals: say what each column is.
    typed = connection.vendor == "postgresql"
    row = "({})".format(
        ", ".join(
            f"CAST(%s AS {field.db_type(connection)})" if typed else "%s" for field in columns
        )
    )
    names = [f"v{index}" for index in range(len(columns))]
    table = quote(meta.db_table)
    assignments = ", ".join(
        f"{quote(field.column)} = new_values.{name}"
        for field, name in zip(columns[1:], names[1:], strict=True)
    )
    size = connection.ops.bulk_batch_size([field.name for field in columns], objs)
    changed = 0
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            batch = objs[start : start + size]
            sql = (
                f"WITH new_values ({', '.join(names)}) AS (VALUES {', '.join([row] * len(batch))}) "  # noqa: S608 (names and types only; values are parameters)
                f"UPDATE {table} SET {assignments} FROM new_values "
                f"WHERE {table}.{quote(meta.pk.column)} = new_values.{names[0]}"
            )
            params = [
                field.get_db_prep_save(getattr(obj, field.attname), connection)
                for obj in batch
                for field in columns
            ]
            cursor.execute(sql, params)
            changed += cursor.rowcount
    return changed


def _rows_update_arrays(connection, meta, columns, objs) -> int:
    """PostgreSQL: each column's values as one array parameter, joined by ``unnest``."""
    quote = connection.ops.quote_name
    names = [f"v{index}" for index in range(len(columns))]
    table = quote(meta.db_table)
    arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in columns)
    assignments = ", ".join(
        f"{quote(field.column)} = new_values.{name}"
        for field, name in zip(columns[1:], names[1:], strict=True)
    )
    sql = (
        f"UPDATE {table} SET {assignments} "  # noqa: S608 (names and types only; values are parameters)
        f"FROM unnest({arrays}) AS new_values ({', '.join(names)}) "
        f"WHERE {table}.{quote(meta.pk.column)} = new_values.{names[0]}"
    )
    params = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for obj in objs]
        for field in columns
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
