/* A resident without card or pass (lost, forgotten): found by name, pinyin initials or the last four
   digits of the ID or phone number, then settled after the cashier checks their ID card, or after the
   resident types their PIN. The server gives a presentation to settle with, and the sale records how. */
import { api } from "./api.js";
import { clearAlert, errorText, hideDone } from "./alerts.js";
import { takeBooking } from "./booking.js";
import { closeDialog, dialogError, hideDialogError, openDialog } from "./dialog.js";
import { $, button, el } from "./dom.js";
import { renderOrder } from "./order.js";
import { requestQuote } from "./quote.js";
import { renderResident } from "./resident.js";
import { state } from "./state.js";
import { halfWidth } from "./text.js";
import { t } from "./words.js";

const TYPING_PAUSE_MS = 250; // search once the cashier pauses, not at every key

export function openSearch(startText = "") {
  if (state.pending) return; // no new resident while a sale waits for its answer
  const input = el("input", { id: "search-text", autocomplete: "off", autocapitalize: "off", autocorrect: "off",
                              spellcheck: "false", enterkeyhint: "search", role: "combobox",
                              "aria-controls": "search-results", "aria-expanded": "false", value: startText });
  const list = el("ul", { id: "search-results", class: "search-results", role: "listbox" });
  const note = el("p", { id: "search-note", class: "help" }, t("search_pick"));
  const found = { text: null, rows: [], picked: -1 };
  let timer = null;
  let seq = 0;
  let composing = false;

  const search = async () => {
    clearTimeout(timer);
    const text = halfWidth(input.value).trim();
    const mine = ++seq;
    if (!text) return show(text, { residents: [], total: 0 });
    try {
      const { data } = await api("GET", `/counter/residents?q=${encodeURIComponent(text)}`);
      if (mine === seq) show(text, data);
    } catch (error) {
      if (mine === seq) dialogError(errorText(error));
    }
  };
  const show = (text, data) => {
    hideDialogError();
    found.text = text;
    found.rows = data.residents;
    found.picked = data.residents.findIndex((r) => r.may_settle);
    list.replaceChildren(...data.residents.map((r, n) => row(r, n, () => { found.picked = n; take(); })));
    input.setAttribute("aria-expanded", String(data.residents.length > 0));
    if (text && !data.residents.length) note.textContent = t("search_none");
    else if (data.total > data.residents.length) note.textContent = t("search_more", { total: data.total, shown: data.residents.length });
    else note.textContent = t("search_pick");
    mark();
  };
  const mark = () => {
    [...list.children].forEach((item, n) => item.setAttribute("aria-selected", String(n === found.picked)));
    const item = list.children[found.picked];
    if (item) {
      input.setAttribute("aria-activedescendant", item.id);
      item.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };
  // The next resident who may be settled, up or down, round the list.
  const move = (step) => {
    const n = found.rows.length;
    let at = found.picked < 0 ? (step > 0 ? -1 : 0) : found.picked;
    for (let tries = 0; tries < n; tries += 1) {
      at = (at + step + n) % n;
      if (found.rows[at].may_settle) break;
    }
    if (n && found.rows[at].may_settle) found.picked = at;
    mark();
  };
  const take = () => {
    const resident = found.rows[found.picked];
    if (resident && resident.may_settle) confirmIdentity(resident, () => openSearch(input.value));
  };

  input.addEventListener("compositionstart", () => { composing = true; });
  input.addEventListener("compositionend", () => { composing = false; });
  input.addEventListener("input", () => {
    hideDialogError();
    clearTimeout(timer);
    timer = setTimeout(search, TYPING_PAUSE_MS);
  });
  input.addEventListener("keydown", (e) => {
    if (e.isComposing || composing || e.keyCode === 229) return; // the input method's own keys
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      move(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      // The list for what is typed now: take the marked resident; else search first.
      if (found.text === halfWidth(input.value).trim() && found.picked >= 0) take();
      else search();
    }
  });
  openDialog(t("search_title"), [el("label", {}, t("search_label"), input), list, note],
             [button(t("cancel"), closeDialog)]);
  if (startText) search();
}

function row(r, n, choose) {
  const facts = [r.id_number, r.phone ? `${t("phone_label")} ${r.phone}` : null, t("age", { age: r.age })]
    .filter(Boolean).join(" · ");
  const item = el("li", { id: `search-row-${n}`, role: "option", "data-resident": r.id,
                          "aria-disabled": String(!r.may_settle), class: r.may_settle ? "" : "not-here" },
    el("strong", {}, r.name), el("span", { class: "facts" }, facts),
    r.may_settle ? null : el("span", { class: "note" }, t("search_not_here")));
  if (r.may_settle) item.addEventListener("click", choose);
  return item;
}

// The cashier compares the ID card with the resident before anything can be settled for them.
// back: where "Back" goes (the search again); none from the panel of a lost card.
export function confirmIdentity(resident, back) {
  if (state.pending) return;
  const name = resident.name;
  let sending = false;
  const yes = async () => {
    if (sending) return;
    sending = true;
    try {
      const { data } = await api("POST", "/credentials/identity-check", { resident_id: resident.id });
      closeDialog();
      identityChecked(data);
    } catch (error) {
      dialogError(errorText(error));
    } finally {
      sending = false;
    }
  };
  openDialog(t("identity_title", { name }),
             el("p", { class: "big", id: "identity-text" },
                t("identity_compare", { name, id_number: resident.id_number, age: resident.age })),
             [button(t("identity_yes"), yes, true, { id: "identity-confirm" }),
              button(t("pin_instead"), () => askForPin(resident, back), false, { id: "identity-pin" }),
              button(back ? t("back") : t("cancel"), back || closeDialog)]);
}

// Instead of the ID card, the resident types their PIN (the one for their own page) at the counter.
function askForPin(resident, back) {
  const input = el("input", { id: "counter-pin", type: "password", inputmode: "numeric", maxlength: "6",
                              autocomplete: "off" });
  let sending = false;
  const send = async () => {
    if (sending) return;
    const pin = halfWidth(input.value).trim();
    if (!/^[0-9]{4,6}$/.test(pin)) return dialogError(t("err_pin_digits"));
    sending = true;
    try {
      const { data } = await api("POST", "/credentials/pin-check", { resident_id: resident.id, pin });
      closeDialog();
      identityChecked(data);
    } catch (error) {
      input.value = "";
      dialogError(errorText(error));
    } finally {
      sending = false;
    }
  };
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
  openDialog(t("pin_check_title", { name: resident.name }), el("label", {}, t("pin_label"), input),
             [button(t("pin_confirm"), send, true, { id: "pin-confirm" }),
              button(t("back"), () => confirmIdentity(resident, back))]);
}

// As a scan would: the resident shown with the presentation to quote and settle with.
function identityChecked(data) {
  if (state.pending) return;
  clearAlert();
  hideDone();
  state.panel = data;
  state.credential = { presentation: data.presentation };
  takeBooking(data.booking);
  renderResident();
  renderOrder();
  requestQuote();
}

// The panel's "Check ID card" button (a card reported lost cannot pay): resident.js draws it.
export function wireSearch() {
  $("resident").addEventListener("click", (event) => {
    if (event.target.closest("button")?.id !== "identity-check" || !state.panel) return;
    const r = state.panel.resident;
    confirmIdentity({ id: r.id, name: r.name, id_number: r.id_number, age: r.age });
  });
}
