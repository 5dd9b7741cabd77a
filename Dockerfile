# syntax=docker/dockerfile:1
# The production image: one image for the web (gunicorn), worker (celery) and beat services.
# See docs/production.md and docker-compose.yml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    DJANGO_SETTINGS_MODULE=config.settings \
    WEB_CONCURRENCY=3

# Runtime libraries WeasyPrint loads (Pango, HarfBuzz) and a font, all from Debian.
# Add fonts-noto-core here for wider script coverage (about 40 MB more).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# An unprivileged user to run as; the code stays owned by root and read-only to it. Its home is
# writable for the caches of fontconfig (WeasyPrint) and the like.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app \
        --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so that this layer is reused while only the source changes. The project is
# metadata-only (setuptools, packages = []): `pip install .` installs the dependencies and the code runs
# from /app (PYTHONPATH).
COPY pyproject.toml README.md* ./
RUN pip install . \
    && rm -rf build ./*.egg-info

COPY . .

# Compile the translations (as `make messages` does) and collect the static files for whitenoise.
# DEBUG=0 needs a SECRET_KEY; this one exists only during this build step and is never used at run time.
# The directories under /data are mount points for the media and beat volumes; an empty named volume
# takes over their owner, so the app user can write there.
RUN chmod 0755 docker/entrypoint.sh \
    && if [ -f locale/nb/LC_MESSAGES/django.po ]; then \
        pybabel compile --domain django --directory locale --locale nb --use-fuzzy; \
    fi \
    && DEBUG=0 SECRET_KEY=build-only-dummy-key-not-used-at-run-time \
        python manage.py collectstatic --noinput \
    && mkdir -p /data/media /data/beat \
    && chown app:app /data/media /data/beat

USER 10001:10001
ENV HOME=/home/app \
    MPLCONFIGDIR=/home/app/.config/matplotlib

EXPOSE 8000

ENTRYPOINT ["/app/docker/entrypoint.sh"]

# Workers: WEB_CONCURRENCY (default 3). PDF reports and big imports run in the celery worker, so a
# request should never need more than the 60 s timeout. /dev/shm keeps worker heartbeats off the disk.
CMD ["gunicorn", "config.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--timeout", "60", \
     "--graceful-timeout", "30", \
     "--keep-alive", "5", \
     "--max-requests", "1000", \
     "--max-requests-jitter", "100", \
     "--worker-tmp-dir", "/dev/shm", \
     "--access-logfile", "-"]
