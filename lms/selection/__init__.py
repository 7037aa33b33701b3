"""Applications and selection committees: calls, applications, committees of four,
scores, decisions (issue 14). Above the pathway engine, cohorts and the transition apps."""
