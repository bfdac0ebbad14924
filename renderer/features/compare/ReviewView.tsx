/**
 * Review disagreements: the list of places where the compared coders differ, each with its
 * passage and what every coder did there, and the ways to settle it — keep one coder's version,
 * keep both, union, intersection, neither, or adjusted boundaries — written as codings of the
 * consensus coder the researcher named (one undoable step each), with progress.
 *
 * Keys (when focus is in the review, outside text fields): ↓/J next, ↑/K previous, 1–9 keep
 * that coder's version, B both, U union, I intersection, N neither, O open in the document.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { DISAGREEMENT_KIND_LABELS as KIND_LABELS, type Place, type Resolution } from '../../../shared/agreement/disagreements.ts';
import type { Code, CodeId, Coder, CoderId, DocumentId } from '../../../shared/model/index.ts';
import { truncateText } from '../../../shared/text/truncate.ts';
import { placeKey } from '../../db/consensusRepository.ts';
import { useReviewActions, useReviewData, type ReviewScope } from './useReview.ts';

interface ReviewViewProps {
  scope: ReviewScope;
  coders: readonly Coder[];
  codes: readonly Code[];
  consensusName: string;
  onClose(): void;
  onOpenPassage(documentId: DocumentId, start: number, end: number): void;
}

const ROW_HEIGHT = 58;

export function ReviewView({ scope, coders, codes, consensusName, onClose, onOpenPassage }: ReviewViewProps) {
  const data = useReviewData(scope);
  const actions = useReviewActions(scope.consensusCoderId);
  const [index, setIndex] = useState(0);
  const headingId = useId();
  const disagreements = data?.places.disagreements ?? [];
  const current = disagreements[Math.min(index, Math.max(0, disagreements.length - 1))];
  const settledCount = data ? disagreements.filter((p) => data.settled.has(placeKey(p))).length : 0;
  const openAgreements = data ? data.places.agreements.filter((p) => !data.settled.has(placeKey(p))) : [];
  const coderName = useMemo(() => new Map(coders.map((c) => [c.id, c.name])), [coders]);
  const codeName = useMemo(() => new Map(codes.map((c) => [c.id, c.name])), [codes]);

  const settle = (resolution: Resolution, what: string) => {
    if (!current) return;
    void actions.settle(current, resolution, `Settle a disagreement: ${what}`).then(() => setIndex((i) => Math.min(i + 1, disagreements.length - 1)));
  };
  const choices = current ? resolutionChoices(current, coderName) : [];

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.tagName === 'INPUT' || target.tagName === 'SELECT' || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'arrowdown' || key === 'j') setIndex((i) => Math.min(i + 1, disagreements.length - 1));
    else if (key === 'arrowup' || key === 'k') setIndex((i) => Math.max(i - 1, 0));
    else if (key === 'o' && current) onOpenPassage(current.documentId, current.start, current.end);
    else {
      const choice = choices.find((c) => c.key === key);
      if (!choice) return;
      settle(choice.resolution, choice.what);
    }
    event.preventDefault();
  };

  return (
    <section className="review-view" aria-labelledby={headingId} onKeyDown={onKeyDown}>
      <header className="compare-header">
        <h2 id={headingId}>Review disagreements</h2>
        <span className="review-progress" role="status">
          {data ? `${settledCount} of ${disagreements.length} resolved` : 'Finding disagreements…'}
        </span>
        <span className="muted">Consensus coder: {consensusName}</span>
        <button type="button" disabled={openAgreements.length === 0} onClick={() => void actions.acceptAgreements(openAgreements)}>
          Accept {openAgreements.length} agreement{openAgreements.length === 1 ? '' : 's'}
        </button>
        <button type="button" onClick={onClose}>Back to the comparison</button>
      </header>
      {data && disagreements.length === 0 && <p className="compare-status">The coders do not differ anywhere in what is compared.</p>}
      {data && current && (
        <div className="review-body">
          <DisagreementList disagreements={disagreements} texts={data.texts} settled={data.settled} index={index} onSelect={setIndex} />
          <PlaceDetail
            place={current}
            position={`${index + 1} of ${disagreements.length}`}
            documentName={data.documentNames.get(current.documentId) ?? ''}
            text={data.texts.get(current.documentId) ?? ''}
            isSettled={data.settled.has(placeKey(current))}
            coderName={coderName}
            codeName={codeName}
            choices={choices}
            onSettle={settle}
            onOpen={() => onOpenPassage(current.documentId, current.start, current.end)}
            onPrevious={() => setIndex((i) => Math.max(i - 1, 0))}
            onNext={() => setIndex((i) => Math.min(i + 1, disagreements.length - 1))}
          />
        </div>
      )}
    </section>
  );
}

interface DisagreementListProps {
  disagreements: readonly Place[];
  texts: ReadonlyMap<DocumentId, string>;
  settled: ReadonlySet<string>;
  index: number;
  onSelect(index: number): void;
}

/**
 * The list, virtualised, apart from the rest of the review: scrolling re-renders only the rows
 * in view, not the detail beside them (5,000 entries scroll at the display's frame rate).
 */
const DisagreementList = memo(function DisagreementList({ disagreements, texts, settled, index, onSelect }: DisagreementListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  // The virtualizer's functions change identity as it measures; nothing here memoises them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: disagreements.length, getScrollElement: () => listRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  useEffect(() => {
    if (disagreements.length) virtualizer.scrollToIndex(Math.min(index, disagreements.length - 1), { align: 'auto' });
  }, [index, disagreements.length, virtualizer]);
  return (
    <div className="review-list" ref={listRef} role="listbox" aria-label="Disagreements" tabIndex={0} aria-activedescendant={`review-${index}`}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const place = disagreements[item.index]!;
          const text = texts.get(place.documentId) ?? '';
          const isSettled = settled.has(placeKey(place));
          return (
            <div
              key={item.key}
              id={`review-${item.index}`}
              role="option"
              aria-selected={item.index === index}
              className={`review-item${isSettled ? ' settled' : ''}`}
              style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, left: 0, right: 0 }}
              onClick={() => onSelect(item.index)}
            >
              <span className={`kind kind-${place.kind}`}>{KIND_LABELS[place.kind!]}</span>
              {isSettled && <span className="settled-mark">Resolved</span>}
              <span className="review-excerpt">{truncateText(text.slice(place.start, place.end).replace(/\s+/g, ' ').trim(), 90)}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
});

interface Choice {
  key: string;
  label: string;
  what: string;
  resolution: Resolution;
}

function resolutionChoices(place: Place, coderName: ReadonlyMap<CoderId, string>): Choice[] {
  const perCoder: Choice[] = place.versions.slice(0, 9).map((v, i) => {
    const name = coderName.get(v.coderId) ?? 'a coder';
    return { key: String(i + 1), label: `Keep ${name}’s`, what: `keep ${name}’s version`, resolution: { kind: 'coder', coderId: v.coderId } };
  });
  return [
    ...perCoder,
    { key: 'b', label: 'Keep both', what: 'keep both', resolution: { kind: 'both' } },
    { key: 'u', label: 'Union', what: 'union', resolution: { kind: 'union' } },
    { key: 'i', label: 'Intersection', what: 'intersection', resolution: { kind: 'intersection' } },
    { key: 'n', label: 'Neither', what: 'neither', resolution: { kind: 'neither' } },
  ];
}

interface PlaceDetailProps {
  place: Place;
  position: string;
  documentName: string;
  text: string;
  isSettled: boolean;
  coderName: ReadonlyMap<CoderId, string>;
  codeName: ReadonlyMap<CodeId, string>;
  choices: Choice[];
  onSettle(resolution: Resolution, what: string): void;
  onOpen(): void;
  onPrevious(): void;
  onNext(): void;
}

const CONTEXT = 120;

function PlaceDetail({ place, position, documentName, text, isSettled, coderName, codeName, choices, onSettle, onOpen, onPrevious, onNext }: PlaceDetailProps) {
  const codeIds = [...new Set(place.versions.flatMap((v) => v.codings.map((c) => c.codeId)))];
  const [adjust, setAdjust] = useState({ start: place.start, end: place.end, codeIds });
  useEffect(() => setAdjust({ start: place.start, end: place.end, codeIds: [...new Set(place.versions.flatMap((v) => v.codings.map((c) => c.codeId)))] }), [place]);
  const before = text.slice(Math.max(0, place.start - CONTEXT), place.start);
  const after = text.slice(place.end, place.end + CONTEXT);
  return (
    <article className="review-detail" aria-label="Disagreement">
      <p className="review-meta">
        <span className={`kind kind-${place.kind}`}>{KIND_LABELS[place.kind!]}</span> in <strong>{documentName}</strong>, characters {place.start}–{place.end} · {position}
        {isSettled && <span className="settled-mark">Resolved</span>}
      </p>
      <blockquote className="review-passage">
        <span className="muted">{before.length === CONTEXT ? '…' : ''}{before}</span>
        <mark>{text.slice(place.start, place.end)}</mark>
        <span className="muted">{after}{after.length === CONTEXT ? '…' : ''}</span>
      </blockquote>
      <table className="review-versions">
        <caption className="visually-hidden">What each coder did</caption>
        <thead>
          <tr>
            <th scope="col">Coder</th>
            <th scope="col">Codings here</th>
          </tr>
        </thead>
        <tbody>
          {place.versions.map((v) => (
            <tr key={v.coderId}>
              <th scope="row">{coderName.get(v.coderId) ?? 'Unknown coder'}</th>
              <td>
                {v.codings.length === 0 ? (
                  <span className="muted">Nothing coded</span>
                ) : (
                  v.codings.map((c, i) => (
                    <div key={i}>
                      <strong>{codeName.get(c.codeId) ?? 'Deleted code'}</strong> {c.start}–{c.end}: “{truncateText(text.slice(c.start, c.end).replace(/\s+/g, ' ').trim(), 80)}”
                    </div>
                  ))
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="review-actions" role="group" aria-label="Settle this disagreement">
        {choices.map((c) => (
          <button key={c.key} type="button" onClick={() => onSettle(c.resolution, c.what)} title={`Key ${c.key.toUpperCase()}`}>
            {c.label} <kbd>{c.key.toUpperCase()}</kbd>
          </button>
        ))}
      </div>
      <fieldset className="review-adjust">
        <legend>Adjust the boundaries</legend>
        <label>
          From
          <input type="number" min={0} max={text.length} value={adjust.start} onChange={(e) => setAdjust({ ...adjust, start: Number(e.target.value) })} />
        </label>
        <label>
          to
          <input type="number" min={0} max={text.length} value={adjust.end} onChange={(e) => setAdjust({ ...adjust, end: Number(e.target.value) })} />
        </label>
        {codeIds.map((id) => (
          <label key={id}>
            <input
              type="checkbox"
              checked={adjust.codeIds.includes(id)}
              onChange={(e) => setAdjust({ ...adjust, codeIds: e.target.checked ? [...adjust.codeIds, id] : adjust.codeIds.filter((c) => c !== id) })}
            />
            {codeName.get(id) ?? 'Deleted code'}
          </label>
        ))}
        <button
          type="button"
          disabled={!(adjust.end > adjust.start) || adjust.start < 0 || adjust.end > text.length || adjust.codeIds.length === 0}
          onClick={() => onSettle({ kind: 'adjust', start: adjust.start, end: adjust.end, codeIds: adjust.codeIds }, 'adjusted boundaries')}
        >
          Keep adjusted
        </button>
      </fieldset>
      <div className="review-nav">
        <button type="button" onClick={onPrevious}>Previous <kbd>K</kbd></button>
        <button type="button" onClick={onNext}>Next <kbd>J</kbd></button>
        <button type="button" onClick={onOpen}>Open in the document <kbd>O</kbd></button>
      </div>
    </article>
  );
}
