from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.urls import reverse

from . import two_factor
from .forms import AdminLoginForm


class RegistryAdminSite(admin.AdminSite):
    """The admin, with a code field at login and, under REQUIRE_2FA, only verified sessions.

    See registry.accounts.two_factor for the rules.
    """

    login_form = AdminLoginForm
    login_template = "accounts/login.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        if not settings.REQUIRE_2FA or two_factor.is_verified(request.user):
            return True
        # Logging out needs no code (the admin would otherwise only redirect to its index).
        return request.path == reverse("admin:logout", current_app=self.name)

    def login(self, request, extra_context=None):
        user = request.user
        awaiting_code = (
            settings.REQUIRE_2FA
            and user.is_active
            and user.is_staff
            and not two_factor.is_verified(user)
        )
        if awaiting_code and not two_factor.has_device(user):
            # Signed in with the password; the admin opens once a device is set up.
            query = urlencode({REDIRECT_FIELD_NAME: request.GET.get(REDIRECT_FIELD_NAME, "")})
            return HttpResponseRedirect(f"{reverse('accounts:two-factor')}?{query}")
        context = {"awaiting_code": awaiting_code, **(extra_context or {})}
        return super().login(request, context)
