/* Settling the order: one idempotency key per order, kept across retries until a definite answer;
   then the receipt shown and printed (receipt.js), and the screen cleared for the next resident. */
import { api, newKey } from "./api.js";
import { clearAlert, explain, hideDone, showAlert } from "./alerts.js";
import { bookingBody, dropBooking, settlePath } from "./booking.js";
import { config } from "./config.js";
import { focusScan } from "./dialog.js";
import { $ } from "./dom.js";
import { lockMenu } from "./menu.js";
import { yuan } from "./money.js";
import { renderOrder } from "./order.js";
import { orderBody, renderTotals, updateSettle } from "./quote.js";
import { printReceipt, showReceipt } from "./receipt.js";
import { renderResident } from "./resident.js";
import { askForShift, refreshShift } from "./shift.js";
import { state, timings } from "./state.js";
import { openTopUp } from "./topup.js";
import { updateUndo } from "./undo.js";
import { t } from "./words.js";

const RETRY_DELAYS_MS = [250, 1000]; // automatic retries of a settle before asking the cashier

export async function settle() {
  if (state.busy) return;
  if (!state.credential) {
    // A panel without a credential is a blocked card's: the money on it stays safe.
    return state.panel ? showAlert(t("err_card_lost_settle"), [], "card_blocked")
      : showAlert(t("err_no_resident"), [], "no_resident");
  }
  if (!state.lines.length) return showAlert(t("err_no_lines"), [], "no_lines");
  // The canteen wants every sale inside an open shift: ask for one before sending (the server refuses
  // otherwise). A sale already sent goes again with its key whatever the shift: it may have settled.
  if (config.sale_needs_shift && !state.pending && !state.shift && await askForShift()) return;
  // The key is made once per order and kept until a definite answer, so no retry charges twice.
  if (!state.pending) state.pending = { key: newKey(), path: settlePath(), body: bookingBody(orderBody()) };
  const startedAt = performance.now();
  state.busy = true;
  lockMenu();
  updateSettle();
  clearAlert();
  try {
    const sale = await sendSale(state.pending);
    state.pending = null;
    state.busy = false;
    saleDone(sale, startedAt);
  } catch (error) {
    state.busy = false;
    if (!error.retryable) state.pending = null; // a refusal is an answer: the order may change now
    lockMenu();
    updateSettle();
    if (error.code === "insufficient_balance") return explainShortfall();
    if (error.code === "shift_needed" && await askForShift()) return; // closed meanwhile, or the setting turned on
    explain(error, settle);
  }
}

async function sendSale(pending) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      // A booking is served once by its order (the server's key), a sale once by this key.
      const { data } = await api("POST", pending.path, { ...pending.body, idempotency_key: pending.key });
      return data.sale || data;
    } catch (error) {
      if (!error.retryable || attempt >= RETRY_DELAYS_MS.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
    }
  }
}

function explainShortfall() {
  const q = state.quote || { balance_fen: 0, payable_fen: 0 };
  const actions = state.panel ? [[t("top_up_now"), () => openTopUp(q.payable_fen - q.balance_fen), true]] : [];
  showAlert(t("err_insufficient", { balance: yuan(q.balance_fen || 0), needed: yuan(q.payable_fen) }), actions,
            "insufficient_balance");
}

function saleDone(sale, startedAt) {
  state.lastSale = { sale_id: sale.sale_id, receipt_no: sale.receipt_no, at: Date.now(), paid_fen: sale.paid_fen,
                     walk_in: sale.balance_after_fen === null };
  showReceipt(sale);
  timings.settle.push(performance.now() - startedAt);
  document.dispatchEvent(new CustomEvent("canteen:sale-settled", { detail: sale }));
  printReceipt(sale);
  resetOrder();
  refreshShift();
}

function resetOrder() {
  state.panel = null;
  state.credential = null;
  dropBooking();
  state.lines = [];
  state.picked = -1;
  state.quote = null;
  state.quoteSeq += 1;
  state.pending = null;
  state.walkInMethod = "cash";
  $("scan").value = "";
  renderResident();
  renderOrder();
  renderTotals();
  lockMenu();
  updateUndo();
  focusScan();
}

export function clearAll() {
  if (state.pending) {
    // The last attempt may have gone through: only a definite answer may drop its key.
    return showAlert(t("err_network"), [[t("retry"), settle, true]], "pending");
  }
  clearAlert();
  hideDone();
  resetOrder();
}
