/* Who is paying: a scanned card or QR pass looked up and shown, or a walk-in without one. */
import { api } from "./api.js";
import { clearAlert, explain, hideDone, showAlert } from "./alerts.js";
import { focusScan } from "./dialog.js";
import { $, el } from "./dom.js";
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
    state.panel = data;
    state.credential = { presentation: data.presentation };
    state.pending = null;
    renderResident();
    renderOrder(); // dishes picked before the card: marked for this resident's allergens
    warnAllergens(state.lines.map((line) => line.dish_id));
    timings.scan.push(performance.now() - startedAt);
    requestQuote();
  } catch (error) {
    state.panel = null;
    state.credential = null;
    renderResident();
    renderTotals();
    explain(error, () => scan(text, performance.now()));
  }
}

export function walkIn() {
  if (state.pending) return;
  clearAlert();
  hideDone();
  state.panel = null;
  state.credential = { walk_in: true };
  renderResident();
  renderOrder();
  requestQuote();
  if (!state.shift) showAlert(t("shift_needed"), [[t("shift_open"), openShift, true]], "warn");
  focusScan();
}
