// Like Framework's resize(render), but also re-renders at paper width when printing.
// A chart drawn for a 1366px screen and scaled down onto A4 gets ~6pt axis labels; redrawing it
// for the page keeps text at its designed size. Browsers fire beforeprint before laying out the
// printout (Chrome also for "Save as PDF"), and changes made in the handler are printed.

/** Width in CSS px of the printable area of A4 portrait with the browser's default margins. */
const PRINT_WIDTH = 680;

/**
 * @param {(width: number) => Node} render  draws the chart for a width in CSS px
 * @param {Promise<unknown>} [invalidation]  Framework's cell invalidation promise
 */
export function fitWidth(render, invalidation) {
  const div = document.createElement("div");
  let screenWidth;
  let printing = false;
  const draw = (width) => div.replaceChildren(render(width));

  const observer = new ResizeObserver(([entry]) => {
    const width = Math.floor(entry.contentRect.width);
    if (printing || width === screenWidth || width <= 0) return;
    draw((screenWidth = width));
  });
  const beforePrint = () => {
    printing = true;
    draw(Math.min(PRINT_WIDTH, screenWidth ?? PRINT_WIDTH));
  };
  const afterPrint = () => {
    printing = false;
    if (screenWidth) draw(screenWidth);
  };
  observer.observe(div);
  addEventListener("beforeprint", beforePrint);
  addEventListener("afterprint", afterPrint);
  invalidation?.then(() => {
    observer.disconnect();
    removeEventListener("beforeprint", beforePrint);
    removeEventListener("afterprint", afterPrint);
  });
  return div;
}
