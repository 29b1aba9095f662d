/* The order being taken: dishes added (with a typed quantity), + − and removed, and its lines drawn, each
   one a place the keyboard can go, and marked when it contains one of the resident's allergens. */
import { hideDone, showAlert } from "./alerts.js";
import { focusScan } from "./dialog.js";
import { $, el } from "./dom.js";
import { yuan } from "./money.js";
import { itemTowards, roveTo } from "./nav.js";
import { requestQuote } from "./quote.js";
import { state } from "./state.js";
import { normaliseScan } from "./text.js";
import { dishName, t } from "./words.js";

// Digits typed before tapping a dish are its quantity ("3", then a dish = three portions).
function typedQuantity() {
  const text = normaliseScan($("scan").value);
  return /^[1-9][0-9]?$/.test(text) ? Number(text) : null;
}

export function updateQtyHint() {
  const qty = typedQuantity();
  $("qty-hint").hidden = !qty;
  if (qty) $("qty-hint").textContent = t("qty_hint", { qty });
}

// The resident's allergens (codes, in the resident's order) that a dish contains.
function allergensIn(dish) {
  const contains = (dish && dish.allergens) || [];
  return ((state.panel && state.panel.resident.allergens) || []).filter((code) => contains.includes(code));
}

function allergenNames(codes) { return codes.map((code) => t(`allergen_${code}`)).join(t("list_separator")); }

// A clear warning, not a refusal: the cashier decides whether the resident takes the dish.
export function warnAllergens(dishIds) {
  const found = [...new Set(dishIds.flatMap((id) => allergensIn(state.dishById.get(id))))];
  if (found.length) showAlert(t("allergen_warning", { allergens: allergenNames(found) }), [], "allergy");
}

export function addDish(dishId) {
  addDishes([dishId]);
}

// Several dishes in one tap (the day's set meal), each in the typed quantity; the last one is marked.
export function addDishes(dishIds) {
  if (state.pending || !dishIds.length) return;
  const qty = typedQuantity();
  if (qty) $("scan").value = "";
  updateQtyHint();
  for (const dishId of dishIds) {
    const index = state.lines.findIndex((l) => l.dish_id === dishId);
    if (index >= 0) state.lines[index].qty = Math.min(50, state.lines[index].qty + (qty || 1));
    else state.lines.push({ dish_id: dishId, qty: qty || 1 });
    state.picked = index >= 0 ? index : state.lines.length - 1;
  }
  hideDone();
  orderChanged();
  warnAllergens(dishIds);
  focusScan();
}

export function changeQty(index, delta) {
  const line = state.lines[index];
  if (!line || state.pending) return;
  line.qty = Math.min(50, line.qty + delta);
  if (line.qty <= 0) removeLine(index);
  else { state.picked = index; orderChanged(); }
}

export function removeLine(index) {
  if (state.pending) return;
  state.lines.splice(index, 1);
  state.picked = Math.min(state.picked, state.lines.length - 1);
  orderChanged();
}

function orderChanged() {
  renderOrder();
  requestQuote();
}

// The order lines are one Tab stop (the marked line), moved along by ↑ ↓; on a line, + − Del change it
// and Enter goes back to the scan field. Focusing a line marks it.
export function renderOrder() {
  const box = $("order");
  const lineFocused = Boolean(document.activeElement && document.activeElement.closest
                              && document.activeElement.closest("#order tr[data-line]"));
  if (!state.lines.length) {
    box.replaceChildren(el("p", { class: "empty" }, t("order_empty")));
    if (lineFocused) focusScan();
    return;
  }
  const rows = state.lines.map((line, index) => {
    const dish = state.dishById.get(line.dish_id) || { name: `#${line.dish_id}`, price_fen: 0 };
    const allergens = allergensIn(dish);
    const mark = allergens.length ? el("span", { class: "allergen-mark", "data-allergens": allergens.join(" ") },
                                       t("allergen_mark", { allergens: allergenNames(allergens) })) : null;
    const classes = [index === state.picked ? "picked" : "", allergens.length ? "allergy" : ""].filter(Boolean);
    const step = (delta) => (e) => { e.stopPropagation(); changeQty(index, delta); };
    return el("tr", { class: classes.join(" "), "data-line": line.dish_id,
                      "aria-selected": String(index === state.picked),
                      onclick: () => { state.picked = index; renderOrder(); focusScan(); },
                      onfocus: () => markLine(index), onkeydown: (e) => onLineKey(e, index) },
      el("td", { class: "name" }, el("span", { class: "line-name", title: dishName(dish) }, dishName(dish)), mark),
      el("td", { class: "qty" },
        el("button", { type: "button", tabindex: "-1", "aria-label": "−", onclick: step(-1) }, "−"),
        el("span", { class: "line-qty" }, line.qty),
        el("button", { type: "button", tabindex: "-1", "aria-label": "+", onclick: step(1) }, "+")),
      el("td", { class: "num" }, yuan(dish.price_fen * line.qty)),
      el("td", { class: "remove" }, el("button", { type: "button", class: "del", tabindex: "-1", "aria-label": t("remove"),
                                                  onclick: (e) => { e.stopPropagation(); removeLine(index); } }, "✕")));
  });
  box.replaceChildren(el("table", { role: "grid", "aria-label": t("order_lines") }, el("tbody", {}, rows)));
  roveTo(rows, rows[state.picked]);
  if (lineFocused) (rows[state.picked] || rows[0]).focus();
}

function lineRows() { return [...$("order").querySelectorAll("tr[data-line]")]; }

// Mark a line without drawing the order again, so the focus stays where it is.
function markLine(index) {
  state.picked = index;
  const rows = lineRows();
  rows.forEach((row, i) => {
    row.classList.toggle("picked", i === index);
    row.setAttribute("aria-selected", String(i === index));
  });
  roveTo(rows, rows[index]);
}

const LINE_KEYS = {
  "+": (i) => changeQty(i, 1), "=": (i) => changeQty(i, 1), "-": (i) => changeQty(i, -1),
  Delete: (i) => removeLine(i), Backspace: (i) => removeLine(i), Enter: () => focusScan(),
};

function onLineKey(event, index) {
  if (["ArrowUp", "ArrowDown", "Home", "End"].includes(event.key)) {
    event.preventDefault();
    const next = itemTowards(lineRows(), event.currentTarget, event.key);
    if (next) next.focus();
    return;
  }
  const run = LINE_KEYS[event.key];
  if (run) {
    event.preventDefault();
    run(index);
  }
}
