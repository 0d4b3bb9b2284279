"""Determinism: the same content and config build byte-identical sites.

Two builds of the sample in separate processes, with different hash seeds and the
content files written in opposite orders, must produce identical trees.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, copy_sample


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build_in_process(project: Path, seed: str) -> Path:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("SOURCE_DATE_EPOCH", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--quiet", "--config",
         str(project / "site_config.yml")],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return project / "site"


def test_sample_builds_identically_across_processes_and_file_orders(tmp_path):
    first = tmp_path / "one"
    second = tmp_path / "two"
    copy_sample(first)
    copy_sample(second)
    files = sorted((second / "content").iterdir())
    saved = {p.name: p.read_bytes() for p in files}
    shutil.rmtree(second / "content")
    (second / "content").mkdir()
    for name in reversed(list(saved)):
        (second / "content" / name).write_bytes(saved[name])
    one = tree_digest(build_in_process(first, "1"))
    two = tree_digest(build_in_process(second, "2"))
    assert one == two
    assert len(one) > 50
