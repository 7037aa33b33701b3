"""What programme staff read and change in the admin's "Bourses" menu: ``selectors``
(eligibilities, evidence, quotas, review requests) and ``services`` (an eligibility's
status, a review's answer). Kept apart from the learner's side of the pathway so the two
can change independently.
"""
