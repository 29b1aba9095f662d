/* A meal collected for the resident by someone else: the cashier types who, the panel says so, and the
   sale and its service record keep the name (identified as a proxy). It belongs to the resident shown: a new
   scan or the next resident drops it with the panel. */
import { closeDialog, dialogError, openDialog } from "./dialog.js";
import { $, button, el } from "./dom.js";
import { renderResident } from "./resident.js";
import { state } from "./state.js";
import { t } from "./words.js";

const MAX_NAME = 40; // as the server reads it (pos/sales/orders.py)

function askForProxy() {
  const panel = state.panel;
  const input = el("input", { id: "proxy-name", maxlength: String(MAX_NAME), autocomplete: "off",
                              value: panel.proxy_name || "" });
  const take = () => {
    const name = input.value.split(/\s+/).filter(Boolean).join(" ");
    if (!name) return dialogError(t("err_proxy_name"));
    if (state.panel !== panel) return closeDialog(); // another resident came meanwhile
    panel.proxy_name = name;
    closeDialog();
    renderResident();
  };
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      take();
    }
  });
  openDialog(t("proxy_title", { name: panel.resident.name }),
             el("label", {}, t("proxy_name_label"), input),
             [button(t("proxy_confirm"), take, true, { id: "proxy-confirm" }), button(t("cancel"), closeDialog)]);
}

// The panel's "Collected by someone else" and "The resident is here" buttons: resident.js draws them.
export function wireProxy() {
  $("resident").addEventListener("click", (event) => {
    const id = event.target.closest("button")?.id;
    if (!state.panel || state.pending || !state.credential) return;
    if (id === "proxy") askForProxy();
    if (id === "proxy-clear") {
      delete state.panel.proxy_name;
      renderResident();
    }
  });
}
