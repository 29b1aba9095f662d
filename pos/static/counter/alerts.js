/* What the cashier is told above the resident panel: the alert box (errors in plain words, with
   what to do next) and hiding the last sale's note when the next one begins. */
import { config } from "./config.js";
import { $, el } from "./dom.js";
import { t } from "./words.js";

export function showAlert(text, actions = [], kind = "error") {
  $("alert-text").textContent = text;
  const box = $("alert-actions");
  box.replaceChildren(...actions.map(([label, run, primary]) =>
    el("button", { type: "button", class: primary ? "primary" : "", onclick: run }, label)));
  $("alert").className = `alert ${kind === "warn" || kind === "ok" ? kind : ""}`;  // ok: done, nothing wrong
  $("alert").hidden = false;
  $("alert").dataset.code = kind;
}

export function clearAlert() {
  $("alert").hidden = true;
  $("alert").dataset.code = "";
}

export function hideDone() { $("done").hidden = true; }

const CODE_MESSAGES = {
  unknown_credential: "err_unknown_credential", card_blocked: "err_card_blocked", qr_expired: "err_qr_expired",
  qr_reused: "err_qr_reused", qr_revoked: "err_qr_revoked", qr_invalid: "err_qr_invalid",
  presentation_expired: "err_presentation", presentation_invalid: "err_presentation", forbidden: "err_forbidden",
};

// A refused terminal token asks for a new one. The asking is set from counter.js: it restarts
// the whole screen, and importing it here would make an import loop.
let askForToken = () => {};

export function onTerminalRefused(handler) { askForToken = handler; }

export function explain(error, retry) {
  if (error.status === 0) return showAlert(t("err_network"), retry ? [[t("retry"), retry, true]] : [], error.code);
  if (error.status >= 500) return showAlert(t("err_server"), retry ? [[t("retry"), retry, true]] : [], error.code);
  if (error.code === "terminal_unauthorized") return askForToken(t("err_terminal"));
  if (error.status === 401) {
    return showAlert(t("err_signed_out"), [[t("sign_in"), () => { location.href = config.login; }, true]], error.code);
  }
  if (error.code === "invalid_input" && error.field.startsWith("credential")) {
    return showAlert(t("err_not_a_card"), [], error.code);
  }
  const key = CODE_MESSAGES[error.code];
  return showAlert(key ? t(key) : error.message, [], error.code);
}

// The same words for an error shown inside a dialog, which has its own error line.
export function errorText(error) {
  if (error.status === 0) return t("err_network");
  if (error.status >= 500) return t("err_server");
  const key = CODE_MESSAGES[error.code];
  return key ? t(key) : error.message;
}
