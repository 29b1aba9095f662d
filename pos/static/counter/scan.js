/* Who is paying: a scanned card or QR pass looked up and shown, or a walk-in without one. A different
   resident presented while the order has dishes is asked about first: the dishes may be the last one's. */
import { api } from "./api.js";
import { clearAlert, explain, hideDone, showAlert } from "./alerts.js";
import { dropBooking, takeBooking } from "./booking.js";
import { closeDialog, focusScan, openDialog } from "./dialog.js";
import { $, button, el } from "./dom.js";
import { renderOrder, warnAllergens } from "./order.js";
import { requestQuote, renderTotals } from "./quote.js";
import { renderResident } from "./resident.js";
import { openShift } from "./shift.js";
import { state, timings } from "./state.js";
import { PASS_PREFIX } from "./text.js";
import { t } from "./words.js";

function credentialFor(text) {
  return PASS_PREFIX.test(text) ? { qr: text.toUpperCase() } : { card_uid: text };
}

export async function scan(text, startedAt) {
  clearAlert();
  hideDone();
  $("resident").replaceChildren(el("p", { class: "placeholder" }, t("looking_up")));
  try {
    const { data } = await api("POST", "/credentials/present", { credential: credentialFor(text) });
    if (otherResident(data)) return askAboutOrder(data);
    present(data);
    timings.scan.push(performance.now() - startedAt);
  } catch (error) {
    state.panel = null;
    state.credential = null;
    dropBooking();
    renderResident();
    renderTotals();
    explain(error, () => scan(text, performance.now()));
  }
}

function blockedCard(data) {
  const words = { uid: data.card_uid, name: data.resident.name };
  showAlert(t(data.card_status === "replaced" ? "card_replaced_alert" : "card_lost_alert", words), [], "card_blocked");
}

function present(data) {
  state.panel = data;
  // A card reported lost shows whose it is, but comes with no presentation: it never pays.
  state.credential = data.presentation ? { presentation: data.presentation } : null;
  state.pending = null;
  takeBooking(data.booking);
  renderResident();
  renderOrder(); // dishes picked before the card: marked for this resident's allergens
  warnAllergens(state.lines.map((line) => line.dish_id));
  requestQuote();
  if (!data.presentation) blockedCard(data);
}

// The same resident again keeps the order; so does the first resident of an order taken before any card.
function otherResident(data) {
  return state.lines.length > 0 && state.panel !== null && state.panel.resident.id !== data.resident.id;
}

// No button is the primary one: a wedge scan's Enter in this dialog must not choose for the cashier.
// Closing it any other way (Esc, Cancel) keeps the resident shown and the order as they were.
function askAboutOrder(data) {
  const name = data.resident.name;
  renderResident(); // the one shown until the cashier chooses
  const choose = (clear) => () => {
    closeDialog();
    if (clear) { state.lines = []; state.picked = -1; renderOrder(); }
    present(data);
  };
  openDialog(t("other_resident_title", { name }),
    el("p", {}, t("other_resident_note", { previous: state.panel.resident.name })),
    [button(t("other_resident_keep", { name }), choose(false), false, { id: "other-resident-keep" }),
     button(t("other_resident_new", { name }), choose(true), false, { id: "other-resident-new" }),
     button(t("cancel"), closeDialog, false, { id: "other-resident-cancel" })]);
}

export function walkIn() {
  if (state.pending) return;
  clearAlert();
  hideDone();
  state.panel = null;
  state.credential = { walk_in: true };
  dropBooking();
  renderResident();
  renderOrder();
  requestQuote();
  if (!state.shift) showAlert(t("shift_needed"), [[t("shift_open"), openShift, true]], "warn");
  focusScan();
}
