"""The permissions behind the authors' reports, as "app_label.codename".

Both are model permissions that ``lms.accounts.roles`` grants to the author and staff
roles; superusers hold them all.
"""

#: Read learners' ratings and comments (the module feedback report, the module's panel).
VIEW_MODULE_FEEDBACK = "courses.view_modulefeedback"
#: See which pathway pages need an English version (declared on ``PathwayHomePage``).
VIEW_TRANSLATION_REPORT = "courses.view_translation_report"
