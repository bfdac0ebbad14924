/**
 * The banner above a document in review mode: what is reviewed (the code, the compared coders),
 * how many disagreements the document holds and of which kinds (the legend of the marks in the
 * margin and the text), previous and next disagreement, and the way out.
 */
import { DISAGREEMENT_KIND_LABELS, type DisagreementKind } from '../../../shared/agreement/disagreements.ts';
import type { ReviewBannerFacts } from './useDocumentReview.ts';
import './review.css';

const KINDS = Object.keys(DISAGREEMENT_KIND_LABELS) as DisagreementKind[];

export function ReviewBanner({ codeLabel, coders, count, current, currentKind, countsByKind, onPrevious, onNext, onExit }: ReviewBannerFacts) {
  return (
    <section className="review-banner" aria-label="Review mode">
      <div className="review-banner-line">
        <p className="review-banner-what">
          <span className="review-banner-badge">Reviewing</span>
          <strong className="review-banner-code">{codeLabel}</strong>
          <span className="review-banner-sep" aria-hidden="true">·</span>
          <span className="review-banner-coders">
            {coders.map((coder, i) => (
              <span key={coder.id}>
                {i > 0 && <span className="muted"> vs </span>}
                <span className="review-coder">
                  <span className="coder-dot" style={{ background: coder.color }} aria-hidden="true" />
                  {coder.name}
                </span>
              </span>
            ))}
          </span>
          <span className="review-banner-sep" aria-hidden="true">·</span>
          <span className="review-banner-count" data-testid="review-count">
            {count === 0 ? 'No disagreements here' : `${count} disagreement${count === 1 ? '' : 's'} here`}
          </span>
        </p>
        <button type="button" className="review-exit" onClick={onExit} title="Back to the normal view (Esc)">
          Exit review <kbd>Esc</kbd>
        </button>
      </div>
      <div className="review-banner-line">
        <ul className="review-legend" aria-label="Kinds of disagreement">
          {KINDS.map((kind) => (
            <li key={kind} data-kind={kind}>
              <span className={`place-swatch place-${kind}`} aria-hidden="true" />
              {DISAGREEMENT_KIND_LABELS[kind]} <span className="review-legend-count">{countsByKind[kind]}</span>
            </li>
          ))}
        </ul>
        <div className="review-banner-nav" role="group" aria-label="Move between disagreements">
          <button type="button" onClick={onPrevious} disabled={count === 0} aria-label="Previous disagreement" title="Previous disagreement (K or P)">‹</button>
          <span className="review-position" role="status">
            {current === null ? `– of ${count}` : `${current + 1} of ${count}`}
            {currentKind && <span className={`kind kind-${currentKind}`}>{DISAGREEMENT_KIND_LABELS[currentKind]}</span>}
          </span>
          <button type="button" onClick={onNext} disabled={count === 0} aria-label="Next disagreement" title="Next disagreement (J or N)">›</button>
          <span className="review-keys muted" aria-hidden="true">
            <kbd>J</kbd> <kbd>K</kbd>
          </span>
        </div>
      </div>
    </section>
  );
}
