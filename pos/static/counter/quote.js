/* The price of the order as it stands: asked of the server at every change (it applies the
   subsidy rules), shown as the totals, and whether Settle may be pressed. */
import { api } from "./api.js";
import { explain } from "./alerts.js";
import { bookingBody, pricePath } from "./booking.js";
import { config } from "./config.js";
import { $, el } from "./dom.js";
import { yuan } from "./money.js";
import { renderResident } from "./resident.js";
import { state } from "./state.js";
import { t } from "./words.js";

// The request body for both the quote and the sale.
export function orderBody() {
  const body = { credential: state.credential, items: state.lines.map((l) => ({ dish_id: l.dish_id, qty: l.qty })) };
  if (state.credential && state.credential.walk_in) body.payment_method = state.walkInMethod;
  if (state.panel && state.panel.proxy_name) body.proxy_name = state.panel.proxy_name;
  return body;
}

export async function requestQuote() {
  const seq = ++state.quoteSeq;
  if (!state.credential || !state.lines.length) {
    state.quote = null;
    renderTotals();
    return;
  }
  try {
    const { data } = await api("POST", pricePath(), bookingBody(orderBody()));
    if (seq !== state.quoteSeq) return; // a newer change is on its way
    state.quote = data;
    renderTotals();
    if (state.panel) renderResident(); // the quote names the meal period
  } catch (error) {
    if (seq !== state.quoteSeq) return;
    state.quote = null;
    renderTotals();
    explain(error, requestQuote);
  }
}

function funderName(code) { return config.funders[code] || code; }

export function renderTotals() {
  const q = state.quote;
  const box = $("totals");
  if (!q) {
    box.replaceChildren();
    updateSettle();
    return;
  }
  const rows = [el("tr", {}, el("td", {}, t("total")), el("td", { class: "num", id: "total" }, yuan(q.total_fen)))];
  for (const line of q.subsidy_lines) {
    rows.push(el("tr", { class: "subsidy" },
      el("td", {}, el("span", { class: "funder" }, funderName(line.funder)), el("span", { class: "reason" }, line.reason)),
      el("td", { class: "num" }, yuan(-line.amount_fen))));
  }
  rows.push(el("tr", { class: "payable" }, el("td", {}, t("payable")),
    el("td", { class: "num", id: "payable" }, yuan(q.payable_fen))));
  if (q.balance_fen !== null && q.balance_fen !== undefined) {
    const after = q.balance_fen - q.payable_fen;
    rows.push(el("tr", {}, el("td", {}, t("balance")), el("td", { class: "num" }, yuan(q.balance_fen))));
    rows.push(el("tr", { class: `after${after < 0 ? " short" : ""}` },
      el("td", {}, after < 0 ? t("not_enough_short") : t("balance_after")),
      el("td", { class: "num", id: "balance-after" }, yuan(after))));
  } else if (state.credential && state.credential.walk_in) {
    rows.push(el("tr", {}, el("td", {}, t("paid_by", { method: t(state.walkInMethod) })), el("td", {})));
  }
  box.replaceChildren(el("table", {}, el("tbody", {}, rows)));
  updateSettle();
}

export function updateSettle() {
  const ready = Boolean(state.credential && state.lines.length && !state.busy);
  $("settle").disabled = !ready;
  $("settle").firstChild.textContent = state.busy ? `${t("settling")} ` : `${t("settle")} `;
}
