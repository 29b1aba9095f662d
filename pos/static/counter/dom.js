/* Small helpers for building the page: find an element by id, make one with attributes and children. */

export const $ = (id) => document.getElementById(id);

// Attributes named on… become listeners; false and null leave the attribute out.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value !== false && value != null) node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child != null && child !== false) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function button(label, run, primary = false, attrs = {}) {
  return el("button", { type: "button", class: primary ? "primary" : "", onclick: run, ...attrs }, label);
}
