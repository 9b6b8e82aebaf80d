"""What every council object shares: its OParl key and the text limits."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Every text that can come from a foreign system has a limit; the import truncates to it
# and warns (``oparl.mapping``).
NAME_LENGTH = 500
LONG_TEXT_LENGTH = 20_000
URL_LENGTH = 1000


class OParlObject(models.Model):
    """What every council object carries: its OParl key and when it changed where."""

    oparl_id = models.CharField(
        _("OParl ID"),
        max_length=URL_LENGTH,
        unique=True,
        null=True,  # NULL for local objects; unique ignores NULLs on both databases
        blank=True,
        help_text=_("The object's address in the council information system it came from."),
    )
    oparl_modified = models.DateTimeField(_("changed in the council system"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
