/* Booking a meal ahead for the shown resident (a phone call, or a word while paying): the day (today, tomorrow,
   the day after), the meal and how it reaches them; sent once with one idempotency key (POST /orders), the
   server's cut-offs and menu checks answering in plain words. The meal is paid for when it is served. */
import { api, newKey } from "./api.js";
import { errorText, showAlert } from "./alerts.js";
import { config } from "./config.js";
import { closeDialog, dialogError, openDialog } from "./dialog.js";
import { button, el } from "./dom.js";
import { yuan } from "./money.js";
import { state } from "./state.js";
import { periodName, t } from "./words.js";

const CHANNELS = ["dine_in", "pick_up", "delivery"];

function addDays(iso, n) {
  const day = new Date(`${iso}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + n);
  return day.toISOString().slice(0, 10);
}

// A row of buttons of which one is chosen (aria-pressed); returns the row and a reader of the choice.
function choice(id, label, options, chosen) {
  let value = chosen;
  const buttons = options.map(([code, text]) => button(text, () => pick(code), false, { "data-value": code }));
  const pick = (code) => {
    value = code;
    for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.value === value));
  };
  pick(chosen);
  return [el("div", { class: "methods", id, role: "group", "aria-label": label }, buttons), () => value];
}

export function openBooking() {
  if (!state.panel || !state.panel.resident) return showAlert(t("err_no_resident"), [], "no_resident");
  const { id: residentId, name } = state.panel.resident;
  const days = [0, 1, 2].map((n) => [addDays(config.today, n), t(`book_day_${n}`, { date: addDays(config.today, n).slice(5) })]);
  const periods = config.served_periods.map((p) => [p, periodName(p)]);
  const [dayRow, day] = choice("book-day", t("book_day"), days, days[1][0]);
  const [mealRow, meal] = choice("book-meal", t("book_meal"), periods,
                                 config.served_periods.includes("lunch") ? "lunch" : config.served_periods[0]);
  const [channelRow, channel] = choice("book-channel", t("book_channel"), CHANNELS.map((c) => [c, t(c)]), "dine_in");
  const key = newKey(); // one booking per dialog, however often Book is pressed
  const book = async () => {
    try {
      const { data } = await api("POST", "/orders", { resident_id: residentId, day: day(), meal_period: meal(),
                                                      channel: channel(), idempotency_key: key });
      closeDialog();
      showAlert(t("booked_done", { name, date: data.day.slice(5), meal: periodName(data.meal_period),
                                   channel: t(data.channel), payable: yuan(data.quote.payable_fen) }), [], "ok");
    } catch (error) {
      dialogError(errorText(error));
    }
  };
  openDialog(t("book_title", { name }),
             [el("p", {}, t("book_note")), dayRow, mealRow, channelRow],
             [button(t("book_confirm"), book, true, { id: "book-confirm" }), button(t("cancel"), closeDialog)]);
}
