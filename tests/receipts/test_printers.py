"""Printer transports against a real local TCP server and real files."""

import socket
import threading

import pytest

from receipts.printers import DevicePrinter, NetworkPrinter, NullPrinter, PrintFailed

JOB = b"\x1b@\x1c&" + "测试".encode("gb18030") + b"\n\x1dVB\x00"


class FakePrinterServer:
    """A one-connection raw TCP printer on 127.0.0.1 that keeps what it received."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.received = b""
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn:
            while chunk := conn.recv(4096):
                self.received += chunk

    def close(self) -> None:
        self.thread.join(timeout=5)
        self.sock.close()


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as s:
        return s.getsockname()[1]


def test_network_printer_delivers_the_bytes():
    server = FakePrinterServer()
    NetworkPrinter("127.0.0.1", server.port, timeout=2).print_bytes(JOB)
    server.close()
    assert server.received == JOB


def test_network_printer_nobody_listening_raises_print_failed():
    port = free_port()
    with pytest.raises(PrintFailed, match=f"printer 127.0.0.1:{port} unreachable"):
        NetworkPrinter("127.0.0.1", port, timeout=2).print_bytes(JOB)


def test_network_printer_bad_host_raises_print_failed():
    with pytest.raises(PrintFailed):
        NetworkPrinter("printer.invalid", 9100, timeout=1).print_bytes(JOB)


def test_device_printer_writes_to_the_device_file(tmp_path):
    device = tmp_path / "lp0"
    device.touch()
    DevicePrinter(device).print_bytes(JOB)
    assert device.read_bytes() == JOB


def test_missing_device_raises_print_failed(tmp_path):
    with pytest.raises(PrintFailed, match="lp9"):
        DevicePrinter(tmp_path / "usb" / "lp9").print_bytes(JOB)


def test_null_printer_keeps_jobs():
    printer = NullPrinter()
    printer.print_bytes(JOB)
    assert printer.jobs == [JOB]


def test_printer_that_stops_reading_times_out_as_print_failed():
    # Listens but never accepts or reads, like a printer out of paper: the socket buffers fill up.
    with socket.create_server(("127.0.0.1", 0)) as stuck:
        printer = NetworkPrinter("127.0.0.1", stuck.getsockname()[1], timeout=0.5)
        with pytest.raises(PrintFailed, match="timed out"):
            printer.print_bytes(JOB * 2_000_000)
