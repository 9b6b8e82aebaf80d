from django.db.models.signals import post_migrate
from django.dispatch import receiver

from vernetzt.accounts.services import ensure_office_group


@receiver(post_migrate)
def create_office_group(sender, **kwargs):
    if sender.name == "vernetzt.accounts":
        ensure_office_group()
