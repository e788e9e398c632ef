"""What the visual check measures on a page: sideways scrolling, text cut off by its box, and
text running out of its box over its neighbours."""

# Elements whose text may be cut on purpose: hidden labels for screen readers, and text that
# ends in an ellipsis with the whole of it on hover.
LAYOUT_JS = """() => {
    const viewport = document.documentElement.clientWidth;
    const describe = el => el.outerHTML.slice(0, 140);
    const deliberate = el =>
        el.closest(".visually-hidden, .sr-only, [hidden], [aria-hidden=true]") !== null
        || (getComputedStyle(el).textOverflow === "ellipsis" && el.hasAttribute("title"));
    const tooWide = [...document.querySelectorAll("body *")]
        .filter(el => el.getBoundingClientRect().right > viewport + 1)
        .filter(el => !deliberate(el) && el.getClientRects().length > 0);
    const clipped = [...document.querySelectorAll("body *")].filter(el => {
        const style = getComputedStyle(el);
        const cuts = ["hidden", "clip", "auto", "scroll"];
        if (!cuts.includes(style.overflowX) && !cuts.includes(style.overflowY)) return false;
        if (deliberate(el) || !el.innerText || !el.innerText.trim()) return false;
        const wide = cuts.includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
        const tall = cuts.includes(style.overflowY) && style.overflowY !== "auto"
            && el.scrollHeight > el.clientHeight + 1;
        return el.clientWidth > 1 && (wide || tall);
    });
    // Text in the flow that runs out of its container sideways, over whatever is next to it
    // (floated and positioned boxes, such as the admin's "Recent actions", go there on purpose).
    const placedApart = el => {
        const style = getComputedStyle(el);
        return style.float !== "none" || ["absolute", "fixed"].includes(style.position);
    };
    const spilling = [...document.querySelectorAll("body *")].filter(el => {
        const parent = el.parentElement;
        if (!parent || deliberate(el) || placedApart(el) || !el.innerText
            || !el.innerText.trim() || getComputedStyle(parent).display === "inline") {
            return false;
        }
        return el.getBoundingClientRect().right > parent.getBoundingClientRect().right + 1;
    });
    return {
        scrollWidth: document.scrollingElement.scrollWidth,
        viewport,
        tooWide: tooWide.slice(0, 5).map(describe),
        spilling: spilling.slice(-5).map(el => `${describe(el)} (${el.scrollWidth} px of `
            + `content in ${el.clientWidth} px)`),
        clipped: clipped.slice(0, 5).map(el => `${describe(el)} (shows `
            + `${el.clientWidth}x${el.clientHeight} of ${el.scrollWidth}x${el.scrollHeight})`),
    };
}"""


def layout_problems(page) -> list[str]:
    """Sideways scrolling of the page and boxes that cut their text off, readably; [] if none."""
    found = page.evaluate(LAYOUT_JS)
    problems = []
    if found["scrollWidth"] > found["viewport"]:
        problems.append(
            f"the page scrolls sideways ({found['scrollWidth']} px in a {found['viewport']} px "
            "viewport); sticking out: " + "; ".join(found["tooWide"])
        )
    problems += [f"text cut off: {html}" for html in found["clipped"]]
    problems += [f"text runs out of its box: {html}" for html in found["spilling"]]
    return problems
