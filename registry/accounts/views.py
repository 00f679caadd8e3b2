"""Staff login in two steps, and each staff member's page of their own second factors.

See ``two_factor`` for the rules; the security-key ceremonies themselves are the JSON views of
``webauthn``.
"""

from urllib.parse import urlencode

from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import LoginView
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
from .forms import ConfirmDeviceForm, KeyNameForm, RemoveDeviceForm, RemoveKeyForm, SecondStepForm

# The recovery codes just generated, kept in the session until the page shows them, once.
NEW_RECOVERY_CODES = "registry_new_recovery_codes"


def _next_url(request, default="admin:index"):
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else reverse(default)


def _bound(request):
    return request.POST if request.method == "POST" else None


# Login


class PasswordStepLoginView(LoginView):
    """Django's login view, stopping after the password for anyone with a second-factor device,
    who is sent on to the second step rather than logged in."""

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.has_device(user):
            return super().form_valid(form)
        two_factor.start_second_step(self.request, user)
        query = urlencode({REDIRECT_FIELD_NAME: self.get_redirect_url() or reverse("admin:index")})
        return HttpResponseRedirect(f"{reverse('accounts:login-verify')}?{query}")


@never_cache
@require_http_methods(["GET", "POST"])
def login_verify_view(request):
    """The second step of a login: a security key, an app code or a recovery code."""
    next_url = _next_url(request)
    user = two_factor.pending_user(request)
    if user is None:
        query = urlencode({REDIRECT_FIELD_NAME: next_url})
        return redirect(f"{reverse('admin:login')}?{query}")
    if two_factor.locked_out(request, user):
        return get_lockout_response(request, None, two_factor.credentials(user))
    form = SecondStepForm(request, user, _bound(request))
    if form.is_bound and form.is_valid():
        two_factor.complete_login(request, user, form.device)
        return redirect(next_url)
    app = two_factor.app(user)
    offers_code = bool(app and not two_factor.app_refused(user)) or bool(
        two_factor.recovery_codes_left(user)
    )
    return render(
        request,
        "accounts/login_verify.html",
        {
            **admin.site.each_context(request),
            "title": _("Confirm it’s you"),
            "username": user.get_username(),
            "has_key": two_factor.has_key(user),
            "form": form,
            "offers_code": offers_code or form.is_bound,
            "next": next_url,
        },
    )


# The two-factor page


def _page_context(request, title):
    user = request.user
    return {
        **admin.site.each_context(request),
        "title": title,
        "require_2fa": settings.REQUIRE_2FA,
        "passkey_required": two_factor.passkey_required(user),
    }


@never_cache
@require_http_methods(["GET", "POST"])
@staff_member_required
def two_factor_view(request):
    """A staff member's own second factors: security keys and passkeys (registered by the
    library's script, named here), an authenticator app (set up with a code, or removed with a
    current code) and recovery codes."""
    user = request.user
    keys = list(two_factor.keys(user))
    app = two_factor.app(user)
    may_add = two_factor.may_add_device(user)
    context = {
        **_page_context(request, _("Two-factor authentication")),
        "has_device": two_factor.has_device(user),
        "keys": keys,
        "app": app,
        "may_add": may_add,
        "key_name_form": KeyNameForm(),
        "recovery_codes_left": two_factor.recovery_codes_left(user),
        "new_recovery_codes": request.session.pop(NEW_RECOVERY_CODES, None),
        "may_generate_codes": may_add and bool(keys or app),
        # Where the name of a new key sends its owner: on to the admin when they came here to
        # set up a device before it opens, else back to this page.
        "return_to": _next_url(request) if REDIRECT_FIELD_NAME in request.GET else "",
    }
    if app is not None:
        form = RemoveDeviceForm(user, request.POST or None)
        if request.method == "POST" and form.is_valid():
            app.delete()
            if two_factor.has_device(user):
                messages.success(request, gettext("The authenticator app is removed."))
            else:
                messages.success(
                    request, gettext("Two-factor authentication is off for your account.")
                )
            return redirect("accounts:two-factor")
        return render(request, "accounts/two_factor.html", {**context, "form": form})
    if not may_add or context["passkey_required"]:
        # No app is offered: it would not be accepted, or this session may not add a device.
        return render(request, "accounts/two_factor.html", context)

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
            request, gettext("Two-factor authentication is on: every login will ask for a code.")
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


@never_cache
@staff_member_required
@require_POST
def name_key_view(request):
    """Give the key just registered the name its owner typed (the page's script posts it)."""
    form = KeyNameForm(request.POST)
    if form.is_valid():
        key = get_object_or_404(two_factor.keys(request.user), pk=form.cleaned_data["key"])
        if form.cleaned_data["name"].strip():
            key.name = form.cleaned_data["name"].strip()
            key.save(update_fields=["name"])
        messages.success(request, gettext("Security key “%(name)s” added.") % {"name": key.name})
    return redirect(_next_url(request, default="accounts:two-factor"))


@never_cache
@staff_member_required
@require_http_methods(["GET", "POST"])
def remove_key_view(request, key_id):
    """Remove one of one's own keys, after a fresh proof (``RemoveKeyForm``)."""
    key = get_object_or_404(two_factor.keys(request.user), pk=key_id)
    form = RemoveKeyForm(request, _bound(request))
    if form.is_bound and form.is_valid():
        key.delete()
        messages.success(request, gettext("Security key “%(name)s” removed.") % {"name": key.name})
        return redirect("accounts:two-factor")
    user = request.user
    return render(
        request,
        "accounts/remove_key.html",
        {
            **_page_context(request, _("Remove a security key")),
            "key": key,
            "form": form,
            "offers_code": bool(two_factor.app(user) or two_factor.recovery_codes_left(user)),
            "last_key": two_factor.keys(user).count() == 1,
        },
    )


@never_cache
@staff_member_required
@require_POST
def recovery_codes_view(request):
    """Generate a new set of recovery codes, replacing the old one; the page shows them once."""
    user = request.user
    if not (two_factor.may_add_device(user) and (two_factor.has_key(user) or two_factor.app(user))):
        messages.error(
            request,
            gettext("Set up a security key or an authenticator app before recovery codes."),
        )
        return redirect("accounts:two-factor")
    device, codes = two_factor.replace_recovery_codes(user)
    if isinstance(getattr(user, "otp_device", None), StaticDevice):
        # The set that verified this session is gone; the new one stands for it.
        otp_login(request, device)
    request.session[NEW_RECOVERY_CODES] = codes
    return redirect("accounts:two-factor")
