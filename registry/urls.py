from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from registry.core.admin.queue import review_queue_view

admin.site.site_header = _("Political Prisoner Registry")
admin.site.site_title = _("Prisoner Registry")
admin.site.index_title = _("Records")

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    # Before the admin's own pages, which would otherwise take the address for an app's.
    path("admin/review/", review_queue_view(), name="review-queue"),
    path("admin/", admin.site.urls),
    # The language switcher posts here (Django's set_language).
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("registry.accounts.urls")),
    # Security keys: the JSON steps of the library's script, under the library's URL names.
    path("account/webauthn/", include("registry.accounts.webauthn_urls")),
    path("api/v1/", include("registry.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file, so the page needs no inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # Redoc styles the page with inline <style> elements as it renders, and searches in a worker
    # that it starts from a blob: URL. Its "powered by" logo from a CDN stays blocked.
    path(
        "api/redoc/",
        csp_update({"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})(
            SpectacularRedocView.as_view(url_name="api-schema")
        ),
        name="api-redoc",
    ),
]

# Django's error pages; JSON in the API's envelope under /api/ (registry/ops/errors.py).
handler400 = "registry.ops.errors.bad_request"
handler403 = "registry.ops.errors.permission_denied"
handler404 = "registry.ops.errors.page_not_found"
handler500 = "registry.ops.errors.server_error"
