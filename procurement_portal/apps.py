from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "procurement_portal"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
        from .card_numbers import guard_models

        guard_models()

        from .events import public_change
        from .models import Category, Department
        from .page_cache import public_pages_changed, watch

        # Public pages show these rows, and whatever the services announce (page_cache.py);
        # their names are on every card and in every list's filters.
        watch(Category, Department, reference=True)
        public_change.connect(public_pages_changed, dispatch_uid="page_cache.public_change")
