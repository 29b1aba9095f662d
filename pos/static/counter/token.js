/* This counter's terminal token: asked for when there is none or the server refuses it, tried
   against the API, then kept in localStorage. */
import { clearAlert, errorText } from "./alerts.js";
import { closeDialog, dialogError, openDialog } from "./dialog.js";
import { button, el } from "./dom.js";
import { loadDishes } from "./menu.js";
import { state, TOKEN_KEY } from "./state.js";
import { t } from "./words.js";

// onSaved starts the screen again with the new token.
export function askForToken(onSaved, problem) {
  const input = el("input", { id: "terminal-token", autocomplete: "off", value: "" });
  const save = async () => {
    state.token = input.value.trim();
    try {
      await loadDishes();
      localStorage.setItem(TOKEN_KEY, state.token);
      closeDialog();
      clearAlert();
      onSaved();
    } catch (error) {
      dialogError(error.code === "terminal_unauthorized" ? t("err_terminal") : errorText(error));
    }
  };
  input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); save(); } });
  openDialog(t("token_title"), [el("p", {}, t("token_help")), el("label", {}, input)],
             [button(t("token_save"), save, true, { id: "token-save" })]);
  if (problem) dialogError(problem);
}
