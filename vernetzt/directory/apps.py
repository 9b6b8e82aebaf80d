from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "vernetzt.directory"
    verbose_name = _("Actor directory")

    def ready(self):
        # Their signal handlers keep cached pages, the term catalogue and the published
        # profiles current.
        from vernetzt.directory import published, terms  # noqa: F401
