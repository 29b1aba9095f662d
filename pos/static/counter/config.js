/* The page's boot configuration, read once: the JSON the server wrote into <script id="counter-config">
   (API root, locale, translated words, today's menu, funders, the signed-in user). */

export const config = JSON.parse(document.getElementById("counter-config").textContent);
