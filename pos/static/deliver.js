/* The rider's taps, sent so that a phone on a weak connection loses none and doubles none: the form is posted in
   the background and sent again after a lost answer (the server answers a repeated tap with the first result),
   then the stop shows its outcome in place. Without this script the forms post as plain forms. */
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000];

function say(text, kind) {
  const box = document.getElementById("deliver-message");
  box.textContent = text;
  box.className = `flash ${kind}`;
  box.hidden = false;
}

async function send(form, outcome) {
  const body = new FormData(form);
  body.set("outcome", outcome);
  for (let attempt = 0; ; attempt += 1) {
    try {
      const answer = await fetch(form.action, { method: "POST", body, credentials: "same-origin",
                                                headers: { Accept: "application/json" } });
      return { status: answer.status, data: await answer.json() };
    } catch (error) {  // no answer: it may have arrived; the same tap again is safe
      if (attempt >= RETRY_DELAYS_MS.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
    }
  }
}

function marked(form, data) {
  const stop = form.closest(".stop");
  stop.classList.add("done");
  const outcome = document.createElement("p");
  outcome.className = "outcome";
  outcome.textContent = `${data.outcome_label} ${data.time}`;
  form.replaceWith(outcome);
}

for (const form of document.querySelectorAll(".stop form")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const buttons = [...form.querySelectorAll("button")];
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const { status, data } = await send(form, event.submitter.value);
      say(data.message, status < 300 ? "ok" : "error");
      if (status < 300) marked(form, data);
      else buttons.forEach((b) => { b.disabled = false; });
    } catch (error) {
      say(document.getElementById("deliver-message").dataset.offline, "error");
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
}
