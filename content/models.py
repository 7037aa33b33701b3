"""Shared content: StreamField blocks used by every page type, and the one module that
sanitises HTML written by users (``content/sanitize.py``). No records of its own.
"""
