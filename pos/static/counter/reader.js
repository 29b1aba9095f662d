/* Live taps from the counter's PC/SC card reader, streamed by the server (EventSource): a tap
   scans the card, and the header shows whether the reader is there. */
import { showAlert } from "./alerts.js";
import { config } from "./config.js";
import { $ } from "./dom.js";
import { scan } from "./scan.js";
import { state } from "./state.js";
import { t } from "./words.js";

export function listenToReader() {
  if (!window.EventSource) return;
  const status = $("reader-status");
  const source = new EventSource(`${config.api}/reader/events?token=${encodeURIComponent(state.token)}`);
  const show = (key, ok) => { status.hidden = false; status.textContent = t(key); status.className = `reader${ok ? "" : " off"}`; };
  source.addEventListener("card_inserted", (event) => {
    const data = JSON.parse(event.data);
    const cardField = $("dialog").open && $("dialog").querySelector("[data-card-scan]");
    if (cardField && data.uid) { // the new card of a replacement, tapped while its dialog is open
      cardField.value = data.uid;
      cardField.focus();
      return;
    }
    if ($("dialog").open || state.pending || !data.uid) return;
    $("scan").value = "";
    scan(data.uid, performance.now());
  });
  source.addEventListener("card_error", () => showAlert(t("card_error"), [], "card_error"));
  source.addEventListener("reader_online", () => show("reader_online", true));
  source.addEventListener("reader_offline", () => show("reader_offline", false));
  source.addEventListener("pcsc_unavailable", () => show("reader_unavailable", false));
  source.addEventListener("status", (event) => {
    let data;
    try { data = JSON.parse(event.data); } catch (exc) { return; }
    if (data.enabled === false) { status.hidden = true; return; } // this counter has no reader
    if (data.pcsc_available === false) return show("reader_unavailable", false);
    const online = (data.readers || []).some((reader) => reader.online);
    if (online) show("reader_online", true);
    else if (data.watching) show("reader_offline", false);
  });
  // A refused stream (no reader here, too many screens) is not worth retrying every two seconds.
  source.addEventListener("error", () => { if (source.readyState === EventSource.CLOSED) status.hidden = true; });
  window.counterReader = source;
}
