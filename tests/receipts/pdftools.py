"""Read PDFs back with poppler-utils, the way a user's viewer would see them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_lines(path: Path, first: int | None = None, last: int | None = None) -> list[str]:
    """Text lines of the PDF (layout kept), runs of spaces collapsed to one, blank lines dropped."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    text = _run("pdftotext", "-layout", *pages, str(path), "-")
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]


def pdf_fonts(path: Path) -> list[tuple[str, str]]:
    """(font name, emb) for every font the PDF uses."""
    rows = _run("pdffonts", str(path)).splitlines()[2:]
    return [(row.split()[0], row.split()[-5]) for row in rows]


def pdf_pages(path: Path) -> int:
    """Page count from pdfinfo."""
    return int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(path))).group(1))


def pdf_page_size(path: Path) -> tuple[float, float]:
    """Page width and height in points from pdfinfo."""
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", _run("pdfinfo", str(path)))
    return float(m.group(1)), float(m.group(2))


def qr_texts_in_pdf(path: Path, tmp: Path) -> list[str]:
    """Render the PDF at 300 dpi and decode every QR code on its pages."""
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(path), str(tmp / "page")], check=True)
    texts = []
    for png in sorted(tmp.glob("page*.png")):
        texts += [b.text for b in zxingcpp.read_barcodes(Image.open(png))]
    return texts
