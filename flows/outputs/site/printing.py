"""Statements as PDF: each store's print document printed by headless Chromium.

The PDF is printed from the same statement HTML as the agent pages (one template
block), with the print style sheet that puts each statement on one A4 page. Chromium
is Debian's ``chromium`` (or ``KPI_CHROMIUM``); it runs with a throw-away profile and
every background service off, so printing a local file makes no network request.
Chromium stamps the time into the PDF's metadata; that stamp is replaced by the
version's ``computed_at`` so the same version prints the same bytes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

from flows.common.errors import KpiError
from flows.common.settings import Settings

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_TIMEOUT_SECONDS = 180
# PDF dates as Chromium (Skia) writes them: D:YYYYMMDDHHMMSS+HH'MM'
_PDF_DATE = re.compile(rb"\((D:\d{14}[^)]{0,10})\)")


class PrintError(KpiError):
    """The statements could not be printed (no Chromium, or it failed)."""

    exit_code = 3


def chromium_path() -> str:
    """Chromium's executable: ``KPI_CHROMIUM``, else the first of the usual names."""
    configured = Settings().chromium
    if configured:
        return configured
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise PrintError(
        "--pdf needs Chromium: install it (Debian: apt-get install chromium) "
        "or set KPI_CHROMIUM to its executable"
    )


# What Debian calls the fonts that draw Chinese; a reader's machine needs one of them too.
CJK_FONT_PACKAGE = "fonts-noto-cjk"


def check_cjk_fonts() -> None:
    """Refuse to print when fontconfig (which Chromium draws its text with on Linux) knows
    no font for Chinese: every character would print as a box while the command succeeds.
    Without ``fc-list`` the fonts cannot be told, so that refuses too, naming its package."""
    lister = shutil.which("fc-list")
    if lister is None:
        raise PrintError(
            "--pdf needs fontconfig to find a Chinese font: install it and a CJK font "
            f"(Debian: apt-get install fontconfig {CJK_FONT_PACKAGE})"
        )
    try:
        found = subprocess.run(
            [lister, ":lang=zh-cn", "family"], capture_output=True, text=True, timeout=60
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrintError(f"--pdf could not list the fonts ({lister}): {exc}") from None
    if not found:
        raise PrintError(
            "--pdf found no font that draws Chinese: every character would print as a box. "
            f"Install one (Debian: apt-get install {CJK_FONT_PACKAGE}) and run again"
        )


def chromium_flags(profile: Path) -> list[str]:
    """Headless, no sandbox as root (Chromium refuses otherwise), and nothing that calls
    home: no first-run, sync, component updates, QUIC or background networking."""
    flags = [
        "--headless",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--mute-audio",
        f"--user-data-dir={profile}",
    ]
    if os.geteuid() == 0:
        flags.append("--no-sandbox")
    return flags


def fix_dates(pdf: bytes, when: datetime) -> bytes:
    """Every PDF date replaced by ``when`` in UTC, keeping each date's length so that
    the file's byte offsets stay right."""
    digits = f"{when:%Y%m%d%H%M%S}".encode()

    def stamp(match: re.Match) -> bytes:
        old = match.group(1)
        zone = old[16:]
        if re.fullmatch(rb"[+-]\d\d'\d\d'?", zone):
            zone = b"+00'00'"[: len(zone)]
        return b"(D:" + digits + zone + b")"

    return _PDF_DATE.sub(stamp, pdf)


def print_html(html: Path, pdf: Path, *, when: datetime) -> None:
    """Print one local HTML file to ``pdf`` (A4 from the page's own @page rule)."""
    executable = chromium_path()
    with tempfile.TemporaryDirectory(prefix="kpi-chromium-") as profile:
        command = [
            executable,
            *chromium_flags(Path(profile)),
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=_TIMEOUT_SECONDS, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PrintError(
                f"Chromium ({executable}) could not print {html.name}: {exc}"
            ) from None
    if done.returncode or not pdf.exists():
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise PrintError(
            f"Chromium ({executable}) could not print {html.name} (exit "
            f"{done.returncode}): {' / '.join(tail)}"
        )
    pdf.write_bytes(fix_dates(pdf.read_bytes(), when))


def print_statements(pages, folder: Path) -> list[Path]:
    """``folder/<store_id>.pdf`` for every store of ``pages`` (a `flows.outputs.site.pages.Pages`):
    its statements in team then agent order, one A4 page each."""
    from flows.outputs.site.pages import page_name

    chromium_path()
    check_cjk_fonts()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for store_id in pages.store_ids():
        name = page_name(store_id).removesuffix(".html")
        html = folder / f".{name}.print.html"
        html.write_text(pages.print_page(store_id), encoding="utf-8")
        try:
            print_html(html, folder / f"{name}.pdf", when=pages.data.info.computed_at)
        finally:
            html.unlink(missing_ok=True)
        written.append(folder / f"{name}.pdf")
    return written
