"""A lean multi-row INSERT (… ON CONFLICT DO UPDATE) for imports of 10^5 rows.

Django's bulk_create prepares every value through the field API (~8 µs each); an import of
100,000 firms has ~4 million of them. Here callers pass values both drivers adapt natively
(str, int, Decimal, None and pre-adapted dates), and each statement carries up to `batch` rows
(one round trip per batch). SQLite gets a multi-row VALUES list; PostgreSQL gets one array per
column through unnest(), because psycopg parses every placeholder of a statement on the client and
a 15,000-placeholder VALUES list costs more to parse than to run. SQLite ≥ 3.24 and PostgreSQL.
"""

from django.db import connection

# Keep parameters per statement well under SQLite's limit (32,766 in older builds).
MAX_PARAMS = 30_000


def _insert_sql(model, fields, rows):
    qn = connection.ops.quote_name
    columns = ", ".join(qn(model._meta.get_field(f).column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # Identifiers come from model metadata and are quoted; values always travel as parameters.
    return f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES " + ", ".join([one] * rows)  # noqa: S608


def _conflict_sql(model, unique, update):
    qn = connection.ops.quote_name
    col = {f: qn(model._meta.get_field(f).column) for f in {*unique, *update}}
    return " ON CONFLICT ({}) DO UPDATE SET {}".format(
        ", ".join(col[f] for f in unique), ", ".join(f"{col[f]} = EXCLUDED.{col[f]}" for f in update))


def insert(model, fields, rows, *, batch=1000):
    """Insert `rows` (tuples ordered like `fields`)."""
    _run(model, fields, rows, batch, "")


def upsert(model, fields, rows, *, unique, update, batch=1000):
    """Insert `rows`; where a row clashes on `unique`, overwrite its `update` fields instead."""
    _run(model, fields, rows, batch, _conflict_sql(model, unique, update))


def _unnest_sql(model, fields):
    qn = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(qn(meta.get_field(f).column) for f in fields)
    arrays = ", ".join(f"%s::{_array_type(meta.get_field(f))}" for f in fields)
    return f"INSERT INTO {qn(meta.db_table)} ({columns}) SELECT * FROM unnest({arrays})"  # noqa: S608


def _array_type(field):
    target = field.target_field if field.is_relation else field
    return f"{target.rel_db_type(connection) if field.is_relation else target.db_type(connection)}[]"


def _run(model, fields, rows, batch, suffix):
    if connection.vendor == "postgresql":
        return _run_unnest(model, fields, rows, suffix)
    batch = max(1, min(batch, MAX_PARAMS // len(fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start:start + batch]
            params = [value for row in chunk for value in row]
            cursor.execute(_insert_sql(model, fields, len(chunk)) + suffix, params)


def _run_unnest(model, fields, rows, suffix, batch=5000):
    sql = _unnest_sql(model, fields) + suffix
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.execute(sql, [list(column) for column in zip(*rows[start:start + batch], strict=True)])
