/* The one <dialog> that every form opens in (top-up, undo, shift, token, cards), and the scan
   field's focus, which comes back whenever no dialog is open. */
import { $ } from "./dom.js";

let dialogDone = null; // run once when the open dialog closes, however it closes

export function openDialog(title, body, actions, onClose) {
  $("dialog-title").textContent = title;
  $("dialog-body").replaceChildren(...[body].flat().filter(Boolean));
  $("dialog-actions").replaceChildren(...actions);
  $("dialog-error").hidden = true;
  dialogDone = onClose || null;
  const dialog = $("dialog");
  if (!dialog.open) dialog.showModal();
  const input = dialog.querySelector("input");
  (input || dialog.querySelector("button.primary") || dialog).focus();
}

export function closeDialog() {
  const dialog = $("dialog");
  if (dialog.open) dialog.close();
}

export function dialogError(text) {
  $("dialog-error").textContent = text;
  $("dialog-error").hidden = false;
}

export function hideDialogError() { $("dialog-error").hidden = true; }

// The scan field keeps the focus: a wedge reader types wherever the focus is.
export function focusScan() {
  if (!$("dialog").open) $("scan").focus({ preventScroll: true });
}

export function wireDialog() {
  $("dialog").addEventListener("close", () => {
    const done = dialogDone;
    dialogDone = null;
    if (done) done();
    focusScan();
  });
}
