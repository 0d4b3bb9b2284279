"""`serve`: a real server on loopback that rebuilds on a real file change and signals a reload."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import build
from briefing.commands.preview import STATUS_PATH, Preview
from briefing.config import load_config
from briefing.console import ConsoleReporter

ARTICLE = "Harbour talks resume\nUnion leader Ana Ruiz met the harbour authority.\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def wait_for(check, seconds: float = 90.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError("timed out")


@contextmanager
def serving(project) -> Iterator[tuple[str, Preview]]:
    port = free_port()
    config = load_config(project.root / "site_config.yml").config
    preview = Preview(project.root / "site_config.yml", config, port, ConsoleReporter(quiet=True))
    thread = threading.Thread(target=preview.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:                          # serving, and the first build is done
        try:
            return json.loads(fetch(base + STATUS_PATH)[1])["version"] >= 1
        except OSError:
            return False

    wait_for(up)
    try:
        yield base, preview
    finally:
        preview.stop()
        thread.join(timeout=30)


def status(base: str) -> dict:
    return json.loads(fetch(base + STATUS_PATH)[1])


def test_serve_rebuilds_on_a_file_change_and_signals_a_reload(make_project):
    project = make_project({"a.txt": ARTICLE})
    with serving(project) as (base, _):
        code, page = fetch(base + "/articles/harbour-talks-resume/")
        assert code == 200 and "Ana Ruiz" in page
        assert STATUS_PATH in page                       # the reload script is in every page
        version = status(base)["version"]
        (project.content / "b.txt").write_text("Strike ends\nDock workers voted to stop.\n")
        wait_for(lambda: status(base)["version"] > version)
        code, page = fetch(base + "/articles/strike-ends/")
        assert code == 200 and "Dock workers voted to stop." in page
        assert status(base)["problems"] == []


def test_serve_collects_the_builds_garbage_once_no_change_has_come_for_a_while(
        make_project, monkeypatch):
    from briefing.commands import preview

    monkeypatch.setattr(preview, "TIDY_AFTER_MS", 200)
    project = make_project({"a.txt": ARTICLE})
    with serving(project) as (base, server):
        wait_for(lambda: not server.session.untidy, seconds=20)
        version = status(base)["version"]
        (project.content / "b.txt").write_text("Strike ends\nDock workers voted to stop.\n")
        wait_for(lambda: status(base)["version"] > version)
        wait_for(lambda: not server.session.untidy, seconds=20)


def test_a_broken_build_keeps_serving_the_last_good_site_and_shows_why(make_project):
    project = make_project({"a.txt": ARTICLE})
    with serving(project) as (base, _):
        version = status(base)["version"]
        template = project.root / "templates" / "article.html.j2"
        template.write_text("{{ no_such_variable }}")
        found = wait_for(lambda: (s := status(base))["version"] > version and s)
        assert any("error[template]" in p for p in found["problems"])
        assert fetch(base + "/articles/harbour-talks-resume/")[0] == 200


def test_missing_pages_get_the_sites_404_page(make_project):
    project = make_project({"a.txt": ARTICLE})
    with serving(project) as (base, _):
        code, page = fetch(base + "/no/such/page/")
        assert code == 404
        assert "404" in page and STATUS_PATH in page


def test_a_busy_port_is_a_clear_message_not_an_internal_error(make_project, capsys):
    project = make_project({"a.txt": ARTICLE})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = build.main(["serve", "--port", str(port), "--config",
                           str(project.root / "site_config.yml")])
    err = capsys.readouterr().err
    assert code == 1
    assert f"Port {port} is in use" in err and f"--port {port + 1}" in err
    assert "internal error" not in err
