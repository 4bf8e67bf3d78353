"""``rolefit tasks`` for people: the responsibility matrix, one table per owner, with its sources by title."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rolefit.data.shapes import TaskList
from rolefit.data.tasks import SHARED_OWNER
from rolefit.textsafe import clean
from rolefit.views.wording import source_name

if TYPE_CHECKING:
    from rich.console import RenderableType

SHARED_HEADING = "Shared, or given to neither role"


@dataclass(frozen=True)
class TaskListing:
    """``rolefit tasks``: the JSON is the matrix; the view groups its tasks by owner."""

    data: TaskList
    role_names: dict[str, str]  # role id -> the role's name

    def view(self) -> RenderableType:
        """A heading and a table of tasks (name, id) per owner, then the articles those tasks rest on."""
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        parts: list[RenderableType] = []
        for owner in self.data.owners:
            tasks = [task for task in self.data.tasks if task.owner == owner]
            heading = SHARED_HEADING if owner == SHARED_OWNER else self.role_names.get(owner, owner)
            parts.append(Text(clean(f"{heading}: {len(tasks)} tasks"), style="bold"))
            table = Table("task", "id", box=None, pad_edge=False, show_header=False)
            for task in tasks:
                table.add_row(Text(clean(task.name)), Text(clean(task.id), style="dim", no_wrap=True))
            parts += [table, Text("")]
        titles = dict.fromkeys(source_name(t.source.title, t.source.publisher) for t in self.data.tasks)
        parts.append(Text(clean("Sources: " + "; ".join(titles)), style="dim"))
        return Group(*parts)
