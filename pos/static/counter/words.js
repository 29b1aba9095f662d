/* The screen's words: all come translated from the page (config.messages); none are written in the scripts. */
import { config } from "./config.js";

const M = config.messages;

// t("subsidy_used", {period, amount}) fills the {period} and {amount} of the translated text.
export function t(key, params = {}) {
  return (M[key] || key).replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

export function periodName(period) { return t(period); }

export function dishName(dish) { return config.locale === "en" && dish.name_en ? dish.name_en : dish.name; }
