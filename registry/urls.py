from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "Political Prisoner Registry"
admin.site.site_title = "Prisoner Registry"
admin.site.index_title = "Records"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
]
