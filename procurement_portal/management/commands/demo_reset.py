import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections


class Command(BaseCommand):
    help = (
        "Forget the demo: delete its SQLite database, uploaded files and the .demo folder "
        "(mailbox, broker, cache). `make demo-reset` then runs `make demo` afresh."
    )

    def handle(self, *args, **options):
        database = settings.DATABASES["default"]
        if settings.PRODUCTION or not settings.DEMO_MODE:
            raise CommandError("demo_reset runs only with DEMO_MODE=1, never in production.")
        if database["ENGINE"] != "django.db.backends.sqlite3":
            # Only a file the demo made is deleted; a server database is someone's data.
            raise CommandError(
                "demo_reset deletes only an SQLite demo database; this one is "
                f"{database['ENGINE']}."
            )
        connections.close_all()
        name = Path(database["NAME"])
        for path in [name, Path(f"{name}-wal"), Path(f"{name}-shm"), Path(f"{name}-journal")]:
            path.unlink(missing_ok=True)
        base = Path(settings.BASE_DIR).resolve()
        for folder in [Path(settings.DEMO_DIR), Path(settings.MEDIA_ROOT)]:
            # Uploaded files are the demo's only when they sit inside the project folder.
            if folder.is_dir() and (
                folder == Path(settings.DEMO_DIR) or folder.resolve().is_relative_to(base)
            ):
                shutil.rmtree(folder)
        self.stdout.write(f"Removed {name}, {settings.DEMO_DIR} and {settings.MEDIA_ROOT}.")
