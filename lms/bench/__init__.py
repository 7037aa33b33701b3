"""The benchmark the project ships (issue 16): a dataset at programme scale and the
measurement of each page against the floor (``manage.py bench``, ``make bench``)."""
