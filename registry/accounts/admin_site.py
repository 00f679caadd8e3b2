from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from . import two_factor
from .forms import StaffLoginForm
from .views import PasswordStepLoginView


class RegistryAdminSite(admin.AdminSite):
    """The admin, with a login in two steps for anyone with a second factor and, under
    REQUIRE_2FA or REQUIRE_PASSKEY, only sessions verified as those rules say.

    See registry.accounts.two_factor for the rules.
    """

    login_template = "accounts/login.html"

    # The registry's own work first on the index, then accounts; the login-security apps last.
    APP_ORDER = ("prisoners", "releases", "core", "accounts", "auth")

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        first = {label: rank for rank, label in enumerate(self.APP_ORDER)}
        # Stable: the apps not named keep Django's alphabetical order after the named ones.
        return sorted(apps, key=lambda app: first.get(app["app_label"], len(first)))

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        if two_factor.admin_allowed(request.user):
            return True
        # Logging out needs no code (the admin would otherwise only redirect to its index).
        return request.path == reverse("admin:logout", current_app=self.name)

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request, extra_context=None):
        """Django's admin login, with the password step of ``PasswordStepLoginView``."""
        user = request.user
        signed_in_staff = user.is_active and user.is_staff
        if signed_in_staff and two_factor.must_enrol(user):
            # Signed in; the admin opens once the required device is set up.
            query = urlencode({REDIRECT_FIELD_NAME: request.GET.get(REDIRECT_FIELD_NAME, "")})
            return HttpResponseRedirect(f"{reverse('accounts:two-factor')}?{query}")
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": user.get_username(),
            "awaiting_code": signed_in_staff and not two_factor.admin_allowed(user),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        return PasswordStepLoginView.as_view(
            extra_context=context,
            authentication_form=StaffLoginForm,
            template_name=self.login_template,
        )(request)
