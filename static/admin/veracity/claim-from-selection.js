// Article page: selecting words in the body fills the "Make a claim" form with them and the
// paragraph they are in, so the server anchors the claim there. Without JavaScript the form
// still works with pasted words.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const body = document.querySelector("[data-selectable-body]");
  const form = document.querySelector("form.claim-from-passage");
  if (!body || !form) return;
  const quote = form.querySelector("textarea[name=quote]");
  const paragraph = form.querySelector("input[name=paragraph]");
  body.addEventListener("mouseup", () => {
    const selection = window.getSelection();
    const text = selection.toString().trim();
    if (!text || !body.contains(selection.anchorNode)) return;
    const node = selection.anchorNode.nodeType === Node.ELEMENT_NODE
      ? selection.anchorNode : selection.anchorNode.parentElement;
    const inParagraph = node.closest("[data-paragraph]");
    quote.value = text.replace(/\s+/g, " ");
    paragraph.value = inParagraph ? inParagraph.dataset.paragraph : "";
    form.querySelector("button[type=submit]").focus({ preventScroll: true });
  });
});
