"""QR pass images decode back to their payload."""

import io
import xml.etree.ElementTree as ET

import zxingcpp
from PIL import Image

from cards.qrpass import AcceptedPass, dynamic_payload, parse_pass, verify_pass
from cards.render import qr_png, qr_svg

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = 1_764_331_200.0
PAYLOAD = "CP1-1024-58811040-H7NP5A3P"


def test_a_pass_rendered_to_png_decodes_and_verifies() -> None:
    image = Image.open(io.BytesIO(qr_png(dynamic_payload(1024, SECRET, NOW))))
    (barcode,) = zxingcpp.read_barcodes(image)
    assert barcode.format == zxingcpp.BarcodeFormat.QRCode
    assert barcode.text == PAYLOAD
    assert verify_pass(parse_pass(barcode.text), SECRET, NOW + 3) == AcceptedPass(
        1024, 58_811_040, False
    )


def test_a_pass_fits_a_version_2_symbol() -> None:
    # 25 modules plus a 4-module quiet zone on each side.
    assert Image.open(io.BytesIO(qr_png(PAYLOAD))).size == (330, 330)
    assert Image.open(io.BytesIO(qr_png(PAYLOAD, box_size=4))).size == (132, 132)


def test_a_pass_renders_to_svg() -> None:
    root = ET.fromstring(qr_svg(PAYLOAD))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 33 33"
    assert root.find("{http://www.w3.org/2000/svg}path") is not None
