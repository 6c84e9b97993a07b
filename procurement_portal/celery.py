import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procurement_portal.settings")

app = Celery("procurement_portal")
# Every CELERY_* Django setting configures the app (see settings.py).
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
