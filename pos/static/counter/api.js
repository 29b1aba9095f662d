/* The JSON API at /api/v1, called with this counter's bearer token (the staff member is the session
   cookie of /login), and the request ids that make a retried payment safe. */
import { config } from "./config.js";
import { state } from "./state.js";

const REQUEST_TIMEOUT_MS = 8000;

export class ApiError extends Error {
  // field: the code of the body's field a refusal is about (the message names it in words, or not at all).
  constructor(status, code, message, field) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.field = field || "";
  }
  // status 0 is no answer at all (network down, timed out).
  get retryable() { return this.status === 0 || this.status >= 500; }
}

export async function api(method, path, body) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  let response;
  try {
    response = await fetch(config.api + path, {
      method, credentials: "same-origin", signal: controller.signal,
      headers: { Authorization: `Bearer ${state.token}`, "Content-Type": "application/json",
                 Accept: "application/json", "Accept-Language": config.locale },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (exc) {
    throw new ApiError(0, "network", String(exc));
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  try { data = await response.json(); } catch (exc) { data = null; }
  if (!response.ok) {
    const error = (data && data.error) || {};
    throw new ApiError(response.status, error.code || `http_${response.status}`, error.message, error.field);
  }
  return { status: response.status, data };
}

// A request id no retry changes. crypto.randomUUID needs a secure context (https or localhost);
// a counter on the canteen's LAN over plain http has only getRandomValues.
export function newKey() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
