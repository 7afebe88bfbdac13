"""The SQLite index's rowids become document keys (top-level category << 36 | item id), so that
a category's matches are one rowid range; the index is rebuilt from the published items."""

from django.db import migrations

from zhengwu.search import backends


def rebuild(apps, schema_editor):
    from zhengwu.search.services import reindex

    if schema_editor.connection.vendor != "sqlite":
        return
    backends.drop_schema(schema_editor)
    backends.create_schema(schema_editor)
    apps.get_model("search", "Entry").objects.all().delete()
    reindex(items=apps.get_model("disclosure", "Item"),
            categories=apps.get_model("disclosure", "Category"))  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial"), ("disclosure", "0002_requests")]
    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
