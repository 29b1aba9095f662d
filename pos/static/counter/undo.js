/* Undoing the last sale (F6): voided with a reason; a cashier may only do so for a short while
   (config.undo_seconds), other roles at any time. */
import { api } from "./api.js";
import { errorText, hideDone, showAlert } from "./alerts.js";
import { config } from "./config.js";
import { closeDialog, dialogError, openDialog } from "./dialog.js";
import { $, button, el } from "./dom.js";
import { yuan } from "./money.js";
import { refreshShift } from "./shift.js";
import { state } from "./state.js";
import { t } from "./words.js";

function undoAllowed() {
  const sale = state.lastSale;
  if (!sale) return false;
  return config.user.role !== "cashier" || Date.now() - sale.at <= config.undo_seconds * 1000;
}

export function updateUndo() {
  const buttonEl = $("undo-button");
  buttonEl.disabled = !undoAllowed();
  buttonEl.title = state.lastSale && !undoAllowed() ? t("undo_manager_only") : "";
}

export function openUndo() {
  const sale = state.lastSale;
  if (!sale) return;
  if (!undoAllowed()) return showAlert(t("undo_manager_only"), [], "forbidden");
  const input = el("input", { id: "undo-reason", autocomplete: "off" });
  const reasons = el("div", { class: "quick" }, t("undo_reasons").split("|").map((reason) =>
    button(reason, () => { input.value = reason; input.focus(); })));
  const go = async () => {
    const reason = input.value.trim();
    if (!reason) return dialogError(t("undo_reason"));
    try {
      const { data } = await api("POST", `/sales/${sale.sale_id}/void`, { reason });
      closeDialog();
      state.lastSale = null;
      updateUndo();
      hideDone();
      showAlert(data.balance_after_fen === null
        ? t("undo_done_walk_in", { receipt: sale.receipt_no, paid: yuan(sale.paid_fen) })
        : t("undo_done", { receipt: sale.receipt_no, balance: yuan(data.balance_after_fen) }), [], "warn");
      refreshShift();
    } catch (error) {
      dialogError(errorText(error));
    }
  };
  input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); go(); } });
  openDialog(t("undo_title", { receipt: sale.receipt_no }), [el("label", {}, t("undo_reason"), input), reasons],
             [button(t("undo_confirm"), go, true, { id: "undo-confirm" }), button(t("cancel"), closeDialog)]);
}
