from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. Roles: ``is_staff`` = integration office, ``is_council_member``,
    editors through their organisations; every other account is a registered participant."""

    email = models.EmailField(_("e-mail address"), blank=True)
    is_council_member = models.BooleanField(
        _("council member"),
        default=False,
        help_text=_("May read internal data of the directory and reports."),
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=10,
        blank=True,
        help_text=_("Set at each login to the language of the site; empty: German."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username
