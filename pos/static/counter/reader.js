/* Live taps from the counter's PC/SC card reader, streamed by the server (EventSource): a tap
   scans the card, and the header shows whether the reader is there.

   The stream's URL carries a single-use ticket from POST /reader/ticket, never the terminal's
   token (a URL lands in proxy logs). EventSource's own reconnect would show the spent ticket
   again, so on any error the stream is closed and opened anew with a fresh ticket, waiting
   longer after each failure in a row (a refused stream, a server away) up to a minute. */
import { showAlert } from "./alerts.js";
import { api } from "./api.js";
import { config } from "./config.js";
import { $ } from "./dom.js";
import { scan } from "./scan.js";
import { state } from "./state.js";
import { t } from "./words.js";

const RETRY_FIRST_MS = 2000;
const RETRY_MOST_MS = 60000;
const SETTLED_MS = 60000; // a stream that lasted this long was not refused: the next failure waits the least again

let current = null; // {source, timer} of the latest listenToReader(): a restarted screen replaces it

export function listenToReader() {
  if (!window.EventSource) return;
  if (current) { clearTimeout(current.timer); if (current.source) current.source.close(); }
  const listening = { source: null, timer: 0 };
  current = listening;
  let wait = RETRY_FIRST_MS;
  const retry = () => {
    listening.timer = setTimeout(connect, wait);
    wait = Math.min(wait * 2, RETRY_MOST_MS);
  };
  const connect = async () => {
    let ticket;
    try {
      ticket = (await api("POST", "/reader/ticket")).data.ticket;
    } catch (error) {
      if (current !== listening) return;
      // A refused token: the screen asks for another and, given it, starts again (and listens again).
      if (error.code === "terminal_unauthorized") { $("reader-status").hidden = true; return; }
      return retry();
    }
    if (current !== listening) return;
    const source = new EventSource(`${config.api}/reader/events?ticket=${encodeURIComponent(ticket)}`);
    let openedAt = 0;
    source.addEventListener("open", () => { openedAt = Date.now(); });
    source.addEventListener("error", () => {
      source.close(); // its own reconnect would spend the same ticket again
      if (current !== listening) return;
      if (!openedAt) $("reader-status").hidden = true; // refused (no reader here, too many screens) or no server
      else if (Date.now() - openedAt >= SETTLED_MS) wait = RETRY_FIRST_MS;
      retry();
    });
    follow(source);
    listening.source = source;
    window.counterReader = source;
  };
  connect();
}

function follow(source) {
  const status = $("reader-status");
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
}
