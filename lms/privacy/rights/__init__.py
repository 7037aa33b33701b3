"""A person's rights over their data (Law 25, s. 27 and 28.1): download it, erase the
account; and the retention the registry sets, enforced by a periodic task."""
