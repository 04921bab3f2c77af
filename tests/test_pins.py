"""Every package is pinned: what the project names in its requirements, and what those pull
in (constraints.txt), at one version each, the one installed here."""
from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#]+)")


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text("utf-8").splitlines():
        m = _PIN.match(line.strip())
        if m:
            out[_name(m.group(1))] = m.group(2)
    return out


def test_every_requirement_is_pinned_and_the_constraints_agree():
    locked = pins(ROOT / "constraints.txt")
    for req in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / req).read_text("utf-8").splitlines():
            line = line.split(" #")[0].strip()
            if line and not line.startswith(("#", "-r ", "-c ")):
                assert _PIN.match(line), f"{req}: {line!r} is not pinned with =="
        for name, version in pins(ROOT / req).items():
            assert locked.get(name) == version, f"{req} pins {name}=={version}, constraints.txt {locked.get(name)}"
    assert "-c constraints.txt" in (ROOT / "requirements.txt").read_text("utf-8")


def test_the_installed_packages_are_the_pinned_ones():
    locked = pins(ROOT / "constraints.txt")
    assert len(locked) > 50  # the whole tree, not only what the project names
    installed = {_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    wrong = {name: (version, installed[name]) for name, version in locked.items()
             if name in installed and installed[name] != version}
    assert not wrong, f"installed versions differ from constraints.txt (pinned, installed): {wrong}"
