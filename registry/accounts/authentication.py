from django.utils import timezone
from rest_framework import authentication, exceptions

from .models import ApiToken


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token ppr_…`` (or ``Bearer ppr_…``) for researchers' scripts."""

    keywords = ("token", "bearer")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the header as 'Authorization: Token <token>'."
            )
        record = ApiToken.objects.for_token(header[1])
        if record is None:
            raise exceptions.AuthenticationFailed("This API token is unknown or has been revoked.")
        # One write per minute at most, so that busy scripts do not write on every request.
        now = timezone.now()
        if record.last_used_at is None or (now - record.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
        return record.user, record

    def authenticate_header(self, request):
        return "Token"
