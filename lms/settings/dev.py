"""Laptop settings for ``make demo``: debug pages, e-mails printed to the console."""

from .base import *  # noqa: F401

DEBUG = True
