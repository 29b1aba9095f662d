/* A meal the resident booked ahead for now, dine-in or pick-up: its dishes are the order when they are
   presented, the quote and the settle go to the order (POST /orders/{id}/quote, /serve), and one Enter serves
   it. The cashier may change the dishes as the resident asks; the change is quoted again and served. */
import { $ } from "./dom.js";
import { state } from "./state.js";
import { t } from "./words.js";

// The booking that came with the resident panel; its dishes become the order unless dishes are on it already.
export function takeBooking(booking) {
  state.booking = booking || null;
  if (state.booking && !state.lines.length) {
    state.lines = state.booking.items.map((item) => ({ dish_id: item.dish_id, qty: item.qty }));
    state.picked = state.lines.length - 1;
  }
  renderBooking();
}

export function dropBooking() {
  state.booking = null;
  renderBooking();
}

export function renderBooking() {
  const note = $("booking");
  note.hidden = !state.booking;
  note.textContent = state.booking
    ? t("booked", { meal: t(state.booking.meal_period), channel: t(state.booking.channel) }) : "";
}

// Where the order is quoted and settled, and with what: a booking by its id, with only its dishes.
export function pricePath() {
  return state.booking ? `/orders/${state.booking.order_id}/quote` : "/sales/quote";
}

export function settlePath() {
  return state.booking ? `/orders/${state.booking.order_id}/serve` : "/sales";
}

// A booking is served with its dishes and the card or pass shown, which the sale keeps as the identification,
// and who collects it if not the resident.
export function bookingBody(body) {
  if (!state.booking) return body;
  return body.proxy_name ? { items: body.items, credential: body.credential, proxy_name: body.proxy_name }
    : { items: body.items, credential: body.credential };
}
