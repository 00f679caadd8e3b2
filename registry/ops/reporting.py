"""Error reports to Sentry, optional: ``SENTRY_DSN`` turns them on (settings.py), and the SDK is
installed apart (``pip install -r requirements-sentry.txt``).

The people in the records come first: a report carries the exception, its stack and the
request's method and path, and nothing of what a request or a stack frame held. No request
bodies (an admin form holds restricted fields), no cookies, headers' personal data or user
(``send_default_pii``), no local variables, no performance tracing. The request id is a tag, so a
report and the log lines of its request can be put side by side.
"""

from django.core.exceptions import ImproperlyConfigured

from .context import current_request_id


def start_error_reporting(dsn, environment):
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError as error:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but the Sentry SDK is not installed: "
            "pip install -r requirements-sentry.txt"
        ) from error
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=0,
        before_send=tag_request_id,
    )


def tag_request_id(event, hint):
    request_id = current_request_id()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event
