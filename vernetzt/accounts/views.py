from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.views.decorators.http import require_GET

from vernetzt.accounts.forms import LoginForm
from vernetzt.accounts.selectors import roles_of


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True


@require_GET
def profile(request):
    return render(request, "accounts/profile.html", {"roles": roles_of(user=request.user)})
