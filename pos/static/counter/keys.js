/* The cashier's commands: Enter in the scan field (scan a card, or settle when it is empty),
   + − ↑ ↓ Del on the marked line, the F-keys (F3 finds a resident without card, F7 filters the dishes) and
   the buttons that do the same; moving about by keyboard is nav.js. */
import { openBooking } from "./bookmeal.js";
import { $ } from "./dom.js";
import { openFilter, wireFilter } from "./filter.js";
import { wireNavigation } from "./nav.js";
import { changeQty, removeLine, updateQtyHint } from "./order.js";
import { scan, walkIn } from "./scan.js";
import { openSearch } from "./search.js";
import { clearAll, settle } from "./settle.js";
import { openShift } from "./shift.js";
import { state } from "./state.js";
import { normaliseScan } from "./text.js";
import { openTopUp } from "./topup.js";
import { openUndo } from "./undo.js";

function submitScan() {
  const startedAt = performance.now();
  const text = normaliseScan($("scan").value);
  $("scan").value = "";
  updateQtyHint();
  if (!text || /^[1-9][0-9]?$/.test(text)) {
    // An empty Enter settles; a lone quantity without a dish means nothing yet.
    if (!text) settle();
    return;
  }
  if (state.pending) return; // no new resident while a sale waits for its answer
  scan(text, startedAt);
}

function onScanKey(event) {
  if (event.key === "Enter") {
    event.preventDefault();
    // Enter that ends a Chinese input method's composition: submit once the text is committed.
    if (event.isComposing || state.composing || event.keyCode === 229) {
      state.enterWhileComposing = true;
      return;
    }
    submitScan();
    return;
  }
  if (event.key === "/" && /^([1-9][0-9]?)?$/.test(normaliseScan($("scan").value))) {
    event.preventDefault(); // "/" finds a dish; a typed quantity stays for the dish found
    openFilter();
    return;
  }
  const empty = $("scan").value === "";
  if (!empty) return;
  const actions = {
    "+": () => changeQty(state.picked, 1), "-": () => changeQty(state.picked, -1),
    ArrowUp: () => changeQty(state.picked, 1), ArrowDown: () => changeQty(state.picked, -1),
    Delete: () => removeLine(state.picked),
  };
  if (actions[event.key] && state.picked >= 0) {
    event.preventDefault();
    actions[event.key]();
  }
}

const GLOBAL_KEYS = { F2: walkIn, F3: () => openSearch(), F4: () => openTopUp(0), F6: openUndo, F7: openFilter,
                      F8: openShift, F9: openBooking, Escape: clearAll };

function onGlobalKey(event) {
  if ($("dialog").open) return; // the dialog handles its own keys (Esc closes it)
  const run = GLOBAL_KEYS[event.key];
  if (run) {
    event.preventDefault();
    run();
  }
}

export function wireKeys() {
  const input = $("scan");
  $("scan-form").addEventListener("submit", (e) => e.preventDefault());
  input.addEventListener("keydown", onScanKey);
  input.addEventListener("input", updateQtyHint);
  input.addEventListener("compositionstart", () => { state.composing = true; });
  input.addEventListener("compositionend", () => {
    state.composing = false;
    if (state.enterWhileComposing) {
      state.enterWhileComposing = false;
      submitScan();
    }
  });
  document.addEventListener("keydown", onGlobalKey);
  wireFilter();
  // Tab and the arrows reach the buttons; the scan field gets the focus back after each action (nav.js).
  wireNavigation();
  $("settle").addEventListener("click", settle);
  $("shift-button").addEventListener("click", openShift);
  const footer = { walk_in: walkIn, find: () => openSearch(), top_up: () => openTopUp(0), undo: openUndo, shift: openShift,
                   book: openBooking, clear: clearAll };
  for (const b of document.querySelectorAll(".keys [data-action]")) b.addEventListener("click", footer[b.dataset.action]);
}
