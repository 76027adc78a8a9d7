// The playground page. Every message, modal and view arrives as HTML the server drew from the
// Slack app's own Block Kit (escaped there); everything else is set as text here.

const $ = (selector) => document.querySelector(selector);

async function api(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
  return data;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---- Views -----------------------------------------------------------------------------

const VIEWS = ["ask", "cards", "report"];
const shown = new Set();

function showView() {
  const name = VIEWS.includes(location.hash.slice(1)) ? location.hash.slice(1) : "ask";
  for (const view of VIEWS) {
    $(`#view-${view}`).hidden = view !== name;
    const link = document.querySelector(`nav a[data-view="${view}"]`);
    if (view === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  if (!shown.has(name)) {
    shown.add(name);
    if (name === "cards") startCards();
    if (name === "report") loadReport();
  }
}

// ---- Ask -------------------------------------------------------------------------------

/** Where each message on show is (the page's copy of Slack's container), by id. */
const places = new Map();
/** Each message's blocks as the app sent them: a click carries them back, as Slack's does. */
const blocksOf = new Map();
let opener = null;
let openModal = null;

function placeLabel(place, author) {
  const parts = [author === "you" ? "You" : "Scenario Advisor"];
  parts.push(place.channel.startsWith("D") ? "direct message" : "#playground");
  if (place.thread) parts.push("in a thread");
  if (place.ephemeral) parts.push("only visible to you");
  return parts.join(" · ");
}

function fillMessage(item, effect) {
  item.querySelector(".slack").innerHTML = effect.html;
  blocksOf.set(effect.id, effect.body?.blocks ?? []);
  const pre = item.querySelector("pre");
  if (pre) pre.textContent = effect.json;
}

function addMessage(effect) {
  const item = element("li", `message ${effect.author === "you" ? "from-you" : "from-app"}`);
  item.dataset.id = effect.id;
  item.tabIndex = -1;
  if (effect.place.thread) item.classList.add("in-thread");
  if (effect.place.ephemeral) item.classList.add("ephemeral");
  item.append(element("p", "who", placeLabel(effect.place, effect.author)));
  item.append(element("div", "slack"));
  if (effect.author !== "you") {
    const details = element("details", "json");
    details.append(element("summary", "", "Block Kit JSON"), element("pre"));
    item.append(details);
  }
  fillMessage(item, effect);
  places.set(effect.id, effect.place);
  $("#messages").append(item);
  return item;
}

function showModal(effect) {
  const modal = $("#modal");
  openModal = { callbackId: effect.callbackId, privateMetadata: effect.privateMetadata };
  $("#modal-title").innerHTML = effect.title;
  $("#modal-body").innerHTML = effect.html;
  $("#modal-json").textContent = effect.json;
  $("#modal-close").innerHTML = effect.close;
  const submit = $("#modal-submit");
  submit.hidden = effect.submit === null;
  if (effect.submit !== null) submit.innerHTML = effect.submit;
  if (!modal.open) modal.showModal();
  const first = modal.querySelector("#modal-body input, #modal-body textarea, #modal-body select");
  (first || $("#modal-close")).focus();
}

function closeModal() {
  const modal = $("#modal");
  if (modal.open) modal.close();
  openModal = null;
  if (opener?.isConnected) opener.focus();
}

/** Draws what the app sent back; focus goes to the answer, as a reader needs it. */
function apply(effects) {
  let focus = null;
  for (const effect of effects) {
    switch (effect.kind) {
      case "message": {
        const item = addMessage(effect);
        if (effect.author !== "you") focus = item;
        break;
      }
      case "replace": {
        const item = document.querySelector(`li.message[data-id="${CSS.escape(effect.id)}"]`);
        if (item) {
          fillMessage(item, effect);
          focus = item;
        }
        break;
      }
      case "delete":
        document.querySelector(`li.message[data-id="${CSS.escape(effect.id)}"]`)?.remove();
        places.delete(effect.id);
        blocksOf.delete(effect.id);
        break;
      case "modal":
        showModal(effect);
        break;
      case "modal-errors":
        for (const [blockId, message] of Object.entries(effect.errors)) {
          const input = $("#modal-body").querySelector(`[data-block-id="${CSS.escape(blockId)}"]`);
          const error = input?.closest(".sk-input")?.querySelector(".sk-error");
          if (error) {
            error.textContent = message;
            error.hidden = false;
          }
        }
        break;
      case "modal-close":
        closeModal();
        break;
      case "home":
        $("#home").hidden = false;
        $("#home-body").innerHTML = effect.html;
        $("#home-json").textContent = effect.json;
        focus = $("#home-title");
        break;
      case "title":
        $("#thread-title").textContent = `· assistant thread: ${effect.text}`;
        break;
      case "prompts":
        showPrompts(effect);
        break;
    }
  }
  if (focus && !$("#modal").open) {
    if (focus.tabIndex < 0 && focus.tagName !== "LI") focus.tabIndex = -1;
    focus.focus();
    focus.scrollIntoView({ block: "nearest" });
  }
}

function showPrompts(effect) {
  const box = $("#prompts");
  box.replaceChildren(element("span", "muted", effect.title));
  for (const prompt of effect.prompts) {
    const button = element("button", "prompt", prompt.title);
    button.type = "button";
    button.dataset.message = prompt.message;
    box.append(button);
  }
  box.hidden = false;
}

async function run(what, call) {
  const status = $("#ask-status");
  status.textContent = `${what}…`;
  try {
    apply((await call()).effects);
    status.textContent = "";
  } catch (error) {
    status.textContent = `${what} failed: ${error.message}`;
  }
}

function surface() {
  return document.querySelector('input[name="surface"]:checked').value;
}

async function ask(text) {
  await run("Asking", () => api("/api/ask", { surface: surface(), text }));
}

/** A click on an element of a message, the Home tab or the modal, sent as Slack would. */
async function click(target, value) {
  opener = target;
  const item = target.closest("li.message");
  const message = item
    ? {
        id: item.dataset.id,
        place: places.get(item.dataset.id),
        blocks: blocksOf.get(item.dataset.id) ?? [],
      }
    : undefined;
  const request = { actionId: target.dataset.actionId, blockId: target.dataset.blockId };
  if (message) request.message = message;
  if (value !== undefined) request.value = value;
  await run("Answering the click", () => api("/api/click", request));
}

function modalValues() {
  const values = {};
  for (const input of $("#modal-body").querySelectorAll(
    ".sk-input [data-block-id], .sk-input[data-block-id]",
  )) {
    const blockId = input.dataset.blockId;
    const actionId = input.dataset.actionId;
    const type = input.dataset.type;
    let state;
    if (type === "radio_buttons") {
      const checked = input.querySelector("input:checked");
      state = { type, selected_option: checked ? { value: checked.value } : null };
    } else if (type === "static_select") {
      state = { type, selected_option: input.value ? { value: input.value } : null };
    } else if (type === "plain_text_input") {
      state = { type, value: input.value === "" ? null : input.value };
    } else continue;
    values[blockId] = { ...values[blockId], [actionId]: state };
  }
  return values;
}

function setUpAsk() {
  $("#ask-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("#question").value;
    if (text.trim() === "") {
      $("#ask-status").textContent = "Type a question first.";
      $("#question").focus();
      return;
    }
    void ask(text);
  });
  $("#question").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      $("#ask-form").requestSubmit();
    }
  });
  for (const radio of document.querySelectorAll('input[name="surface"]')) {
    radio.addEventListener("change", () => {
      if (radio.checked && radio.value === "assistant") {
        void run("Opening the assistant panel", () => api("/api/assistant", {}));
      } else if (radio.checked) {
        $("#prompts").hidden = true;
      }
    });
  }
  $("#prompts").addEventListener("click", (event) => {
    const button = event.target.closest("button.prompt");
    if (!button) return;
    $("#question").value = button.dataset.message;
    void ask(button.dataset.message);
  });
  $("#open-home").addEventListener("click", () => {
    void run("Opening App Home", () => api("/api/home"));
  });
  $("#clear").addEventListener("click", () => {
    $("#messages").replaceChildren();
    places.clear();
    $("#thread-title").textContent = "";
    $("#question").focus();
  });
  // Buttons in messages, the Home tab and the modal; link buttons just open their page.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.sk-button[data-action-id]");
    if (!button || button.closest("[inert]")) return;
    void click(button, button.dataset.value);
  });
  document.addEventListener("change", (event) => {
    const select = event.target.closest("select.sk-select[data-action-id]");
    if (select?.value) void click(select, select.value);
  });
  $("#modal-form").addEventListener("submit", (event) => {
    event.preventDefault();
    if (!openModal) return;
    for (const error of $("#modal-body").querySelectorAll(".sk-error")) error.hidden = true;
    const request = { ...openModal, values: modalValues() };
    void run("Submitting the form", () => api("/api/submit", request));
  });
  $("#modal-close").addEventListener("click", closeModal);
  $("#modal").addEventListener("close", () => {
    openModal = null;
  });
  api("/api/state")
    .then((state) => {
      $("#recording-note").textContent = state.recording
        ? "Questions and feedback asked here are recorded (--record)."
        : "Nothing asked here is recorded (start with --record to record it).";
      $("#since").value = state.since;
    })
    .catch(() => {});
}

// ---- Cards -----------------------------------------------------------------------------

let cardsVersion = -1;

function outcomeText(example, titles) {
  const title = (id) => titles.get(id) || id;
  if (example.outcome === "wins")
    return example.bestGuess ? "this card (a best guess)" : "this card";
  if (example.outcome === "declined") return "declined: no card";
  return `won by ${title(example.winner)}`;
}

function renderCards(state) {
  const titles = new Map(state.cards.map((c) => [c.id, c.title]));
  const problems = $("#cards-problems");
  problems.replaceChildren();
  if (state.problems.length > 0) {
    problems.append(element("h3", "", `Problems (${state.problems.length})`));
    const list = element("ul", "problems");
    for (const p of state.problems) {
      const item = element("li");
      item.append(
        element("code", "", p.file),
        document.createTextNode(p.field ? `: ${p.field}: ` : ": "),
      );
      item.append(document.createTextNode(p.message));
      list.append(item);
    }
    problems.append(list);
  }
  if (state.unmatched) problems.append(element("p", "warning", state.unmatched));
  const cards = $("#cards-list");
  cards.replaceChildren();
  let moved = 0;
  for (const card of state.cards) {
    const article = element("article", "card");
    article.dataset.card = card.id;
    article.append(element("h3", "", card.title));
    article.append(element("p", "muted file", `${card.file} · ${card.id}`));
    const preview = element("div", "slack preview");
    preview.setAttribute("inert", "");
    preview.innerHTML = card.html;
    article.append(preview);
    const table = element("table", "examples");
    const caption = element("caption", "", "Its example questions, and the card each gets today");
    const head = element("thead");
    const headRow = element("tr");
    headRow.append(element("th", "", "Example question"), element("th", "", "Gets"));
    for (const th of headRow.children) th.scope = "col";
    head.append(headRow);
    const body = element("tbody");
    for (const example of card.examples) {
      const row = element("tr", `outcome-${example.outcome}`);
      row.append(element("td", "", example.question));
      const cell = element("td", "", outcomeText(example, titles));
      if (example.movedFrom !== undefined) {
        moved += 1;
        row.classList.add("moved");
        const was =
          example.movedFrom === null
            ? "declined"
            : titles.get(example.movedFrom) || example.movedFrom;
        cell.append(element("strong", "badge", ` moved (was ${was})`));
      }
      row.append(cell);
      body.append(row);
    }
    table.append(caption, head, body);
    article.append(table);
    cards.append(article);
  }
  const checked = new Date(state.checkedAt).toLocaleTimeString();
  const examples = state.cards.flatMap((c) => c.examples);
  const lost = examples.filter((e) => e.outcome === "lost").length;
  const declined = examples.filter((e) => e.outcome === "declined").length;
  $("#cards-status").textContent =
    `${state.cards.length} cards in ${state.dir}, ${state.problems.length} problems, checked at ${checked}; ` +
    `of ${examples.length} example questions, ${lost} go to another card and ${declined} are declined` +
    (state.version > 0
      ? `; ${moved} example${moved === 1 ? "" : "s"} moved by the last change.`
      : ".");
}

async function loadCards() {
  try {
    const state = await api("/api/cards");
    cardsVersion = state.version;
    renderCards(state);
  } catch (error) {
    $("#cards-status").textContent = `Reading the cards failed: ${error.message}`;
  }
}

function startCards() {
  void loadCards();
  const events = new EventSource("/api/cards/events");
  events.addEventListener("cards", (event) => {
    if (Number(event.data) !== cardsVersion) void loadCards();
  });
}

// ---- Report ----------------------------------------------------------------------------

const charts = new Map();

function chart(id, config, label) {
  charts.get(id)?.destroy();
  const canvas = document.getElementById(id);
  canvas.setAttribute("aria-label", label);
  const made = new window.Chart(canvas, {
    ...config,
    options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options },
  });
  charts.set(id, made);
  canvas.dataset.drawn = String(config.data.labels.length);
}

function renderReport(review) {
  const { report, conversation } = review;
  const title = (id) => review.titles[id] || id;
  $("#report-summary").textContent =
    `${report.answered} questions since ${new Date(review.since).toLocaleDateString()}, ` +
    `${report.noMatch} with no match; helpful rate ` +
    (report.helpful.rate === null ? "n/a" : `${Math.round(report.helpful.rate * 100)} %`) +
    `; the guided chooser answered ${conversation.guided.answers}.`;

  const answers = review.byScenario;
  chart(
    "chart-answers",
    {
      type: "bar",
      data: {
        labels: answers.map((a) => title(a.scenarioId)),
        datasets: [
          { label: "Answers", data: answers.map((a) => a.count), backgroundColor: "#1264a3" },
        ],
      },
      options: { indexAxis: "y" },
    },
    `Answers per scenario: ${answers.map((a) => `${title(a.scenarioId)} ${a.count}`).join(", ") || "none"}`,
  );

  const helpful = report.helpful.byScenario;
  chart(
    "chart-helpful",
    {
      type: "bar",
      data: {
        labels: helpful.map((h) => title(h.scenarioId)),
        datasets: [
          { label: "Helpful", data: helpful.map((h) => h.helpful), backgroundColor: "#2eb67d" },
          { label: "Not quite", data: helpful.map((h) => h.notQuite), backgroundColor: "#e01e5a" },
        ],
      },
      options: { indexAxis: "y", scales: { x: { stacked: true }, y: { stacked: true } } },
    },
    `Helpful vs not quite: ${helpful.map((h) => `${title(h.scenarioId)} ${h.helpful} helpful, ${h.notQuite} not quite`).join("; ") || "no feedback"}`,
  );

  const share = (n, d) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);
  chart(
    "chart-days",
    {
      type: "line",
      data: {
        labels: review.days.map((d) => d.day),
        datasets: [
          {
            label: "No match %",
            data: review.days.map((d) => share(d.noMatch, d.answered)),
            borderColor: "#e01e5a",
          },
          {
            label: "Best guess %",
            data: review.days.map((d) => share(d.bestGuess, d.answered)),
            borderColor: "#ecb22e",
          },
        ],
      },
      options: { scales: { y: { min: 0, max: 100 } } },
    },
    `No-match and best-guess share per day over ${review.days.length} days`,
  );

  const clarifying = conversation.clarifying;
  const choices = [...new Set(clarifying.flatMap((c) => c.chose.map((x) => x.label)))];
  chart(
    "chart-clarify",
    {
      type: "bar",
      data: {
        labels: clarifying.map((c) => c.question),
        datasets: [
          { label: "Asked", data: clarifying.map((c) => c.asked), backgroundColor: "#616061" },
          ...choices.map((label, i) => ({
            label: `Chose ${label}`,
            data: clarifying.map((c) => c.chose.find((x) => x.label === label)?.count ?? 0),
            stack: "chose",
            backgroundColor: ["#1264a3", "#2eb67d", "#ecb22e", "#e01e5a", "#36c5f0"][i % 5],
          })),
        ],
      },
    },
    `Clarifying questions: ${clarifying.map((c) => `${c.question} asked ${c.asked}, answered ${c.answered}`).join("; ") || "none asked"}`,
  );

  const body = $("#unanswered tbody");
  body.replaceChildren();
  for (const u of report.unanswered) {
    const row = element("tr");
    row.append(element("td", "", u.question), element("td", "", String(u.count)));
    body.append(row);
  }
  if (report.unanswered.length === 0) {
    const row = element("tr");
    const cell = element("td", "muted", "None in this period.");
    cell.colSpan = 2;
    row.append(cell);
    body.append(row);
  }
  const suggestions = $("#suggestions");
  suggestions.replaceChildren();
  if (review.suggestions.length === 0)
    suggestions.append(
      element("p", "muted", "No suggestions: nobody picked another card in this period."),
    );
  for (const s of review.suggestions) {
    const box = element("div", "suggestion");
    box.append(element("h4", "", `${title(s.scenarioId)} (${s.evidence} picks)`));
    if (s.examples.length > 0) box.append(element("p", "", `Examples: ${s.examples.join(" · ")}`));
    if (s.keywords.length > 0) box.append(element("p", "", `Keywords: ${s.keywords.join(", ")}`));
    suggestions.append(box);
  }
}

async function loadReport() {
  const status = $("#report-status");
  status.textContent = "Reading the records…";
  try {
    const since = encodeURIComponent($("#since").value || "30d");
    const review = await api(`/api/report?since=${since}`);
    $("#report-body").hidden = false;
    renderReport(review);
    status.textContent = `Report drawn (${review.report.answered} questions).`;
  } catch (error) {
    $("#report-body").hidden = true;
    status.textContent = `No report: ${error.message}`;
  }
}

function setUpReport() {
  $("#report-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void loadReport();
  });
}

setUpAsk();
setUpReport();
window.addEventListener("hashchange", showView);
showView();
