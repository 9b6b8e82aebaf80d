from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.views.decorators.http import require_GET

from vernetzt.accounts.forms import LoginForm
from vernetzt.accounts.selectors import landing_page, roles_of
from vernetzt.core import throttle
from vernetzt.core.client import client_address


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return landing_page(user=self.request.user)


class PasswordResetView(auth_views.PasswordResetView):
    """Reset mails are throttled per client address and per e-mail address. Both count
    whether or not an account has the address, so the limit reveals no accounts."""

    def form_valid(self, form):
        address = throttle.allow("password_reset_address", client_address(self.request))
        email = throttle.allow("password_reset_email", form.cleaned_data["email"].casefold())
        if address and email:
            return super().form_valid(form)
        form.add_error(None, throttle.TOO_MANY)
        response = self.form_invalid(form)
        response.status_code = throttle.TOO_MANY_STATUS
        return response


@require_GET
def profile(request):
    return render(request, "accounts/profile.html", {"roles": roles_of(user=request.user)})
