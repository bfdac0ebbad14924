/** Lexical editor states written by hand, as the memo editor serializes them (see the contract in shared/model). */
const text = (t: string, format = 0) => ({ type: 'text', version: 1, text: t, format, detail: 0, mode: 'normal', style: '' });
const block = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({ type, version: 1, children, direction: 'ltr', format: '', indent: 0, ...extra });

/** A memo using every node of the contract. */
export const RICH_STATE = {
  root: block('root', [
    block('heading', [text('Why they distrust')], { tag: 'h2' }),
    block('paragraph', [text('The nurses are '), text('trusted', 1), text(' but '), text('not', 2), text(' the '), text('ministry', 8), text('.'), { type: 'linebreak', version: 1 }, text('See '), block('link', [text('the survey')], { url: 'https://example.org/survey' }), text('.')]),
    block('quote', [text('Trust is earned.')]),
    block('list', [block('listitem', [text('first point')], { value: 1 }), block('listitem', [block('list', [block('listitem', [text('nested point')], { value: 1 })], { listType: 'bullet', tag: 'ul', start: 1 })], { value: 2 }), block('listitem', [text('second point')], { value: 2 })], { listType: 'number', tag: 'ol', start: 1 }),
    block('list', [block('listitem', [text('a bullet')], { value: 1 })], { listType: 'bullet', tag: 'ul', start: 1 }),
    block('passage-quote', [text('my arm hurt for a week')], { documentId: 'd0000000-0000-4000-8000-000000000001', documentName: 'Interview 1', start: 27, end: 49 }),
  ]),
};

export const RICH_CONTENT = JSON.stringify(RICH_STATE);
export const RICH_PLAIN = 'Why they distrust\n\nThe nurses are trusted but not the ministry.\nSee the survey.\n\nTrust is earned.\n\nfirst point\nnested point\nsecond point\n\na bullet\n\nmy arm hurt for a week';
