"""QR pass images for screens and paper."""

import io

import qrcode
import qrcode.constants
from qrcode.image.svg import SvgPathImage

# Medium error correction survives a scratched phone screen or a creased print
# while keeping a pass payload in a small, easily scanned symbol.
ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_M
QUIET_ZONE = 4  # modules of white border the QR standard requires


def qr_png(payload: str, box_size: int = 10) -> bytes:
    """A PNG image of the payload as a QR code, `box_size` pixels per module."""
    image = _code(payload, box_size).make_image()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_svg(payload: str) -> str:
    """An SVG image of the payload as a QR code, scalable to any size."""
    image = _code(payload, box_size=10).make_image(image_factory=SvgPathImage)
    svg: str = image.to_string(encoding="unicode")
    return svg


def _code(payload: str, box_size: int) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECTION, box_size=box_size, border=QUIET_ZONE)
    code.add_data(payload)
    code.make(fit=True)
    return code
