/* Topping up the shown resident's wallet in cash: the amount, then a confirmation that sends it
   with one idempotency key, reused if the cashier presses again. */
import { api, newKey } from "./api.js";
import { errorText, showAlert } from "./alerts.js";
import { closeDialog, dialogError, openDialog } from "./dialog.js";
import { button, el } from "./dom.js";
import { fenFromYuan, yuan } from "./money.js";
import { requestQuote } from "./quote.js";
import { renderResident } from "./resident.js";
import { refreshShift } from "./shift.js";
import { state } from "./state.js";
import { t } from "./words.js";

// suggestFen: the shortfall of a refused sale, offered rounded up to ten yuan.
export function openTopUp(suggestFen) {
  if (!state.panel) return showAlert(t("err_no_resident"), [], "no_resident");
  const name = state.panel.resident.name;
  const input = el("input", { id: "topup-amount", inputmode: "decimal", autocomplete: "off",
                              value: suggestFen > 0 ? String(Math.ceil(suggestFen / 1000) * 10) : "" });
  const quick = el("div", { class: "quick" }, [50, 100, 200].map((n) =>
    button(`¥${n}`, () => { input.value = String(n); input.focus(); })));
  const next = () => {
    const fen = fenFromYuan(input.value);
    if (!fen) return dialogError(t("err_amount"));
    confirmTopUp(fen, name);
  };
  input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); next(); } });
  openDialog(t("top_up_title", { name }), [el("label", {}, t("top_up_amount"), input), quick],
             [button(t("next"), next, true, { id: "topup-next" }), button(t("cancel"), closeDialog)]);
}

function confirmTopUp(fen, name) {
  const request = { amount_fen: fen, method: "cash", idempotency_key: newKey() };
  const residentId = state.panel.resident.id;
  const yes = async () => {
    try {
      const { data } = await api("POST", `/residents/${residentId}/topups`, request);
      closeDialog();
      if (state.panel && state.panel.resident.id === residentId) {
        state.panel.resident.balance_fen = data.balance_fen;
        renderResident();
        requestQuote();
      }
      showAlert(t("top_up_done", { amount: yuan(fen), balance: yuan(data.balance_fen) }), [], "warn");
      refreshShift();
    } catch (error) {
      dialogError(errorText(error)); // the same key is reused if the cashier presses again
    }
  };
  openDialog(t("top_up_title", { name }), el("p", { class: "big", id: "topup-confirm" },
                                            t("top_up_confirm", { amount: yuan(fen), name })),
             [button(t("top_up_yes"), yes, true, { id: "topup-yes" }), button(t("back"), () => openTopUp(fen))]);
}
