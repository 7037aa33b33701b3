"""Requests at the same moment, for the PostgreSQL tests of concurrent writes."""

import threading

from django.db import connections


def run_together(functions):
    """Start every function at the same moment, each in its own thread and connection;
    return the errors they raised."""
    barrier = threading.Barrier(len(functions))
    errors = []

    def run(function):
        try:
            barrier.wait()
            function()
        except Exception as error:  # collected for the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
