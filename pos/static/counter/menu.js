/* Today's menu: the dishes of this meal period as buttons, set meals first, locked while a sale
   waits for its answer. */
import { api } from "./api.js";
import { config } from "./config.js";
import { $, el } from "./dom.js";
import { yuan } from "./money.js";
import { addDish } from "./order.js";
import { state } from "./state.js";
import { dishName, periodName, t } from "./words.js";

export async function loadDishes() {
  const { data } = await api("GET", "/dishes");
  state.dishes = data;
  state.dishById = new Map(data.map((d) => [d.id, d]));
  renderMenu();
}

// The period's published menu when there is one, else every dish from /dishes.
function renderMenu() {
  const period = config.meal_period;
  $("menu-title").textContent = t("menu_of", { period: periodName(period) });
  const planned = (config.menu[period] || []).filter((id) => state.dishById.has(id));
  const today = planned.length ? planned.map((id) => state.dishById.get(id)) : state.dishes;
  const isSet = (d) => config.set_meal_categories.includes(d.category);
  const groups = [[t("set_meals"), today.filter(isSet)], [t("dishes"), today.filter((d) => !isSet(d))]];
  const menu = $("menu");
  menu.replaceChildren();
  if (!today.length) menu.append(el("p", {}, t("no_dishes")));
  for (const [title, dishes] of groups) {
    if (!dishes.length) continue;
    menu.append(el("h3", {}, title), el("div", { class: "dishes" }, dishes.map((d) => el("button", {
      type: "button", class: `dish${isSet(d) ? " set" : ""}`, "data-dish": d.id, onclick: () => addDish(d.id),
    }, el("span", { class: "name" }, dishName(d)), el("span", { class: "price" }, yuan(d.price_fen))))));
  }
  lockMenu();
}

export function lockMenu() {
  for (const button of document.querySelectorAll(".dish")) button.disabled = Boolean(state.pending);
}
