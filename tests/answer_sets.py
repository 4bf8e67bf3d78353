"""Fixed answer sets to the core bank, shared by the render snapshots and the report tests."""

from __future__ import annotations

# Mostly PM answers, a few PMM ones (presenting, sales meetings): a clear PM fit with evidence both ways.
CLEAR_PM: dict[str, int | str] = {
    "enjoys-writing-specs": 5, "energised-by-engineering-syncs": 4, "wants-to-decide-what-gets-built": 5,
    "motivated-by-active-users": 4, "digs-into-usage-data": 5, "wants-proof-from-experiments": 4,
    "insights-into-priorities": 5, "launch-story-feels-tedious": 4, "sales-meetings-drain-me": 2,
    "competitor-tracking-is-dull": 4, "happy-not-shaping-perception": 3, "avoids-training-sales": 2,
    "enjoys-launch-narrative": 2, "enjoys-sales-meetings": 4, "wants-to-shape-perception": 2,
    "motivated-by-qualified-leads": 1, "enjoys-competitor-research": 3, "wants-win-loss-answers": 2,
    "insights-into-message": 2, "enjoys-training-sales": 4, "specs-feel-tedious": 1,
    "engineering-syncs-drain-me": 2, "dashboards-not-for-me": 1, "happy-not-deciding-features": 2,
    "dashboard-launch-ownership": "write-spec", "quarterly-goal-pick": "grow-daily-users",
    "background-strength": "analyse-user-data", "interview-exercise-pick": "execution-deep-dive",
    "competitor-announcement": "revisit-roadmap", "launch-week-focus": "finish-with-engineering",
    "survey-results": "compare-with-usage", "pricing-tier-project": "package-features",
    "spec-or-positioning-doc": "write-feature-spec", "backlog-or-launch-campaign": "groom-backlog",
    "build-review-or-webinar": "host-webinar", "experiment-or-keyword-research": "onboarding-experiment",
    "retention-or-win-rate": "judged-on-retention", "roadmap-or-analyst-briefing": "roadmap-walkthrough",
    "design-review-or-sales-training": "rework-screen-with-design", "promotion-case": "shipped-with-impact",
}  # fmt: skip

# Market-facing answers with some liking for data, engineering and the backlog: leaning PMM.
LEAN_PMM: dict[str, int | str] = {
    "enjoys-writing-specs": 3, "energised-by-engineering-syncs": 4, "wants-to-decide-what-gets-built": 3,
    "motivated-by-active-users": 3, "digs-into-usage-data": 4, "wants-proof-from-experiments": 4,
    "insights-into-priorities": 2, "launch-story-feels-tedious": 2, "sales-meetings-drain-me": 2,
    "competitor-tracking-is-dull": 2, "happy-not-shaping-perception": 2, "avoids-training-sales": 3,
    "enjoys-launch-narrative": 4, "enjoys-sales-meetings": 4, "wants-to-shape-perception": 4,
    "motivated-by-qualified-leads": 3, "enjoys-competitor-research": 4, "wants-win-loss-answers": 4,
    "insights-into-message": 4, "enjoys-training-sales": 3, "specs-feel-tedious": 3,
    "engineering-syncs-drain-me": 2, "dashboards-not-for-me": 2, "happy-not-deciding-features": 4,
    "dashboard-launch-ownership": "write-launch-story", "quarterly-goal-pick": "grow-daily-users",
    "background-strength": "segment-a-market", "interview-exercise-pick": "rewrite-value-prop",
    "competitor-announcement": "check-usage-for-churn", "launch-week-focus": "brief-journalists",
    "survey-results": "borrow-customer-words", "pricing-tier-project": "explain-tier-value",
    "spec-or-positioning-doc": "draft-positioning-doc", "backlog-or-launch-campaign": "groom-backlog",
    "build-review-or-webinar": "review-sprint-work", "experiment-or-keyword-research": "onboarding-experiment",
    "retention-or-win-rate": "judged-on-win-rate", "roadmap-or-analyst-briefing": "analyst-briefing",
    "design-review-or-sales-training": "rework-screen-with-design", "promotion-case": "launch-beat-pipeline",
}  # fmt: skip

# Customer-centred answers that split evenly between building and market work: a close call.
CLOSE_CALL: dict[str, int | str] = {
    "enjoys-writing-specs": 4, "energised-by-engineering-syncs": 4, "wants-to-decide-what-gets-built": 4,
    "motivated-by-active-users": 3, "digs-into-usage-data": 4, "wants-proof-from-experiments": 3,
    "insights-into-priorities": 3, "launch-story-feels-tedious": 2, "sales-meetings-drain-me": 2,
    "competitor-tracking-is-dull": 2, "happy-not-shaping-perception": 2, "avoids-training-sales": 2,
    "enjoys-launch-narrative": 4, "enjoys-sales-meetings": 4, "wants-to-shape-perception": 4,
    "motivated-by-qualified-leads": 3, "enjoys-competitor-research": 3, "wants-win-loss-answers": 3,
    "insights-into-message": 3, "enjoys-training-sales": 4, "specs-feel-tedious": 2,
    "engineering-syncs-drain-me": 2, "dashboards-not-for-me": 2, "happy-not-deciding-features": 2,
    "dashboard-launch-ownership": "choose-usage-measures", "quarterly-goal-pick": "grow-awareness",
    "background-strength": "analyse-user-data", "interview-exercise-pick": "rewrite-value-prop",
    "competitor-announcement": "sharpen-message", "launch-week-focus": "set-up-adoption-tracking",
    "survey-results": "compare-with-usage", "pricing-tier-project": "package-features",
    "spec-or-positioning-doc": "write-feature-spec", "backlog-or-launch-campaign": "coordinate-campaign",
    "build-review-or-webinar": "review-sprint-work", "experiment-or-keyword-research": "keyword-research",
    "retention-or-win-rate": "judged-on-retention", "roadmap-or-analyst-briefing": "analyst-briefing",
    "design-review-or-sales-training": "run-sales-training", "promotion-case": "shipped-with-impact",
}  # fmt: skip

# Only 11 answers, all pointing one way: the margin says clear, the skips cap it at leaning.
FEW_ANSWERS: dict[str, int | str] = {
    "enjoys-writing-specs": 5, "energised-by-engineering-syncs": 4, "wants-to-decide-what-gets-built": 5,
    "digs-into-usage-data": 5, "enjoys-launch-narrative": 2, "wants-to-shape-perception": 2,
    "spec-or-positioning-doc": "write-feature-spec", "retention-or-win-rate": "judged-on-retention",
    "dashboard-launch-ownership": "write-spec", "build-review-or-webinar": "host-webinar",
    "enjoys-training-sales": 4,
}  # fmt: skip

# With the third-role fixture: research, data and customers, and away from building and messaging.
ANALYST: dict[str, int | str] = {
    "digs-into-usage-data": 5, "enjoys-competitor-research": 5, "wants-win-loss-answers": 4,
    "wants-proof-from-experiments": 5, "competitor-tracking-is-dull": 1, "dashboards-not-for-me": 1,
    "happy-not-deciding-features": 4, "specs-feel-tedious": 4, "launch-story-feels-tedious": 4,
    "enjoys-launch-narrative": 2, "wants-to-decide-what-gets-built": 2, "enjoys-writing-specs": 2,
    "dashboard-launch-ownership": "choose-usage-measures", "quarterly-goal-pick": "grow-daily-users",
    "background-strength": "segment-a-market", "launch-week-focus": "set-up-adoption-tracking",
    "competitor-announcement": "research-competitor", "survey-results": "compare-with-usage",
    "pricing-tier-project": "check-feature-usage", "experiment-or-keyword-research": "onboarding-experiment",
    # mild liking for the product side, which keeps the analyst's lead over PM under 15 points
    "energised-by-engineering-syncs": 4,
    "motivated-by-active-users": 4,
    "insights-into-priorities": 4,
    "happy-not-shaping-perception": 4,
    "sales-meetings-drain-me": 4,
    "avoids-training-sales": 4,
    "wants-to-shape-perception": 2,
    "enjoys-sales-meetings": 2,
    "enjoys-training-sales": 2,
    "motivated-by-qualified-leads": 2,
    "insights-into-message": 2,
    "engineering-syncs-drain-me": 2,
}  # fmt: skip
