from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """Open data reads every other app and nothing imports it: it sits at the end of the
    import chain (vendors, opportunities → evaluations → payments → open_data)."""

    name = "open_data"
    verbose_name = _("Open data")

    def ready(self):
        from procurement_portal.events import public_change

        from .services import dashboard_forget_on_commit, release_write

        def record_release(sender, opportunity_id, tag, **kwargs):
            release_write(opportunity_id=opportunity_id, tag=tag)
            dashboard_forget_on_commit(opportunity_id=opportunity_id)

        public_change.connect(record_release, dispatch_uid="open_data.release_write", weak=False)
