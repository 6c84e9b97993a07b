"""System checks: the portal does not run without what keeps uploads anonymous."""

from django.core.checks import Error, register


@register()
def mat2_installed(app_configs, **kwargs):
    from .metadata import mat2_path

    if mat2_path() is None:
        return [
            Error(
                "mat2 is not installed: uploads cannot be cleaned of their metadata.",
                hint="apt-get install mat2 (make demo and make test install it).",
                id="portal.E001",
            )
        ]
    return []
