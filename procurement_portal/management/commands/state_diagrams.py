"""Print every state machine of the portal as Mermaid, from the models' TRANSITIONS tables.

docs/architecture.md holds this output (a test keeps the two equal):
    python manage.py state_diagrams > /tmp/diagrams.md
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import translation


def state_models():
    return sorted(
        (m for m in apps.get_models() if hasattr(m, "TRANSITIONS")), key=lambda m: m._meta.label
    )


def mermaid(model) -> str:
    field = model._meta.get_field("status")
    lines = [f"### {model._meta.label}", "", "```mermaid", "stateDiagram-v2"]
    for value, label in field.choices:
        lines.append(f"    {value}: {label}")
    lines.append(f"    [*] --> {field.default}")
    for from_state, moves in model.TRANSITIONS.items():
        for to_state, release in moves.items():
            note = f": OCDS {release}" if release else ""
            lines.append(f"    {from_state} --> {to_state}{note}")
    lines += ["```", ""]
    return "\n".join(lines)


def all_diagrams() -> str:
    with translation.override("en"):
        return "\n".join(mermaid(model) for model in state_models())


class Command(BaseCommand):
    help = "Print the state diagrams (Mermaid) generated from the transition tables."

    def handle(self, *args, **options):
        self.stdout.write(all_diagrams(), ending="")
