import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "ppr_"


def hash_token(token):
    # Tokens carry 256 bits of randomness, so a fast hash is enough: nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)

    def for_token(self, token):
        """The active token matching ``token``, or None."""
        if not token.startswith(TOKEN_PREFIX):
            return None
        return self.active().select_related("user").filter(key_hash=hash_token(token)).first()


class ApiToken(models.Model):
    """A researcher's API token. Only its hash is stored; the token is shown once, at creation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. 'thesis data'.")
    )
    prefix = models.CharField(
        _("prefix"), max_length=12, editable=False, help_text=_("Identifies the token.")
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_at__gte=models.F("created_at")),
                name="accounts_apitoken_revoked_after_created",
            ),
        ]

    def __str__(self):
        return f"{self.prefix}… ({self.name})"

    @classmethod
    def issue(cls, user, name):
        """Create a token for ``user``; returns (token record, the token in clear, once)."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        record = cls.objects.create(
            user=user, name=name, prefix=token[:12], key_hash=hash_token(token)
        )
        return record, token

    def is_active(self):
        return self.revoked_at is None

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])


class SecurityEventKind(models.TextChoices):
    PASSWORD_SET = "password_set", _("Password set or disabled by another staff member")
    DEVICE_ADDED = "device_added", _("Second-factor device added")
    DEVICE_CHANGED = "device_changed", _("Second-factor device changed")
    DEVICE_REMOVED = "device_removed", _("Second-factor device removed")
    ACCESS_CHANGED = (
        "access_changed",
        _("Staff or superuser status, groups or permissions changed"),
    )


class SecurityEvent(models.Model):
    """A change one staff member made to another's login or access, kept for every administrator
    to see and told to the person concerned at their next login (``registry.accounts.audit``).

    The usernames are copied, so that the record outlives the accounts it names.
    """

    Kind = SecurityEventKind

    kind = models.CharField(_("kind"), max_length=20, choices=SecurityEventKind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
        help_text=_("Who made the change."),
    )
    actor_username = models.CharField(_("made by"), max_length=150)
    target = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="security_events",
        verbose_name=_("target"),
        help_text=_("Whose account it changed."),
    )
    target_username = models.CharField(_("account"), max_length=150)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    told_at = models.DateTimeField(
        _("told to the account holder"),
        null=True,
        blank=True,
        help_text=_("When the account holder was shown this change, at their next login."),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SecurityEventKind.values),
                name="accounts_securityevent_kind_valid",
            ),
        ]
        indexes = [
            # The events not yet told to an account holder, read at each of their logins.
            models.Index(fields=["target", "told_at"], name="securityevent_target_idx"),
        ]

    def __str__(self):
        return gettext("%(change)s: %(account)s by %(actor)s") % {
            "change": self.get_kind_display(),
            "account": self.target_username,
            "actor": self.actor_username,
        }
