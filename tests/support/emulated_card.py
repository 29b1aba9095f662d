"""An emulated resident card that talks to pcscd's vpcd driver over TCP.

vpcd frames are a 2-byte big-endian length and a payload. A 1-byte payload is
a control message (0 power off, 1 power on, 2 reset, 4 send the ATR); anything
longer is a command APDU, answered with a response APDU. Inserting the card
means connecting to vpcd, removing it means hanging up.

Run as a script to hold a card on the virtual reader until Ctrl-C:

    python tests/support/emulated_card.py --uid 04A1B2C3 --number 310001
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import struct
import threading

# Only ever loopback: vpcd listens on all interfaces.
VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963  # the port of the reader "Virtual PCD 00 00"
READER_NAME = "Virtual PCD 00 00"
# vpcd's second slot, for two counters each with its own reader: the next port, the next name.
SECOND_READER_NAME = "Virtual PCD 00 01"
PORTS = {READER_NAME: VPCD_PORT, SECOND_READER_NAME: VPCD_PORT + 1}

# The ATR a PC/SC contactless reader makes up for an ISO 14443-4 card
# without historical bytes (PC/SC part 3): 3B 80 80 01 and its check byte.
DEFAULT_ATR = bytes.fromhex("3B80800101")
DEFAULT_AID = bytes.fromhex("F0434E54454E3031")  # F0 (proprietary) + "CNTEN01"

SW_OK = b"\x90\x00"
SW_WRONG_P1P2 = b"\x6a\x86"
SW_FILE_NOT_FOUND = b"\x6a\x82"
SW_NO_CURRENT_EF = b"\x69\x86"
SW_INS_NOT_SUPPORTED = b"\x6d\x00"

_QUICKACK = getattr(socket, "TCP_QUICKACK", None)  # Linux only

POWER_OFF, POWER_ON, RESET, GET_ATR = 0, 1, 2, 4

# How the card misbehaves when asked for its UID.
NORMAL = "normal"
GARBAGE = "garbage"  # a one-byte answer: no status word at all
ERROR = "error"  # an error status word (6A 81, function not supported)
VANISH = "vanish"  # pulled from the reader mid-read: hangs up instead of answering
BEHAVIOURS = (NORMAL, GARBAGE, ERROR, VANISH)


class EmulatedCard:
    """A resident card on the virtual reader; start() inserts it, stop() removes it."""

    def __init__(
        self,
        uid: str,
        *,
        card_number: str | None = None,
        aid: bytes = DEFAULT_AID,
        behaviour: str = NORMAL,
        atr: bytes = DEFAULT_ATR,
        reader: str = READER_NAME,
    ) -> None:
        if behaviour not in BEHAVIOURS:
            raise ValueError(f"unknown behaviour {behaviour!r}")
        self.uid = bytes.fromhex(uid)
        self.card_number = card_number
        self.aid = aid
        self.behaviour = behaviour
        self.atr = atr
        self.reader = reader  # which virtual reader it is put on
        self.commands: list[bytes] = []  # every APDU received, for assertions
        self._selected = False
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None

    def start(self, timeout: float = 5.0) -> None:
        """Insert the card: connect to vpcd and answer it in a background thread."""
        sock = socket.create_connection((VPCD_HOST, PORTS[self.reader]), timeout=timeout)
        sock.settimeout(None)
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Remove the card: hang up on vpcd."""
        sock, self._sock = self._sock, None
        if sock is not None:
            _hang_up(sock)
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None

    def __enter__(self) -> EmulatedCard:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def answer(self, apdu: bytes) -> bytes | None:
        """The response APDU to a command APDU; None means hang up."""
        self.commands.append(apdu)
        if apdu[:2] == b"\xff\xca":
            return self._answer_get_uid(apdu)
        if apdu[:4] == b"\x00\xa4\x04\x00":
            self._selected = self.card_number is not None and apdu[5 : 5 + apdu[4]] == self.aid
            return SW_OK if self._selected else SW_FILE_NOT_FOUND
        if apdu[:2] == b"\x00\xb0":
            return self._answer_read_binary(apdu)
        return SW_INS_NOT_SUPPORTED

    def _answer_get_uid(self, apdu: bytes) -> bytes | None:
        if self.behaviour == VANISH:
            return None
        if self.behaviour == GARBAGE:
            return b"\x3b"
        if self.behaviour == ERROR:
            return b"\x6a\x81"
        if apdu[2:4] != b"\x00\x00":
            return SW_WRONG_P1P2
        return self.uid + SW_OK

    def _answer_read_binary(self, apdu: bytes) -> bytes:
        if not (self._selected and self.card_number is not None):
            return SW_NO_CURRENT_EF
        offset = int.from_bytes(apdu[2:4], "big")
        data = self.card_number.encode("ascii")
        length = apdu[4] if len(apdu) > 4 and apdu[4] else len(data)
        return data[offset : offset + length] + SW_OK

    def _serve(self, sock: socket.socket) -> None:
        try:
            while (payload := _read_frame(sock)) is not None:
                reply = self._handle(payload)
                if reply is None and len(payload) > 1:
                    _hang_up(sock)
                    return
                if reply is not None:
                    sock.sendall(struct.pack(">H", len(reply)) + reply)
        except OSError:
            pass  # stop() closed the socket under us: the card was removed

    def _handle(self, payload: bytes) -> bytes | None:
        if len(payload) > 1:
            return self.answer(payload)
        if payload[0] == GET_ATR:
            return self.atr
        if payload[0] in (POWER_OFF, RESET):
            self._selected = False
        return None  # power and reset messages need no answer


def _read_frame(sock: socket.socket) -> bytes | None:
    header = _read_exactly(sock, 2)
    if header is None:
        return None
    return _read_exactly(sock, struct.unpack(">H", header)[0])


def _read_exactly(sock: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        # vpcd writes a frame's length and payload separately; acknowledging at
        # once spares each APDU a 40 ms delayed-ACK stall under Nagle's algorithm.
        if _QUICKACK is not None:
            sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)
        if not chunk:
            return None
        data += chunk
    return data


def _hang_up(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # vpcd may have hung up first
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


def main() -> None:
    """Hold an emulated card on the virtual reader until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uid", default="04A1B2C3", help="card UID in hex")
    parser.add_argument("--number", default=None, help="card number in the canteen application")
    parser.add_argument("--behaviour", choices=BEHAVIOURS, default=NORMAL)
    args = parser.parse_args()
    card = EmulatedCard(args.uid, card_number=args.number, behaviour=args.behaviour)
    card.start()
    print(f"card {args.uid} inserted in {READER_NAME}; Ctrl-C removes it", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        card.stop()


if __name__ == "__main__":
    main()
