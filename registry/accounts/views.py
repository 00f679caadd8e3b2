from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
from .forms import ConfirmDeviceForm, RemoveDeviceForm


def _next_url(request):
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else reverse("admin:index")


@never_cache
@require_http_methods(["GET", "POST"])
@staff_member_required
def two_factor_view(request):
    """A staff member sets up an authenticator app (TOTP), or removes it with a current code."""
    user = request.user
    context = {
        **admin.site.each_context(request),
        "title": "Two-factor authentication",
        "require_2fa": settings.REQUIRE_2FA,
    }
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        form = RemoveDeviceForm(user, request.POST or None)
        if request.method == "POST" and form.is_valid():
            device.delete()
            messages.success(request, "Two-factor authentication is off for your account.")
            return redirect("accounts:two-factor")
        return render(
            request, "accounts/two_factor.html", {**context, "device": device, "form": form}
        )

    # One pending device per user, kept until confirmed, so that reloading the page does not
    # invalidate a code that was already scanned.
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if pending is None:
        pending = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = ConfirmDeviceForm(pending, request.POST or None)
    if request.method == "POST" and form.is_valid():
        pending.confirmed = True
        pending.save(update_fields=["confirmed"])
        # The code just given verifies this session too.
        otp_login(request, pending)
        messages.success(
            request, "Two-factor authentication is on: every login will ask for a code."
        )
        return redirect(_next_url(request))
    return render(
        request,
        "accounts/two_factor.html",
        {
            **context,
            "form": form,
            "qr_code": two_factor.qr_code_data_uri(pending.config_url),
            "secret": two_factor.secret_for_display(pending),
            "next": _next_url(request),
        },
    )
