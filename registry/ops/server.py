"""The production server's worker class: gunicorn manages the processes, each an uvicorn event
loop serving ``registry.asgi``::

    gunicorn registry.asgi --worker-class registry.ops.server.UvicornWorker --workers 4

Under ASGI a download is sent by the event loop (``registry.api.renderers.SpooledDownload``):
a client that reads slowly, or stops reading, holds its socket and a temporary file, never one of
a few worker threads or a database connection. The views stay synchronous; Django runs each
request in a thread of its own, with its connections from the pool.
"""

from uvicorn_worker import UvicornWorker as BaseWorker


class UvicornWorker(BaseWorker):
    # The client's address and scheme are Django's to decide, from NUM_PROXIES and
    # TRUSTED_PROXY_SSL_HEADER, as under a WSGI server. uvicorn would otherwise take
    # X-Forwarded-For and X-Forwarded-Proto from any connection from 127.0.0.1, so that a local
    # proxy passing a client's forged header on would change the address that rate limits and
    # lockouts count. Django does not speak the lifespan protocol.
    CONFIG_KWARGS = {**BaseWorker.CONFIG_KWARGS, "proxy_headers": False, "lifespan": "off"}
