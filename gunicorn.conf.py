"""Gunicorn settings for production (`make serve`, and the README's deployment steps).

Every value can be changed from the environment, so the same file serves a laptop, one
cheap server and a fleet behind a load balancer."""

import multiprocessing
import os

# Loopback by default: a reverse proxy or load balancer on the same machine talks to us.
# Set HOST=0.0.0.0 (or a private address) when the load balancer is elsewhere.
bind = [f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"]

# Sync workers: pages are rendered from memory or the cache in a few milliseconds, so one
# process per request is the simplest thing that is fast enough (see the README's bench
# figures). Gunicorn's usual advice, 2 x cores + 1, capped so a big machine does not open
# more database connections than a small managed PostgreSQL allows.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * multiprocessing.cpu_count() + 1, 12))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Restart workers now and then, so a slow leak can never grow for weeks.
max_requests = 10_000
max_requests_jitter = 1_000
preload_app = True
# No runtime control socket in the home directory: deploys restart the service instead,
# and two servers on one machine (a bench beside `make serve`) must not clash.
control_socket_disable = True

# Logs go to standard output for the platform to collect. The access log records the
# path WITHOUT the query string (%(U)s, not %(r)s): a parent's answers live in the query
# string. No referrer either (it carries the previous page's query string), no user agent,
# no client address and no request bodies: nothing that identifies a visitor.
accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'

# Trust X-Forwarded-* only from the load balancer's addresses (comma-separated).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
