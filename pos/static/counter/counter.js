/* The cashier screen. Every action goes through the JSON API at /api/v1 with this
   counter's bearer token; the staff member is the session cookie of /login.
   All words come translated from the page (config.messages): none are written here. */
(() => {
  "use strict";

  const config = JSON.parse(document.getElementById("counter-config").textContent);
  const M = config.messages;
  const TOKEN_KEY = "canteen.terminalToken";
  const PASS_PREFIX = /^(CP1|CS1)-/i; // mirrors cards.qrpass: one-time (CP1) and printed (CS1) passes
  const RETRY_DELAYS_MS = [250, 1000]; // automatic retries of a settle before asking the cashier
  const REQUEST_TIMEOUT_MS = 8000;
  const $ = (id) => document.getElementById(id);

  const state = {
    token: localStorage.getItem(TOKEN_KEY) || "",
    dishes: [],
    dishById: new Map(),
    panel: null, // the resident panel from /credentials/present
    credential: null, // {presentation} or {walk_in: true}
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
  window.counterTimings = { scan: [], settle: [] };

  /* ---------- words and money ---------- */

  function t(key, params = {}) {
    return (M[key] || key).replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
  }

  function yuan(fen) {
    const minus = fen < 0 ? "-" : "";
    const abs = Math.abs(fen);
    return `${minus}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
  }

  function fenFromYuan(text) {
    const clean = halfWidth(text).trim();
    if (!/^\d{1,6}(\.\d{1,2})?$/.test(clean)) return null;
    const [whole, part = ""] = clean.split(".");
    return Number(whole) * 100 + Number(part.padEnd(2, "0"));
  }

  function el(tag, attrs = {}, ...children) {
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

  /* ---------- scans: keyboard wedge, QR scanner, Chinese input method ---------- */

  // A Chinese input method may hand over full-width characters (０-９, Ａ-Ｚ, －) and ideographic spaces.
  function halfWidth(text) {
    return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/\u3000/g, " ");
  }

  function normaliseScan(text) {
    return halfWidth(text).replace(/[\u0000-\u001f\u007f]/g, "").trim();
  }

  function credentialFor(text) {
    return PASS_PREFIX.test(text) ? { qr: text.toUpperCase() } : { card_uid: text };
  }

  // A request id no retry changes. crypto.randomUUID needs a secure context (https or localhost);
  // a counter on the canteen's LAN over plain http has only getRandomValues.
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /* ---------- the API ---------- */

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message || code);
      this.status = status;
      this.code = code;
    }
    get retryable() { return this.status === 0 || this.status >= 500; }
  }

  async function api(method, path, body) {
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
      throw new ApiError(response.status, error.code || `http_${response.status}`, error.message);
    }
    return { status: response.status, data };
  }

  /* ---------- the alert box: errors in plain words, with what to do next ---------- */

  function showAlert(text, actions = [], kind = "error") {
    $("alert-text").textContent = text;
    const box = $("alert-actions");
    box.replaceChildren(...actions.map(([label, run, primary]) =>
      el("button", { type: "button", class: primary ? "primary" : "", onclick: run }, label)));
    $("alert").className = `alert ${kind === "warn" ? "warn" : ""}`;
    $("alert").hidden = false;
    $("alert").dataset.code = kind;
  }

  function clearAlert() {
    $("alert").hidden = true;
    $("alert").dataset.code = "";
  }

  const CODE_MESSAGES = {
    unknown_credential: "err_unknown_credential", card_blocked: "err_card_blocked", qr_expired: "err_qr_expired",
    qr_reused: "err_qr_reused", qr_revoked: "err_qr_revoked", qr_invalid: "err_qr_invalid",
    presentation_expired: "err_presentation", presentation_invalid: "err_presentation", forbidden: "err_forbidden",
  };

  function explain(error, retry) {
    if (error.status === 0) return showAlert(t("err_network"), retry ? [[t("retry"), retry, true]] : [], error.code);
    if (error.status >= 500) return showAlert(t("err_server"), retry ? [[t("retry"), retry, true]] : [], error.code);
    if (error.code === "terminal_unauthorized") return askForToken(t("err_terminal"));
    if (error.status === 401) {
      return showAlert(t("err_signed_out"), [[t("sign_in"), () => { location.href = config.login; }, true]], error.code);
    }
    if (error.code === "invalid_input" && /credential/.test(error.message)) {
      return showAlert(t("err_not_a_card"), [], error.code);
    }
    const key = CODE_MESSAGES[error.code];
    return showAlert(key ? t(key) : error.message, [], error.code);
  }

  /* ---------- the resident panel ---------- */

  async function scan(text, startedAt) {
    clearAlert();
    hideDone();
    $("resident").replaceChildren(el("p", { class: "placeholder" }, t("looking_up")));
    try {
      const { data } = await api("POST", "/credentials/present", { credential: credentialFor(text) });
      state.panel = data;
      state.credential = { presentation: data.presentation };
      state.pending = null;
      renderResident();
      window.counterTimings.scan.push(performance.now() - startedAt);
      requestQuote();
    } catch (error) {
      state.panel = null;
      state.credential = null;
      renderResident();
      renderTotals();
      explain(error, () => scan(text, performance.now()));
    }
  }

  function periodName(period) { return t(period); }

  function subsidyStatus(panel) {
    const period = (state.quote && state.quote.meal_period) || config.meal_period;
    const today = panel.subsidies_today || [];
    const now = today.find((s) => s.meal_period === period);
    if (now) return el("p", { class: "status used", id: "subsidy-status" },
      t("subsidy_used", { period: periodName(period), amount: yuan(now.amount_fen) }));
    const lines = [el("p", { class: "status free", id: "subsidy-status" },
      t("subsidy_unused", { period: periodName(period) }))];
    if (today.length) {
      lines.push(el("p", { class: "status used" },
        t("subsidy_other", { periods: today.map((s) => `${periodName(s.meal_period)} ${yuan(s.amount_fen)}`).join(t("list_separator")) })));
    }
    return lines;
  }

  function renderResident() {
    const box = $("resident");
    if (state.credential && state.credential.walk_in) {
      const methods = ["cash", "wechat", "alipay"].map((method) => el("button", {
        type: "button", "aria-pressed": String(state.walkInMethod === method), "data-method": method,
        onclick: () => { state.walkInMethod = method; renderResident(); focusScan(); },
      }, t(method)));
      box.replaceChildren(el("h2", { id: "resident-name" }, t("walk_in")), el("p", {}, t("walk_in_note")),
        el("div", { class: "methods" }, methods));
      box.dataset.state = "walk_in";
      return;
    }
    const panel = state.panel;
    if (!panel) {
      box.replaceChildren(el("p", { class: "placeholder" }, t("waiting")));
      box.dataset.state = "empty";
      return;
    }
    const r = panel.resident;
    const card = panel.card_uid
      ? [el("dt", {}, t("card_number")), el("dd", { id: "resident-card" }, panel.card_uid)] : [];
    const categories = r.categories.length
      ? r.categories.map((c) => el("span", { class: "tag" }, c.name))
      : [el("span", {}, t("no_categories"))];
    box.replaceChildren(...[
      el("h2", { id: "resident-name" }, r.name),
      el("dl", { class: "facts" },
        el("dt", {}, t("id_number")), el("dd", { id: "resident-id-number" }, r.id_number),
        el("dt", {}, t("age_label")), el("dd", { id: "resident-age" }, t("age", { age: r.age })),
        el("dt", {}, t("balance")), el("dd", { class: "balance", id: "resident-balance" }, yuan(r.balance_fen)),
        card),
      el("div", { class: "tags", id: "resident-categories" }, categories),
      panel.card_blocked
        ? el("p", { class: "status static", id: "card-status" }, t("card_now_blocked", { uid: panel.card_uid }))
        : subsidyStatus(panel),
      panel.static_pass ? el("p", { class: "status static", id: "static-warning" }, t("static_pass")) : null,
      cardActions(panel),
    ].flat().filter(Boolean));
    box.dataset.state = "resident";
  }

  // What the cashier may do for the resident shown: the presented card's life, and the /me PIN.
  function cardActions(panel) {
    const actions = [];
    if (panel.card_uid && !panel.card_blocked) {
      actions.push(button(t("card_lost"), openReportLost, false, { id: "card-lost" }));
    }
    if (panel.card_uid) actions.push(button(t("card_replace"), openReplace, false, { id: "card-replace" }));
    actions.push(button(t("pin_set"), openSetPin, false, { id: "pin-set" }));
    return el("div", { class: "actions card-actions" }, actions);
  }

  /* ---------- today's menu ---------- */

  async function loadDishes() {
    const { data } = await api("GET", "/dishes");
    state.dishes = data;
    state.dishById = new Map(data.map((d) => [d.id, d]));
    renderMenu();
  }

  function dishName(dish) { return config.locale === "en" && dish.name_en ? dish.name_en : dish.name; }

  function renderMenu() {
    const period = config.meal_period;
    $("menu-title").textContent = t("menu_of", { period: periodName(period) });
    const planned = (config.menu[period] || []).filter((id) => state.dishById.has(id));
    const today = planned.length ? planned.map((id) => state.dishById.get(id)) : state.dishes;
    const isSet = (d) => config.set_meal_categories.includes(d.category);
    const groups = [[t("set_meals"), today.filter(isSet)], [t("dishes"), today.filter((d) => !isSet(d))]];
    const menu = $("menu");
    menu.replaceChildren();
    if (!today.length) menu.append(el("p", {}, t("no_dishes")));
    for (const [title, dishes] of groups) {
      if (!dishes.length) continue;
      menu.append(el("h3", {}, title), el("div", { class: "dishes" }, dishes.map((d) => el("button", {
        type: "button", class: `dish${isSet(d) ? " set" : ""}`, "data-dish": d.id, onclick: () => addDish(d.id),
      }, el("span", { class: "name" }, dishName(d)), el("span", { class: "price" }, yuan(d.price_fen))))));
    }
    lockMenu();
  }

  function lockMenu() {
    for (const button of document.querySelectorAll(".dish")) button.disabled = Boolean(state.pending);
  }

  /* ---------- the order ---------- */

  // Digits typed before tapping a dish are its quantity ("3", then a dish = three portions).
  function typedQuantity() {
    const text = normaliseScan($("scan").value);
    return /^[1-9][0-9]?$/.test(text) ? Number(text) : null;
  }

  function addDish(dishId) {
    if (state.pending) return;
    const qty = typedQuantity();
    if (qty) $("scan").value = "";
    updateQtyHint();
    const index = state.lines.findIndex((l) => l.dish_id === dishId);
    if (index >= 0) state.lines[index].qty = Math.min(50, state.lines[index].qty + (qty || 1));
    else state.lines.push({ dish_id: dishId, qty: qty || 1 });
    state.picked = index >= 0 ? index : state.lines.length - 1;
    hideDone();
    orderChanged();
    focusScan();
  }

  function changeQty(index, delta) {
    const line = state.lines[index];
    if (!line || state.pending) return;
    line.qty = Math.min(50, line.qty + delta);
    if (line.qty <= 0) removeLine(index);
    else { state.picked = index; orderChanged(); }
  }

  function removeLine(index) {
    if (state.pending) return;
    state.lines.splice(index, 1);
    state.picked = Math.min(state.picked, state.lines.length - 1);
    orderChanged();
  }

  function orderChanged() {
    renderOrder();
    requestQuote();
  }

  function renderOrder() {
    const box = $("order");
    if (!state.lines.length) {
      box.replaceChildren(el("p", { class: "empty" }, t("order_empty")));
      return;
    }
    const rows = state.lines.map((line, index) => {
      const dish = state.dishById.get(line.dish_id) || { name: `#${line.dish_id}`, price_fen: 0 };
      return el("tr", { class: index === state.picked ? "picked" : "", "data-line": line.dish_id,
                        onclick: () => { state.picked = index; renderOrder(); focusScan(); } },
        el("td", {}, dishName(dish)),
        el("td", { class: "qty" },
          el("button", { type: "button", "aria-label": "−", onclick: (e) => { e.stopPropagation(); changeQty(index, -1); } }, "−"),
          el("span", { class: "line-qty" }, line.qty),
          el("button", { type: "button", "aria-label": "+", onclick: (e) => { e.stopPropagation(); changeQty(index, 1); } }, "+")),
        el("td", { class: "num" }, yuan(dish.price_fen * line.qty)),
        el("td", {}, el("button", { type: "button", class: "del", "aria-label": t("remove"),
                                   onclick: (e) => { e.stopPropagation(); removeLine(index); } }, "✕")));
    });
    box.replaceChildren(el("table", {}, el("tbody", {}, rows)));
  }

  function orderBody() {
    const body = { credential: state.credential, items: state.lines.map((l) => ({ dish_id: l.dish_id, qty: l.qty })) };
    if (state.credential && state.credential.walk_in) body.payment_method = state.walkInMethod;
    return body;
  }

  async function requestQuote() {
    const seq = ++state.quoteSeq;
    if (!state.credential || !state.lines.length) {
      state.quote = null;
      renderTotals();
      return;
    }
    try {
      const { data } = await api("POST", "/sales/quote", orderBody());
      if (seq !== state.quoteSeq) return; // a newer change is on its way
      state.quote = data;
      renderTotals();
      if (state.panel) renderResident(); // the quote names the meal period
    } catch (error) {
      if (seq !== state.quoteSeq) return;
      state.quote = null;
      renderTotals();
      explain(error, requestQuote);
    }
  }

  function funderName(code) { return config.funders[code] || code; }

  function renderTotals() {
    const q = state.quote;
    const box = $("totals");
    if (!q) {
      box.replaceChildren();
      updateSettle();
      return;
    }
    const rows = [el("tr", {}, el("td", {}, t("total")), el("td", { class: "num", id: "total" }, yuan(q.total_fen)))];
    for (const line of q.subsidy_lines) {
      rows.push(el("tr", { class: "subsidy" },
        el("td", {}, el("span", { class: "funder" }, funderName(line.funder)), el("span", { class: "reason" }, line.reason)),
        el("td", { class: "num" }, yuan(-line.amount_fen))));
    }
    rows.push(el("tr", { class: "payable" }, el("td", {}, t("payable")),
      el("td", { class: "num", id: "payable" }, yuan(q.payable_fen))));
    if (q.balance_fen !== null && q.balance_fen !== undefined) {
      const after = q.balance_fen - q.payable_fen;
      rows.push(el("tr", {}, el("td", {}, t("balance")), el("td", { class: "num" }, yuan(q.balance_fen))));
      rows.push(el("tr", { class: `after${after < 0 ? " short" : ""}` },
        el("td", {}, after < 0 ? t("not_enough_short") : t("balance_after")),
        el("td", { class: "num", id: "balance-after" }, yuan(after))));
    } else if (state.credential && state.credential.walk_in) {
      rows.push(el("tr", {}, el("td", {}, t("paid_by", { method: t(state.walkInMethod) })), el("td", {})));
    }
    box.replaceChildren(el("table", {}, el("tbody", {}, rows)));
    updateSettle();
  }

  function updateSettle() {
    const ready = Boolean(state.credential && state.lines.length && !state.busy);
    $("settle").disabled = !ready;
    $("settle").firstChild.textContent = state.busy ? `${t("settling")} ` : `${t("settle")} `;
  }

  /* ---------- settling ---------- */

  async function settle() {
    if (state.busy) return;
    if (!state.credential) return showAlert(t("err_no_resident"), [], "no_resident");
    if (!state.lines.length) return showAlert(t("err_no_lines"), [], "no_lines");
    // The key is made once per order and kept until a definite answer, so no retry charges twice.
    if (!state.pending) state.pending = { key: newKey(), body: orderBody() };
    const startedAt = performance.now();
    state.busy = true;
    lockMenu();
    updateSettle();
    clearAlert();
    try {
      const sale = await sendSale(state.pending);
      state.pending = null;
      state.busy = false;
      saleDone(sale, startedAt);
    } catch (error) {
      state.busy = false;
      if (!error.retryable) state.pending = null; // a refusal is an answer: the order may change now
      lockMenu();
      updateSettle();
      if (error.code === "insufficient_balance") return explainShortfall();
      explain(error, settle);
    }
  }

  async function sendSale(pending) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const { data } = await api("POST", "/sales", { ...pending.body, idempotency_key: pending.key });
        return data;
      } catch (error) {
        if (!error.retryable || attempt >= RETRY_DELAYS_MS.length) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
      }
    }
  }

  function explainShortfall() {
    const q = state.quote || { balance_fen: 0, payable_fen: 0 };
    const actions = state.panel ? [[t("top_up_now"), () => openTopUp(q.payable_fen - q.balance_fen), true]] : [];
    showAlert(t("err_insufficient", { balance: yuan(q.balance_fen || 0), needed: yuan(q.payable_fen) }), actions,
              "insufficient_balance");
  }

  function saleDone(sale, startedAt) {
    state.lastSale = { sale_id: sale.sale_id, receipt_no: sale.receipt_no, at: Date.now(), paid_fen: sale.paid_fen,
                       walk_in: sale.balance_after_fen === null };
    const box = $("done");
    box.replaceChildren(...[
      el("span", { class: "receipt-no", id: "receipt-no" }, t("receipt", { number: sale.receipt_no })),
      el("p", {}, t("sale_done", { paid: yuan(sale.paid_fen), subsidy: yuan(sale.subsidy_fen) })),
      sale.balance_after_fen !== null ? el("p", {}, t("sale_done_balance", { balance: yuan(sale.balance_after_fen) })) : null,
      el("p", {}, t("next_resident")),
    ].filter(Boolean));
    box.hidden = false;
    window.counterTimings.settle.push(performance.now() - startedAt);
    printReceipt(sale);
    resetOrder();
    refreshShift();
  }

  // The receipt prints on the counter's printer after the sale is settled; a failed print never
  // undoes the sale: the cashier sees why and can print it again.
  async function printReceipt(sale) {
    document.dispatchEvent(new CustomEvent("canteen:sale-settled", { detail: sale }));
    try {
      const outcome = (await api("POST", `/sales/${sale.sale_id}/print`, {})).data;
      if (outcome.failed) throw new ApiError(200, "print_failed", outcome.message);
    } catch (error) {
      showAlert(t("print_failed", { number: sale.receipt_no }), [[t("print_again"), () => printReceipt(sale), true]],
                "warn");
    }
  }

  function resetOrder() {
    state.panel = null;
    state.credential = null;
    state.lines = [];
    state.picked = -1;
    state.quote = null;
    state.quoteSeq += 1;
    state.pending = null;
    state.walkInMethod = "cash";
    $("scan").value = "";
    renderResident();
    renderOrder();
    renderTotals();
    lockMenu();
    updateUndo();
    focusScan();
  }

  function hideDone() { $("done").hidden = true; }

  function clearAll() {
    if (state.pending) {
      // The last attempt may have gone through: only a definite answer may drop its key.
      return showAlert(t("err_network"), [[t("retry"), settle, true]], "pending");
    }
    clearAlert();
    hideDone();
    resetOrder();
  }

  function walkIn() {
    if (state.pending) return;
    clearAlert();
    hideDone();
    state.panel = null;
    state.credential = { walk_in: true };
    renderResident();
    requestQuote();
    if (!state.shift) showAlert(t("shift_needed"), [[t("shift_open"), openShift, true]], "warn");
    focusScan();
  }

  /* ---------- dialogs: top-up, undo, shift, token (the card dialogs are further on) ---------- */

  let dialogDone = null;

  function openDialog(title, body, actions, onClose) {
    $("dialog-title").textContent = title;
    $("dialog-body").replaceChildren(...[body].flat().filter(Boolean));
    $("dialog-actions").replaceChildren(...actions);
    $("dialog-error").hidden = true;
    dialogDone = onClose || null;
    const dialog = $("dialog");
    if (!dialog.open) dialog.showModal();
    const input = dialog.querySelector("input");
    (input || dialog.querySelector("button.primary") || dialog).focus();
  }

  function closeDialog() {
    const dialog = $("dialog");
    if (dialog.open) dialog.close();
  }

  function dialogError(text) {
    $("dialog-error").textContent = text;
    $("dialog-error").hidden = false;
  }

  function hideDialogError() { $("dialog-error").hidden = true; }

  function button(label, run, primary = false, attrs = {}) {
    return el("button", { type: "button", class: primary ? "primary" : "", onclick: run, ...attrs }, label);
  }

  function errorText(error) {
    if (error.status === 0) return t("err_network");
    if (error.status >= 500) return t("err_server");
    const key = CODE_MESSAGES[error.code];
    return key ? t(key) : error.message;
  }

  function openTopUp(suggestFen) {
    if (!state.panel) return showAlert(t("err_no_resident"), [], "no_resident");
    const name = state.panel.resident.name;
    const input = el("input", { id: "topup-amount", inputmode: "decimal", autocomplete: "off",
                                value: suggestFen > 0 ? String(Math.ceil(suggestFen / 1000) * 10) : "" });
    const quick = el("div", { class: "quick" }, [50, 100, 200].map((n) =>
      button(`¥${n}`, () => { input.value = String(n); input.focus(); })));
    const next = () => {
      const fen = fenFromYuan(input.value);
      if (!fen) return dialogError(t("err_amount"));
      confirmTopUp(fen, name);
    };
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); next(); } });
    openDialog(t("top_up_title", { name }), [el("label", {}, t("top_up_amount"), input), quick],
               [button(t("next"), next, true, { id: "topup-next" }), button(t("cancel"), closeDialog)]);
  }

  function confirmTopUp(fen, name) {
    const request = { amount_fen: fen, method: "cash", idempotency_key: newKey() };
    const residentId = state.panel.resident.id;
    const yes = async () => {
      try {
        const { data } = await api("POST", `/residents/${residentId}/topups`, request);
        closeDialog();
        if (state.panel && state.panel.resident.id === residentId) {
          state.panel.resident.balance_fen = data.balance_fen;
          renderResident();
          requestQuote();
        }
        showAlert(t("top_up_done", { amount: yuan(fen), balance: yuan(data.balance_fen) }), [], "warn");
        refreshShift();
      } catch (error) {
        dialogError(errorText(error)); // the same key is reused if the cashier presses again
      }
    };
    openDialog(t("top_up_title", { name }), el("p", { class: "big", id: "topup-confirm" },
                                              t("top_up_confirm", { amount: yuan(fen), name })),
               [button(t("top_up_yes"), yes, true, { id: "topup-yes" }), button(t("back"), () => openTopUp(fen))]);
  }

  /* ---------- the presented card: report it lost, replace it; the resident page's PIN ---------- */

  const CARD_ERRORS = {
    card_exists: "err_card_taken", card_replaced: "err_card_replaced", card_blocked: "err_card_already_blocked",
    card_returned: "err_card_returned", card_not_found: "err_unknown_credential",
  };

  function cardErrorText(error, invalidKey) {
    if (error.code === "invalid_input" && invalidKey) return t(invalidKey);
    return CARD_ERRORS[error.code] ? t(CARD_ERRORS[error.code]) : errorText(error);
  }

  // The panel the dialog was opened for: a scan of someone else meanwhile must not be touched.
  function samePanel(panel) { return state.panel === panel; }

  function openReportLost() {
    const panel = state.panel;
    if (state.pending || !panel || !panel.card_uid || panel.card_blocked) return;
    const uid = panel.card_uid;
    const name = panel.resident.name;
    const yes = async () => {
      let already = false;
      try {
        await api("POST", `/cards/${encodeURIComponent(uid)}/lost`, {});
      } catch (error) {
        // Blocked meanwhile (a second press, the resident's own page): the card is blocked all the same.
        if (error.code !== "card_blocked") return dialogError(cardErrorText(error));
        already = true;
      }
      closeDialog();
      if (samePanel(panel)) cardBlocked(panel);
      showAlert(already ? t("err_card_already_blocked") : t("lost_done", { uid }),
                [[t("card_replace"), openReplace, true]], "warn");
    };
    openDialog(t("lost_title", { uid }), el("p", { class: "big", id: "lost-text" }, t("lost_confirm", { uid, name })),
               [button(t("lost_yes"), yes, true, { id: "lost-confirm" }), button(t("cancel"), closeDialog)]);
  }

  // The card cannot pay any more: drop its presentation and the order taken with it, keep the resident shown.
  function cardBlocked(panel) {
    panel.card_blocked = true;
    state.credential = null;
    state.lines = [];
    state.picked = -1;
    state.quote = null;
    state.quoteSeq += 1;
    renderResident();
    renderOrder();
    renderTotals();
  }

  // A scan field inside a dialog: same conventions as the main one (no autocorrect, full-width
  // digits from an input method, Enter that ends a composition), and the reader's taps land in it.
  function cardInput(id, onEnter) {
    const input = el("input", { id, class: "card-scan", "data-card-scan": true, autocomplete: "off",
                                autocapitalize: "off", autocorrect: "off", spellcheck: "false", enterkeyhint: "done" });
    let composing = false;
    input.addEventListener("input", hideDialogError);
    input.addEventListener("compositionstart", () => { composing = true; });
    input.addEventListener("compositionend", () => { composing = false; });
    input.addEventListener("keydown", (e) => {
      if (e.key !== "Enter") return;
      e.preventDefault();
      if (!(e.isComposing || composing || e.keyCode === 229)) onEnter();
    });
    return input;
  }

  function openReplace() {
    const panel = state.panel;
    if (state.pending || !panel || !panel.card_uid) return;
    const uid = panel.card_uid;
    const name = panel.resident.name;
    let sending = false;
    const go = async () => {
      const newUid = normaliseScan(input.value);
      if (!newUid || PASS_PREFIX.test(newUid)) return dialogError(t("err_new_card"));
      if (sending) return;
      sending = true;
      try {
        const { data } = await api("POST", `/cards/${encodeURIComponent(uid)}/replace`, { new_uid: newUid });
        closeDialog();
        await cardReplaced(panel, data.new.uid, name);
      } catch (error) {
        dialogError(cardErrorText(error, "err_new_card"));
      } finally {
        sending = false;
      }
    };
    const input = cardInput("replace-uid", go);
    openDialog(t("replace_title", { name }), [el("p", { id: "replace-note" }, t("replace_note", { uid })),
                                              el("label", {}, t("replace_uid"), input)],
               [button(t("replace_yes"), go, true, { id: "replace-confirm" }), button(t("cancel"), closeDialog)]);
  }

  // Show the resident again through the new card, so the next sale can go straight on.
  async function cardReplaced(panel, newUid, name) {
    if (!samePanel(panel) || state.pending) {
      return showAlert(t("replace_done", { uid: newUid, name, balance: yuan(panel.resident.balance_fen) }), [], "warn");
    }
    await scan(newUid, performance.now());
    if (state.panel) {
      showAlert(t("replace_done", { uid: newUid, name, balance: yuan(state.panel.resident.balance_fen) }), [], "warn");
    }
  }

  function openSetPin() {
    const panel = state.panel;
    if (!panel) return;
    const residentId = panel.resident.id;
    const name = panel.resident.name;
    const pinInput = (id) => el("input", { id, type: "password", inputmode: "numeric", autocomplete: "new-password",
                                           maxlength: 6 });
    const first = pinInput("pin-first");
    const second = pinInput("pin-second");
    for (const input of [first, second]) input.addEventListener("input", hideDialogError);
    const save = async () => {
      const pin = halfWidth(first.value).trim();
      if (!/^[0-9]{4,6}$/.test(pin)) return dialogError(t("err_pin_digits"));
      if (halfWidth(second.value).trim() !== pin) {
        second.value = "";
        second.focus();
        return dialogError(t("err_pin_mismatch"));
      }
      try {
        await api("POST", `/residents/${residentId}/pin`, { pin });
      } catch (error) {
        return dialogError(error.code === "invalid_input" ? t("err_pin_digits") : errorText(error));
      }
      closeDialog();
      showAlert(t("pin_done", { name }), [], "warn");
    };
    first.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); second.focus(); } });
    second.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); save(); } });
    openDialog(t("pin_title", { name }), [el("p", {}, t("pin_help")), el("label", {}, t("pin_first"), first),
                                          el("label", {}, t("pin_second"), second)],
               [button(t("pin_save"), save, true, { id: "pin-save" }), button(t("cancel"), closeDialog)]);
  }

  function undoAllowed() {
    const sale = state.lastSale;
    if (!sale) return false;
    return config.user.role !== "cashier" || Date.now() - sale.at <= config.undo_seconds * 1000;
  }

  function updateUndo() {
    const buttonEl = $("undo-button");
    buttonEl.disabled = !undoAllowed();
    buttonEl.title = state.lastSale && !undoAllowed() ? t("undo_manager_only") : "";
  }

  function openUndo() {
    const sale = state.lastSale;
    if (!sale) return;
    if (!undoAllowed()) return showAlert(t("undo_manager_only"), [], "forbidden");
    const input = el("input", { id: "undo-reason", autocomplete: "off" });
    const reasons = el("div", { class: "quick" }, t("undo_reasons").split("|").map((reason) =>
      button(reason, () => { input.value = reason; input.focus(); })));
    const go = async () => {
      const reason = input.value.trim();
      if (!reason) return dialogError(t("undo_reason"));
      try {
        const { data } = await api("POST", `/sales/${sale.sale_id}/void`, { reason });
        closeDialog();
        state.lastSale = null;
        updateUndo();
        hideDone();
        showAlert(data.balance_after_fen === null
          ? t("undo_done_walk_in", { receipt: sale.receipt_no, paid: yuan(sale.paid_fen) })
          : t("undo_done", { receipt: sale.receipt_no, balance: yuan(data.balance_after_fen) }), [], "warn");
        refreshShift();
      } catch (error) {
        dialogError(errorText(error));
      }
    };
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); go(); } });
    openDialog(t("undo_title", { receipt: sale.receipt_no }), [el("label", {}, t("undo_reason"), input), reasons],
               [button(t("undo_confirm"), go, true, { id: "undo-confirm" }), button(t("cancel"), closeDialog)]);
  }

  async function refreshShift() {
    try {
      const { data } = await api("GET", "/shifts/current");
      state.shift = data.shift ? data : null;
    } catch (error) {
      state.shift = null;
    }
    renderShift();
  }

  function renderShift() {
    const shiftButton = $("shift-button");
    if (state.shift) {
      const opened = new Date(state.shift.shift.opened_at);
      const time = opened.toLocaleTimeString(config.locale, { hour: "2-digit", minute: "2-digit" });
      shiftButton.textContent = t("shift_since", { time });
      shiftButton.className = "shift";
    } else {
      shiftButton.textContent = t("shift_none");
      shiftButton.className = "shift none";
    }
  }

  function reportTable(report) {
    const row = (label, value, attrs = {}) => el("tr", attrs, el("td", {}, label), el("td", { class: "num" }, value));
    const rows = [
      row(t("shift_meals"), report.meals, { "data-figure": "meals" }),
      row(t("shift_subsidised"), report.subsidised_meals, { "data-figure": "subsidised_meals" }),
      row(t("shift_voided"), report.voided_meals),
      row(t("shift_wallet"), yuan(report.wallet_takings_fen), { "data-figure": "wallet_takings" }),
      row(t("shift_cash"), yuan(report.cash_takings_fen), { "data-figure": "cash_takings" }),
      el("tr", {}, el("td", { colspan: 2 }, t("shift_cash_sales", {
        sales: yuan(report.cash_sales_fen), top_ups: yuan(report.cash_top_ups_fen) }))),
      row(t("shift_mobile"), yuan(report.mobile_takings_fen)),
      row(t("shift_float_label"), yuan(report.shift.opening_float_fen)),
      row(t("shift_expected"), yuan(report.expected_cash_fen), { "data-figure": "expected_cash" }),
    ];
    if (report.counted_cash_fen !== null) {
      rows.push(row(t("shift_counted_label"), yuan(report.counted_cash_fen)));
      rows.push(row(t("shift_difference"), yuan(report.difference_fen),
                    { class: `diff${report.difference_fen ? " bad" : ""}`, "data-figure": "difference" }));
    }
    return el("table", { class: "report", id: "shift-report" }, el("tbody", {}, rows));
  }

  async function openShift() {
    await refreshShift();
    if (!state.shift) {
      const input = el("input", { id: "shift-float", inputmode: "decimal", autocomplete: "off" });
      const go = async () => {
        const fen = fenFromYuan(input.value);
        if (fen === null) return dialogError(t("err_amount"));
        try {
          await api("POST", "/shifts", { opening_float_fen: fen });
          closeDialog();
          await refreshShift();
        } catch (error) {
          dialogError(errorText(error));
        }
      };
      input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); go(); } });
      return openDialog(t("shift_open_title"), el("label", {}, t("shift_float"), input),
                        [button(t("shift_open"), go, true, { id: "shift-open" }), button(t("cancel"), closeDialog)]);
    }
    const report = state.shift;
    const input = el("input", { id: "shift-counted", inputmode: "decimal", autocomplete: "off" });
    const go = async () => {
      const fen = fenFromYuan(input.value);
      if (fen === null) return dialogError(t("err_amount"));
      try {
        const { data } = await api("POST", `/shifts/${report.shift.id}/close`, { counted_cash_fen: fen });
        state.shift = null;
        renderShift();
        openDialog(t("shift_report"), [el("p", { class: "big", id: "shift-closed" }, t("shift_closed")),
                                       reportTable(data)],
                   [button(t("dismiss"), closeDialog, true, { id: "shift-dismiss" })]);
      } catch (error) {
        dialogError(errorText(error));
      }
    };
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); go(); } });
    openDialog(t("shift_close_title"), [reportTable(report), el("label", {}, t("shift_counted"), input)],
               [button(t("shift_close"), go, true, { id: "shift-close" }), button(t("cancel"), closeDialog)]);
  }

  function askForToken(problem) {
    const input = el("input", { id: "terminal-token", autocomplete: "off", value: "" });
    const save = async () => {
      state.token = input.value.trim();
      try {
        await loadDishes();
        localStorage.setItem(TOKEN_KEY, state.token);
        closeDialog();
        clearAlert();
        start();
      } catch (error) {
        dialogError(error.code === "terminal_unauthorized" ? t("err_terminal") : errorText(error));
      }
    };
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); save(); } });
    openDialog(t("token_title"), [el("p", {}, t("token_help")), el("label", {}, input)],
               [button(t("token_save"), save, true, { id: "token-save" })]);
    if (problem) dialogError(problem);
  }

  /* ---------- live taps from the PC/SC reader ---------- */

  function listenToReader() {
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

  /* ---------- the keyboard ---------- */

  function focusScan() {
    if (!$("dialog").open) $("scan").focus({ preventScroll: true });
  }

  function updateQtyHint() {
    const qty = typedQuantity();
    $("qty-hint").hidden = !qty;
    if (qty) $("qty-hint").textContent = t("qty_hint", { qty });
  }

  function submitScan() {
    const startedAt = performance.now();
    const text = normaliseScan($("scan").value);
    $("scan").value = "";
    updateQtyHint();
    if (!text || /^[1-9][0-9]?$/.test(text)) {
      // An empty Enter settles; a lone quantity without a dish means nothing yet.
      if (!text) settle();
      return;
    }
    if (state.pending) return; // no new resident while a sale waits for its answer
    scan(text, startedAt);
  }

  function onScanKey(event) {
    if (event.key === "Enter") {
      event.preventDefault();
      // Enter that ends a Chinese input method's composition: submit once the text is committed.
      if (event.isComposing || state.composing || event.keyCode === 229) {
        state.enterWhileComposing = true;
        return;
      }
      submitScan();
      return;
    }
    const empty = $("scan").value === "";
    if (!empty) return;
    const actions = {
      "+": () => changeQty(state.picked, 1), "-": () => changeQty(state.picked, -1),
      ArrowUp: () => changeQty(state.picked, 1), ArrowDown: () => changeQty(state.picked, -1),
      Delete: () => removeLine(state.picked),
    };
    if (actions[event.key] && state.picked >= 0) {
      event.preventDefault();
      actions[event.key]();
    }
  }

  const GLOBAL_KEYS = { F2: walkIn, F4: () => openTopUp(0), F6: openUndo, F8: openShift, Escape: clearAll };

  function onGlobalKey(event) {
    if ($("dialog").open) return; // the dialog handles its own keys (Esc closes it)
    const run = GLOBAL_KEYS[event.key];
    if (run) {
      event.preventDefault();
      run();
    }
  }

  function wireKeyboard() {
    const input = $("scan");
    $("scan-form").addEventListener("submit", (e) => e.preventDefault());
    input.addEventListener("keydown", onScanKey);
    input.addEventListener("input", updateQtyHint);
    input.addEventListener("compositionstart", () => { state.composing = true; });
    input.addEventListener("compositionend", () => {
      state.composing = false;
      if (state.enterWhileComposing) {
        state.enterWhileComposing = false;
        submitScan();
      }
    });
    document.addEventListener("keydown", onGlobalKey);
    // The scan field keeps the focus: a wedge reader types wherever the focus is.
    input.addEventListener("blur", () => setTimeout(() => {
      const active = document.activeElement;
      if (!$("dialog").open && (!active || active === document.body || active.tagName === "BUTTON")) focusScan();
    }, 0));
    $("dialog").addEventListener("close", () => {
      const done = dialogDone;
      dialogDone = null;
      if (done) done();
      focusScan();
    });
    $("settle").addEventListener("click", settle);
    $("shift-button").addEventListener("click", openShift);
    const footer = { walk_in: walkIn, top_up: () => openTopUp(0), undo: openUndo, shift: openShift, clear: clearAll };
    for (const b of document.querySelectorAll(".keys [data-action]")) b.addEventListener("click", footer[b.dataset.action]);
    setInterval(updateUndo, 5000);
  }

  /* ---------- start ---------- */

  async function start() {
    if (!state.token) return askForToken();
    try {
      await loadDishes();
    } catch (error) {
      return explain(error, start);
    }
    renderResident();
    renderOrder();
    renderTotals();
    updateUndo();
    refreshShift();
    listenToReader();
    focusScan();
    document.body.dataset.ready = "true";
  }

  $("period").textContent = periodName(config.meal_period);
  wireKeyboard();
  renderResident();
  renderOrder();
  start();
})();
