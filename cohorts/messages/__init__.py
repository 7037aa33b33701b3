"""A facilitator's messages to their cohort, or to its flagged learners: the form, the
list of those sent, the reads and writes behind them, and their URLs."""
