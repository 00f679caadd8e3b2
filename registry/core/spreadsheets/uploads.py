"""Where an uploaded spreadsheet waits between its preview and the confirmation.

The admin's import happens in two requests: the upload, checked and previewed, then "Confirm
import", which reads the same file again. Between the two the file waits here:

- in a directory of the registry's own (``IMPORT_UPLOAD_DIR``), readable by its user alone,
  under a random name;
- the confirmation form carries not that name but a key signed for the person who uploaded it
  (``sign``/``unsign``), valid for ``IMPORT_PREVIEW_MAX_AGE`` seconds, so that no form can name
  another file, nor another person's upload;
- a file is removed once imported, at once when its preview found problems, and otherwise after
  ``IMPORT_PREVIEW_MAX_AGE`` (at the next upload, or by ``manage.py clear_import_uploads``).
"""

import os
import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core import signing
from import_export.tmp_storages import BaseStorage

SALT = "registry.core.spreadsheets.uploads"
_NAME = re.compile(r"^[0-9a-f]{32}$")


class UploadExpired(Exception):
    """The confirmation names no upload of this person that is still waiting."""


def upload_dir():
    path = Path(settings.IMPORT_UPLOAD_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def sign(name, user):
    """The key a confirmation form carries for the upload ``name`` of ``user``."""
    return signing.dumps({"name": name, "user": user.pk}, salt=SALT, compress=False)


def unsign(key, user):
    """The upload name behind ``key``, if ``user`` made it and it has not expired."""
    try:
        value = signing.loads(key, salt=SALT, max_age=settings.IMPORT_PREVIEW_MAX_AGE)
    except signing.BadSignature:
        raise UploadExpired from None
    name = value.get("name", "") if isinstance(value, dict) else ""
    if value.get("user") != user.pk or not _NAME.match(name):
        raise UploadExpired
    return name


def is_waiting(name):
    """Whether the upload ``name`` (one ``unsign`` gave) is still stored."""
    return (upload_dir() / name).is_file()


def clear_expired(max_age=None, now=None):
    """Remove uploads older than ``max_age`` seconds (IMPORT_PREVIEW_MAX_AGE by default);
    returns how many."""
    max_age = settings.IMPORT_PREVIEW_MAX_AGE if max_age is None else max_age
    now = time.time() if now is None else now
    removed = 0
    for path in upload_dir().iterdir():
        if _NAME.match(path.name) and now - path.stat().st_mtime >= max_age:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


class PrivateUploadStorage(BaseStorage):
    """django-import-export's temporary storage, in the registry's private upload directory.

    ``name`` is only ever one this class made (32 hexadecimal digits): the admin unsigns the
    confirmation's key before it reaches here.
    """

    def save(self, data):
        clear_expired()
        self.name = secrets.token_hex(16)
        if isinstance(data, str):
            data = data.encode(self.encoding or "utf-8")
        descriptor = os.open(self.path(), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)

    def read(self):
        data = self.path().read_bytes()
        if "b" in self.read_mode:
            return data
        return data.decode(self.encoding or "utf-8")

    def remove(self):
        self.path().unlink(missing_ok=True)

    def path(self):
        if not _NAME.match(self.name or ""):
            raise UploadExpired
        return upload_dir() / self.name
