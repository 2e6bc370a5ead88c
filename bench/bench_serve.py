"""`mkdocs serve`: how long a rebuild takes after editing one event, against the cold build.

A copy of this site with N synthetic events (default 1,000) is served with no build cache;
MkDocs logs "Documentation built in X seconds" for the first (cold) build and for each
rebuild. One event's body is edited (a sentence appended), then another event's title,
and each rebuild is printed as a ratio to the cold build of the same run. Goal (issue 12):
a rebuild at most a third of the cold build.
Usage: python bench/bench_serve.py [N]
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import project_with_events  # noqa: E402

BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        project = project_with_events(Path(tmp) / "site", events)
        command = [str(Path(sys.executable).parent / "mkdocs"), "serve",
                   "--dev-addr", f"127.0.0.1:{free_port()}"]
        server = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        times: list[float] = []
        log: list[str] = []

        def read() -> None:
            assert server.stdout is not None
            for line in server.stdout:
                log.append(line)
                found = BUILT.search(line)
                if found:
                    times.append(float(found.group(1)))

        threading.Thread(target=read, daemon=True).start()

        def wait_for(count: int, timeout: float = 600) -> None:
            deadline = time.monotonic() + timeout
            while len(times) < count:
                if time.monotonic() > deadline or server.poll() is not None:
                    server.kill()
                    raise SystemExit("mkdocs serve did not rebuild:\n" + "".join(log[-20:]))
                time.sleep(0.1)

        try:
            wait_for(1)
            edits = [("body", "event-00007.md", lambda t: t + "\nOne more sentence.\n"),
                     ("title", "event-00500.md",
                      lambda t: t.replace("title: Synthetic", "title: Edited", 1))]
            for number, (_, name, edit) in enumerate(edits, start=2):
                time.sleep(1.5)  # past the watcher's debounce
                path = project / "content" / "events" / name
                path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
                wait_for(number)
        finally:
            server.terminate()
            server.wait(timeout=30)
    cold = times[0]
    print(f"mkdocs serve, {events} events: cold build {cold:.2f} s (MkDocs' own figure)")
    for (what, name, _), seconds in zip(edits, times[1:], strict=True):
        print(f"  after editing the {what} of {name}: {seconds:.2f} s "
              f"({seconds / cold:.2f} of the cold build; goal <= 0.33)")


if __name__ == "__main__":
    main()
