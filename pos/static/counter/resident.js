/* The resident panel: who was scanned or found by their ID card (or a walk-in and how they pay),
   their balance, today's subsidy, a blocked card's state, and the buttons for their card and PIN. */
import { config } from "./config.js";
import { focusScan } from "./dialog.js";
import { $, el } from "./dom.js";
import { yuan } from "./money.js";
import { state } from "./state.js";
import { periodName, t } from "./words.js";

function subsidyStatus(panel) {
  const period = (state.quote && state.quote.meal_period) || config.meal_period;
  const today = panel.subsidies_today || [];
  const now = today.find((s) => s.meal_period === period);
  if (now) return el("p", { class: "status used", id: "subsidy-status" },
    t("subsidy_used", { period: periodName(period), amount: yuan(now.amount_fen) }));
  const lines = [el("p", { class: "status free", id: "subsidy-status" },
    t("subsidy_unused", { period: periodName(period) }))];
  if (today.length) {
    lines.push(el("p", { class: "status used" },
      t("subsidy_other", { periods: today.map((s) => `${periodName(s.meal_period)} ${yuan(s.amount_fen)}`).join(t("list_separator")) })));
  }
  return lines;
}

export function renderResident() {
  const box = $("resident");
  if (state.credential && state.credential.walk_in) {
    const methods = ["cash", "wechat", "alipay"].map((method) => el("button", {
      type: "button", "aria-pressed": String(state.walkInMethod === method), "data-method": method,
      onclick: () => { state.walkInMethod = method; renderResident(); focusScan(); },
    }, t(method)));
    box.replaceChildren(el("h2", { id: "resident-name" }, t("walk_in")), el("p", {}, t("walk_in_note")),
      el("div", { class: "methods" }, methods));
    box.dataset.state = "walk_in";
    return;
  }
  const panel = state.panel;
  if (!panel) {
    box.replaceChildren(el("p", { class: "placeholder" }, t("waiting")));
    box.dataset.state = "empty";
    return;
  }
  const r = panel.resident;
  const card = panel.card_uid
    ? [el("dt", {}, t("card_number")), el("dd", { id: "resident-card" }, panel.card_uid)] : [];
  const categories = r.categories.length
    ? r.categories.map((c) => el("span", { class: "tag" }, c.name))
    : [el("span", {}, t("no_categories"))];
  box.replaceChildren(...[
    el("h2", { id: "resident-name" }, r.name),
    el("dl", { class: "facts" },
      el("dt", {}, t("id_number")), el("dd", { id: "resident-id-number" }, r.id_number),
      el("dt", {}, t("age_label")), el("dd", { id: "resident-age" }, t("age", { age: r.age })),
      el("dt", {}, t("balance")), el("dd", { class: "balance", id: "resident-balance" }, yuan(r.balance_fen)),
      card),
    el("div", { class: "tags", id: "resident-categories" }, categories),
    needs(r),
    panel.credential_kind === "identity_check"
      ? el("p", { class: "status identity", id: "identity-mark" }, t("identity_checked")) : null,
    panel.credential_kind === "pin" ? el("p", { class: "status identity", id: "identity-mark" }, t("pin_typed")) : null,
    panel.proxy_name ? el("p", { class: "status identity", id: "proxy-mark" }, t("proxy_mark", { proxy: panel.proxy_name })) : null,
    cardStatus(panel),
    state.credential ? subsidyStatus(panel) : null,
    panel.static_pass ? el("p", { class: "status static", id: "static-warning" }, t("static_pass")) : null,
    cardActions(panel),
  ].flat().filter(Boolean));
  box.dataset.state = "resident";
}

// A blocked card: lost (a new card replaces it) or already replaced. Shown without a presentation, it cannot pay.
function cardStatus(panel) {
  const uid = panel.card_uid;
  if (panel.card_status === "replaced") return el("p", { class: "status static", id: "card-status" }, t("card_replaced_short", { uid }));
  if (panel.card_status !== "lost") return null;
  return el("p", { class: "status static", id: "card-status" }, t(state.credential ? "card_lost_note" : "card_lost_short", { uid }));
}

// Dietary needs and allergies as short labels, so the cashier serves the right food.
function needs(r) {
  const labels = (r.diet || []).map((code) => t(`diet_${code}`))
    .concat((r.allergens || []).map((code) => t("allergy", { allergen: t(`allergen_${code}`) })));
  if (!labels.length) return null;
  return el("div", { class: "tags needs", id: "resident-needs" }, labels.map((label) => el("span", { class: "tag need" }, label)));
}

// What the cashier may do for the resident shown: the presented card's life, and the /me PIN.
// cards.js answers these buttons by their id (wireCardActions): its dialogs redraw this panel,
// so the panel does not import them.
function cardActions(panel) {
  const action = (key, id) => el("button", { type: "button", class: "", id }, t(key));
  const actions = [];
  if (panel.card_uid && panel.card_status === "active") actions.push(action("card_lost", "card-lost"));
  // Replace card: replaces the card shown or lost, or gives a first card to a resident who has none.
  if (panel.card_status !== "replaced") actions.push(action("card_replace", "card-replace"));
  if (!state.credential) actions.push(action("identity_check", "identity-check")); // search.js answers it
  // Someone else collects the meal: proxy.js answers it.
  else actions.push(panel.proxy_name ? action("proxy_clear", "proxy-clear") : action("proxy", "proxy"));
  actions.push(action("pin_set", "pin-set"));
  return el("div", { class: "actions card-actions" }, actions);
}
