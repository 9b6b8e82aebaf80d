from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from vernetzt.accounts.services import ensure_office_group, remember_language


@receiver(post_migrate)
def create_office_group(sender, **kwargs):
    if sender.name == "vernetzt.accounts":
        ensure_office_group()


@receiver(user_logged_in)
def remember_site_language(sender, request, user, **kwargs):
    # E-mails to this person follow the language they use the site in.
    if request is not None:
        remember_language(user=user, language=getattr(request, "LANGUAGE_CODE", ""))
