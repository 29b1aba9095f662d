"""A receipt or slip PDF opened from a back-office page, as a person opens it: in a new tab, Chromium's PDF viewer."""
from __future__ import annotations

import base64
import subprocess

FETCH_AS_BASE64 = """async () => {
  const answer = await fetch(location.href, {credentials: "same-origin"});
  const bytes = new Uint8Array(await answer.arrayBuffer());
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return [answer.status, answer.headers.get("content-type"), btoa(text)];
}"""


def pdf_in_new_tab(page, link: str, tmp_path, picture) -> str:
    """Follow a receipt link as a person would (it opens a new tab, Chromium's PDF viewer), take its picture and
    read its bytes back in that tab with the browser's own cookie (no terminal token); the PDF's text, as pdftotext
    reads it, its white space folded."""
    with page.context.expect_page() as opened:
        page.click(link)
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.url.endswith(".pdf") and tab.evaluate("document.contentType") == "application/pdf"
    tab.wait_for_timeout(2500)  # let the viewer draw the page before the picture is taken
    tab.screenshot(path=str(picture))
    status, kind, data = tab.evaluate(FETCH_AS_BASE64)
    assert (status, kind) == (200, "application/pdf")
    path = tmp_path / "slip.pdf"
    path.write_bytes(base64.b64decode(data))
    tab.close()
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())
