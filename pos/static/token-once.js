/* The page that shows a new terminal's token, once. Its address becomes the terminals list, so
   reloading the page asks for the list (which never shows a token) instead of posting the form again. */
const page = document.querySelector("[data-list-url]");
if (page) {
  history.replaceState(null, "", page.dataset.listUrl);
  const token = document.getElementById("token");
  token.addEventListener("focus", () => token.select());
}
