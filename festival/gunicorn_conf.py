"""gunicorn settings for Festival.

    gunicorn -c python:festival.gunicorn_conf 'festival:create_app()'

Everything here can be overridden on the command line (``--workers 8``, ``--bind``).
"""

import multiprocessing
import os

bind = os.environ.get("FESTIVAL_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("FESTIVAL_WORKERS", 2 * multiprocessing.cpu_count() + 1))
# Booklets of big festivals take seconds to render: give a worker time before it is killed.
timeout = 120
accesslog = "-"
logger_class = "festival.gunicorn_logging.TokenMaskingLogger"
forwarded_allow_ips = os.environ.get("FESTIVAL_FORWARDED_ALLOW_IPS", "127.0.0.1")
