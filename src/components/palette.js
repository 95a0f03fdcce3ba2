// Colour-blind-safe colours for the charts.
// Categorical: Okabe & Ito (2008), distinguishable with protanopia, deuteranopia and tritanopia;
// yellow (#f0e442) is left out because it vanishes on white. Sequential: cividis; diverging: PuOr.

export const OKABE_ITO = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000", "#999999"];

/** Sequential scheme for counts (heat maps). */
export const SEQUENTIAL = "cividis";

/** Diverging scheme for changes (increase / decrease). */
export const DIVERGING = "puor";

/** Highlight colour for the selected item and the neutral colour for the rest. */
export const HIGHLIGHT = "#d55e00";
export const MUTED = "#9aa5b1";

/** Marker symbols used with the colours, so lines can be told apart without colour too. */
export const SYMBOLS = ["circle", "square", "triangle", "diamond", "star", "cross", "wye", "times"];
