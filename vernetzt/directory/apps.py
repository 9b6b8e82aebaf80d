from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _deployed(sender, **kwargs):
    """Every deployment runs ``migrate``: templates, translations or data may have changed
    with it, so cached public pages (which outlive the server processes) become stale."""
    from vernetzt.directory import cache

    cache.bump()


class DirectoryConfig(AppConfig):
    name = "vernetzt.directory"
    verbose_name = _("Actor directory")

    def ready(self):
        post_migrate.connect(_deployed, sender=self, dispatch_uid="directory-deployed")
