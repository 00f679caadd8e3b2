"""Health checks for a load balancer or an orchestrator, answered before anything else runs.

- ``/healthz``: the process answers (liveness). It touches no database, so a database outage
  does not get every app server restarted.
- ``/readyz``: the database answers and every migration of this code is applied (readiness):
  a server that is not ready gets no traffic, e.g. during a deployment before ``migrate``.

Both return no data, and are answered by a middleware placed before the others: no host check
(probes often come with the server's address as Host), no HTTPS redirect (probes speak plain
HTTP inside the network), no session, no rate limit.
"""

import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse

from .errors import UNAVAILABLE

logger = logging.getLogger(__name__)

NOT_MIGRATED = "The database lacks migrations of this version. Run manage.py migrate."


def healthz(request):
    return JsonResponse({"status": "ok"})


class Readiness:
    """Whether the primary database answers and holds every migration. Once all migrations
    are found applied, later checks only ask the database to answer: migrations are not
    unapplied under a running server."""

    def __init__(self):
        self.migrated = False

    def problem(self):
        """None when ready, else why not."""
        connection = connections[DEFAULT_DB_ALIAS]
        try:
            if self.migrated:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                return None
            executor = MigrationExecutor(connection)
            if executor.migration_plan(executor.loader.graph.leaf_nodes()):
                return NOT_MIGRATED
        except DatabaseError as error:
            logger.warning("Not ready: the database does not answer: %s", str(error).strip())
            return UNAVAILABLE
        self.migrated = True
        return None


readiness = Readiness()


def readyz(request):
    problem = readiness.problem()
    if problem is None:
        return JsonResponse({"status": "ready"})
    response = JsonResponse({"detail": problem}, status=503)
    response["Retry-After"] = str(settings.RETRY_AFTER_SECONDS)
    return response


class HealthCheckMiddleware:
    """Answers /healthz and /readyz (see above); every other request goes on."""

    routes = {"/healthz": healthz, "/readyz": readyz}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = self.routes.get(request.path_info.rstrip("/"))
        if view is not None:
            return view(request)
        return self.get_response(request)
