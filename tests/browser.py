"""Render an HTML file in headless Chromium: a screenshot and the page's console errors.

How errors are caught (reliably, without a DevTools connection): the page is copied with a
small probe script injected as the first element of ``<head>``. The probe records uncaught
exceptions, ``console.error`` calls, unhandled promise rejections, resources that fail to
load and Content-Security-Policy violations into an attribute of ``<html>``, and marks that
it ran. Chromium runs once with ``--dump-dom`` (the DOM after scripts ran) and
``--screenshot``; the helper reads the attribute back from the dumped DOM. As a second net,
Chromium's own log (``--enable-logging=stderr``) is scanned for uncaught errors and blocked
loads. If the probe did not run, :func:`render` raises instead of reporting "no errors".

Usage::

    from browser import chromium, render
    result = render(Path("report.html"), Path("shot.png"))
    assert not result.console_errors
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")

PROBE = """<script>(function () {
  var errors = [];
  var root = document.documentElement;
  function record(message) {
    errors.push(String(message));
    root.setAttribute('data-console-errors', JSON.stringify(errors));
  }
  var original = console.error;
  console.error = function () {
    record('console.error: ' + Array.prototype.map.call(arguments, String).join(' '));
    return original.apply(console, arguments);
  };
  window.addEventListener('error', function (event) {
    var t = event.target;
    if (t && t !== window && t.tagName) {
      record('failed to load ' + t.tagName.toLowerCase() + ': ' + (t.src || t.href || ''));
    } else {
      var m = String(event.message);
      record((m.indexOf('Uncaught') === 0 ? '' : 'Uncaught ') + m + ' (line ' + event.lineno + ')');
    }
  }, true);
  window.addEventListener('unhandledrejection', function (event) {
    record('Unhandled promise rejection: ' + event.reason);
  });
  document.addEventListener('securitypolicyviolation', function (event) {
    record('CSP violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI);
  });
  root.setAttribute('data-console-errors', '[]');
  root.setAttribute('data-probe', 'ran');
})();</script>"""

# Lines in Chromium's log that are page errors (not the usual dbus/gpu noise of a container).
_LOG_ERRORS = re.compile(
    r"CONSOLE.*(Uncaught|violates the following Content Security Policy|Refused to|"
    r"Failed to load|net::ERR_)",
)


class BrowserError(RuntimeError):
    pass


@dataclass
class Rendered:
    screenshot: Path
    dom: str
    console_errors: list[str]
    log: str


def chromium() -> str | None:
    """The Chromium executable, or None when it is not installed."""
    for path in CHROMIUM_PATHS:
        if os.access(path, os.X_OK):
            return path
    return shutil.which("chromium")


def inject_probe(page: str) -> str:
    match = re.search(r"<head\b[^>]*>", page, re.I)
    if match:
        return page[: match.end()] + PROBE + page[match.end():]
    return PROBE + page


def render(html_path: Path, screenshot: Path, *, width: int = 1280, height: int = 2000,
           timeout: float = 60) -> Rendered:
    """Load ``html_path`` in headless Chromium; write a PNG screenshot; return the errors."""
    exe = chromium()
    if exe is None:
        raise BrowserError("chromium is not installed")
    screenshot = Path(screenshot).resolve()
    with tempfile.TemporaryDirectory(prefix="archive-browser-") as tmp:
        tmp_path = Path(tmp)
        page = tmp_path / "page.html"
        page.write_text(inject_probe(Path(html_path).read_text(encoding="utf-8")), encoding="utf-8")
        cmd = [
            exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr", "--v=0", "--virtual-time-budget=1000",
            f"--screenshot={screenshot}", f"--window-size={width},{height}",
            "--dump-dom", page.as_uri(),
        ]
        env = {**os.environ, "HOME": str(tmp_path)}
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env, start_new_session=True)
        try:
            dom, log = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # our own child's process group only
            proc.communicate()
            raise BrowserError(f"chromium did not finish within {timeout:.0f} s") from None
    if proc.returncode != 0:
        raise BrowserError(f"chromium exited with {proc.returncode}: {log[-2000:]}")
    root = re.search(r"<html\b[^>]*>", dom, re.I)
    if not root or 'data-probe="ran"' not in root.group(0):
        raise BrowserError("the error probe did not run; cannot tell whether the page has errors")
    attr = re.search(r'data-console-errors="([^"]*)"', root.group(0))
    errors = json.loads(html.unescape(attr.group(1))) if attr else []
    errors += [line.strip() for line in log.splitlines() if _LOG_ERRORS.search(line)]
    return Rendered(screenshot=screenshot, dom=dom, console_errors=errors, log=log)
