"""Receipts, statements and claims rendered from plain data: PDF, ESC/POS, XLSX, CSV.

A library: it imports neither Flask nor the database, so the app, the CLI and tests
can all call it with frozen dataclasses holding integer fen.
"""

from .claim import (
    ClaimAdjustment,
    ClaimDetail,
    ClaimMismatch,
    DailyTotal,
    SubsidyClaim,
    Tally,
)
from .claim_csv import write_claim_csv
from .claim_files import ClaimFiles, write_claim_files
from .claim_pdf import write_claim_pdf
from .claim_xlsx import write_claim_xlsx
from .closing import DailyClosing, ShiftTakings, write_daily_closing_pdf
from .columns import display_width, two_columns, wrap
from .documents import Paper, ReceiptLine, SaleReceipt, SubsidyLine, TopUpReceipt, WalletSlip
from .escpos import render_sale_escpos, render_topup_escpos
from .fonts import FontNotFound, find_cjk_font, register_cjk_font
from .kitchen_sheet import DishLine, KitchenSheet, WatchOrder, write_kitchen_sheet_pdf
from .menu_poster import Dish, MenuDay, WeeklyMenu, write_menu_poster_pdf
from .printers import DevicePrinter, NetworkPrinter, NullPrinter, Printer, PrintFailed
from .receipt_pdf import render_sale_pdf, render_topup_pdf, render_wallet_slip_pdf
from .resident_statement import (
    EntryKind,
    ResidentStatement,
    StatementEntry,
    write_resident_statement_pdf,
)

__all__ = [
    "ClaimAdjustment", "ClaimDetail", "ClaimMismatch", "DailyTotal", "SubsidyClaim", "Tally",
    "write_claim_csv", "write_claim_pdf", "write_claim_xlsx", "ClaimFiles", "write_claim_files",
    "DailyClosing", "ShiftTakings", "write_daily_closing_pdf", "display_width", "two_columns", "wrap",
    "Paper", "ReceiptLine", "SaleReceipt", "SubsidyLine", "TopUpReceipt", "WalletSlip", "render_wallet_slip_pdf",
    "render_sale_escpos",
    "render_topup_escpos", "FontNotFound", "find_cjk_font", "register_cjk_font", "Dish", "MenuDay",
    "WeeklyMenu", "write_menu_poster_pdf", "DevicePrinter", "NetworkPrinter",
    "NullPrinter", "Printer", "PrintFailed", "render_sale_pdf", "render_topup_pdf", "EntryKind",
    "ResidentStatement", "StatementEntry", "write_resident_statement_pdf",
    "DishLine", "KitchenSheet", "WatchOrder", "write_kitchen_sheet_pdf",
]
