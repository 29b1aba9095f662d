/* The settled sale's receipt on screen: its number, lines, subsidy and the balance after, as the server
   settled them; printed on the counter's printer, printed again, or opened as a PDF (the staff route of the
   back office, which the signed-in cashier's cookie opens without the terminal's token). Without a printer
   set up, the header says so once (#printer-none) and nothing is sent. */
import { ApiError, api } from "./api.js";
import { showAlert } from "./alerts.js";
import { config } from "./config.js";
import { $, button, el } from "./dom.js";
import { yuan } from "./money.js";
import { t } from "./words.js";

function row(label, value, attrs = {}) {
  return el("tr", attrs, el("td", {}, label), el("td", { class: "num" }, value));
}

function receiptTable(sale) {
  const rows = (sale.lines || []).map((line) => el("tr", { class: "line", "data-dish": line.dish_id },
    el("td", {}, el("span", { class: "line-name" }, line.name), el("span", { class: "line-qty" }, ` ×${line.qty}`)),
    el("td", { class: "num" }, yuan(line.amount_fen))));
  rows.push(row(t("total"), yuan(sale.total_fen), { class: "sum", id: "receipt-total" }));
  for (const line of sale.subsidy_lines) {
    rows.push(row(config.funders[line.funder] || line.funder, yuan(-line.amount_fen),
                  { class: "subsidy", "data-funder": line.funder }));
  }
  const paid = sale.balance_after_fen === null ? t("paid_by", { method: t(sale.payment_method) }) : t("receipt_paid");
  rows.push(row(paid, yuan(sale.paid_fen), { class: "paid", id: "receipt-paid" }));
  return el("table", { class: "receipt-lines", id: "receipt-lines" }, el("tbody", {}, rows));
}

export function showReceipt(sale) {
  const pdf = el("a", { id: "receipt-pdf", class: "button", target: "_blank", rel: "noopener",
                        href: config.receipt_pdf.replace("{id}", encodeURIComponent(sale.sale_id)) }, t("receipt_pdf"));
  const again = config.printer ? button(t("print_again"), () => printReceipt(sale), false, { id: "receipt-print" }) : null;
  $("done").replaceChildren(...[
    el("span", { class: "receipt-no", id: "receipt-no" }, t("receipt", { number: sale.receipt_no })),
    receiptTable(sale),
    sale.balance_after_fen !== null
      ? el("p", { class: "balance-now", id: "receipt-balance" }, t("sale_done_balance", { balance: yuan(sale.balance_after_fen) }))
      : null,
    el("p", { class: "next" }, t("next_resident")),
    el("div", { class: "actions" }, again, pdf),
    el("p", { class: "receipt-status", id: "receipt-status", "aria-live": "polite" }),
  ].filter(Boolean));
  $("done").dataset.sale = sale.sale_id;
  $("done").hidden = false;
}

// The status line of this sale's receipt, if it is still the one shown.
function receiptStatus(sale) {
  const shown = !$("done").hidden && $("done").dataset.sale === String(sale.sale_id);
  return shown ? $("receipt-status") : null;
}

// After the sale is settled; a failed print never undoes the sale: the cashier sees why and can print it again.
export async function printReceipt(sale) {
  if (!config.printer) return;
  const status = receiptStatus(sale);
  if (status) status.textContent = "";
  try {
    const outcome = (await api("POST", `/sales/${sale.sale_id}/print`, {})).data;
    if (outcome.failed) throw new ApiError(200, "print_failed", outcome.message);
    if (!outcome.printed) return noPrinter(); // the printer was taken out of the settings since the page loaded
    const printed = receiptStatus(sale);
    if (printed) printed.textContent = t("receipt_printed", { number: sale.receipt_no });
  } catch (error) {
    showAlert(t("print_failed", { number: sale.receipt_no }), [[t("print_again"), () => printReceipt(sale), true]],
              "warn");
  }
}

function noPrinter() {
  config.printer = false;
  $("printer-none").hidden = false;
  const again = $("receipt-print");
  if (again) again.remove();
}

// The header's warning that receipt QR codes point at this machine's own address (no public address is set):
// shown once a browser session, until the cashier closes it.
const QR_WARNING_CLOSED = "canteen.qrWarningClosed";

export function wireReceiptNotices() {
  const warning = $("qr-warning");
  if (!warning) return;
  warning.hidden = sessionStorage.getItem(QR_WARNING_CLOSED) === "1";
  $("qr-warning-close").addEventListener("click", () => {
    warning.hidden = true;
    sessionStorage.setItem(QR_WARNING_CLOSED, "1");
  });
}
