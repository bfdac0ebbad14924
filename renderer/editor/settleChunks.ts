/**
 * Lays out a freshly opened document's off-screen blocks while the browser is idle.
 *
 * A document opens fast because its blocks (DocumentChunkNode) start with
 * `content-visibility: auto`: the browser styles and lays out only what is on screen. The price
 * comes later: every block that scrolls into view must then be styled and laid out within one
 * frame, and a fast scroll brings in a new block every few frames, so those frames ran long
 * (p95 of 40–60 ms scrolling a 1 MB document with 10,000 codings, against about 20 ms with
 * everything laid out). So once the document is open, each block is switched to
 * `content-visibility: visible` (class `is-settled`) and laid out at once, a few per idle
 * period; after that, scrolling only paints. Scroll anchoring keeps the text on screen still
 * while blocks above it take their real height.
 */

/** Marks the root with `data-settled="true"` when every block is laid out (the benchmark waits for it). */
const SETTLED_ATTRIBUTE = 'settled';

/** Stop starting new blocks when less than this much of an idle period (ms) is left. */
const IDLE_MARGIN_MS = 3;

/**
 * Settles the blocks under `root` during idle periods, in document order. Returns a function
 * that stops the work (for a new document or an unmounted view).
 *
 * @example
 * useEffect(() => settleChunksWhenIdle(root), [rendered]);
 */
export function settleChunksWhenIdle(root: HTMLElement): () => void {
  const chunks = Array.from(root.querySelectorAll<HTMLElement>('.doc-chunk:not(.is-settled)'));
  delete root.dataset[SETTLED_ATTRIBUTE];
  let next = 0;
  let handle = 0;
  const work = (deadline: IdleDeadline) => {
    while (next < chunks.length && deadline.timeRemaining() > IDLE_MARGIN_MS) {
      const chunk = chunks[next++]!;
      if (!chunk.isConnected) continue;
      chunk.classList.add('is-settled');
      // Reading a size forces the style and layout now, inside the idle period, instead of
      // leaving them all to the next frame.
      void chunk.offsetHeight;
    }
    if (next < chunks.length) handle = requestIdleCallback(work);
    else root.dataset[SETTLED_ATTRIBUTE] = 'true';
  };
  handle = requestIdleCallback(work);
  return () => cancelIdleCallback(handle);
}
