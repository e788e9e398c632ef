// Adds a "Preview" button under every textarea marked data-preview-url: it sends the Markdown
// to the server, which renders and sanitises it exactly as the public page will, and shows the
// result. Without JavaScript the saved version is still shown by the page itself.
"use strict";

function previewOutputFor(area) {
  const fieldset = area.closest("fieldset") || area.parentElement;
  let output = fieldset.querySelector(".verdict-preview");
  if (!output) {
    output = document.createElement("div");
    output.className = "verdict-preview";
    output.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", output);
  }
  return output;
}

async function showPreview(area, output) {
  const token = area.form.querySelector("[name=csrfmiddlewaretoken]").value;
  const data = new FormData();
  data.append("body", area.value);
  try {
    const response = await fetch(area.dataset.previewUrl, {
      method: "POST",
      body: data,
      headers: { "X-CSRFToken": token },
      credentials: "same-origin",
    });
    if (!response.ok) {
      output.textContent = `The preview failed (HTTP ${response.status}).`;
      return;
    }
    // The server returns HTML cleaned by nh3 with the same rules as the public page.
    output.innerHTML = (await response.json()).html;
  } catch (error) {
    output.textContent = "The preview failed: the server could not be reached.";
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const area of document.querySelectorAll("textarea[data-preview-url]")) {
    const output = previewOutputFor(area);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button preview-button";
    button.textContent = "Preview";
    button.addEventListener("click", () => showPreview(area, output));
    area.insertAdjacentElement("afterend", button);
  }
});
