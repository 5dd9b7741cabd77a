"""Health check for the web container: is gunicorn answering and can Django render the login page?

Run by docker-compose.yml as `python docker/healthcheck.py`; exit status 0 means healthy. It asks for
/logg-inn/ (the only page anonymous users may see) on 127.0.0.1:8000 with
- a Host header taken from ALLOWED_HOSTS, so Django does not reject the request with 400, and
- X-Forwarded-Proto: https, as the TLS-terminating proxy would send, so that SECURE_SSL_REDIRECT does
  not answer with a redirect when USE_X_FORWARDED_PROTO=1.
Healthy is a 200, or a redirect to https:// (SECURE_SSL_REDIRECT on without USE_X_FORWARDED_PROTO: Django is
still answering). Uses only the standard library and does not load Django.
"""

import http.client
import os
import sys

URL_PATH = "/logg-inn/"
PORT = int(os.environ.get("HEALTHCHECK_PORT", "8000"))


def host_header() -> str:
    for host in os.environ.get("ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")  # ".example.no" allows example.no and its subdomains
        if host and host != "*":
            return host
    return "localhost"


def main() -> int:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
    try:
        conn.request("GET", URL_PATH, headers={"Host": host_header(), "X-Forwarded-Proto": "https"})
        response = conn.getresponse()
        location = response.getheader("Location", "")
    except OSError as exc:
        print(f"unhealthy: {exc}")
        return 1
    finally:
        conn.close()
    if response.status == 200 or (response.status in (301, 302) and location.startswith("https://")):
        return 0
    print(f"unhealthy: GET {URL_PATH} answered {response.status} {response.reason}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
