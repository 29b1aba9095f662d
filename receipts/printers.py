"""Ways to send ESC/POS bytes to a printer; every failure becomes PrintFailed."""

from __future__ import annotations

import os
import socket
from typing import Protocol


class PrintFailed(Exception):
    """The printer could not take the receipt; the app reports it and offers a reprint."""


class Printer(Protocol):
    """Anything that can print raw ESC/POS bytes."""

    def print_bytes(self, data: bytes) -> None: ...


class NetworkPrinter:
    """A printer on the LAN speaking raw TCP (port 9100, "JetDirect")."""

    def __init__(self, host: str, port: int = 9100, timeout: float = 5.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout

    def print_bytes(self, data: bytes) -> None:
        """Send data and close; raise PrintFailed on any network error."""
        try:
            with socket.create_connection((self.host, self.port), timeout=self.timeout) as sock:
                sock.sendall(data)
                sock.shutdown(socket.SHUT_WR)
        except (OSError, ValueError) as exc:  # timeouts and refusals are OSErrors
            raise PrintFailed(f"printer {self.host}:{self.port} unreachable: {exc}") from exc


class DevicePrinter:
    """A USB or serial printer exposed as a device file, e.g. /dev/usb/lp0."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = path

    def print_bytes(self, data: bytes) -> None:
        """Write data to the device; raise PrintFailed if it is missing or refuses."""
        try:
            with open(self.path, "wb", buffering=0) as device:
                device.write(data)
        except OSError as exc:
            raise PrintFailed(f"printer device {self.path} failed: {exc}") from exc


class NullPrinter:
    """Keeps what it was sent instead of printing; for tests and canteens without a printer."""

    def __init__(self) -> None:
        self.jobs: list[bytes] = []

    def print_bytes(self, data: bytes) -> None:
        """Record the job."""
        self.jobs.append(bytes(data))
