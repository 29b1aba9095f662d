/* The cashier's shift: the header button that shows it, opening one with a float, and closing it
   with the counted cash and the shift report. */
import { api } from "./api.js";
import { errorText } from "./alerts.js";
import { config } from "./config.js";
import { closeDialog, dialogError, openDialog } from "./dialog.js";
import { $, button, el } from "./dom.js";
import { fenFromYuan, yuan, yuanFigure } from "./money.js";
import { state } from "./state.js";
import { t } from "./words.js";

export async function refreshShift() {
  try {
    const { data } = await api("GET", "/shifts/current");
    state.shift = data.shift ? data : null;
  } catch (error) {
    state.shift = null;
  }
  renderShift();
}

function renderShift() {
  const shiftButton = $("shift-button");
  if (state.shift) {
    const opened = new Date(state.shift.shift.opened_at);
    const time = opened.toLocaleTimeString(config.locale, { hour: "2-digit", minute: "2-digit" });
    shiftButton.textContent = t("shift_since", { time });
    shiftButton.className = "shift";
  } else {
    shiftButton.textContent = t("shift_none");
    shiftButton.className = "shift none";
  }
}

function reportTable(report) {
  const row = (label, value, attrs = {}) => el("tr", attrs, el("td", {}, label), el("td", { class: "num" }, value));
  const rows = [
    row(t("shift_meals"), report.meals, { "data-figure": "meals" }),
    row(t("shift_subsidised"), report.subsidised_meals, { "data-figure": "subsidised_meals" }),
    row(t("shift_voided"), report.voided_meals),
    row(t("shift_wallet"), yuan(report.wallet_takings_fen), { "data-figure": "wallet_takings" }),
    row(t("shift_cash"), yuan(report.cash_takings_fen), { "data-figure": "cash_takings" }),
    el("tr", {}, el("td", { colspan: 2 }, t("shift_cash_sales", {
      sales: yuan(report.cash_sales_fen), top_ups: yuan(report.cash_top_ups_fen) }))),
    row(t("shift_mobile"), yuan(report.mobile_takings_fen)),
    row(t("shift_float_label"), yuan(report.shift.opening_float_fen)),
    row(t("shift_expected"), yuan(report.expected_cash_fen), { "data-figure": "expected_cash" }),
  ];
  if (report.counted_cash_fen !== null) {
    rows.push(row(t("shift_counted_label"), yuan(report.counted_cash_fen)));
    rows.push(row(t("shift_difference"), yuan(report.difference_fen),
                  { class: `diff${report.difference_fen ? " bad" : ""}`, "data-figure": "difference" }));
  }
  return el("table", { class: "report", id: "shift-report" }, el("tbody", {}, rows));
}

// The drawer's limit, from the page's config as the API holds it, in yuan.
function cashRange(key) {
  return t(key, { low: yuanFigure(0), high: yuanFigure(config.limits.cash_max_fen) });
}

// The cash typed into a shift dialog, in fen; null once the dialog says why not (no amount, over the limit).
function drawerFen(input, rangeKey) {
  const fen = fenFromYuan(input.value);
  if (fen === null) dialogError(t("err_amount"));
  else if (fen > config.limits.cash_max_fen) dialogError(cashRange(rangeKey));
  else return fen;
  return null;
}

// F8: open a shift when none is open, else close the open one.
export async function openShift() {
  await refreshShift();
  if (!state.shift) return openingDialog();
  const report = state.shift;
  const input = el("input", { id: "shift-counted", inputmode: "decimal", autocomplete: "off" });
  const go = async () => {
    const fen = drawerFen(input, "err_counted_range");
    if (fen === null) return;
    try {
      const { data } = await api("POST", `/shifts/${report.shift.id}/close`, { counted_cash_fen: fen });
      state.shift = null;
      renderShift();
      openDialog(t("shift_report"), [el("p", { class: "big", id: "shift-closed" }, t("shift_closed")),
                                     reportTable(data)],
                 [button(t("dismiss"), closeDialog, true, { id: "shift-dismiss" })]);
    } catch (error) {
      dialogError(errorText(error));
    }
  };
  input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); go(); } });
  openDialog(t("shift_close_title"), [reportTable(report), el("label", {}, t("shift_counted"), input)],
             [button(t("shift_close"), go, true, { id: "shift-close" }), button(t("cancel"), closeDialog)]);
}

// Enter on an order when the canteen says a sale needs an open shift and none is: the opening dialog,
// saying why. The order stays on screen; once the shift is open the cashier presses Enter again to
// settle it (opening a shift never takes money by itself). Returns whether it asked.
export async function askForShift() {
  await refreshShift();
  if (state.shift) return false;
  openingDialog(t("shift_first"));
  return true;
}

function openingDialog(why) {
  const input = el("input", { id: "shift-float", inputmode: "decimal", autocomplete: "off" });
  const go = async () => {
    const fen = drawerFen(input, "err_float_range");
    if (fen === null) return;
    try {
      await api("POST", "/shifts", { opening_float_fen: fen });
      closeDialog();
      await refreshShift();
    } catch (error) {
      dialogError(errorText(error));
    }
  };
  input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); go(); } });
  openDialog(t("shift_open_title"), [why ? el("p", { id: "shift-why" }, why) : null,
                                     el("label", {}, t("shift_float"), input)],
             [button(t("shift_open"), go, true, { id: "shift-open" }), button(t("cancel"), closeDialog)]);
}
