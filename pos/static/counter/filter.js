/* Finding a dish by typing: "/" (in the empty scan field, or after a typed quantity) or F7 moves to the
   filter field; pinyin initials (hsr for hong shao rou), part of the name or the code narrow the dish panel; Enter
   takes the first dish found, Esc returns to the scan field, and so does a quarter minute without typing.
   The scan field stays the home of the focus because a wedge reader types wherever the focus is: should a
   card arrive here while no dish matches, Enter reads it as a scan all the same. */
import { focusScan } from "./dialog.js";
import { $ } from "./dom.js";
import { clearFilter, filterDishes, firstMatch } from "./menu.js";
import { addDish } from "./order.js";
import { scan } from "./scan.js";
import { state } from "./state.js";
import { normaliseScan } from "./text.js";

const IDLE_MS = 15000;
let idle = null;

export function openFilter() {
  if ($("dialog").open) return;
  $("dish-filter").focus();
  $("dish-filter").select();
  waitForTyping();
}

function backToScan() {
  clearTimeout(idle);
  clearFilter();
  focusScan();
}

function waitForTyping() {
  clearTimeout(idle);
  idle = setTimeout(() => { if (document.activeElement === $("dish-filter")) backToScan(); }, IDLE_MS);
}

function onFilterKey(event) {
  if (event.key === "Escape") {
    event.preventDefault();
    event.stopPropagation(); // Esc here leaves the filter; it does not clear the order
    backToScan();
    return;
  }
  if (event.key !== "Enter" || event.isComposing || event.keyCode === 229) return;
  event.preventDefault();
  const dish = firstMatch();
  const text = normaliseScan($("dish-filter").value);
  backToScan();
  if (dish) addDish(dish.id); // the quantity typed in the scan field before "/" still counts
  else if (text && !state.pending) scan(text, performance.now());
}

export function wireFilter() {
  const input = $("dish-filter");
  input.addEventListener("keydown", onFilterKey);
  input.addEventListener("input", () => {
    filterDishes(input.value);
    waitForTyping();
  });
  input.addEventListener("focus", waitForTyping);
  // Like the scan field: focus lost to nothing (a tap on the page) goes back to the scan field.
  input.addEventListener("blur", () => setTimeout(() => {
    const active = document.activeElement;
    if (!$("dialog").open && (!active || active === document.body)) focusScan();
  }, 0));
}
