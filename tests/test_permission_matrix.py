"""Every URL the project serves x every role x method, with the status each must get.

The URLs come from the resolver, so a new route without an entry in EXPECTED fails
``test_every_route_has_an_entry``: decide who may use it, then add it.

Roles: anonymous (no account), researcher (an API token, and signed in: not staff), editor,
reviewer, administrator (staff, through their groups; see registry/accounts/roles.py).
"""

import datetime
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from prisoners.models import (
    Article,
    ArticleTitle,
    Country,
    Court,
    DuplicateCandidate,
    Organisation,
    PersonMerge,
    Place,
    Prisoner,
    Recognition,
)
from registry.accounts.models import ApiToken, SecurityEvent
from tests.factories import (
    DealFactory,
    DetentionFactory,
    PrisonerFactory,
    ReleaseFactory,
    SourceFactory,
    country,
)
from tests.helpers import logged_in, reset_rate_limits
from tests.security_keys import SoftKey

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "researcher", "editor", "reviewer", "administrator")


def statuses(anonymous, researcher, editor, reviewer, administrator):
    return dict(zip(ROLES, (anonymous, researcher, editor, reviewer, administrator), strict=True))


# Shorthands for the common rows. Admin pages send anyone who is not staff to the login page;
# the researcher is signed in (and has a token) but is not staff.
PUBLIC = statuses(200, 200, 200, 200, 200)
STAFF = statuses(302, 302, 200, 200, 200)  # every staff role
REVIEWERS = statuses(302, 302, 403, 200, 200)  # deleting and recovering records
ADMINISTRATORS = statuses(302, 302, 403, 403, 200)  # accounts, tokens, lockouts, devices
NOBODY = statuses(302, 302, 403, 403, 403)  # written only by the software, or never deleted
STAFF_GET_NOT_ALLOWED = statuses(302, 302, 405, 405, 405)  # POST-only admin views
STAFF_NOT_FOUND = statuses(302, 302, 404, 404, 404)
# An admin object URL without /change/ redirects staff to the change page, others to login.
REDIRECT = statuses(302, 302, 302, 302, 302)
# The JSON steps of the security-key ceremonies: any other method is refused before anything.
POST_ONLY = statuses(405, 405, 405, 405, 405)


def record_model(prefix, object_path, add=STAFF, delete=REVIEWERS, history=STAFF):
    """A record the editors keep: people, sources, countries, deals, releases."""
    rows = {
        f"admin:{prefix}_changelist": STAFF,
        f"admin:{prefix}_add": add,
        f"admin:{prefix}_change": STAFF,
        f"admin:{prefix}_history": history,
        f"admin:{prefix}_simple_history": history,  # one version, with its revert button
        f"admin:{prefix}_delete": delete,
        f"/admin/{object_path}/<path:object_id>/": REDIRECT,
    }
    if delete is REVIEWERS:
        rows[f"admin:{prefix}_deleted"] = REVIEWERS  # deleted records, to recover
        rows[f"admin:{prefix}_recover"] = STAFF_GET_NOT_ALLOWED  # POST only, see below
    return rows


def administrators_model(prefix, object_path, add=ADMINISTRATORS, delete=ADMINISTRATORS):
    return {
        f"admin:{prefix}_changelist": ADMINISTRATORS,
        f"admin:{prefix}_add": add,
        f"admin:{prefix}_change": ADMINISTRATORS,
        f"admin:{prefix}_history": ADMINISTRATORS,
        f"admin:{prefix}_delete": delete,
        f"/admin/{object_path}/<path:object_id>/": REDIRECT,
    }


def spreadsheets(prefix):
    """Import and export buttons: editors and reviewers hold the import/export permissions."""
    return {
        f"admin:{prefix}_import": STAFF,
        f"admin:{prefix}_process_import": STAFF_GET_NOT_ALLOWED,
        f"admin:{prefix}_export": STAFF,
    }


# The expected status of a GET, per route and role. Unnamed routes are keyed by their path.
EXPECTED = {
    "/": REDIRECT,  # to the admin
    # The language switcher: a GET changes nothing and goes home; anyone may choose (a POST).
    "set_language": statuses(302, 302, 302, 302, 302),
    # The admin site
    "admin:index": STAFF,
    # Every staff role sees what awaits review; only reviewers' actions run (test_review_queue).
    "review-queue": STAFF,
    "admin:login": statuses(200, 200, 302, 302, 302),  # staff are sent on to the index
    "admin:logout": statuses(302, 302, 405, 405, 405),  # POST only
    "admin:password_change": STAFF,
    "admin:password_change_done": STAFF,
    "admin:autocomplete": STAFF,  # with a real field (see Records.url)
    "admin:jsi18n": STAFF,
    "admin:view_on_site": STAFF_NOT_FOUND,  # no record has a public page
    "admin:app_list": STAFF,
    "/admin/(?P<url>.*)$": STAFF_NOT_FOUND,
    **record_model("prisoners_prisoner", "prisoners/prisoner"),
    **spreadsheets("prisoners_prisoner"),
    **record_model("prisoners_source", "prisoners/source"),
    # Countries come from ISO 3166-1: editors may add a missing one, nobody deletes one.
    **record_model("prisoners_country", "prisoners/country", delete=NOBODY),
    # ...but a reviewer may delete (and recover) a territory staff added, such as XK.
    "admin:prisoners_country_deleted": REVIEWERS,
    "admin:prisoners_country_recover": STAFF_GET_NOT_ALLOWED,
    # The legal record: articles, courts, places of detention, and a detention's own page.
    **record_model("prisoners_article", "prisoners/article"),
    **record_model("prisoners_court", "prisoners/court"),
    **record_model("prisoners_place", "prisoners/place"),
    **record_model("prisoners_organisation", "prisoners/organisation"),
    **record_model("prisoners_recognition", "prisoners/recognition"),
    # Probable duplicates: editors see them and flag pairs; reviewers decide and delete.
    **record_model("prisoners_duplicatecandidate", "prisoners/duplicatecandidate"),
    # Merging and undoing a merge is for reviewers; every staff role sees the merges, which only
    # a merge writes and nobody deletes.
    "admin:prisoners_duplicatecandidate_merge": REVIEWERS,
    "admin:prisoners_personmerge_changelist": STAFF,
    "admin:prisoners_personmerge_change": STAFF,
    "admin:prisoners_personmerge_history": STAFF,
    "admin:prisoners_personmerge_add": NOBODY,
    "admin:prisoners_personmerge_delete": NOBODY,
    "admin:prisoners_personmerge_undo": STAFF_GET_NOT_ALLOWED,  # POST only
    "admin:prisoners_personmerge_apply": STAFF_GET_NOT_ALLOWED,  # POST only
    "/admin/prisoners/personmerge/<path:object_id>/": REDIRECT,
    **record_model("prisoners_detention", "prisoners/detention"),
    **record_model("releases_releasedeal", "releases/releasedeal"),
    **record_model("releases_release", "releases/release"),
    **spreadsheets("releases_release"),
    # Accounts, API tokens, lockouts and two-factor devices: administrators only.
    **administrators_model("auth_user", "auth/user"),
    "admin:auth_user_password_change": ADMINISTRATORS,
    **administrators_model("auth_group", "auth/group"),
    **administrators_model("accounts_apitoken", "accounts/apitoken"),
    **administrators_model("axes_accessattempt", "axes/accessattempt", add=NOBODY),
    **administrators_model("axes_accesslog", "axes/accesslog", add=NOBODY),
    **administrators_model("axes_accessfailurelog", "axes/accessfailurelog", add=NOBODY),
    **administrators_model("otp_totp_totpdevice", "otp_totp/totpdevice"),
    "admin:otp_totp_totpdevice_config": ADMINISTRATORS,
    "admin:otp_totp_totpdevice_qrcode": ADMINISTRATORS,
    **administrators_model("otp_static_staticdevice", "otp_static/staticdevice"),
    # Security keys are registered by their owners in the browser, never added in the admin.
    **administrators_model(
        "django_otp_webauthn_webauthncredential",
        "django_otp_webauthn/webauthncredential",
        add=NOBODY,
    ),
    # Changes to another person's account: read by administrators, written by the software.
    **administrators_model(
        "accounts_securityevent", "accounts/securityevent", add=NOBODY, delete=NOBODY
    ),
    # A staff member's own two-factor page, and what it posts to.
    "accounts:two-factor": STAFF,
    "accounts:name-key": STAFF_GET_NOT_ALLOWED,
    "accounts:recovery-codes": STAFF_GET_NOT_ALLOWED,
    # One's own keys only: the records' key is the administrator's.
    "accounts:remove-key": statuses(302, 302, 404, 404, 200),
    # The second step of a login: only after the password, in the same session.
    "accounts:login-verify": REDIRECT,
    "otp_webauthn:credential-registration-begin": POST_ONLY,
    "otp_webauthn:credential-registration-complete": POST_ONLY,
    "otp_webauthn:credential-authentication-begin": POST_ONLY,
    "otp_webauthn:credential-authentication-complete": POST_ONLY,
    # The messages of the security-key scripts, which the second step of a login shows.
    "otp_webauthn:js-i18n-catalog": PUBLIC,
    # The read-only API and its documentation: everyone.
    "api-v1:country-list": PUBLIC,
    "api-v1:country-detail": PUBLIC,
    "api-v1:prisoner-list": PUBLIC,
    "api-v1:prisoner-detail": PUBLIC,
    "api-v1:deal-list": PUBLIC,
    "api-v1:deal-detail": PUBLIC,
    "api-v1:release-list": PUBLIC,
    "api-v1:release-detail": PUBLIC,
    "api-v1:releases-by-deal": PUBLIC,
    "api-v1:releases-by-destination": PUBLIC,
    "api-v1:releases-by-nationality": PUBLIC,
    "api-v1:releases-by-month": PUBLIC,
    "api-v1:detained-by-nationality": PUBLIC,
    "api-v1:article-list": PUBLIC,
    "api-v1:article-detail": PUBLIC,
    "api-v1:place-list": PUBLIC,
    "api-v1:place-detail": PUBLIC,
    "api-v1:held-by-article": PUBLIC,
    "api-v1:held-by-place": PUBLIC,
    "api-v1:held-by-region": PUBLIC,
    "api-v1:held-by-month": PUBLIC,
    "api-v1:organization-list": PUBLIC,
    "api-v1:organization-detail": PUBLIC,
    "api-v1:recognition-comparison": PUBLIC,
    "api-v1:not-found": statuses(404, 404, 404, 404, 404),  # any other path under /api/v1/
    "api-schema": PUBLIC,
    "api-docs": PUBLIC,
    "api-redoc": PUBLIC,
}

# Write methods. The API and its documentation are read-only for everyone, whatever the role.
READ_ONLY = ("api-v1:", "api-schema", "api-docs", "api-redoc")
WRITE_METHODS = ("post", "put", "patch", "delete")


# ---------------------------------------------------------------------------------------------
# The routes, and a real URL for each


def routes(patterns=None, prefix="", namespace=None):
    """(key, route) for every URL pattern: the key is the URL name, or the route if unnamed."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            assert isinstance(pattern, URLPattern)
            route = prefix + str(pattern.pattern)
            if pattern.name:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), route
            else:
                yield "/" + route, route


class Records:
    """One object of every model the admin and the API show, and their ids."""

    def __init__(self, administrator, researcher):
        prisoner = PrisonerFactory()
        deal = DealFactory()
        release = ReleaseFactory(prisoner=prisoner, deal=deal)
        source = SourceFactory()
        belarus = country("BY")
        belarus.save()  # a history row
        token, _ = ApiToken.issue(researcher, "matrix")
        fields = {"user_agent": "test", "http_accept": "*/*", "path_info": "/admin/login/"}
        totp = TOTPDevice.objects.create(user=administrator, name="phone")
        security_key = SoftKey().saved_for(administrator)
        by = country("BY")
        article = Article.objects.create(jurisdiction=by, number="342")
        place = Place.objects.create(
            kind="prison", name="Matrix prison", country=by, is_published=True
        )
        organisation = Organisation.objects.create(
            slug="matrix-org", name="Matrix organisation", is_published=True
        )
        objects = {
            "prisoners/prisoner": prisoner,
            "prisoners/article": article,
            "prisoners/court": Court.objects.create(name="Matrix court", country=by),
            "prisoners/place": place,
            "prisoners/organisation": organisation,
            "prisoners/recognition": Recognition.objects.create(
                prisoner=prisoner, organisation=organisation, decided_on=datetime.date(2021, 1, 1)
            ),
            "prisoners/detention": DetentionFactory(prisoner=prisoner),
            "prisoners/duplicatecandidate": DuplicateCandidate.objects.create(
                left=prisoner, right=PrisonerFactory()
            ),
            "prisoners/personmerge": PersonMerge.objects.create(
                survivor=prisoner, absorbed=PrisonerFactory(), changes={"absorbed_name": "x"}
            ),
            "prisoners/source": source,
            "prisoners/country": belarus,
            "releases/releasedeal": deal,
            "releases/release": release,
            "auth/user": administrator,
            "auth/group": Group.objects.get(name="editor"),
            "accounts/apitoken": token,
            "axes/accessattempt": AccessAttempt.objects.create(
                **fields, get_data="", post_data="", failures_since_start=1
            ),
            "axes/accesslog": AccessLog.objects.create(**fields),
            "axes/accessfailurelog": AccessFailureLog.objects.create(**fields),
            "otp_totp/totpdevice": totp,
            "otp_static/staticdevice": StaticDevice.objects.create(user=administrator, name="b"),
            "django_otp_webauthn/webauthncredential": security_key,
            "accounts/securityevent": SecurityEvent.objects.create(
                kind=SecurityEvent.Kind.PASSWORD_SET,
                target=administrator,
                target_username=administrator.username,
                actor_username="someone",
            ),
        }
        self.pk = {key: obj.pk for key, obj in objects.items()}
        self.history_id = {
            key: obj.history.latest("history_id").history_id
            for key, obj in objects.items()
            if hasattr(obj, "history")
        }
        # Deleted records, to recover.
        deleted = [
            ReleaseFactory(),  # its person and deal stay
            PrisonerFactory(),
            SourceFactory(),
            DealFactory(),
            Country.objects.create(code="XK", name="Kosovo"),  # a territory, deletable
            Article.objects.create(jurisdiction=country("BY"), number="999"),
            Court.objects.create(name="Deleted court", country=country("BY")),
            Place.objects.create(kind="prison", name="Deleted prison", country=country("BY")),
            Organisation.objects.create(slug="deleted-org", name="Deleted organisation"),
            Recognition.objects.create(
                prisoner=PrisonerFactory(),
                organisation=organisation,
                decided_on=datetime.date(2022, 1, 1),
            ),
            DetentionFactory(),
            DuplicateCandidate.objects.create(left=PrisonerFactory(), right=PrisonerFactory()),
        ]
        self.deleted_history_id = {}
        for obj in deleted:
            key = f"{obj._meta.app_label}/{obj._meta.model_name}"
            obj.delete()
            self.deleted_history_id[key] = (
                type(obj).history.filter(history_type="-").latest("history_id").history_id
            )
        ArticleTitle.objects.create(article=article, language="en", title="Matrix article")
        self.api_ids = {
            "countries": "BY",
            "prisoners": prisoner.public_id,
            "deals": deal.slug,
            "releases": release.public_id,
            "articles": article.key,
            "places": place.public_id,
            "organizations": organisation.slug,
        }
        self.prisoner_content_type = ContentType.objects.get_for_model(Prisoner).pk
        self.totp_pk = totp.pk
        self.key_pk = security_key.pk
        self.user_pk = administrator.pk

    def url(self, route):
        # Regex routes: their anchors go, their groups are filled in below.
        path = re.sub(r"(^|/)\^", r"\1", route).removesuffix("$")
        model = re.match(r"admin/(\w+/\w+)/", path)
        model = model and model.group(1)
        replacements = [
            ("<path:content_type_id>/<path:object_id>", f"{self.prisoner_content_type}/1"),
            # Countries have no history: 0 stands for a history row that does not exist.
            (
                "([^/]+)/history/([^/]+)",
                lambda: f"{self.pk[model]}/history/{self.history_id.get(model, 0)}",
            ),
            ("<path:object_id>", lambda: self.pk[model]),
            ("<int:history_id>", lambda: self.deleted_history_id[model]),
            ("<int:pk>", self.totp_pk),
            ("<int:key_id>", self.key_pk),
            ("/<id>/password/", f"/{self.user_pk}/password/"),
            ("(?P<url>.*)", "no-such-page/"),
        ]
        for placeholder, value in replacements:
            if placeholder in path:
                path = path.replace(placeholder, str(value() if callable(value) else value))
        path = re.sub(r"\(\?P<app_label>[^)]*\)", "prisoners", path)
        api = re.match(r"api/v1/(\w+)/\(\?P<\w+>[^)]*\)/", path)
        if api:
            path = f"api/v1/{api.group(1)}/{self.api_ids[api.group(1)]}/"
        assert not re.search(r"[<(\[]", path), f"No value to fill in {route!r}"
        if path == "admin/autocomplete/":
            path += "?app_label=releases&model_name=release&field_name=prisoner&term=Test"
        return "/" + path

    def model(self, route):
        """The model of an admin route, and the primary key of its object."""
        app_label, model_name = re.match(r"admin/(\w+)/(\w+)/", route).groups()
        return apps.get_model(app_label, model_name), self.pk[f"{app_label}/{model_name}"]


# ---------------------------------------------------------------------------------------------
# The tests


ROUTES = dict(routes())


def mismatches(method, keys, records, clients, data=None):
    """Every (route, role) whose status differs from EXPECTED, as readable lines."""
    lines = []
    for key in keys:
        url = records.url(ROUTES[key])
        for role in ROLES:
            client = clients[role]
            response = client.get(url) if method == "GET" else client.post(url, data or {})
            expected = EXPECTED[key][role]
            if response.status_code != expected:
                lines.append(
                    f"{method} {url} ({key}) as {role}: {response.status_code}, expected {expected}"
                )
            elif (
                response.status_code == 302
                and role in ("anonymous", "researcher")
                and key not in ("/", "admin:logout", "set_language")
                and not response["Location"].startswith("/admin/login/?next=")
            ):
                lines.append(f"{method} {url} as {role}: redirected to {response['Location']}")
    return lines


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def records(administrator, researcher):
    return Records(administrator, researcher)


@pytest.fixture
def clients(researcher, researcher_token, editor, reviewer, administrator, settings):
    reset_rate_limits()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            role: "100000/minute" for role in ("anon", "researcher", "staff")
        },
    }
    # The researcher holds a token and is signed in: neither opens the admin.
    researcher_client = Client(HTTP_AUTHORIZATION=f"Token {researcher_token}")
    researcher_client.force_login(researcher)
    staff = [logged_in(user) for user in (editor, reviewer, administrator)]
    return dict(zip(ROLES, [Client(), researcher_client, *staff], strict=True))


def test_every_route_has_an_entry():
    served, listed = set(ROUTES), set(EXPECTED)
    missing = sorted(served - listed)
    assert not missing, (
        "These routes have no entry in EXPECTED: decide which roles may use them and add them: "
        + ", ".join(missing)
    )
    stale = sorted(listed - served)
    assert not stale, "EXPECTED lists routes that no longer exist: " + ", ".join(stale)


def test_get_as_every_role(records, clients):
    wrong = mismatches("GET", list(ROUTES), records, clients)
    assert not wrong, "\n".join(["Statuses differ from EXPECTED:", *wrong])


def test_the_api_is_read_only_for_every_role(records, clients):
    wrong = []
    for key in ROUTES:
        if not key.startswith(READ_ONLY):
            continue
        url = records.url(ROUTES[key])
        # Any method on a path that names no endpoint is the API's 404.
        expected = 404 if key == "api-v1:not-found" else 405
        for role in ROLES:
            for method in WRITE_METHODS:
                status = getattr(clients[role], method)(url).status_code
                if status != expected:
                    wrong.append(f"{method.upper()} {url} as {role}: {status}")
    assert not wrong, "\n".join(["Not refused:", *wrong])


def test_an_empty_add_form_is_refused_or_shown_with_its_errors(records, clients):
    """Those who may add get the form back with its errors (200); nobody else gets further
    than a 403 or the login page; nothing is created."""
    keys = [key for key in ROUTES if key.endswith("_add")]
    counts = {key: records.model(ROUTES[key])[0]._default_manager.count() for key in keys}
    wrong = mismatches("POST", keys, records, clients)
    assert not wrong, "\n".join(["Statuses differ from EXPECTED:", *wrong])
    for key in keys:
        assert records.model(ROUTES[key])[0]._default_manager.count() == counts[key], key


def test_deleting_is_refused_to_those_who_may_not(records, clients):
    wrong = []
    for key in ROUTES:
        if not key.endswith("_delete"):
            continue
        model, pk = records.model(ROUTES[key])
        url = records.url(ROUTES[key])
        for role in ROLES:
            expected = EXPECTED[key][role]
            if expected == 200:
                continue  # may delete
            status = clients[role].post(url, {"post": "yes"}).status_code
            if status != expected:
                wrong.append(f"POST {url} as {role}: {status}, expected {expected}")
        assert model._default_manager.filter(pk=pk).exists(), f"{url} deleted"
    assert not wrong, "\n".join(["Not refused:", *wrong])


def test_recovering_a_deleted_record_is_refused_to_editors(records, clients):
    for key in ROUTES:
        if key.endswith("_recover"):
            url = records.url(ROUTES[key])
            assert clients["editor"].post(url).status_code == 403, url
            assert clients["anonymous"].post(url).status_code == 302, url
            assert clients["researcher"].post(url).status_code == 302, url


def test_the_two_factor_page_takes_posts_from_staff_only(records, clients):
    url = records.url(ROUTES["accounts:two-factor"])
    actual = {role: clients[role].post(url, {}).status_code for role in ROLES}
    assert actual == EXPECTED["accounts:two-factor"]


def with_invalid_path(route):
    """``route`` with every parameter (or, for a route without any, one more path segment)
    holding a NUL."""
    path = re.sub(r"(^|/)\^", r"\1", route).removesuffix("$")
    path, count = re.subn(r"<[^>]+>|\(\?P<\w+>[^)]*\)", "x%00y", path)
    if not count:
        path += "%00/"
    return "/" + path.lstrip("/")


@pytest.mark.parametrize("role", ["anonymous", "administrator"])
def test_invalid_characters_are_a_400_or_404_on_every_route(records, clients, role):
    """A NUL (or another control character) in a path, a parameter's name or value, or a form
    field is refused before any view or database sees it; a byte that is not UTF-8 never breaks
    a page. Never a 500."""
    client = clients[role]
    client.raise_request_exception = False
    wrong = []
    for key, route in ROUTES.items():
        url = records.url(route)
        probes = [
            ("GET", with_invalid_path(route), None, {404}),
            ("GET", f"{url}?q=a%00b", None, {400}),
            ("GET", f"{url}?a%00b=1", None, {400}),
            ("GET", f"{url}?q=%1B%5B2J", None, {400}),
            ("POST", url, {"name": "a\x00b"}, {400}),
        ]
        for method, target, data, expected in probes:
            response = client.get(target) if method == "GET" else client.post(target, data)
            if response.status_code not in expected:
                wrong.append(f"{method} {target} ({key}) as {role}: {response.status_code}")
            elif target.startswith("/api/") and not response["Content-Type"].startswith(
                "application/json"
            ):
                wrong.append(f"{method} {target} as {role}: not JSON")
        for target in (f"{url}?q=%FF%FE", f"{url}?ordering=%ED%A0%80"):
            if client.get(target).status_code >= 500:
                wrong.append(f"GET {target} ({key}) as {role}: 5xx")
    assert not wrong, "\n".join(["Not refused cleanly:", *wrong])


def test_the_security_key_pages_take_posts_from_staff_only(records, clients):
    for key in ("accounts:name-key", "accounts:recovery-codes", "accounts:remove-key"):
        url = records.url(ROUTES[key])
        for role in ("anonymous", "researcher"):
            response = clients[role].post(url, {"key": records.key_pk, "name": "mine"})
            assert response.status_code == 302, (url, role)
            assert response["Location"].startswith("/admin/login/?next="), (url, role)
    assert WebAuthnCredential.objects.get(pk=records.key_pk).name == "blue key"
    assert not StaticDevice.objects.exclude(name="b").exists()


def test_the_security_key_ceremonies_refuse_who_is_not_staff(records, clients):
    for key in ROUTES:
        if key.startswith("otp_webauthn:credential-"):
            url = records.url(ROUTES[key])
            for role in ("anonymous", "researcher"):
                status = clients[role].post(url, {}, content_type="application/json").status_code
                assert status == 403, (url, role, status)
