/* The cashier screen, started here. Every action goes through the JSON API at /api/v1 with this
   counter's bearer token; the staff member is the session cookie of /login. All words come
   translated from the page (config.messages): none are written in these scripts.

   Each module imports only modules listed after it, so there is no import loop:
     keys.js      the cashier's commands: Enter, + − Del, / F2 F4 F6 F7 F8 F9 Esc and their buttons
     filter.js    finding a dish by typing its pinyin initials (/ or F7)
     settle.js    paying for the order (one idempotency key across retries), the receipt, the next resident
     token.js     this counter's terminal token
     cards.js     the presented card: report it lost, replace it; the resident's PIN
     reader.js    taps on the PC/SC card reader
     menu.js      the dish panel: set meal, favourites, dishes by position; reloaded when the menu changes
     scan.js      who pays: a card, a QR pass or a walk-in
     search.js    a resident without card: found by name or ID digits, settled after an ID card check
     proxy.js     a meal collected for the resident by someone the cashier names
     order.js     the order's lines
     undo.js, topup.js, shift.js, bookmeal.js   the other dialogs
     receipt.js   the settled sale's receipt on screen: print again, PDF; the header's printer notice
     quote.js     the order's price, and whether it may be settled
     booking.js   a meal booked ahead for now: its dishes, quoted and served by its order
     resident.js  the resident panel
     nav.js       moving about by keyboard (Tab, arrows), and the focus coming back to the scan field
     alerts.js, dialog.js          the alert box; the one <dialog> and the scan field's focus
     api.js, words.js, money.js, state.js, text.js, dom.js, config.js   shared helpers */
import { explain, onTerminalRefused } from "./alerts.js";
import { wireCardActions } from "./cards.js";
import { config } from "./config.js";
import { focusScan, wireDialog } from "./dialog.js";
import { $ } from "./dom.js";
import { wireKeys } from "./keys.js";
import { loadDishes } from "./menu.js";
import { renderOrder } from "./order.js";
import { renderTotals } from "./quote.js";
import { wireReceiptNotices } from "./receipt.js";
import { listenToReader } from "./reader.js";
import { renderResident } from "./resident.js";
import { refreshShift } from "./shift.js";
import { wireProxy } from "./proxy.js";
import { wireSearch } from "./search.js";
import { state } from "./state.js";
import { askForToken } from "./token.js";
import { updateUndo } from "./undo.js";
import { periodName } from "./words.js";

async function start() {
  if (!state.token) return askForToken(start);
  try {
    await loadDishes();
  } catch (error) {
    return explain(error, start);
  }
  renderResident();
  renderOrder();
  renderTotals();
  updateUndo();
  listenToReader();
  focusScan();
  await refreshShift(); // the header says whether a shift is open before the page calls itself ready
  document.body.dataset.ready = "true";
}

// A refused token asks for another, then starts again.
onTerminalRefused((problem) => askForToken(start, problem));

$("period").textContent = periodName(config.meal_period);
wireKeys();
wireDialog();
wireCardActions();
wireSearch();
wireProxy();
wireReceiptNotices();
setInterval(updateUndo, 5000); // a cashier's undo runs out with time
renderResident();
renderOrder();
start();
