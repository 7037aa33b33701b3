"""The self-assessment: questionnaire, takes, rounds, the organisation's result."""
