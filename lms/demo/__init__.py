"""Demonstration data: organisations, accounts, the pathway's content, a webinar, a cohort.

Loaded by ``load_demo`` (``make demo``) into an empty database. It sits at the top of the
import layers: it may import every app, and no app imports it.
"""
