/* The dish panel: the day's set meal as one button, the canteen's favourites, then the period's dishes
   grouped by set-meal position (GET /menu/counter), or the dishes a typed filter finds. Locked while a
   sale waits for its answer; reloaded when the panel's version changes (polled, see watchMenu). */
import { api } from "./api.js";
import { config } from "./config.js";
import { $, el } from "./dom.js";
import { yuan } from "./money.js";
import { addDish, addDishes } from "./order.js";
import { state } from "./state.js";
import { dishName, periodName, t } from "./words.js";

const MAX_MATCHES = 24;
const MANY = 24; // more dishes than this (no published menu): smaller buttons and a row to jump to a group
let panel = { groups: [], favourites: [], set_meal: null, version: "" };
let filterText = "";
let watching = false;

export async function loadDishes() {
  const [dishes, menu] = await Promise.all([api("GET", "/dishes"), api("GET", "/menu/counter")]);
  state.dishes = dishes.data;
  state.dishById = new Map(dishes.data.map((d) => [d.id, d]));
  panel = menu.data;
  if (config.meal_period !== panel.meal_period) {
    config.meal_period = panel.meal_period; // the counter stayed open into the next meal
    $("period").textContent = periodName(panel.meal_period);
  }
  renderMenu();
  watchMenu();
}

// An open counter asks every half minute whether its panel changed: one small indexed query on the server,
// a 30-byte answer, and a reload of the panel only when a menu was published or changed, a dish went on or
// off sale, a price changed, or the next meal began. Polling needs nothing kept open, unlike a stream.
function watchMenu() {
  if (watching) return;
  watching = true;
  setInterval(async () => {
    try {
      const { data } = await api("GET", "/menu/counter/version");
      if (data.version !== panel.version) await loadDishes();
    } catch (error) {
      // no answer now: the next poll asks again; the cashier's work goes on with the panel as it is
    }
  }, config.menu_poll_ms || 30000);
}

function dishButton(dish, attrs = {}) {
  return el("button", { type: "button", class: `dish${dish.category === "set" ? " set" : ""}`, "data-dish": dish.id,
                        onclick: () => tapDish(dish.id), ...attrs },
    el("span", { class: "name" }, dishName(dish)), el("span", { class: "price" }, yuan(dish.price_fen)));
}

function tapDish(dishId) {
  if (filterText) clearFilter();
  addDish(dishId);
}

function setMealButton(meal) {
  const dishes = meal.dish_ids.map((id) => state.dishById.get(id)).filter(Boolean);
  return el("button", { type: "button", class: "dish set-meal", "data-set-meal": "",
                        onclick: () => addDishes(dishes.map((d) => d.id)) },
    el("span", { class: "name" }, t("set_meal_today"), meal.name ? el("small", {}, meal.name) : null),
    el("span", { class: "parts" }, dishes.map(dishName).join(t("list_separator"))),
    el("span", { class: "price" }, t("set_meal_dishes", { count: dishes.length }), " ", yuan(meal.price_fen)));
}

function section(key, title, buttons) {
  return [el("h3", { "data-group": key }, title), el("div", { class: "dishes", "data-group": key }, buttons)];
}

// Offered dishes first, in panel order, then any other dish on sale; initials that begin with the text first.
function matches(text) {
  const offered = panel.groups.flatMap((g) => g.dish_ids);
  const rank = new Map(offered.map((id, i) => [id, i]));
  const found = state.dishes.filter((d) => (d.initials || "").includes(text) || d.name.toLowerCase().includes(text)
    || (d.name_en || "").toLowerCase().includes(text) || d.code.toLowerCase().includes(text));
  const order = (d) => [(d.initials || "").startsWith(text) ? 0 : 1, rank.has(d.id) ? rank.get(d.id) : 1e6];
  return found.map((d) => [order(d), d]).sort((a, b) => a[0][0] - b[0][0] || a[0][1] - b[0][1])
    .map(([, d]) => d).slice(0, MAX_MATCHES);
}

// A row of the groups' names: a tap scrolls the long list to that group.
function jumpRow(groups) {
  return el("nav", { class: "menu-jump" }, groups.map(([key, title]) => el("button", {
    type: "button", "data-jump": key,
    onclick: () => document.querySelector(`#menu h3[data-group="${key}"]`).scrollIntoView({ block: "start" }),
  }, title)));
}

function renderFound(menu) {
  const found = matches(filterText);
  menu.classList.remove("many");
  menu.replaceChildren(...(found.length ? section("matches", t("dish_matches"), found.map((d, i) => dishButton(d, {
    class: i === 0 ? "dish first" : "dish" }))) // the first is the one Enter takes
    : [el("p", { class: "no-match" }, t("no_dish_match", { text: filterText }))]));
}

function renderMenu() {
  $("menu-title").textContent = t("menu_of", { period: periodName(config.meal_period) });
  const menu = $("menu");
  if (filterText) {
    renderFound(menu);
    lockMenu();
    return;
  }
  const groups = panel.groups.map((g) => [g.category, g.dish_ids.map((id) => state.dishById.get(id)).filter(Boolean)])
    .filter(([, dishes]) => dishes.length);
  const many = !panel.published && groups.reduce((n, [, dishes]) => n + dishes.length, 0) > MANY;
  const parts = [];
  if (many) parts.push(jumpRow(groups.map(([key]) => [key, t(`cat_${key}`)])));
  if (panel.set_meal) parts.push(el("div", { class: "dishes set-meals" }, setMealButton(panel.set_meal)));
  const favourites = panel.favourites.map((id) => state.dishById.get(id)).filter(Boolean);
  if (favourites.length && !panel.published) {
    // the buttons below carry data-dish; these are the same dishes again, found by data-favourite
    parts.push(...section("favourites", t("favourites"), favourites.map((d) => dishButton(d, {
      "data-dish": null, "data-favourite": d.id, class: "dish favourite" }))));
  }
  if (panel.published) {
    // a published meal is a handful of dishes in serving order: one row, no heading per position
    parts.push(...section("published", t("dishes"), groups.flatMap(([, dishes]) => dishes).map((d) => dishButton(d))));
  } else {
    for (const [key, dishes] of groups) parts.push(...section(key, t(`cat_${key}`), dishes.map((d) => dishButton(d))));
  }
  menu.classList.toggle("many", many);
  menu.replaceChildren(...(groups.length || panel.set_meal ? parts : [el("p", {}, t("no_dishes"))]));
  lockMenu();
}

// The filter field's text, lower case; the panel shows the dishes it finds until it is cleared.
export function filterDishes(text) {
  filterText = text.trim().toLowerCase();
  renderMenu();
}

export function clearFilter() {
  $("dish-filter").value = "";
  filterDishes("");
}

// The dish Enter in the filter field takes: the first found.
export function firstMatch() {
  return filterText ? matches(filterText)[0] || null : null;
}

export function lockMenu() {
  for (const button of document.querySelectorAll(".dish")) button.disabled = Boolean(state.pending);
}
