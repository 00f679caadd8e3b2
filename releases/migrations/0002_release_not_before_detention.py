"""Install the release-not-before-detention triggers.

A release cannot precede the detention it ends, and must end a detention of the same person: a
rule that spans two tables, which a CHECK constraint cannot express. Triggers enforce it on both
sides, when a release is written and when a detention's date is moved; a violation raises an
IntegrityError whose message names the rule.

SQLite drops a table's triggers when Django rebuilds the table (as it does for many schema
changes), so every later migration that alters ``releases_release`` or ``prisoners_detention``
ends with ``reinstall_triggers`` from this module (through ``importlib``, as its name starts with
a digit). A test checks that the rule holds after all migrations. The SQL is written out here,
not imported, so that this migration keeps its meaning whatever the code becomes.
"""

from django.db import migrations

RULE = "releases_release_not_before_detention"

SQLITE = [
    f"""
    CREATE TRIGGER {RULE}_{event.lower()} BEFORE {event} ON releases_release
    FOR EACH ROW WHEN NEW.detention_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM prisoners_detention d WHERE d.id = NEW.detention_id
        AND (NEW.released_on < d.detained_on OR d.prisoner_id != NEW.prisoner_id)
    )
    BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {RULE}'); END
    """
    for event in ("INSERT", "UPDATE")
] + [
    f"""
    CREATE TRIGGER {RULE}_detention_update BEFORE UPDATE OF detained_on, prisoner_id
    ON prisoners_detention
    FOR EACH ROW WHEN EXISTS (
        SELECT 1 FROM releases_release r WHERE r.detention_id = NEW.id
        AND (r.released_on < NEW.detained_on OR r.prisoner_id != NEW.prisoner_id)
    )
    BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {RULE}'); END
    """
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {RULE}_{suffix}" for suffix in ("insert", "update", "detention_update")
]

POSTGRESQL = [
    f"""
    CREATE FUNCTION {RULE}_release() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.detention_id IS NOT NULL AND EXISTS (
            SELECT 1 FROM prisoners_detention d WHERE d.id = NEW.detention_id
            AND (NEW.released_on < d.detained_on OR d.prisoner_id != NEW.prisoner_id)
        ) THEN
            RAISE EXCEPTION 'new row violates check constraint "{RULE}"'
                USING ERRCODE = 'check_violation', CONSTRAINT = '{RULE}';
        END IF;
        RETURN NEW;
    END $$
    """,
    f"""
    CREATE TRIGGER {RULE} BEFORE INSERT OR UPDATE ON releases_release
    FOR EACH ROW EXECUTE FUNCTION {RULE}_release()
    """,
    f"""
    CREATE FUNCTION {RULE}_detention() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (
            SELECT 1 FROM releases_release r WHERE r.detention_id = NEW.id
            AND (r.released_on < NEW.detained_on OR r.prisoner_id != NEW.prisoner_id)
        ) THEN
            RAISE EXCEPTION 'new row violates check constraint "{RULE}"'
                USING ERRCODE = 'check_violation', CONSTRAINT = '{RULE}';
        END IF;
        RETURN NEW;
    END $$
    """,
    f"""
    CREATE TRIGGER {RULE} BEFORE UPDATE OF detained_on, prisoner_id ON prisoners_detention
    FOR EACH ROW EXECUTE FUNCTION {RULE}_detention()
    """,
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS {RULE} ON releases_release",
    f"DROP TRIGGER IF EXISTS {RULE} ON prisoners_detention",
    f"DROP FUNCTION IF EXISTS {RULE}_release()",
    f"DROP FUNCTION IF EXISTS {RULE}_detention()",
]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


install_triggers = run({"sqlite": SQLITE, "postgresql": POSTGRESQL})
remove_triggers = run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})


def reinstall_triggers(apps, schema_editor):
    remove_triggers(apps, schema_editor)
    install_triggers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0001_initial"),
        ("prisoners", "0001_initial"),
    ]

    operations = [migrations.RunPython(install_triggers, remove_triggers)]
