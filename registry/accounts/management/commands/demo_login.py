import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


class Command(BaseCommand):
    help = (
        'Development only: create or reuse the superuser "admin", give it a new random password '
        "and print the admin URL and the login. Refuses to run with DEBUG off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo_login is a development convenience and refuses to run with DEBUG off. "
                "Create real accounts with: python manage.py createsuperuser"
            )
        # A new password on every run: none is stored anywhere but in the hashed user row.
        password = secrets.token_urlsafe(16)
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            f"{'Created' if created else 'Reused'} superuser for local use. "
            f"Admin: http://127.0.0.1:{port}/admin/  username: {USERNAME}  password: {password}"
        )
