# Production image: gunicorn web, Celery worker and beat all run from it.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint needs Pango; gettext compiles the translations; mat2 cleans uploads of their
# metadata (procurement_portal/metadata.py).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
      fonts-dejavu-core gettext curl mat2 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock .
RUN pip install -r requirements.lock

COPY . .
# A throwaway key only for the build steps; the container refuses to start without a real one.
RUN SECRET_KEY=build-only-secret-key-not-used-at-runtime-0123456789abcdef \
    DJANGO_ENV=production ALLOWED_HOSTS=build REDIS_URL=redis://build:6379/0 \
    MFA_ENCRYPTION_KEYS=YnVpbGQtb25seS1tZmEta2V5LW5vdC11c2VkLTAxMjM= \
    sh -c "python manage.py compilemessages --ignore=.venv -v 0 && python manage.py collectstatic --noinput -v 0"

RUN useradd --create-home --uid 10001 portal && chown -R portal /app
USER portal

EXPOSE 8000
CMD ["gunicorn", "procurement_portal.wsgi:application", "--bind", "0.0.0.0:8000", \
     "--workers", "3", "--timeout", "30", "--access-logfile", "-"]
