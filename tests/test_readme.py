"""The README and docs stay true to the CLI: every command and option is documented somewhere."""

from __future__ import annotations

import click

from cleaner.cli import main
from conftest import ROOT

DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "cleaner"):
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from commands(command, path)


def test_every_command_is_in_the_readme():
    for path, _ in commands(main):
        assert path in README, f"README does not mention `{path}`"


def test_every_option_is_documented():
    for path, command in commands(main):
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in DOCS, f"`{path} {opt}` is not in README.md or docs/"


def test_readme_has_no_placeholders():
    assert "PLACEHOLDER" not in README


def test_the_rule_file_example_in_the_readme_passes_rules_check(tmp_path):
    from cleaner.rulecheck import check_paths

    section = README[README.index("## Writing a rule file") :]
    example = section[section.index("```toml") + len("```toml") : section.index("```", section.index("```toml") + 7)]
    path = tmp_path / "kompas.toml"
    path.write_text(example, encoding="utf-8")
    assert [str(p) for p in check_paths([path], probe=False).problems] == []
