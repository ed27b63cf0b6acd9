from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import LoginForm, PasswordForm, TokenForm
from .models import ApiToken


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordForm
    success_url = reverse_lazy("accounts:password_change_done")


@login_required
def password_change_done(request):
    messages.success(request, _("Your password has been changed."))
    return redirect("home")


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        _token, raw = ApiToken.issue(request.user, form.cleaned_data["name"])
        form = TokenForm()
    return render(request, "accounts/tokens.html", {
        "form": form, "raw": raw, "tokens": request.user.api_tokens.filter(revoked_at=None)})


@login_required
@require_POST
def token_revoke(request, pk):
    get_object_or_404(ApiToken, pk=pk, user=request.user).revoke()
    messages.success(request, _("Token revoked."))
    return redirect("accounts:tokens")
