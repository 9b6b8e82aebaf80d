"""Django's account forms, without the ``autofocus`` they put on their first field.

Autofocus drops keyboard and screen-reader users into the middle of the page: the skip link,
the language switch and the page heading are passed over before anyone has read them.
"""

from django.contrib.auth import forms as auth_forms


class WithoutAutofocus:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)


class LoginForm(WithoutAutofocus, auth_forms.AuthenticationForm):
    pass


class PasswordChangeForm(WithoutAutofocus, auth_forms.PasswordChangeForm):
    pass
