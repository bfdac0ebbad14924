/**
 * The demo project's codings by two example coders, so that a new researcher sees Compare
 * coders and Review disagreements working on the first day, before they have coded anything.
 *
 * The coders are examples, and say so in their names. Their codings are a deliberate mix:
 * - the same code on the same passage (agreements);
 * - the same code with different boundaries (one takes the sentence, the other the clause);
 * - different codes on the same passage, where the starter codebook's exclusion criteria name
 *   the very confusion (constraint read as choice, a minor's consent read as criminalisation);
 * - passages only one of them coded.
 *
 * Each coding names its passage by quoting it, never by offset: {@link locateDemoCoding} finds
 * the quote in the shipped text (at `occurrence`, when the passage occurs more than once).
 *
 * Invariants (checked by tests/unit/shared/demoCodings.test.ts):
 * - every quote occurs verbatim in its document, exactly once unless `occurrence` is given;
 * - every code path names a codable code of the starter codebook;
 * - the places where the coders differ include every kind of disagreement, and the figures are
 *   neither undefined nor 1.
 *
 * Like the starter codebook, nothing is coded in the passage signed "anonymous sex worker": its
 * author objects, in the first reader response, to being quoted without permission.
 */
import type { Code, CodeId, CoderId, DocumentId, ProjectId, Segment, SegmentId } from '../model/index.ts';
import { codeNamePath } from '../coding/codeTree.ts';

/** One of the example coders. Their ids are fixed, so every demo project shares the same two. */
export interface DemoCoder {
  readonly id: CoderId;
  readonly name: string;
  /** `#rrggbb` */
  readonly color: string;
}

/** The two example coders, in the order Compare coders shows them. */
export const DEMO_CODERS = [
  { id: 'de70c0de-0000-4000-8000-00000000000a' as CoderId, name: 'Demo coder A (Priya)', color: '#c2185b' },
  { id: 'de70c0de-0000-4000-8000-00000000000b' as CoderId, name: 'Demo coder B (Tom)', color: '#e08a00' },
] as const satisfies readonly DemoCoder[];

const [PRIYA, TOM] = DEMO_CODERS;

/**
 * Whether a coder is one of the example coders (who never become the current coder by
 * default, and never stand in for the researcher on first run).
 */
export function isDemoCoder(id: string): boolean {
  return DEMO_CODERS.some((c) => c.id === id);
}

/** A code of the starter codebook by its path, category first: "Framing › Child protection". */
export type DemoCodePath = `${'Framing' | 'Actor' | 'Harm claim'} › ${string}`;

/** One coding of the demo, as a researcher would describe it. */
export interface DemoCoding {
  /** The document's file in renderer/demo/corpus/ (as in STARTER_DOCUMENTS). */
  readonly document: string;
  /** The coded passage, verbatim. */
  readonly quote: string;
  /** Which occurrence of `quote` (1 = the first); absent when the quote occurs only once. */
  readonly occurrence?: number;
  readonly code: DemoCodePath;
  readonly coderId: CoderId;
}

const NEWS = '2012-06-heat-protest-news-report.txt';
const STATEMENT = '2012-06-14-occupy-patriarchy-statement.txt';
const ADVOCATE = '2014-01-trafficking-awareness-month.txt';

/** Both coders, the same code on the same passage. */
function agreed(document: string, quote: string, code: DemoCodePath, occurrence?: number): DemoCoding[] {
  return [PRIYA, TOM].map((coder) => ({ document, quote, code, coderId: coder.id, ...(occurrence ? { occurrence } : {}) }));
}

/**
 * Every demo coding, document by document in reading order. Comments name the kind of place
 * each group makes when the two coders are compared.
 */
export const DEMO_CODINGS: readonly DemoCoding[] = [
  // News report
  ...agreed(NEWS, 'Eggs were thrown and fog horns blared as OWS members tried to push their way through the doors.', 'Harm claim › Harm to the conference'),
  // Boundaries: the whole sentence, or only the words on the sign.
  { document: NEWS, quote: 'At least one sign declared the carrier was a “sex worker and proud of it.”', code: 'Framing › Sex work as labour', coderId: PRIYA.id },
  { document: NEWS, quote: 'sex worker and proud of it', code: 'Framing › Sex work as labour', coderId: TOM.id },
  // Only Priya.
  { document: NEWS, quote: 'Some homemade signs compared the attempted prosecution of sex workers to racism and stated the police “patriarchy” should not have control in sexual matters.', code: 'Framing › Policing and repression', coderId: PRIYA.id },
  // Only Tom.
  { document: NEWS, quote: 'political leaders', code: 'Actor › Politicians and ballot campaigns', coderId: TOM.id },
  // Different codes: compulsion under capitalism, read by Tom as a defence of sex work.
  { document: NEWS, quote: 'Occupy Oakland believes the only reason Americans feel compelled to engage in a “degrading and unpleasant” profession is because capitalism forced people to exchange labor for money.', code: 'Framing › Anti-capitalist critique', coderId: PRIYA.id },
  { document: NEWS, quote: 'Occupy Oakland believes the only reason Americans feel compelled to engage in a “degrading and unpleasant” profession is because capitalism forced people to exchange labor for money.', code: 'Framing › Sex work as labour', coderId: TOM.id },
  ...agreed(NEWS, 'Occupy Oakland still opposes the event and believes only a “total anti-capitalist revolution” will thwart the sex trade', 'Framing › Anti-capitalist critique'),

  // Protest statement
  ...agreed(STATEMENT, 'The H.E.A.T. Conference is Just Another Excuse to Police Us!', 'Framing › Policing and repression'),
  // Boundaries: the sentence, or its claim without the examples.
  { document: STATEMENT, quote: 'This conference is actually a launching pad for measures that will increase policing, such as national coordination of police surveillance and the introduction of ballot initiatives to further criminalize prostitution in California.', code: 'Framing › Policing and repression', coderId: PRIYA.id },
  { document: STATEMENT, quote: 'This conference is actually a launching pad for measures that will increase policing', code: 'Framing › Policing and repression', coderId: TOM.id },
  // Different codes: the choice made under constraint (the codebook's anchor for Sex work as labour).
  { document: STATEMENT, quote: 'For some people, sex work is just a better choice, given the poverty of viable alternatives.', code: 'Framing › Sex work as labour', coderId: PRIYA.id },
  { document: STATEMENT, quote: 'For some people, sex work is just a better choice, given the poverty of viable alternatives.', code: 'Framing › Anti-capitalist critique', coderId: TOM.id },
  ...agreed(STATEMENT, 'It is only thanks to the power of religious institutions and their policing of morality that the spotlight gets shone onto those of us who labor physically in the bedroom.', 'Framing › Moral or religious agenda'),
  // Only Priya.
  { document: STATEMENT, quote: 'We reject any moral policing of our bodies.', code: 'Framing › Moral or religious agenda', coderId: PRIYA.id },
  // Boundaries: the claim, or the claim with the motive it attributes.
  { document: STATEMENT, quote: 'Clearly, human trafficking is a heinous practice, but the perpetual focus on sex is uncritically sensationalist', code: 'Framing › Sensationalism', coderId: PRIYA.id },
  { document: STATEMENT, quote: 'the perpetual focus on sex is uncritically sensationalist, and its shock value is exploited by anti-sex-trafficking groups present at the HEAT conference', code: 'Framing › Sensationalism', coderId: TOM.id },
  // The statement's own words; a reader quotes them again further down (occurrence 2, not coded).
  ...agreed(STATEMENT, 'The problem of human trafficking includes people who work in construction, hospitality, or agriculture, who also find themselves at the mercy of rings of exploitation', 'Harm claim › Forced labour outside the sex industry', 1),
  // Different codes: who is absent, or the harm of being unheard.
  { document: STATEMENT, quote: 'Where is the voice of the sex workers?', code: 'Actor › Sex workers', coderId: PRIYA.id },
  { document: STATEMENT, quote: 'Where is the voice of the sex workers?', code: 'Harm claim › Stigma and invisibility', coderId: TOM.id },
  // Only Tom: a reader endorsing the argument about sensationalism.
  { document: STATEMENT, quote: 'Thank you very much for addressing the issue of sensationalism with efforts to fight human trafficking.', code: 'Framing › Sensationalism', coderId: TOM.id },
  ...agreed(STATEMENT, 'claimed Roberts and Dennard requested sexual favors in return for their charges related to prostitution to be dropped.', 'Harm claim › Police abuse of sex workers'),

  // Advocate's blog post
  ...agreed(ADVOCATE, 'It is to bring light to the fact that children are coerced or forced into prostitution.', 'Harm claim › Sexual exploitation of children'),
  ...agreed(ADVOCATE, 'There is a need to see these children as victims of such heinous crimes and not paint them as “teen prostitutes” there is NO SUCH THING.', 'Framing › Child protection'),
  // Different codes: a minor's consent, read by Tom as a complaint about arresting minors.
  { document: ADVOCATE, quote: 'A child cannot legally consent to sex, how can s/he perpetrate the “crime” of prostitution when s/he is unable to consent to the act.', code: 'Framing › Child protection', coderId: PRIYA.id },
  { document: ADVOCATE, quote: 'A child cannot legally consent to sex, how can s/he perpetrate the “crime” of prostitution when s/he is unable to consent to the act.', code: 'Harm claim › Criminalisation harms', coderId: TOM.id },
  // Different codes: the billboard as a call to bystanders, or (its first line only) as child protection.
  { document: ADVOCATE, quote: 'Buying a Teen for Sex is Child Abuse. Turning a Blind eye is Neglect', code: 'Framing › Community responsibility', coderId: PRIYA.id },
  { document: ADVOCATE, quote: 'Buying a Teen for Sex is Child Abuse.', code: 'Framing › Child protection', coderId: TOM.id },
  ...agreed(ADVOCATE, 'Its to illustrate that while this crime is still occurring everyday in our community & making it a community issue.', 'Framing › Community responsibility'),
  // Only Tom.
  { document: ADVOCATE, quote: 'MISSSEY is as an organization works with +90 clients per month to provide services to girls at-risk or identifying as CSEC.', code: 'Actor › Nonprofits and service providers', coderId: TOM.id },
  // Boundaries: the sentence, or the clause that makes the claim.
  { document: ADVOCATE, quote: 'Boys are exploited just as much as girls, but it is more of a hidden problem because the predominant narrative has been the exploiation of girls.', code: 'Harm claim › Stigma and invisibility', coderId: PRIYA.id },
  { document: ADVOCATE, quote: 'it is more of a hidden problem because the predominant narrative has been the exploiation of girls', code: 'Harm claim › Stigma and invisibility', coderId: TOM.id },
];

/** Where each occurrence of `quote` starts in `text`. */
function occurrences(text: string, quote: string): number[] {
  const starts: number[] = [];
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) starts.push(at);
  return starts;
}

/**
 * The range `[start, end)` of a demo coding's quote in its document's text. Throws when the
 * quote is not there, or occurs more than once and the coding does not say which.
 *
 * @example locateDemoCoding('a cat, a cat', { quote: 'a cat', occurrence: 2 }) // → { start: 7, end: 12 }
 */
export function locateDemoCoding(text: string, coding: Pick<DemoCoding, 'quote' | 'occurrence'>): { start: number; end: number } {
  const starts = occurrences(text, coding.quote);
  if (coding.occurrence === undefined && starts.length !== 1) {
    throw new Error(`“${coding.quote}” occurs ${starts.length} times in its document; say which occurrence.`);
  }
  const start = starts[(coding.occurrence ?? 1) - 1];
  if (start === undefined) throw new Error(`“${coding.quote}” does not occur ${coding.occurrence ?? 1} time(s) in its document.`);
  return { start, end: start + coding.quote.length };
}

/** A demo document as stored: its file in the corpus, its id and its text. */
export interface PlacedDemoDocument {
  readonly file: string;
  readonly id: DocumentId;
  readonly text: string;
}

/**
 * The demo codings as segments of a project whose documents and starter codes are already
 * made. Throws when a document, a quote or a code is missing (the demo would be wrong).
 *
 * @example
 * planDemoSegments(DEMO_CODINGS, { projectId, documents, codes, makeId: () => crypto.randomUUID(), createdAt })
 * // → [{ documentId, codeId: <Harm to the conference>, coderId: <Priya>, start: 1234, end: 1331, … }, …]
 */
export function planDemoSegments(
  codings: readonly DemoCoding[],
  project: {
    readonly projectId: ProjectId;
    readonly documents: readonly PlacedDemoDocument[];
    /** The project's codebook: the starter codes (at least). */
    readonly codes: readonly Code[];
    readonly makeId: () => string;
    readonly createdAt: string;
  },
): Segment[] {
  const { projectId, documents, codes, makeId, createdAt } = project;
  const byFile = new Map(documents.map((d) => [d.file, d]));
  const byPath = new Map<string, CodeId>(codes.map((c) => [codeNamePath(codes, c.id).join(' › '), c.id]));
  return codings.map((coding) => {
    const document = byFile.get(coding.document);
    if (!document) throw new Error(`The demo document ${coding.document} is missing.`);
    const codeId = byPath.get(coding.code);
    if (!codeId) throw new Error(`The demo code “${coding.code}” is not in the codebook.`);
    const { start, end } = locateDemoCoding(document.text, coding);
    return { id: makeId() as SegmentId, projectId, documentId: document.id, codeId, coderId: coding.coderId, start, end, createdAt };
  });
}
