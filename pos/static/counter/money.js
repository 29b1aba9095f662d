/* Money is whole fen, never a float: shown as ¥12.50, and typed by the cashier as 12.5 or 12.50. */
import { halfWidth } from "./text.js";

export function yuan(fen) {
  const minus = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${minus}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

// null when the text is not an amount of at most six digits and two decimals.
export function fenFromYuan(text) {
  const clean = halfWidth(text).trim();
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(clean)) return null;
  const [whole, part = ""] = clean.split(".");
  return Number(whole) * 100 + Number(part.padEnd(2, "0"));
}

// A limit inside a sentence whose words say "yuan": 500000 -> "5,000.00", as the server writes it.
export function yuanFigure(fen) {
  const whole = String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${whole}.${String(fen % 100).padStart(2, "0")}`;
}
