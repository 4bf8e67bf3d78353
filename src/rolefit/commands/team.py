"""``rolefit team``: who does each task today -> which role to hire first, with the work left undone."""

from __future__ import annotations

from rolefit.commands.asking import AskOptions, Assessed, ask_in_terminal, show
from rolefit.data.catalog import load_profiles
from rolefit.data.tasks import load_tasks, read_team, role_covers, team_bank
from rolefit.env import Environment
from rolefit.scoring.team import TeamResult, assess_team
from rolefit.views.report import sections_format
from rolefit.views.team import TEAM_PAGES, team_about, team_sections, team_summary


def assessed(result: TeamResult, *, plain: bool = False) -> Assessed[TeamResult]:
    """A team result, ready to show."""
    return Assessed(
        result,
        team_sections(result),
        team_summary(result),
        team_about(result),
        TEAM_PAGES,
        command="team",
        plain=plain,
    )


def take_team(options: AskOptions, env: Environment) -> Assessed[TeamResult]:
    """Score who does each task (from ``--answers``, or asked task by task) and show the result."""
    if options.report is not None:
        sections_format(options.report)  # a wrong extension is a usage error now, not after the questions
    profiles = load_profiles(options.profiles, cache=env.cache_dir)
    matrix = load_tasks(profiles, options.profiles, cache=env.cache_dir)
    done = None
    if options.answers is not None:
        team = read_team(options.answers, matrix, profiles, stdin=env.stdin)
    else:
        roles = role_covers(profiles)
        answers, done = ask_in_terminal(team_bank(matrix, profiles), profiles, options, env, "team: TASK_ID: WHO")
        team = {task: roles.get(str(value), str(value)) for task, value in answers.items()}
    assessment = assessed(assess_team(matrix, profiles, team), plain=options.plain)
    show(assessment, options, env)
    if done is not None:
        done()  # the progress goes only once the result is out
    return assessment
