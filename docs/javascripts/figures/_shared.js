/* GenAI Atlas: helpers shared by the interactive figures (ES module, loaded only by them).
   The figures' styles are in stylesheets/figures.css, which the loader (atlas.js) adds with the
   first figure. A figure's mount(el) may throw or return a promise; the loader catches both. Errors
   after that reach it through fail(): every event handler a figure sets goes through listener(),
   which reports what the handler throws and what a promise it returns rejects with. */

/** The figure's data, written at build time into data-atlas-data as JSON (an object). */
export function readData(el) {
  let data;
  try {
    data = JSON.parse(el.getAttribute("data-atlas-data") || "{}");
  } catch (error) {
    throw new Error("the figure's data-atlas-data is not valid JSON", { cause: error });
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("the figure's data-atlas-data is not a JSON object");
  return data;
}

/** Report an error met after mount() returned; the loader (atlas.js) puts the figure back to its table. */
export function fail(el, error) {
  el.dispatchEvent(new CustomEvent("atlas-figure-error", { detail: error }));
}

/** `fn`, guarded: what it throws, and what a promise it returns rejects with, go to fail(). */
export function guard(el, fn) {
  return function guarded(...args) {
    try {
      const result = fn.apply(this, args);
      if (result && typeof result.then === "function") result.then(undefined, (error) => fail(el, error));
      return result;
    } catch (error) {
      fail(el, error);
      return undefined;
    }
  };
}

/** on(target, type, handler): addEventListener with the handler guarded for figure `el`. */
export function listener(el) {
  return (target, type, handler, options) => target.addEventListener(type, guard(el, handler), options);
}

/** Create an element: h("button", {type: "button", class: "x"}, "text", child...). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined) el.append(c);
  return el;
}

/** A polite live region inside the figure; say() makes repeated messages heard too. */
export function liveRegion(parent) {
  const region = h("div", { class: "atlas-sr-only", role: "status", "aria-live": "polite", "data-role": "live" });
  parent.appendChild(region);
  let timer;
  return function say(message, delay = 0) {
    clearTimeout(timer);
    timer = setTimeout(() => {
      region.textContent = "";
      setTimeout(() => { region.textContent = message; }, 30);
    }, delay);
  };
}

let uid = 0;
export function newId(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}
