"""Rate limits by role: anonymous visitors per address, researchers and staff per account.

Rates are in ``settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` under the role's name. The
counters are shared by every worker and app server (``registry.core.ratelimits``: the database
by default, Redis when configured), so the documented rates hold however many run.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from registry.accounts.addresses import client_address
from registry.accounts.models import ApiToken
from registry.accounts.roles import RESEARCHER
from registry.core import ratelimits

ANONYMOUS, STAFF = "anon", "staff"


def role_of(request):
    """The rate-limit role of a request: "anon", "researcher" or "staff".

    A request with an API token is a researcher's (tokens are issued to researchers), as is a
    signed-in member of the researcher group. A signed-in user with no role counts as anonymous,
    though per account rather than per address.
    """
    role = getattr(request, "_rate_limit_role", None)
    if role is None:
        # Each throttle class asks; the group query runs once.
        role = request._rate_limit_role = _role(request)
    return role


def _role(request):
    user = request.user
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    if user.is_staff:
        return STAFF
    if isinstance(request.auth, ApiToken):
        return RESEARCHER
    if user.groups.filter(name=RESEARCHER).exists():
        return RESEARCHER
    return ANONYMOUS


class RoleRateThrottle(SimpleRateThrottle):
    """Counts the requests of the role named by ``scope``; other roles have their own class."""

    def get_rate(self):
        # Read when the throttle is made, not at import, so that settings overrides apply.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.hit = ratelimits.counters().hit(self.key, self.num_requests, self.duration)
        if self.hit.data_version is not None:
            # Read with the counter: cached answers on this database need no query for it.
            request.data_versions = {self.hit.database: self.hit.data_version}
        return self.hit.allowed

    def wait(self):
        return ratelimits.wait(self.hit, self.num_requests, self.duration)

    def get_ident(self, request):
        return client_address(request)

    def get_cache_key(self, request, view):
        if role_of(request) != self.scope:
            return None
        user = request.user
        ident = f"user-{user.pk}" if user and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousRateThrottle(RoleRateThrottle):
    """Visitors without an account, per client address (REMOTE_ADDR unless NUM_PROXIES)."""

    scope = ANONYMOUS


class ResearcherRateThrottle(RoleRateThrottle):
    scope = RESEARCHER


class StaffRateThrottle(RoleRateThrottle):
    scope = STAFF


ROLE_THROTTLES = [AnonymousRateThrottle, ResearcherRateThrottle, StaffRateThrottle]
