from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/verify/", views.login_verify_view, name="login-verify"),
    path("two-factor/", views.two_factor_view, name="two-factor"),
    path("two-factor/keys/name/", views.name_key_view, name="name-key"),
    path("two-factor/keys/<int:key_id>/remove/", views.remove_key_view, name="remove-key"),
    path("two-factor/recovery-codes/", views.recovery_codes_view, name="recovery-codes"),
]
