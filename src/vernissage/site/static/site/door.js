/* The door of an opening night, in the browser: no framework.
 *
 * - The opening's guest list is kept in localStorage (refreshed while online), so that the
 *   search box keeps finding guests, by name or by scanned code, when the venue's wifi fails.
 * - Every check-in and walk-in goes through an outbox kept in localStorage before anything is
 *   sent: each entry has a UUID made here at the tap (the server's CheckIn.client_id), so an
 *   entry sent twice (a lost answer, a retry, two tabs) is recorded once. Entries leave the
 *   outbox only when the server has answered for them; a refusal (400) is shown and kept in a
 *   list of its own; anything else (no network, a 5xx, a session gone) keeps them queued and
 *   they are sent again when the network is back, every few seconds, and on the next load.
 * - Online, the search answers through HTMX (server-side, one indexed query); offline, here.
 * - The camera reads QR codes with the Barcode Detection API, or jsQR where it is missing.
 * - A service worker (worker.js) keeps the page and its scripts for reopening offline.
 */
(function () {
  "use strict";

  const root = document.getElementById("door");
  if (!root) return;
  const strings = JSON.parse(document.getElementById("door-strings").textContent);
  const zone = root.dataset.zone;
  const KEY = "vernissage.door." + root.dataset.opening + ".";
  const TOKEN = /^[A-Za-z0-9_\-.~:]{16,}$/;
  const searchForm = document.getElementById("door-search");
  const input = document.getElementById("door-q");
  const results = document.getElementById("door-results");
  const log = document.getElementById("door-log");

  // --- Small helpers ---------------------------------------------------------------------

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, (_, key) => (key in values ? String(values[key]) : ""));
  }

  function load(name, fallback) {
    try {
      const value = localStorage.getItem(KEY + name);
      return value ? JSON.parse(value) : fallback;
    } catch (error) {
      return fallback;
    }
  }

  function save(name, value) {
    localStorage.setItem(KEY + name, JSON.stringify(value));
  }

  /** Folded like the server folds (case, accents, any script); the list kept here is folded
   * by this same function, so the two sides of a comparison always agree. */
  function fold(text) {
    return text
      .toUpperCase()
      .toLowerCase()
      .replace(/ς/g, "σ")
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .split(/\s+/)
      .filter(Boolean)
      .join(" ");
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  const clock = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: zone,
  });

  function timeLabel(iso) {
    return iso ? clock.format(new Date(iso)) : "";
  }

  function csrfToken() {
    const field = root.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  // --- State kept in the browser -----------------------------------------------------------

  let guests = load("guests", []);
  let outbox = load("outbox", []);
  const folded = new WeakMap();

  function foldedName(guest) {
    let name = folded.get(guest);
    if (name === undefined) {
      name = fold(guest.name);
      folded.set(guest, name);
    }
    return name;
  }

  function guestById(id) {
    return guests.find((guest) => guest.id !== null && String(guest.id) === String(id));
  }

  /** Show on the list kept here what the outbox holds: guests in, walk-ins added. */
  function applyLocally(item) {
    if (item.kind === "walk-in") {
      if (!guests.some((guest) => guest.local === item.client_id)) {
        guests.push({
          id: null,
          local: item.client_id,
          name: item.name,
          party_allowed: item.party,
          party_size: item.party,
          walk_in: true,
          status: strings.walkIn,
          access_needs: "",
          checked_in_at: item.at,
          checked_in_party: item.party,
          token_hash: "",
        });
      }
      return;
    }
    const guest = guestById(item.guest);
    if (guest && !guest.checked_in_at) {
      guest.checked_in_at = item.at;
      guest.checked_in_party = item.party;
    }
  }

  function merge(served) {
    const index = guests.findIndex((guest) => guest.id !== null && guest.id === served.id);
    if (index >= 0) guests[index] = served;
    else guests.push(served);
  }

  // --- Network state -----------------------------------------------------------------------

  let offline = !navigator.onLine;

  function setOffline(value) {
    offline = value;
    const note = document.getElementById("door-network");
    note.textContent = strings.offline;
    note.hidden = !value;
    root.classList.toggle("is-offline", value);
  }

  async function refreshList() {
    let response;
    try {
      response = await fetch(root.dataset.guestsUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (error) {
      setOffline(true);
      return;
    }
    if (response.status === 404) {
      // Signed out, or no longer allowed at the door: the list must not stay on this phone.
      // The outbox stays: what was tapped is sent once someone signs in again.
      guests = [];
      localStorage.removeItem(KEY + "guests");
      return;
    }
    if (!response.ok) return;
    const data = await response.json();
    guests = data.guests;
    outbox = load("outbox", []);
    outbox.forEach(applyLocally);
    save("guests", guests);
    setOffline(false);
    root.dataset.listed = String(guests.length);
  }

  // --- The outbox --------------------------------------------------------------------------

  function renderWaiting() {
    const note = document.getElementById("door-waiting");
    const count = outbox.length;
    note.hidden = count === 0;
    note.textContent = count === 1 ? strings.waitingOne : format(strings.waitingMany, { count });
    root.dataset.waiting = String(count);
    renderCounts();
  }

  /** The server's counts plus what waits here to be sent: the counts stay right offline. */
  function renderCounts() {
    const extra = { checked_in: 0, inside: 0, walk_ins: 0 };
    for (const item of outbox) {
      if (!item.counted) continue;
      extra.checked_in += 1;
      extra.inside += item.party;
      if (item.kind === "walk-in") extra.walk_ins += item.party;
    }
    for (const cell of root.querySelectorAll("[data-count]")) {
      const base = Number(cell.dataset.value || 0);
      cell.textContent = String(base + (extra[cell.dataset.count] || 0));
    }
  }

  function note(item, text, state) {
    let line = log.querySelector(`[data-client="${item.client_id}"]`);
    if (!line) {
      line = document.createElement("li");
      line.dataset.client = item.client_id;
      log.prepend(line);
      while (log.children.length > 12) log.lastElementChild.remove();
    }
    line.dataset.state = state;
    line.textContent = text;
    const row = results.querySelector(`.door-guest[data-guest="${item.guest}"] .door-outcome`);
    if (item.kind === "check-in" && row) row.textContent = text;
  }

  function enqueue(item) {
    outbox = load("outbox", []);
    outbox.push(item);
    save("outbox", outbox);
    applyLocally(item);
    save("guests", guests);
    renderWaiting();
  }

  function forget(item) {
    outbox = load("outbox", []).filter((entry) => entry.client_id !== item.client_id);
    save("outbox", outbox);
  }

  function body(item) {
    const form = new FormData();
    for (const name of ["guest", "name", "party", "client_id", "at"]) {
      if (item[name] !== undefined && item[name] !== null) form.append(name, item[name]);
    }
    return form;
  }

  let flushing = null;

  function flush() {
    if (!flushing) flushing = sendAll().finally(() => (flushing = null));
    return flushing;
  }

  async function sendAll() {
    let sent = 0;
    outbox = load("outbox", []);
    while (outbox.length) {
      const item = outbox[0];
      let response;
      try {
        response = await fetch(item.url, {
          method: "POST",
          body: body(item),
          credentials: "same-origin",
          headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
        });
      } catch (error) {
        setOffline(true);
        note(item, format(strings.queued, item), "queued");
        break;
      }
      setOffline(false);
      if (response.ok) {
        const data = await response.json();
        forget(item);
        merge(data.guest);
        save("guests", guests);
        note(item, data.message, data.status);
        sent += 1;
        continue;
      }
      if (response.status === 400) {
        const data = await response.json().catch(() => ({ error: response.statusText }));
        forget(item);
        const refused = load("refused", []);
        refused.push(Object.assign({}, item, { error: data.error }));
        save("refused", refused);
        note(item, format(strings.refused, data), "refused");
        continue;
      }
      // A session gone, the opening out of reach, the server failing: keep it, try later.
      note(item, response.status >= 500 ? strings.serverError : strings.signIn, "problem");
      break;
    }
    outbox = load("outbox", []);
    renderWaiting();
    if (sent && window.htmx) htmx.trigger(document.body, "door:refresh");
  }

  // --- Check-ins and walk-ins ----------------------------------------------------------------

  function checkIn(form) {
    const row = form.closest(".door-guest");
    const guest = guestById(form.elements.guest.value);
    const name = guest ? guest.name : row.querySelector(".door-name").textContent;
    const already = guest && guest.checked_in_at ? guest.checked_in_at : null;
    const item = {
      kind: "check-in",
      url: form.action,
      client_id: uuid(),
      guest: form.elements.guest.value,
      name,
      party: Number(form.elements.party.value),
      at: new Date().toISOString(),
      counted: !already && !(row && row.classList.contains("is-in")),
    };
    enqueue(item);
    if (already) {
      note(item, format(strings.localDuplicate, { name, time: timeLabel(already) }), "duplicate");
    } else {
      note(item, offline ? format(strings.queued, item) : strings.sending, "queued");
    }
    if (row) {
      row.classList.add("is-in");
      form.querySelector("button").blur();
    }
    flush();
  }

  function walkIn(form) {
    const name = form.elements.name.value.trim();
    if (!name) return;
    const item = {
      kind: "walk-in",
      url: form.action,
      client_id: uuid(),
      name,
      party: Number(form.elements.party.value) || 1,
      at: new Date().toISOString(),
      counted: true,
    };
    enqueue(item);
    note(item, offline ? format(strings.queued, item) : strings.sending, "queued");
    form.elements.name.value = "";
    form.elements.party.value = "1";
    flush();
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.matches(".door-check-in")) {
      event.preventDefault();
      checkIn(form);
    } else if (form.matches(".door-walk-in-form")) {
      event.preventDefault();
      walkIn(form);
    }
  });

  // --- Search: the server while online, the list kept here while not ------------------------

  function looksScanned(text) {
    const value = text.trim();
    return /^https?:\/\//.test(value) || (value.length >= 20 && TOKEN.test(value));
  }

  function tokenCandidates(text) {
    const value = text.trim();
    if (!/^https?:\/\//.test(value)) return [value];
    let url;
    try {
      url = new URL(value);
    } catch (error) {
      return [value];
    }
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    for (const part of url.searchParams.values()) parts.push(part);
    if (url.hash) parts.push(url.hash.slice(1));
    return parts;
  }

  async function sha256(text) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  async function findByCode(text) {
    if (!(window.crypto && crypto.subtle)) return [];
    const tokens = tokenCandidates(text).filter((part) => TOKEN.test(part));
    const hashes = await Promise.all(tokens.map(sha256));
    return guests.filter((guest) => guest.token_hash && hashes.includes(guest.token_hash)).slice(0, 1);
  }

  function findByName(text) {
    const words = fold(text).split(" ").filter(Boolean);
    if (!words.length) return [];
    return guests
      .filter((guest) => words.every((word) => foldedName(guest).includes(word)))
      .sort((a, b) => (foldedName(a) < foldedName(b) ? -1 : foldedName(a) > foldedName(b) ? 1 : 0))
      .slice(0, 10);
  }

  function rowFor(guest) {
    const template = document.getElementById("door-row-template");
    const row = template.content.firstElementChild.cloneNode(true);
    row.dataset.guest = guest.id === null ? "" : String(guest.id);
    row.querySelector(".door-name").textContent = guest.name;
    row.querySelector(".door-status").textContent = guest.status || "";
    const inside = row.querySelector(".door-in");
    if (guest.checked_in_at) {
      row.classList.add("is-in");
      inside.textContent = format(strings.checkedInAt, {
        time: timeLabel(guest.checked_in_at),
        party: guest.checked_in_party,
      });
    } else {
      inside.remove();
    }
    const needs = row.querySelector(".door-needs");
    if (guest.access_needs) needs.textContent = guest.access_needs;
    else needs.remove();
    const form = row.querySelector("form");
    if (guest.id === null) {
      form.remove(); // a walk-in added here, already in
    } else {
      form.elements.guest.value = guest.id;
      const chosen = Math.min(Math.max(guest.party_size || 1, 1), guest.party_allowed);
      for (let party = 1; party <= guest.party_allowed; party += 1) {
        form.elements.party.append(new Option(String(party), String(party), false, party === chosen));
      }
    }
    return row;
  }

  function render(found, empty) {
    results.replaceChildren();
    if (!found.length) {
      const line = document.createElement("p");
      line.className = "door-empty";
      line.textContent = empty;
      results.append(line);
      return;
    }
    const list = document.createElement("ul");
    list.className = "door-guests";
    found.forEach((guest) => list.append(rowFor(guest)));
    results.append(list);
  }

  async function searchHere() {
    const text = input.value;
    if (!text.trim()) {
      results.replaceChildren();
      return;
    }
    if (looksScanned(text)) render(await findByCode(text), strings.noCode);
    else render(findByName(text), strings.noMatch);
  }

  function search() {
    if (offline || !window.htmx) searchHere();
    else htmx.trigger(searchForm, "submit");
  }

  /** Rows the server sent do not know what still waits here: mark those guests as in. */
  function markQueued() {
    for (const item of outbox) {
      if (item.kind !== "check-in") continue;
      const row = results.querySelector(`.door-guest[data-guest="${item.guest}"]`);
      if (row) {
        row.classList.add("is-in");
        row.querySelector(".door-outcome").textContent = format(strings.queued, item);
      }
    }
  }

  document.body.addEventListener("htmx:beforeRequest", (event) => {
    if (event.detail.elt === searchForm && offline) {
      event.preventDefault();
      searchHere();
    }
  });
  document.body.addEventListener("htmx:sendError", (event) => {
    setOffline(true);
    if (event.detail.elt === searchForm) searchHere();
  });
  document.body.addEventListener("htmx:afterRequest", (event) => {
    if (event.detail.successful && offline) {
      setOffline(false);
      flush();
      refreshList();
    }
  });
  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target === results) markQueued();
    renderCounts();
  });

  // --- The camera -------------------------------------------------------------------------

  const camera = document.getElementById("door-camera");
  const video = document.getElementById("door-video");
  const cameraNote = document.getElementById("door-camera-note");
  let stream = null;

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      if (window.jsQR) return resolve();
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }

  async function detectorFor() {
    if (!("BarcodeDetector" in window)) return null;
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      return formats.includes("qr_code") ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
    } catch (error) {
      return null;
    }
  }

  function stopScan() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    camera.hidden = true;
  }

  async function scan() {
    camera.hidden = false;
    cameraNote.textContent = strings.scanning;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      video.srcObject = stream;
      await video.play();
    } catch (error) {
      cameraNote.textContent = format(strings.cameraFailed, { error: error.message || error.name });
      stream = null;
      return;
    }
    const detector = await detectorFor();
    if (!detector) await loadScript(root.dataset.jsqrUrl);
    root.dataset.reader = detector ? "BarcodeDetector" : "jsQR";
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    const look = async () => {
      if (!stream) return;
      let text = null;
      if (video.readyState >= 2 && video.videoWidth) {
        if (detector) {
          const codes = await detector.detect(video).catch(() => []);
          if (codes.length) text = codes[0].rawValue;
        } else {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          context.drawImage(video, 0, 0);
          const frame = context.getImageData(0, 0, canvas.width, canvas.height);
          const code = window.jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "attemptBoth" });
          if (code && code.data) text = code.data;
        }
      }
      if (text) {
        stopScan();
        input.value = text;
        search();
        return;
      }
      setTimeout(look, 150);
    };
    look();
  }

  const scanButton = document.getElementById("door-scan");
  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    scanButton.hidden = false;
    scanButton.addEventListener("click", scan);
    document.getElementById("door-scan-stop").addEventListener("click", stopScan);
  }

  // --- Start ------------------------------------------------------------------------------

  window.addEventListener("online", () => {
    flush().then(refreshList);
  });
  window.addEventListener("offline", () => setOffline(true));
  setInterval(() => {
    if (load("outbox", []).length) flush();
  }, 5000);
  setInterval(() => {
    if (!offline) refreshList();
  }, 60000);

  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register(root.dataset.workerUrl, { scope: root.dataset.scope }).catch(() => {});
  }

  setOffline(offline);
  renderWaiting();
  markQueued();
  flush().then(refreshList);
})();
