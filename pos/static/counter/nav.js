/* Moving about the screen by keyboard while a wedge reader's typing still lands in the scan field.

   Tab and Shift+Tab reach every button; the dish grid and the order lines are one Tab stop each, moved
   within by the arrow keys (a roving tabindex: the item last focused keeps the stop). The scan field gets
   the focus back after an action (a click or Enter on a button) and whenever the focus would fall to
   nothing (a redrawn panel, a click on the background). A letter or digit typed while the focus is on
   anything but a text field goes into the scan field, so a card scanned while the cashier is on a button
   is not lost: the first character is put there by hand and the focus moves, so the rest and the Enter
   follow by themselves. */
import { focusScan } from "./dialog.js";
import { $ } from "./dom.js";

const READER_KEY = /^[0-9A-Za-z]$/; // what a card number or a pass starts with; not Space or Enter, which press buttons

function editable(node) {
  if (!node || !node.closest) return false;
  if (node.isContentEditable) return true;
  const field = node.closest("input, textarea, select");
  return Boolean(field) && !["button", "submit", "reset", "checkbox", "radio"].includes(field.type);
}

function dialogOpen() { return $("dialog").open; }

// The focus fell to nothing: give it back to the scan field.
function catchFocus() {
  const active = document.activeElement;
  if (!dialogOpen() && (!active || active === document.body || active === document.documentElement)) focusScan();
}

function typedIntoScan(event) {
  if (dialogOpen() || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  if (!READER_KEY.test(event.key) || event.isComposing || editable(event.target)) return;
  event.preventDefault();
  const input = $("scan");
  focusScan();
  const end = input.value.length;
  input.setRangeText(event.key, end, end, "end");
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

// After a button (or link) outside the dialog did its work, the scan field takes the focus again,
// unless the action moved the focus somewhere on purpose (a dialog, an order line). A key pressed before
// the timer runs (Chromium serves input ahead of timers) may have moved the focus on: that move stands.
function afterAction(event) {
  const actor = event.target.closest && event.target.closest("button, a[href]");
  if (!actor || actor.closest("dialog")) return;
  const focusedAfterClick = document.activeElement;
  setTimeout(() => {
    const active = document.activeElement;
    if (dialogOpen() || (active !== focusedAfterClick && active && active.isConnected)) return;
    if (active === actor || !active || active === document.body || !active.isConnected) focusScan();
  }, 0);
}

// One Tab stop in a group: the current item has tabindex 0, the others -1.
export function roveTo(items, current) {
  const chosen = items.includes(current) ? current : items[0];
  for (const item of items) item.tabIndex = item === chosen ? 0 : -1;
}

function centre(rect) { return (rect.left + rect.right) / 2; }

// The item an arrow key goes to: Left and Right step through the items in order; Up and Down go to the
// nearest item in the next row above or below, closest to the same column.
export function itemTowards(items, from, key) {
  const at = items.indexOf(from);
  if (at < 0) return items[0] || null;
  if (key === "ArrowLeft") return items[at - 1] || null;
  if (key === "ArrowRight") return items[at + 1] || null;
  if (key === "Home") return items[0];
  if (key === "End") return items[items.length - 1];
  const here = from.getBoundingClientRect();
  const down = key === "ArrowDown";
  const beyond = items.map((item) => [item, item.getBoundingClientRect()])
    .filter(([, r]) => (down ? r.top >= here.bottom - 1 : r.bottom <= here.top + 1));
  if (!beyond.length) return null;
  const rowTop = down ? Math.min(...beyond.map(([, r]) => r.top)) : Math.max(...beyond.map(([, r]) => r.top));
  const row = beyond.filter(([, r]) => Math.abs(r.top - rowTop) < 2);
  row.sort(([, a], [, b]) => Math.abs(centre(a) - centre(here)) - Math.abs(centre(b) - centre(here)));
  return row[0][0];
}

const MOVES = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"];

// The dish grid, however menu.js draws it: the buttons .dish inside #menu.
function wireDishGrid() {
  const menu = $("menu");
  const dishes = () => [...menu.querySelectorAll(".dish")].filter((d) => !d.disabled);
  let current = ""; // the dish id of the stop, kept when the menu is drawn again
  const rove = () => {
    const all = [...menu.querySelectorAll(".dish")];
    roveTo(all, all.find((d) => d.dataset.dish === current));
  };
  new MutationObserver(rove).observe(menu, { childList: true, subtree: true });
  menu.addEventListener("focusin", (event) => {
    if (!event.target.classList.contains("dish")) return;
    current = event.target.dataset.dish;
    rove();
  });
  menu.addEventListener("keydown", (event) => {
    if (!MOVES.includes(event.key) || !event.target.classList.contains("dish")) return;
    event.preventDefault();
    const next = itemTowards(dishes(), event.target, event.key);
    if (next) next.focus();
  });
  rove();
}

export function wireNavigation() {
  document.addEventListener("keydown", typedIntoScan, true);
  document.addEventListener("click", afterAction);
  document.addEventListener("focusout", () => setTimeout(catchFocus, 0));
  // A focused element taken out of the page (a panel drawn again) leaves the focus nowhere, without an event.
  new MutationObserver(catchFocus).observe(document.body, { childList: true, subtree: true });
  wireDishGrid();
}
