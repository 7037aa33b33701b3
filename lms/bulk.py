"""Writing many rows, each with its own values, in one statement.

Django's ``bulk_update`` writes each field as a ``CASE`` with one branch per row, which
the database walks for every row: a statement whose cost grows with the square of the
rows (thousands of attendances of one import). ``rows_update`` sends the new values as
a small table joined on the primary key, which the database reads in one pass: on
PostgreSQL one array per column (``unnest``, a dozen parameters however many rows), on
SQLite (3.33 and later) a ``VALUES`` list. ``rows_insert`` and ``rows_insert_new``
insert the same way on PostgreSQL (Django's ``bulk_create`` sends one parameter per
value), the latter skipping, in the same statement, the rows a unique constraint
already holds.

``row_read``, ``row_insert`` and ``row_update_if`` are for one row on a path every
request takes (a replay report every few seconds, the grid's access log): their SQL is
written once per process from the model's own names, as building a queryset costs
several times what the database takes to answer it.
"""

import contextlib
import functools
import gc
import json
from dataclasses import dataclass

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
    # SQLite names a VALUES list's columns column1, column2…; a FROM subquery rather than
    # a WITH, so that the cursor says how many rows changed.
    names = [f"column{index + 1}" for index in range(len(columns))]
    table = quote(meta.db_table)
    assignments = ", ".join(
        f"{quote(field.column)} = new_values.{name}"
        for field, name in zip(columns[1:], names[1:], strict=True)
    )
    row = "({})".format(", ".join("%s" for _field in columns))
    size = connection.ops.bulk_batch_size([field.name for field in columns], objs)
    changed = 0
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            batch = objs[start : start + size]
            sql = (
                f"UPDATE {table} SET {assignments} "  # noqa: S608 (names only; values are parameters)
                f"FROM (VALUES {', '.join([row] * len(batch))}) AS new_values "
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


def row_read(model, **where):
    """The row of ``model`` whose fields equal ``where`` (at most one: a unique
    constraint's fields), or None: one statement, its SQL written once per process. For
    a row read every few seconds by everyone (building a queryset costs more than the
    database's answer)."""
    connection = connections[router.db_for_read(model)]
    fields = tuple(where)
    values = [
        field.get_db_prep_value(where[name], connection)
        for name, field in zip(fields, _fields(model, fields), strict=True)
    ]
    return next(iter(model.objects.raw(_read_sql(model, fields, connection.alias), values)), None)


def row_insert(obj) -> None:
    """Insert the unsaved ``obj`` (its defaults and ``auto_now_add`` filled as ``save()``
    fills them) in one statement, its SQL written once per process: a row written on
    every visit of a page (an access log). No signal is sent."""
    model = type(obj)
    connection = connections[router.db_for_write(model)]
    fields = _inserted_fields(model)
    values = [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(model, connection.alias), values)
        obj.pk = cursor.fetchone()[0]
    obj._state.adding, obj._state.db = False, connection.alias
    person_cache_changed(model)  # our own SQL: no signal to say it


def row_update_if(obj, *, fields, expected: dict, persons=None) -> bool:
    """Write ``fields`` of the saved ``obj`` only if its row still holds ``expected``
    (field → the value read): a compare-and-set in one statement, its SQL written once
    per process. False when another write came in between: read the row again. The
    row's pages go for ``persons`` (ids) alone when its model concerns them alone."""
    model = type(obj)
    connection = connections[router.db_for_write(model)]
    values = [
        field.get_db_prep_save(getattr(obj, field.attname), connection)
        for field in _fields(model, tuple(fields))
    ]
    values.append(obj.pk)
    values += [
        field.get_db_prep_value(expected[field.name], connection)
        for field in _fields(model, tuple(expected))
    ]
    sql = _update_if_sql(model, tuple(fields), tuple(expected), connection.alias)
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        written = cursor.rowcount == 1
    if written:
        person_cache_changed(model, persons)  # our own SQL: no signal to say it
    return written


@functools.cache
def _fields(model, names: tuple) -> list:
    return [model._meta.get_field(name) for name in names]


def _equal(connection, fields) -> str:
    quote = connection.ops.quote_name
    return " AND ".join(f"{quote(field.column)} = %s" for field in fields)


@functools.cache
def _read_sql(model, fields: tuple, alias: str) -> str:
    connection = connections[alias]
    meta = model._meta
    columns = ", ".join(connection.ops.quote_name(field.column) for field in meta.concrete_fields)
    return (
        f"SELECT {columns} FROM {connection.ops.quote_name(meta.db_table)} "  # noqa: S608 (names only; values are parameters)
        f"WHERE {_equal(connection, _fields(model, fields))}"
    )


@functools.cache
def _inserted_fields(model) -> list:
    """The fields an insert writes: all but the automatic primary key."""
    return [field for field in model._meta.concrete_fields if not field.primary_key]


@functools.cache
def _insert_sql(model, alias: str) -> str:
    connection = connections[alias]
    meta = model._meta
    quote = connection.ops.quote_name
    fields = _inserted_fields(model)
    return (
        f"INSERT INTO {quote(meta.db_table)} "  # noqa: S608 (names only; values are parameters)
        f"({', '.join(quote(field.column) for field in fields)}) "
        f"VALUES ({', '.join('%s' for _field in fields)}) RETURNING {quote(meta.pk.column)}"
    )


@functools.cache
def _update_if_sql(model, fields: tuple, expected: tuple, alias: str) -> str:
    connection = connections[alias]
    meta = model._meta
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in _fields(model, fields))
    return (
        f"UPDATE {quote(meta.db_table)} SET {assignments} "  # noqa: S608 (names only; values are parameters)
        f"WHERE {_equal(connection, [meta.pk])} AND {_equal(connection, _fields(model, expected))}"
    )


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


def rows_insert_new(*, objs: list, unique) -> dict:
    """Insert the unsaved ``objs`` (of one model) whose ``unique`` value (a field's name,
    or a tuple of names under one unique constraint) is not in the table yet, also
    against another transaction inserting it at the same moment; return ``{value:
    primary key}`` of the rows inserted now (a value is a tuple for a tuple of names).

    On PostgreSQL one statement (``INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING
    RETURNING``, an array per column); elsewhere a read of the values there, Django's
    ``bulk_create`` and a read of the new keys."""
    if not objs:
        return {}
    names = (unique,) if isinstance(unique, str) else tuple(unique)
    model = type(objs[0])
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    attnames = [meta.get_field(name).attname for name in names]

    def value(obj):
        found = tuple(getattr(obj, attname) for attname in attnames)
        return found[0] if isinstance(unique, str) else found

    if connection.vendor != "postgresql":
        wanted = {value(obj) for obj in objs}
        there = set(_rows_with(model, attnames, wanted, unique).keys())
        model._base_manager.bulk_create(
            [obj for obj in objs if value(obj) not in there], ignore_conflicts=True
        )
        return _rows_with(model, attnames, wanted - there, unique)
    person_cache_changed(model)  # our own SQL: no queryset to say it
    quote = connection.ops.quote_name
    rows = _unnest_rows(connection, meta, objs)
    returned = ", ".join(quote(meta.get_field(attname).column) for attname in attnames)
    found = _inserted(
        connection, rows, f"ON CONFLICT DO NOTHING RETURNING {returned}, {quote(meta.pk.column)}"
    )
    if isinstance(unique, str):
        return {row[0]: row[1] for row in found}
    return {tuple(row[:-1]): row[-1] for row in found}


def _rows_with(model, attnames, values, unique) -> dict:
    """``{value: primary key}`` of the rows holding one of ``values`` (not PostgreSQL)."""
    if not values:
        return {}
    if isinstance(unique, str):
        return dict(
            model._base_manager.filter(**{f"{attnames[0]}__in": list(values)}).values_list(
                attnames[0], "pk"
            )
        )
    firsts = list({found[0] for found in values})
    rows = model._base_manager.filter(**{f"{attnames[0]}__in": firsts}).values_list(*attnames, "pk")
    return {tuple(row[:-1]): row[-1] for row in rows if tuple(row[:-1]) in values}


def rows_insert(objs: list) -> None:
    """Insert the unsaved ``objs`` (of one model, with an automatic primary key) and set
    each one's primary key, as ``bulk_create`` does; on PostgreSQL an array per column
    (``unnest``): a few parameters, however many rows, rather than one per value."""
    if not objs:
        return
    model = type(objs[0])
    alias = router.db_for_write(model)
    connection = connections[alias]
    if connection.vendor != "postgresql":
        model._base_manager.bulk_create(objs)
        return
    person_cache_changed(model)
    meta = model._meta
    rows = _unnest_rows(connection, meta, objs, ordered=True)
    found = _inserted(
        connection, rows, f"ORDER BY position RETURNING {connection.ops.quote_name(meta.pk.column)}"
    )
    for obj, (key,) in zip(objs, found, strict=True):
        obj.pk = key
        obj._state.adding = False
        obj._state.db = alias


def _inserted(connection, rows, tail: str) -> list[tuple]:
    """Insert ``rows`` (``_unnest_rows``), ``tail`` after the ``SELECT`` (a conflict
    clause, an order, what to return); return the rows returned."""
    sql = (
        f"INSERT INTO {rows.table} ({rows.columns}) "  # noqa: S608 (names only)
        f"SELECT {rows.selected} FROM {rows.source} {tail}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, rows.params)
        return cursor.fetchall()


@dataclass
class _Rows:
    table: str
    columns: str
    selected: str
    source: str
    params: list


def _unnest_rows(connection, meta, objs, ordered=False) -> _Rows:
    """The values of ``objs``' fields (but their automatic key) as one array per column,
    read back as rows by ``unnest`` (JSON sent as text)."""
    quote = connection.ops.quote_name
    fields = _inserted_fields(meta.model)
    selected, arrays, params = [], [], []
    for index, field in enumerate(fields):
        values = [field.pre_save(o, add=True) for o in objs]
        db_type = field.db_type(connection)
        if db_type == "jsonb":
            values = [
                None if v is None and field.null else json.dumps(v, cls=field.encoder)
                for v in values
            ]
            selected.append(f"v{index}::jsonb")
            arrays.append("%s::text[]")
        else:
            values = [field.get_db_prep_save(v, connection) for v in values]
            selected.append(f"v{index}")
            arrays.append(f"%s::{db_type}[]")
        params.append(values)
    names = [f"v{index}" for index in range(len(fields))]
    ordinality = " WITH ORDINALITY" if ordered else ""
    names += ["position"] if ordered else []
    return _Rows(
        table=quote(meta.db_table),
        columns=", ".join(quote(f.column) for f in fields),
        selected=", ".join(selected),
        source=f"unnest({', '.join(arrays)}){ordinality} AS new_rows ({', '.join(names)})",
        params=params,
    )


@contextlib.contextmanager
def collections_paused():
    """Pause Python's cycle collector for a batch that creates tens of thousands of
    objects at once (an attendance import's rows, attendances, completions): it would
    otherwise walk every live object again and again, a fifth of a 5,000-row import.
    Memory is still freed as objects go; cycles are collected once it runs again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
