"""The digital transition plan: drafts, versions, submission, comments, PDF."""
