// The resident page's scripts (no inline script: the pages' Content-Security-Policy forbids it).

// A form with data-confirm asks before it is sent (reporting a card lost cannot be undone here).
document.addEventListener("submit", function (event) {
  "use strict";
  var question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) { event.preventDefault(); }
});

// The resident's QR pass: fetch the new code at every 30-second step and count down to it.
(function () {
  "use strict";
  var box = document.getElementById("pass");
  if (!box) { return; }
  var img = box.querySelector("img");
  var countdown = box.querySelector("[data-countdown]");
  var used = box.querySelector("[data-used]");
  var left = Number(box.dataset.secondsLeft) || 0;
  var timer = null;

  function show(data) {
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(data.svg);
    box.dataset.step = data.step;
    used.hidden = !data.used;
    left = data.seconds_left;
  }

  function refresh() {
    fetch(box.dataset.source, {cache: "no-store", credentials: "same-origin"})
      .then(function (response) {
        if (response.status === 401) { window.location.reload(); throw new Error("signed out"); }
        return response.json();
      })
      .then(show)
      .catch(function () { left = 3; })  // offline for a moment: try again shortly
      .then(tick);
  }

  function tick() {
    clearTimeout(timer);
    countdown.textContent = String(Math.max(left, 0));
    if (left <= 0) { refresh(); return; }
    timer = setTimeout(function () { left -= 1; tick(); }, 1000);
  }

  // A phone asleep for a while wakes up with a stale code: fetch at once.
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { refresh(); } });
  tick();
})();
