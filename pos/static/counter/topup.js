/* Topping up the shown resident's wallet: the amount, how it was paid (cash, WeChat Pay, Alipay with the
   payment's reference number), checked against the limits in the page's config before a confirmation that
   sends it with one idempotency key, reused if the cashier presses again. */
import { api, newKey } from "./api.js";
import { errorText, showAlert } from "./alerts.js";
import { config } from "./config.js";
import { closeDialog, dialogError, openDialog } from "./dialog.js";
import { button, el } from "./dom.js";
import { fenFromYuan, yuan, yuanFigure } from "./money.js";
import { requestQuote } from "./quote.js";
import { renderResident } from "./resident.js";
import { refreshShift } from "./shift.js";
import { state } from "./state.js";
import { t } from "./words.js";

const METHODS = ["cash", "wechat", "alipay"];

// What the cashier typed, or why it cannot be sent: the same limits the API holds, said in yuan.
function checked(amountText, method, reference) {
  const limits = config.limits;
  const fen = fenFromYuan(amountText);
  if (fen === null) return { problem: t("err_amount") };
  if (fen < limits.top_up_min_fen || fen > limits.top_up_max_fen) {
    return { problem: t("err_top_up_range", { low: yuanFigure(limits.top_up_min_fen),
                                              high: yuanFigure(limits.top_up_max_fen) }) };
  }
  if (method !== "cash" && !reference) return { problem: t("err_reference_needed") };
  if (reference.length > limits.reference_max_chars) {
    return { problem: t("err_reference_long", { n: limits.reference_max_chars }) };
  }
  return { fen };
}

// suggestFen: the shortfall of a refused sale, offered rounded up to ten yuan; earlier: what Back brings back
// ({fen, method, reference}, as the cashier entered them).
export function openTopUp(suggestFen, earlier = {}) {
  if (!state.panel) return showAlert(t("err_no_resident"), [], "no_resident");
  const name = state.panel.resident.name;
  let method = earlier.method || "cash";
  const typed = earlier.fen ? yuan(earlier.fen).slice(1) : "";
  const amount = el("input", { id: "topup-amount", inputmode: "decimal", autocomplete: "off",
                               value: typed || (suggestFen > 0 ? String(Math.ceil(suggestFen / 1000) * 10) : "") });
  const quick = el("div", { class: "quick" }, [50, 100, 200].map((n) =>
    button(`¥${n}`, () => { amount.value = String(n); amount.focus(); })));
  const reference = el("input", { id: "topup-reference", autocomplete: "off", value: earlier.reference || "",
                                  maxlength: config.limits.reference_max_chars });
  const referenceLabel = el("label", { id: "topup-reference-label" }, t("top_up_reference"), reference);
  const methodButtons = METHODS.map((code) => button(t(code), () => choose(code, true), false, { "data-method": code }));
  const choose = (code, focus) => {
    method = code;
    for (const b of methodButtons) b.setAttribute("aria-pressed", String(b.dataset.method === method));
    referenceLabel.hidden = method === "cash";
    if (focus) (method === "cash" ? amount : reference).focus();
  };
  const next = () => {
    const ref = method === "cash" ? "" : reference.value.trim();
    const { fen, problem } = checked(amount.value, method, ref);
    if (problem) return dialogError(problem);
    confirmTopUp(fen, name, method, ref);
  };
  for (const input of [amount, reference]) {
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); next(); } });
  }
  openDialog(t("top_up_title", { name }),
             [el("label", {}, t("top_up_amount"), amount), quick,
              el("div", { class: "methods", id: "topup-methods", role: "group", "aria-label": t("top_up_method") },
                 methodButtons),
              referenceLabel],
             [button(t("next"), next, true, { id: "topup-next" }), button(t("cancel"), closeDialog)]);
  choose(method, false);
}

function confirmTopUp(fen, name, method, reference) {
  const request = { amount_fen: fen, method, reference, idempotency_key: newKey() };
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
  const question = method === "cash"
    ? t("top_up_confirm", { amount: yuan(fen), name })
    : t("top_up_confirm_mobile", { amount: yuan(fen), name, method: t(method), reference });
  openDialog(t("top_up_title", { name }), el("p", { class: "big", id: "topup-confirm" }, question),
             [button(t("top_up_yes"), yes, true, { id: "topup-yes" }),
              button(t("back"), () => openTopUp(0, { fen, method, reference }))]);
}
