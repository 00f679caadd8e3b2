from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("countries", views.CountryViewSet, basename="country")
router.register("prisoners", views.PrisonerViewSet, basename="prisoner")
router.register("deals", views.DealViewSet, basename="deal")
router.register("releases", views.ReleaseViewSet, basename="release")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("places", views.PlaceViewSet, basename="place")
router.register("organizations", views.OrganisationViewSet, basename="organization")

app_name = "api-v1"

urlpatterns = [
    *router.urls,
    path(
        "statistics/releases-by-deal/",
        views.ReleasesByDealView.as_view(),
        name="releases-by-deal",
    ),
    path(
        "statistics/releases-by-destination/",
        views.ReleasesByDestinationView.as_view(),
        name="releases-by-destination",
    ),
    path(
        "statistics/releases-by-nationality/",
        views.ReleasesByNationalityView.as_view(),
        name="releases-by-nationality",
    ),
    path(
        "statistics/releases-by-month/",
        views.ReleasesByMonthView.as_view(),
        name="releases-by-month",
    ),
    path(
        "statistics/detained-by-nationality/",
        views.DetainedByNationalityView.as_view(),
        name="detained-by-nationality",
    ),
    path(
        "statistics/held-by-article/",
        views.HeldByArticleView.as_view(),
        name="held-by-article",
    ),
    path("statistics/held-by-place/", views.HeldByPlaceView.as_view(), name="held-by-place"),
    path("statistics/held-by-region/", views.HeldByRegionView.as_view(), name="held-by-region"),
    path("statistics/held-by-month/", views.HeldByMonthView.as_view(), name="held-by-month"),
    path(
        "statistics/recognition-comparison/",
        views.RecognitionComparisonView.as_view(),
        name="recognition-comparison",
    ),
    # Last: any other path, e.g. an identifier of the wrong shape, is a JSON 404.
    re_path(r"", views.not_found, name="not-found"),
]
