/* The presented card's dialogs: report it lost, replace it with a new card; and the resident's
   PIN for their own page (/me). They answer the buttons the resident panel draws. */
import { api } from "./api.js";
import { errorText, showAlert } from "./alerts.js";
import { dropBooking } from "./booking.js";
import { closeDialog, dialogError, hideDialogError, openDialog } from "./dialog.js";
import { $, button, el } from "./dom.js";
import { yuan } from "./money.js";
import { renderOrder } from "./order.js";
import { renderTotals } from "./quote.js";
import { renderResident } from "./resident.js";
import { scan } from "./scan.js";
import { state } from "./state.js";
import { halfWidth, normaliseScan, PASS_PREFIX } from "./text.js";
import { t } from "./words.js";

const CARD_ERRORS = {
  card_exists: "err_card_taken", card_replaced: "err_card_replaced", card_blocked: "err_card_already_blocked",
  card_returned: "err_card_returned", card_not_found: "err_unknown_credential",
};

function cardErrorText(error, invalidKey) {
  if (error.code === "invalid_input" && invalidKey) return t(invalidKey);
  return CARD_ERRORS[error.code] ? t(CARD_ERRORS[error.code]) : errorText(error);
}

// The panel the dialog was opened for: a scan of someone else meanwhile must not be touched.
function samePanel(panel) { return state.panel === panel; }

function openReportLost() {
  const panel = state.panel;
  if (state.pending || !panel || !panel.card_uid || panel.card_status !== "active") return;
  const uid = panel.card_uid;
  const name = panel.resident.name;
  const yes = async () => {
    let already = false;
    try {
      await api("POST", `/cards/${encodeURIComponent(uid)}/lost`, {});
    } catch (error) {
      // Blocked meanwhile (a second press, the resident's own page): the card is blocked all the same.
      if (error.code !== "card_blocked") return dialogError(cardErrorText(error));
      already = true;
    }
    closeDialog();
    if (samePanel(panel)) cardBlocked(panel);
    showAlert(already ? t("err_card_already_blocked") : t("lost_done", { uid }),
              [[t("card_replace"), openReplace, true]], "warn");
  };
  openDialog(t("lost_title", { uid }), el("p", { class: "big", id: "lost-text" }, t("lost_confirm", { uid, name })),
             [button(t("lost_yes"), yes, true, { id: "lost-confirm" }), button(t("cancel"), closeDialog)]);
}

// The card cannot pay any more: drop its presentation and the order taken with it, keep the resident shown.
function cardBlocked(panel) {
  panel.card_status = "lost";
  state.credential = null;
  dropBooking();
  state.lines = [];
  state.picked = -1;
  state.quote = null;
  state.quoteSeq += 1;
  renderResident();
  renderOrder();
  renderTotals();
}

// A scan field inside a dialog: same conventions as the main one (no autocorrect, full-width
// digits from an input method, Enter that ends a composition), and the reader's taps land in it.
function cardInput(id, onEnter) {
  const input = el("input", { id, class: "card-scan", "data-card-scan": true, autocomplete: "off",
                              autocapitalize: "off", autocorrect: "off", spellcheck: "false", enterkeyhint: "done" });
  let composing = false;
  input.addEventListener("input", hideDialogError);
  input.addEventListener("compositionstart", () => { composing = true; });
  input.addEventListener("compositionend", () => { composing = false; });
  input.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    if (!(e.isComposing || composing || e.keyCode === 229)) onEnter();
  });
  return input;
}

// Replace the card shown (or lost); a resident with no card gets a first one (the same button).
function openReplace() {
  const panel = state.panel;
  if (state.pending || !panel || panel.card_status === "replaced") return;
  const uid = panel.card_uid;
  const name = panel.resident.name;
  let sending = false;
  const go = async () => {
    const newUid = normaliseScan(input.value);
    if (!newUid || PASS_PREFIX.test(newUid)) return dialogError(t("err_new_card"));
    if (sending) return;
    sending = true;
    try {
      const { data } = uid
        ? await api("POST", `/cards/${encodeURIComponent(uid)}/replace`, { new_uid: newUid })
        : { data: { new: (await api("POST", "/cards", { resident_id: panel.resident.id, uid: newUid })).data } };
      closeDialog();
      await cardReplaced(panel, data.new.uid, name);
    } catch (error) {
      dialogError(cardErrorText(error, "err_new_card"));
    } finally {
      sending = false;
    }
  };
  const input = cardInput("replace-uid", go);
  const note = uid ? t("replace_note", { uid }) : t("issue_note", { name });
  openDialog(t("replace_title", { name }), [el("p", { id: "replace-note" }, note),
                                            el("label", {}, t("replace_uid"), input)],
             [button(t("replace_yes"), go, true, { id: "replace-confirm" }), button(t("cancel"), closeDialog)]);
}

// Show the resident again through the new card, so the next sale can go straight on.
async function cardReplaced(panel, newUid, name) {
  if (!samePanel(panel) || state.pending) {
    return showAlert(t("replace_done", { uid: newUid, name, balance: yuan(panel.resident.balance_fen) }), [], "warn");
  }
  await scan(newUid, performance.now());
  if (state.panel) {
    showAlert(t("replace_done", { uid: newUid, name, balance: yuan(state.panel.resident.balance_fen) }), [], "warn");
  }
}

function openSetPin() {
  const panel = state.panel;
  if (!panel) return;
  const residentId = panel.resident.id;
  const name = panel.resident.name;
  const pinInput = (id) => el("input", { id, type: "password", inputmode: "numeric", autocomplete: "new-password",
                                         maxlength: 6 });
  const first = pinInput("pin-first");
  const second = pinInput("pin-second");
  for (const input of [first, second]) input.addEventListener("input", hideDialogError);
  const save = async () => {
    const pin = halfWidth(first.value).trim();
    if (!/^[0-9]{4,6}$/.test(pin)) return dialogError(t("err_pin_digits"));
    if (halfWidth(second.value).trim() !== pin) {
      second.value = "";
      second.focus();
      return dialogError(t("err_pin_mismatch"));
    }
    try {
      await api("POST", `/residents/${residentId}/pin`, { pin });
    } catch (error) {
      return dialogError(error.code === "invalid_input" ? t("err_pin_digits") : errorText(error));
    }
    closeDialog();
    showAlert(t("pin_done", { name }), [], "warn");
  };
  first.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); second.focus(); } });
  second.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); save(); } });
  openDialog(t("pin_title", { name }), [el("p", {}, t("pin_help")), el("label", {}, t("pin_first"), first),
                                        el("label", {}, t("pin_second"), second)],
             [button(t("pin_save"), save, true, { id: "pin-save" }), button(t("cancel"), closeDialog)]);
}

// The resident panel's buttons, by id (resident.js draws them; one listener on the panel answers).
const PANEL_BUTTONS = { "card-lost": openReportLost, "card-replace": openReplace, "pin-set": openSetPin };

export function wireCardActions() {
  $("resident").addEventListener("click", (event) => {
    const run = PANEL_BUTTONS[event.target.closest("button")?.id];
    if (run) run();
  });
}
