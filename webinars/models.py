"""Webinars: the level-1 awareness webinar, its live sessions, registrations, replays
and attendance.

Nothing is stored here yet: the webinars issue adds the webinar page (a child of a
level page), its sessions and the replay tracking.
"""
