"""Running the registry as a service: request ids and logs, health checks, database errors as
503s, read replicas, backups. Nothing here knows about the records; every app may use it."""
