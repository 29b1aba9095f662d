/* What the screen holds between events, shared by every module, and the timings the tests read. */

export const TOKEN_KEY = "canteen.terminalToken";

export const state = {
  token: localStorage.getItem(TOKEN_KEY) || "",
  dishes: [],
  dishById: new Map(),
  panel: null, // the resident panel from /credentials/present
  credential: null, // {presentation} or {walk_in: true}
  booking: null, // the resident's booked meal of now ({order_id, meal_period, channel, items}): served, not sold
  walkInMethod: "cash",
  lines: [], // [{dish_id, qty}]
  picked: -1, // the marked line, for + − Del
  quote: null,
  quoteSeq: 0,
  pending: null, // {key, body}: a settle without a definite answer yet
  busy: false,
  lastSale: null, // {sale_id, receipt_no, at, paid_fen, walk_in}
  shift: null,
  composing: false,
  enterWhileComposing: false,
};

// Timings measured in the page, read by the end-to-end tests.
export const timings = { scan: [], settle: [] };
window.counterTimings = timings;
