#!/bin/sh
# Container entrypoint: optionally apply database migrations, then run the given command
# (gunicorn by default, see the Dockerfile's CMD; celery for the worker and beat services).
set -eu

# Only the web service sets MIGRATE_ON_START=1, so that worker and beat never run migrations
# concurrently with it.
if [ "${MIGRATE_ON_START:-0}" = "1" ]; then
    echo "entrypoint: applying database migrations"
    python manage.py migrate --noinput
fi

exec "$@"
