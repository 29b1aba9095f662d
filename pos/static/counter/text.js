/* What a keyboard wedge, a QR scanner or a Chinese input method types, made plain before it is read. */

export const PASS_PREFIX = /^(CP1|CS1)-/i; // mirrors cards.qrpass: one-time (CP1) and printed (CS1) passes

// A Chinese input method may hand over full-width characters (０-９, Ａ-Ｚ, －) and ideographic spaces.
export function halfWidth(text) {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");
}

export function normaliseScan(text) {
  return halfWidth(text).replace(/[\u0000-\u001f\u007f]/g, "").trim();
}
