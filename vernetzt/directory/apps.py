from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "vernetzt.directory"
    verbose_name = _("Actor directory")

    def ready(self):
        # Its signal handlers keep cached pages and the term catalogue current.
        from vernetzt.directory import terms  # noqa: F401
