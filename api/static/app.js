// The chat page: streams answers from /v1/chat/completions and opens cited sources from /documents.
"use strict";

const log = document.getElementById("log");
const form = document.getElementById("ask");
const input = document.getElementById("question");
const send = document.getElementById("send");
const panel = document.getElementById("source");
const turns = []; // {role, content} sent back as the conversation's history

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function addBubble(role, text) {
  const item = element("li", role);
  item.append(element("div", "answer", text));
  log.append(item);
  item.scrollIntoView({ block: "end" });
  return item;
}

async function* events(response) {
  // Server-sent events: "data: {...}" blocks separated by blank lines, ending with "data: [DONE]".
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = block.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
      if (data === "[DONE]") return;
      if (data) yield JSON.parse(data);
    }
  }
}

function renderAnswer(item, evidence) {
  item.replaceChildren();
  item.className = evidence.answerable ? "assistant" : "assistant refusal";
  if (!evidence.answerable) item.append(element("span", "badge", "未找到依据 · no supported answer"));
  const answer = element("div", "answer", evidence.answer);
  item.append(answer);
  if (!evidence.answerable) return;
  const sources = element("ol", "sources");
  evidence.citations.forEach((citation, index) => {
    const marker = element("button", "cite", String(index + 1));
    marker.type = "button";
    marker.setAttribute("aria-label", `来源 ${index + 1}: ${citation.headline || citation.doc}`);
    marker.addEventListener("click", () => openSource(citation));
    answer.append(marker);
    const entry = element("li");
    const link = element("button", null, `《${citation.headline || citation.doc}》 “${citation.quote}”`);
    link.type = "button";
    link.addEventListener("click", () => openSource(citation));
    entry.append(link);
    sources.append(entry);
  });
  item.append(sources);
}

async function openSource(citation) {
  const response = await fetch(`/documents/${encodeURIComponent(citation.doc).replaceAll("%2F", "/")}`);
  const body = await response.json();
  if (!response.ok) {
    document.getElementById("source-title").textContent = body.detail || "无法打开原文";
    panel.hidden = false;
    return;
  }
  document.getElementById("source-title").textContent = body.headline || body.doc;
  document.getElementById("source-meta").textContent =
    `${body.doc} · 字符 ${citation.start}–${citation.end} / ${body.chars} · indexed ${body.indexed_at}`;
  const text = document.getElementById("source-text");
  const mark = element("mark", null, body.text.slice(citation.start, citation.end));
  mark.id = "cited";
  text.replaceChildren(body.text.slice(0, citation.start), mark, body.text.slice(citation.end));
  panel.hidden = false;
  panel.focus();
  mark.scrollIntoView({ block: "center" });
}

async function ask(question) {
  turns.push({ role: "user", content: question });
  addBubble("user", question);
  const item = addBubble("assistant", "…");
  const text = item.querySelector(".answer");
  let streamed = "";
  try {
    const response = await fetch("/v1/chat/completions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ model: "qa", stream: true, messages: turns }),
    });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error((body.error && body.error.message) || `HTTP ${response.status}`);
    }
    for await (const chunk of events(response)) {
      const delta = chunk.choices[0].delta.content;
      if (delta) text.textContent = streamed += delta;
      if (chunk.qa) {
        renderAnswer(item, chunk.qa);
        turns.push({ role: "assistant", content: chunk.qa.answer });
      }
    }
  } catch (error) {
    item.className = "error";
    text.textContent = `出错了 · ${error.message}`;
    turns.pop();
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const question = input.value.trim();
  if (!question || send.disabled) return;
  input.value = "";
  send.disabled = true;
  await ask(question);
  send.disabled = false;
  input.focus();
});

input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

document.getElementById("close-source").addEventListener("click", () => { panel.hidden = true; input.focus(); });
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !panel.hidden) { panel.hidden = true; input.focus(); }
});
