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


def build_in_process(project: Path, seed: str, *options: str,
                     env_extra: dict[str, str] | None = None) -> Path:
    env = {**os.environ, "PYTHONHASHSEED": seed, **(env_extra or {})}
    env.pop("SOURCE_DATE_EPOCH", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--quiet", "--config",
         str(project / "site_config.yml"), *options],
        env=env, capture_output=True, text=True, timeout=600,
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


def test_worker_count_and_hash_seed_change_no_byte(tmp_path):
    """In-process, and two worker processes that each take a few files at a time (the
    pool's size floor lowered so the small corpus uses it), build the same bytes."""
    projects = []
    for name in ("alone", "pooled"):
        copy_sample(tmp_path / name)
        for pasted in sorted((ROOT / "tests" / "fixtures" / "pasted").glob("*.txt"))[:24]:
            shutil.copy(pasted, tmp_path / name / "content" / pasted.name)
        projects.append(tmp_path / name)
    alone = tree_digest(build_in_process(projects[0], "3", "--jobs", "1"))
    pooled = tree_digest(build_in_process(projects[1], "4", "--jobs", "2",
                                          env_extra={"BRIEFING_MIN_POOL_ITEMS": "1"}))
    assert alone == pooled
    assert len(alone) > 80
