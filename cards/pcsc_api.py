"""The slice of the PC/SC API the reader watcher uses, as pyscard's `smartcard.scard` has it.

Every call returns a PC/SC result code first (0 is success), then its values.
Tests put an in-memory fake with the same calls in pyscard's place.
"""

from typing import Protocol

ReaderState = tuple[str, int]  # reader name, state bits the caller last saw
ReaderStateReport = tuple[str, int, list[int]]  # reader name, state bits now, ATR


class PcscApi(Protocol):
    """PC/SC calls by their Windows/pcsc-lite names."""

    def SCardEstablishContext(self, scope: int) -> tuple[int, int]: ...  # noqa: N802

    def SCardReleaseContext(self, context: int) -> int: ...  # noqa: N802

    def SCardListReaders(self, context: int, groups: list[str]) -> tuple[int, list[str]]: ...  # noqa: N802

    def SCardGetStatusChange(  # noqa: N802
        self, context: int, timeout_ms: int, states: list[ReaderState]
    ) -> tuple[int, list[ReaderStateReport]]: ...

    def SCardCancel(self, context: int) -> int: ...  # noqa: N802

    def SCardConnect(  # noqa: N802
        self, context: int, reader: str, share_mode: int, protocols: int
    ) -> tuple[int, int, int]: ...

    def SCardTransmit(self, card: int, protocol: int, apdu: list[int]) -> tuple[int, list[int]]: ...  # noqa: N802

    def SCardDisconnect(self, card: int, disposition: int) -> int: ...  # noqa: N802

    def SCardGetErrorMessage(self, result: int) -> str: ...  # noqa: N802
